import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Governance } from '../src/policy/index.ts';
import { ROLES, type Role } from '../src/policy/roles.ts';
import type { Viewer } from '../src/policy/viewer.ts';
import { ingest } from '../src/readers/ingest.ts';
import { buildApp, type RouteInfo } from '../src/server/app.ts';
import { governed } from './support/governance.ts';
import { freshStore, STORE_KINDS, type TestStore } from './support/stores.ts';

/**
 * The leak suite. Canary entities are held by the home agency under every
 * combination of marking and agreement that matters; every registered HTTP
 * route (enumerated from the app, so a route added later is covered without
 * touching this file) is called as every role of four agencies, with and
 * without an API token, and no canary may reach a caller who may not see it:
 * not in bodies, headers, counts or errors. A hidden entity or agreement must
 * answer exactly as a missing one does.
 *
 * The oracle below is written from the rules, independently of the policy code.
 */
type Agency = 'local' | 'fiu-nl' | 'customs-be' | 'bank-de';
const AGENCIES: Array<{ id: Agency; country: string; sector: string }> = [
  { id: 'fiu-nl', country: 'NL', sector: 'financial_intelligence_unit' },
  { id: 'customs-be', country: 'BE', sector: 'customs' },
  { id: 'bank-de', country: 'DE', sector: 'bank' },
];
const READERS: Role[] = ['analyst', 'supervisor', 'liaison_officer'];

interface Caller {
  name: string;
  agency: Agency | null;
  roles: Role[];
  clearance: string;
  purpose: string;
  token: string | null;
}

interface Canary {
  key: string;
  marking: string;
  id: string;
  dataset: string;
  nameToken: string;
  idToken: string;
}

type Sight = 'full' | 'minimised' | 'none';

/** Agreement A1 (local ↔ fiu-nl, approved by both, AMBER / CONFIDENTIAL, sanctions + aml, idNumber hashed, birthDate dropped). */
function oracle(c: Canary, u: Caller): Sight {
  if (!u.agency || !u.roles.some((r) => READERS.includes(r))) return 'none';
  const secretOk = u.clearance === 'SECRET';
  const confidentialOk = u.clearance === 'SECRET' || u.clearance === 'CONFIDENTIAL';
  const viaA1 = u.agency === 'fiu-nl' && ['sanctions', 'aml'].includes(u.purpose) ? 'minimised' : 'none';
  switch (c.key) {
    case 'clear':
    case 'green':
      return 'full';
    case 'amber':
      return u.agency === 'local' ? 'full' : viaA1;
    case 'strict':
    case 'red':
    case 'orcon':
      return u.agency === 'local' ? 'full' : 'none';
    case 'secret':
      return u.agency === 'local' && secretOk ? 'full' : 'none';
    case 'confidential':
      if (!confidentialOk) return 'none';
      return u.agency === 'local' ? 'full' : viaA1;
    case 'relnl':
      return u.agency === 'local' || u.agency === 'fiu-nl' ? 'full' : 'none';
    case 'aml':
      if (u.purpose !== 'aml') return 'none';
      return u.agency === 'local' ? 'full' : viaA1;
    default:
      throw new Error(`no oracle for ${c.key}`);
  }
}

const CANARY_MARKINGS: Record<string, string> = {
  clear: 'TLP:CLEAR',
  green: 'TLP:GREEN',
  amber: 'TLP:AMBER',
  strict: 'TLP:AMBER+STRICT',
  red: 'TLP:RED',
  secret: 'TLP:AMBER//SECRET',
  confidential: 'TLP:AMBER//CONFIDENTIAL',
  relnl: 'TLP:GREEN//REL TO NL',
  aml: 'TLP:AMBER//PURPOSE aml',
  orcon: 'TLP:AMBER//ORCON bank-de',
};

function token(prefix: string): string {
  return prefix + randomBytes(6).toString('hex').toUpperCase();
}

for (const kind of STORE_KINDS) {
  describe(`leak suite on ${kind}`, () => {
    let t: TestStore;
    let gov: Governance;
    let app: FastifyInstance;
    const callers: Caller[] = [];
    const canaries: Canary[] = [];
    const agreementIds: Record<string, string> = {};
    const tokenIds: string[] = [];

    before(async () => {
      t = await freshStore(kind);
      const g = await governed(t.store);
      gov = g.gov;
      const admin = g.admin;
      const dir = await mkdtemp(join(tmpdir(), 'sextant-leak-'));
      for (const a of AGENCIES) await gov.identity.createAgency(admin, { id: a.id, name: a.id, country: a.country, sector: a.sector });

      // Every role of every agency, each with a token scoped to everything (roles still limit it).
      const viewers = new Map<string, Viewer>();
      for (const agency of ['local', ...AGENCIES.map((a) => a.id)] as Agency[]) {
        for (const role of ROLES) {
          const username = `${agency}.${role}`.replace(/_/g, '-');
          await gov.identity.createUser(admin, { username, agency, roles: [role], clearance: 'SECRET', password: 'correct horse battery' });
          const viewer = await gov.identity.cliViewer(username, 'sanctions');
          viewers.set(username, viewer);
          const issued = await gov.identity.createToken(viewer, { name: 'leak', scopes: [...viewer.capabilities] });
          tokenIds.push(issued.info.id);
          callers.push({ name: username, agency, roles: [role], clearance: 'SECRET', purpose: 'sanctions', token: issued.token });
          if (role === 'analyst') callers.push({ name: `${username}+aml`, agency, roles: [role], clearance: 'SECRET', purpose: 'aml', token: issued.token });
        }
      }
      await gov.identity.createUser(admin, { username: 'local.low', agency: 'local', roles: ['analyst'], clearance: 'UNCLASSIFIED', password: 'correct horse battery' });
      const low = await gov.identity.cliViewer('local.low', 'sanctions');
      callers.push({ name: 'local.low', agency: 'local', roles: ['analyst'], clearance: 'UNCLASSIFIED', purpose: 'sanctions', token: (await gov.identity.createToken(low, { name: 'leak', scopes: ['data:read'] })).token });
      await gov.identity.createUser(admin, { username: 'fiu-nl.conf', agency: 'fiu-nl', roles: ['analyst'], clearance: 'CONFIDENTIAL', password: 'correct horse battery' });
      const conf = await gov.identity.cliViewer('fiu-nl.conf', 'sanctions');
      callers.push({ name: 'fiu-nl.conf', agency: 'fiu-nl', roles: ['analyst'], clearance: 'CONFIDENTIAL', purpose: 'sanctions', token: (await gov.identity.createToken(conf, { name: 'leak', scopes: ['data:read'] })).token });
      callers.push({ name: 'anonymous', agency: null, roles: [], clearance: 'UNCLASSIFIED', purpose: 'sanctions', token: null });
      callers.push({ name: 'forged-token', agency: null, roles: [], clearance: 'UNCLASSIFIED', purpose: 'sanctions', token: 'sxt_' + 'A'.repeat(43) });

      // Agreements: A1 in force; A2 approved only by the recipient; A3 revoked.
      const v = (name: string) => viewers.get(name)!;
      const a1 = await gov.agreements.create(v('local.liaison-officer'), {
        name: 'A1 local-fiu',
        parties: ['local', 'fiu-nl'],
        categories: [{ schema: 'Thing' }],
        purposes: ['sanctions', 'aml'],
        maxTlp: 'AMBER',
        maxLevel: 'CONFIDENTIAL',
        minimisation: [
          { property: 'idNumber', action: 'hash' },
          { property: 'birthDate', action: 'drop' },
        ],
      });
      await gov.agreements.approve(v('local.supervisor'), a1.id);
      await gov.agreements.approve(v('fiu-nl.supervisor'), a1.id);
      const a2 = await gov.agreements.create(v('customs-be.liaison-officer'), { name: 'A2 unapproved by holder', parties: ['local', 'customs-be'], categories: [{ schema: 'Thing' }], purposes: ['sanctions', 'aml'], maxTlp: 'RED', maxLevel: 'SECRET' });
      await gov.agreements.approve(v('customs-be.supervisor'), a2.id);
      const a3 = await gov.agreements.create(v('local.liaison-officer'), { name: 'A3 revoked', parties: ['local', 'bank-de'], categories: [{ schema: 'Thing' }], purposes: ['sanctions', 'aml'], maxTlp: 'RED', maxLevel: 'SECRET' });
      await gov.agreements.approve(v('local.supervisor'), a3.id);
      await gov.agreements.approve(v('bank-de.supervisor'), a3.id);
      await gov.agreements.revoke(v('local.liaison-officer'), a3.id);
      Object.assign(agreementIds, { a1: a1.id, a2: a2.id, a3: a3.id });

      // The canaries: one dataset per marking, held by local.
      for (const [key, marking] of Object.entries(CANARY_MARKINGS)) {
        const c: Canary = { key, marking, id: `canary-${key}`, dataset: `canary_${key}`, nameToken: token('N'), idToken: token('I') };
        canaries.push(c);
        const file = join(dir, `${c.dataset}.ftm.json`);
        const entity = { id: c.id, schema: 'Person', properties: { name: [`Canary ${c.nameToken}`], idNumber: [c.idToken], birthDate: ['1970-01-02'], nationality: ['ru'] } };
        await writeFile(file, JSON.stringify(entity) + '\n');
        const s = await ingest(t.store, { path: file, dataset: c.dataset, agency: 'local', marking, quarantineDir: dir });
        assert.equal(s.entities, 1);
      }
      app = await buildApp(gov, { bodyLimit: 1024 * 1024, logLevel: 'silent' });
    });
    after(async () => {
      await app?.close();
      await t?.dispose();
    });

    /** Values to try for each path parameter: every canary and agreement, and things that do not exist. */
    function paramValues(name: string): string[] {
      switch (name) {
        case 'id':
          return [...canaries.map((c) => c.id), 'canary-missing', ...Object.values(agreementIds), 'agr-missing', tokenIds[0]!, tokenIds[tokenIds.length - 1]!];
        case 'dataset':
          return [...canaries.map((c) => c.dataset), 'canary_missing'];
        case 'username':
          return ['local.analyst', 'fiu-nl.analyst', 'nobody'];
        default:
          return ['x'];
      }
    }

    /** Query strings to try: a route's required parameters filled with probes aimed at the canaries. */
    function queries(route: RouteInfo): string[] {
      const qs = (route.schema?.querystring ?? {}) as { properties?: Record<string, unknown>; required?: string[] };
      const props = Object.keys(qs.properties ?? {});
      const out: string[] = [''];
      if (props.includes('q')) out.splice(0, 1, 'q=canary', ...canaries.slice(0, 3).map((c) => `q=${c.nameToken}`));
      if (props.includes('partner')) out.splice(0, out.length, ...AGENCIES.map((a) => `partner=${a.id}`), 'partner=local');
      if (props.includes('entity')) out.push(...canaries.map((c) => `entity=${c.id}`));
      if (props.includes('dataset') && !props.includes('partner')) out.push(...canaries.map((c) => `dataset=${c.dataset}`));
      return out;
    }

    /**
     * Reading routes are tried with every canary, agreement and token id;
     * changing routes (approve, revoke, delete) only with ids that do not
     * exist, so that the sweep does not change what the oracle assumes.
     */
    function expand(url: string, method: string): string[] {
      const names = [...url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
      let urls = [url];
      const values = (n: string) => (method === 'GET' ? paramValues(n) : paramValues(n).filter((v) => /missing|nobody/.test(v)));
      for (const n of names) urls = urls.flatMap((u) => values(n).map((v) => u.replace(`:${n}`, encodeURIComponent(v))));
      return urls;
    }

    async function call(caller: Caller, method: string, url: string): Promise<LightMyRequestResponse> {
      const headers: Record<string, string> = { 'x-sextant-purpose': caller.purpose };
      if (caller.token) headers.authorization = `Bearer ${caller.token}`;
      const unsafe = method !== 'GET' && method !== 'HEAD';
      return app.inject({ method: method as 'GET', url, headers: unsafe ? { ...headers, 'content-type': 'application/json' } : headers, ...(unsafe ? { payload: '{}' } : {}) });
    }

    /** What of the response a caller could read: body and headers; audit query echoes (what users typed) set aside. */
    function visibleText(res: LightMyRequestResponse, url: string): string {
      let body = res.body;
      if (url.startsWith('/audit') && res.statusCode === 200) {
        const parsed = JSON.parse(body) as { records?: unknown };
        for (const r of Array.isArray(parsed.records) ? (parsed.records as Array<{ details: Record<string, unknown> }>) : []) {
          delete r.details.query;
          delete r.details.filter;
        }
        body = JSON.stringify(parsed);
      }
      return body + '\n' + JSON.stringify(res.headers);
    }

    it('enumerates every registered route (a new route is covered without editing this test)', () => {
      const urls = new Set(app.routeCatalogue.map((r) => `${r.method} ${r.url}`));
      for (const expected of ['GET /entities/:id', 'GET /search', 'GET /lists', 'GET /agreements/:id', 'GET /audit', 'GET /export', 'POST /agreements']) {
        assert.ok(urls.has(expected), expected);
      }
      // Everything but health, the OpenAPI document, the docs and login needs credentials.
      const open = app.routeCatalogue.filter((r) => r.public && r.method !== 'HEAD' && !r.url.startsWith('/docs')).map((r) => `${r.method} ${r.url}`);
      assert.deepEqual(open.sort(), ['GET /healthz', 'GET /openapi.json', 'POST /auth/login']);
    });

    it('no canary reaches a caller who may not see it, on any route, as any role of any agency', async () => {
      const routes = app.routeCatalogue.filter((r) => !r.url.startsWith('/docs') && r.method !== 'HEAD' && r.url !== '/auth/logout' && r.url !== '/retention/run');
      let requests = 0;
      const failures: string[] = [];
      for (const route of routes) {
        for (const base of expand(route.url, route.method)) {
          for (const q of queries(route)) {
            const url = q ? `${base}?${q}` : base;
            for (const caller of callers) {
              const res = await call(caller, route.method, url);
              requests++;
              const text = visibleText(res, url);
              for (const c of canaries) {
                const sight = oracle(c, caller);
                if (sight === 'none') {
                  // What the caller typed may come back (a search echoes its query); the entity's id must not.
                  if (!url.includes(c.nameToken) && text.includes(c.nameToken)) failures.push(`${caller.name} ${route.method} ${url}: name of ${c.key} (${res.statusCode})`);
                  if (text.includes(c.idToken)) failures.push(`${caller.name} ${route.method} ${url}: idNumber of ${c.key} (${res.statusCode})`);
                  // A hidden entity's id appears only where the caller typed it (a 404 echoing the request), or to oversight in the audit log.
                  if (!url.includes(c.id) && !url.startsWith('/audit') && text.includes(`"${c.id}"`)) failures.push(`${caller.name} ${route.method} ${url}: id of ${c.key}`);
                } else if (sight === 'minimised' && text.includes(c.idToken)) {
                  failures.push(`${caller.name} ${route.method} ${url}: clear idNumber of ${c.key} (minimised under A1)`);
                }
              }
            }
          }
        }
      }
      assert.deepEqual(failures.slice(0, 20), [], `${failures.length} leaks in ${requests} requests`);
      assert.ok(requests > 1000, `requests made: ${requests}`);
    });

    it('a hidden entity, agreement or token answers exactly as a missing one', async () => {
      const probes: Array<{ hidden: string; missing: string }> = [];
      for (const c of canaries) probes.push({ hidden: `/entities/${c.id}`, missing: '/entities/canary-missing' });
      for (const id of Object.values(agreementIds)) probes.push({ hidden: `/agreements/${id}`, missing: '/agreements/agr-missing' });
      let compared = 0;
      for (const caller of callers) {
        for (const p of probes) {
          const canary = canaries.find((c) => p.hidden.endsWith(c.id));
          if (canary && oracle(canary, caller) !== 'none') continue;
          const hidden = await call(caller, 'GET', p.hidden);
          if (!canary && hidden.statusCode === 200) continue; // the caller's agency is party to that agreement
          const missing = await call(caller, 'GET', p.missing);
          const norm = (r: LightMyRequestResponse, path: string) => ({
            status: r.statusCode,
            body: r.body.split(path.split('/').pop()!).join('<id>'),
            headers: Object.keys(r.headers).filter((h) => !['date', 'content-length', 'x-ratelimit-reset'].includes(h)).sort(),
          });
          assert.deepEqual(norm(hidden, p.hidden), norm(missing, p.missing), `${caller.name} ${p.hidden}`);
          compared++;
        }
        for (const id of tokenIds) {
          const revoke = await app.inject({ method: 'DELETE', url: `/tokens/${id}x`, headers: caller.token ? { authorization: `Bearer ${caller.token}` } : {} });
          assert.notEqual(revoke.statusCode, 200);
          break;
        }
      }
      assert.ok(compared > 100, `compared ${compared}`);
    });

    it('search totals and results count only what the caller may see', async () => {
      for (const caller of callers.filter((c) => c.token && c.agency)) {
        const res = await call(caller, 'GET', '/search?q=canary&limit=100');
        if (!caller.roles.some((r) => READERS.includes(r))) {
          assert.equal(res.statusCode, 403, caller.name);
          continue;
        }
        const body = res.json() as { total: number; results: Array<{ id: string }> };
        // Under A1 names are shared as they are (only idNumber and birthDate are minimised), so they are searchable.
        const expected = canaries.filter((c) => oracle(c, caller) !== 'none').map((c) => c.id).sort();
        assert.deepEqual(body.results.map((r) => r.id).sort(), expected, caller.name);
        assert.equal(body.total, expected.length, caller.name);
      }
    });

    it('screening (POST /match) compares and returns only what the caller may see', async () => {
      const queries = Object.fromEntries(canaries.map((c) => [c.key, { schema: 'Person', properties: { name: [`Canary ${c.nameToken}`], idNumber: [c.idToken] } }]));
      for (const caller of callers.filter((c) => c.token && c.agency)) {
        const res = await app.inject({
          method: 'POST',
          url: '/match/default?limit=20&threshold=0.5',
          headers: { authorization: `Bearer ${caller.token}`, 'x-sextant-purpose': caller.purpose, 'content-type': 'application/json' },
          payload: JSON.stringify({ queries }),
        });
        if (!caller.roles.some((r) => READERS.includes(r))) {
          assert.equal(res.statusCode, 403, caller.name);
          continue;
        }
        assert.equal(res.statusCode, 200, `${caller.name}: ${res.body}`);
        const body = res.json() as { responses: Record<string, { results: Array<{ id: string; score: number; properties: Record<string, string[]> }> }> };
        for (const c of canaries) {
          const found = body.responses[c.key]!.results.find((r) => r.id === c.id);
          const sight = oracle(c, caller);
          if (sight === 'none') assert.equal(found, undefined, `${caller.name} must not find ${c.key}`);
          else {
            assert.ok(found && found.score >= 0.99, `${caller.name} finds ${c.key}`);
            if (sight === 'minimised') assert.ok(!JSON.stringify(found.properties).includes(c.idToken), `${caller.name}: ${c.key} idNumber stays minimised`);
          }
        }
        const text = res.body;
        for (const c of canaries) {
          if (oracle(c, caller) === 'none') assert.ok(!text.includes(`"${c.id}"`), `${caller.name}: id of ${c.key}`);
        }
      }
    });

    it('a partner under the agreement sees minimised values, never the clear ones', async () => {
      const fiu = callers.find((c) => c.name === 'fiu-nl.analyst')!;
      const res = await call(fiu, 'GET', '/entities/canary-amber');
      assert.equal(res.statusCode, 200);
      const e = res.json() as { properties: Record<string, string[]> };
      assert.match(e.properties.idNumber![0]!, /^hmac-sha256:/);
      assert.equal(e.properties.birthDate, undefined, 'birthDate is dropped under A1');
      const local = await call(callers.find((c) => c.name === 'local.analyst')!, 'GET', '/entities/canary-amber');
      assert.equal((local.json() as { properties: Record<string, string[]> }).properties.birthDate?.[0], '1970-01-02');
    });
  });
}
