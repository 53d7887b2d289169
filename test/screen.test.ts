import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ingest } from '../src/readers/ingest.ts';
import { ScreeningService } from '../src/screen/service.ts';
import { buildApp } from '../src/server/app.ts';
import { governed } from './support/governance.ts';
import { LISTS } from './support/paths.ts';
import { freshStore, STORE_KINDS, type TestStore } from './support/stores.ts';

/** Screening against the real UN list, through the service and POST /match, on both databases. */
for (const kind of STORE_KINDS) {
  describe(`screening on ${kind}`, () => {
    let t: TestStore;
    let app: FastifyInstance;
    let token: string;
    let quarantineDir: string;
    before(async () => {
      t = await freshStore(kind);
      quarantineDir = await mkdtemp(join(tmpdir(), 'sextant-screen-'));
      await ingest(t.store, { path: join(LISTS, 'un_sc_consolidated_2026-02-27', 'consolidated.xml'), quarantineDir });
      const { gov, admin } = await governed(t.store);
      token = (await gov.identity.createToken(admin, { name: 'screen', scopes: ['data:read'] })).token;
      app = await buildApp(gov, { bodyLimit: 1024 * 1024, logLevel: 'silent' });
    });
    after(async () => {
      await app?.close();
      await t?.dispose();
    });

    const match = (body: unknown, qs = '') =>
      app.inject({ method: 'POST', url: `/match/default${qs}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });

    it('POST /match/{dataset} in the yente shape: reordered, cross-script and misspelt names found, explained', async () => {
      const r = await match({
        queries: {
          reordered: { schema: 'Person', properties: { name: ['Badege Eric'] } },
          cyrillic: { schema: 'Person', properties: { name: ['Гастон Иямуремье'] } },
          typo: { schema: 'Person', properties: { name: ['Frank Kakolele Bwamballe'] } },
          nobody: { schema: 'Person', properties: { name: ['Jonathan Appleseed'] } },
        },
      });
      assert.equal(r.statusCode, 200, r.body);
      const body = r.json();
      assert.equal(body.limit, 5);
      assert.equal(body.threshold, 0.7);
      for (const key of ['reordered', 'cyrillic', 'typo']) {
        const top = body.responses[key].results[0];
        assert.ok(top && top.match === true, `${key}: ${JSON.stringify(body.responses[key].results.slice(0, 2))}`);
        assert.ok(top.explanations.some((e: { feature: string }) => e.feature === 'name'));
        assert.deepEqual(top.datasets, ['un_sc']);
        assert.ok(Array.isArray(top.properties.name));
      }
      assert.ok(body.responses.nobody.results.every((x: { match: boolean }) => !x.match));
    });

    it('validates queries: schema, names, batch size', async () => {
      assert.equal((await match({ queries: { a: { schema: 'Spaceship', properties: { name: ['x'] } } } })).statusCode, 400);
      assert.equal((await match({ queries: { a: { schema: 'Person', properties: {} } } })).statusCode, 400);
      const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`q${i}`, { schema: 'Person', properties: { name: ['x'] } }]));
      assert.equal((await match({ queries: many })).statusCode, 400);
      assert.equal((await match({ queries: { a: { schema: 'Person', properties: { name: ['x'] } } } }, '?threshold=2')).statusCode, 400);
      const unknown = await app.inject({ method: 'POST', url: '/match/nope', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify({ queries: { a: { schema: 'Person', properties: { name: ['x'] } } } }) });
      assert.equal(unknown.statusCode, 404);
      const anonymous = await app.inject({ method: 'POST', url: '/match/default', payload: { queries: {} } });
      assert.equal(anonymous.statusCode, 401);
    });

    it('decisions: a rejected result is suppressed and counted, a confirmed one marked; per agency; reversible', async () => {
      const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const query = { schema: 'Person', properties: { name: ['Eric Badege'] } };
      const first = (await match({ queries: { q: query } })).json().responses.q;
      const top = first.results[0];
      assert.equal(first.suppressed, 0);
      const no = await app.inject({ method: 'POST', url: '/decisions', headers: auth, payload: JSON.stringify({ query: { schema: 'Person', properties: { name: ['BADEGE,  eric'] } }, entityId: top.id, decision: 'no_match', note: 'different person, other DOB' }) });
      assert.equal(no.statusCode, 201, no.body);
      const after = (await match({ queries: { q: query } })).json().responses.q;
      assert.equal(after.suppressed, 1, 'the same subject however written');
      assert.ok(!after.results.some((r: { id: string }) => r.id === top.id));
      const second = first.results[1];
      if (second) {
        const yes = await app.inject({ method: 'POST', url: '/decisions', headers: auth, payload: JSON.stringify({ query, entityId: second.id, decision: 'match' }) });
        assert.equal(yes.statusCode, 201);
        const confirmed = (await match({ queries: { q: query } })).json().responses.q.results[0];
        assert.equal(confirmed.id, second.id);
        assert.equal(confirmed.decision.decision, 'match');
      }
      const list = await app.inject({ url: '/decisions', headers: { authorization: auth.authorization } });
      assert.ok(list.json().total >= 1);
      assert.equal(list.json().decisions.find((d: { entityId: string }) => d.entityId === top.id).decidedBy, 'admin');
      const bearer = { authorization: auth.authorization };
      const del = await app.inject({ method: 'DELETE', url: `/decisions/${no.json().id}`, headers: bearer });
      assert.equal(del.statusCode, 200);
      assert.equal((await match({ queries: { q: query } })).json().responses.q.suppressed, 0);
      assert.equal((await app.inject({ method: 'DELETE', url: `/decisions/${no.json().id}`, headers: bearer })).statusCode, 404);
      const missing = await app.inject({ method: 'POST', url: '/decisions', headers: auth, payload: JSON.stringify({ query, entityId: 'no-such-entity', decision: 'match' }) });
      assert.equal(missing.statusCode, 404);
    });

    it('the index follows ingests without a full rebuild', async () => {
      const svc = new ScreeningService(t.store);
      const { gov, admin } = await governed(t.store);
      const scope = await gov.scope(admin);
      await svc.ensureIndex();
      const before = svc.lastBuild!.entries;
      const file = join(quarantineDir, 'extra.ftm.json');
      await writeFile(file, JSON.stringify({ id: 'x-1', schema: 'Company', properties: { name: ['Zyxwv Maritime Holdings LLC'] } }) + '\n');
      await ingest(t.store, { path: file, dataset: 'extra', quarantineDir });
      const r = await svc.match('default', { q: { schema: 'Company', properties: { name: ['ZYXWV MARITIME HOLDINGS'] } } }, { limit: 1, threshold: 0.7 }, scope);
      assert.equal(r.q!.results[0]?.id, 'x-1');
      assert.equal(svc.lastBuild!.entries, before + 1);
      const sanctionsOnly = await svc.match('sanctions', { q: { schema: 'Company', properties: { name: ['ZYXWV MARITIME HOLDINGS'] } } }, { limit: 1, threshold: 0.7 }, scope);
      assert.equal(sanctionsOnly.q!.results.length === 0 || sanctionsOnly.q!.results[0]!.id !== 'x-1', true);
    });
  });
}
