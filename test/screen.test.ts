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

    it('what the API keeps between requests gives way to every change: ingests, deleted statements, decisions, revoked tokens', async () => {
      const { gov, admin } = await governed(t.store);
      const own = await gov.identity.createToken(admin, { name: 'cache', scopes: ['data:read'] });
      const auth = { authorization: `Bearer ${own.token}`, 'content-type': 'application/json' };
      const query = { q: { schema: 'Company', properties: { name: ['Pellucid Quarrystone Exports'] } } };
      const ask = () => app.inject({ method: 'POST', url: '/match/default?limit=1', headers: auth, payload: JSON.stringify({ queries: query }) });
      // Warm every cache: the token, the decision point, the index, the statements, the decisions.
      assert.equal((await ask()).statusCode, 200);
      assert.notEqual((await ask()).json().responses.q.results[0]?.id, 'cache-1');

      const file = join(quarantineDir, 'cache.ftm.json');
      await writeFile(file, JSON.stringify({ id: 'cache-1', schema: 'Company', properties: { name: ['Pellucid Quarrystone Exports Ltd'], country: ['gb'] } }) + '\n');
      await ingest(t.store, { path: file, dataset: 'cache_list', quarantineDir });
      const found = (await ask()).json().responses.q.results[0];
      assert.equal(found?.id, 'cache-1', 'an ingest is seen on the next request');
      assert.deepEqual(found.properties.country, ['gb']);

      // Statements deleted outside an ingest (as retention does): the entity's values are not served from memory.
      await t.store.statements.deleteValues('cache_list', [{ entity_id: 'cache-1', prop: 'country', value: 'gb' }]);
      assert.equal((await ask()).json().responses.q.results[0]?.properties.country, undefined);

      const no = await app.inject({ method: 'POST', url: '/decisions', headers: auth, payload: JSON.stringify({ query: query.q, entityId: 'cache-1', decision: 'no_match' }) });
      assert.equal(no.statusCode, 201);
      const suppressed = (await ask()).json().responses.q;
      assert.equal(suppressed.suppressed, 1, 'a decision applies on the next request');
      assert.notEqual(suppressed.results[0]?.id, 'cache-1');

      await gov.identity.revokeToken(admin, own.info.id);
      const refused = await ask();
      assert.equal(refused.statusCode, 401, 'a revoked token is refused on the next request');
      assert.equal(refused.json().code, 'unauthorized');
    });

    it('a delisted entity says so: its lifted Sanction shown, left out of the sanctions scope, kept in its own dataset', async () => {
      const svc = new ScreeningService(t.store);
      const { gov, admin } = await governed(t.store);
      const scope = await gov.scope(admin);
      const line = (o: unknown) => JSON.stringify(o) + '\n';
      const kept = { id: 'dl-kept', schema: 'Company', properties: { name: ['Qorvath Shipping Trading LLC'] } };
      const lifted = { id: 'dl-lifted', schema: 'Company', properties: { name: ['Vexmora Shipping Trading LLC'] } };
      const sanction = (id: string, entity: string) => ({ id, schema: 'Sanction', properties: { entity: [entity], authority: ['Test Authority'], program: ['TEST'], startDate: ['2022-03-01'] } });
      const v1 = join(quarantineDir, 'delist-v1.ftm.json');
      const v2 = join(quarantineDir, 'delist-v2.ftm.json');
      await writeFile(v1, line(kept) + line(lifted) + line(sanction('dl-s1', 'dl-kept')) + line(sanction('dl-s2', 'dl-lifted')));
      // The next version of the list no longer names dl-lifted: delisting gives its Sanction an end date.
      await writeFile(v2, line(kept) + line(lifted) + line(sanction('dl-s1', 'dl-kept')));
      await ingest(t.store, { path: v1, dataset: 'delist_list', quarantineDir });
      const q = { kept: { schema: 'Company', properties: { name: ['Qorvath Shipping Trading'] } }, lifted: { schema: 'Company', properties: { name: ['Vexmora Shipping Trading'] } } };
      const before = await svc.match('default', q, { limit: 1, threshold: 0.7 }, scope);
      assert.equal(before.lifted!.results[0]?.id, 'dl-lifted');
      assert.equal(before.lifted!.results[0]!.delisted, false);
      assert.deepEqual(before.lifted!.results[0]!.sanctions.map((x) => [x.id, x.authority, x.program, x.startDate, x.endDate, x.inForce]), [['dl-s2', 'Test Authority', 'TEST', '2022-03-01', null, true]]);

      const v = await ingest(t.store, { path: v2, dataset: 'delist_list', quarantineDir });
      assert.equal(v.version?.removed, 1);
      const after = await svc.match('default', q, { limit: 1, threshold: 0.7 }, scope);
      const hit = after.lifted!.results[0]!;
      assert.equal(hit.id, 'dl-lifted');
      assert.equal(hit.match, true, 'the score still says who it is');
      assert.equal(hit.delisted, true);
      assert.equal(hit.sanctions[0]!.inForce, false);
      assert.match(hit.sanctions[0]!.endDate ?? '', /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(hit.explanations.some((e) => e.feature === 'delisted' && e.effect === 0 && /lifted \(Test Authority\)/.test(e.detail)));
      const keptHit = after.kept!.results[0]!;
      assert.equal(keptHit.id, 'dl-kept');
      assert.equal(keptHit.delisted, false);
      assert.equal(keptHit.sanctions[0]!.inForce, true);

      // `sanctions` is what the lists designate today; the list's own dataset keeps its history.
      const today = await svc.match('sanctions', q, { limit: 5, threshold: 0.7 }, scope);
      assert.ok(!today.lifted!.results.some((x) => x.id === 'dl-lifted'));
      assert.equal(today.kept!.results[0]?.id, 'dl-kept');
      const own = await svc.match('delist_list', q, { limit: 1, threshold: 0.7 }, scope);
      assert.equal(own.lifted!.results[0]?.id, 'dl-lifted');
      assert.equal(own.lifted!.results[0]!.delisted, true);

      // Through HTTP: the response schema carries the new fields.
      const r = await match({ queries: { lifted: q.lifted } });
      assert.equal(r.statusCode, 200, r.body);
      const res = r.json().responses.lifted.results[0];
      assert.equal(res.id, 'dl-lifted');
      assert.equal(res.delisted, true);
      assert.equal(res.sanctions[0].inForce, false);
      assert.equal(res.sanctions[0].authority, 'Test Authority');

      // Listed again in a later version (not the first file again: the same content is no new version): in force again.
      const v3 = join(quarantineDir, 'delist-v3.ftm.json');
      await writeFile(v3, line(kept) + line(lifted) + line(sanction('dl-s1', 'dl-kept')) + line(sanction('dl-s2', 'dl-lifted')) + line({ id: 'dl-new', schema: 'Person', properties: { name: ['Orvel Tamsk'] } }));
      await ingest(t.store, { path: v3, dataset: 'delist_list', quarantineDir });
      const relisted = await svc.match('sanctions', q, { limit: 1, threshold: 0.7 }, scope);
      assert.equal(relisted.lifted!.results[0]?.id, 'dl-lifted');
      assert.equal(relisted.lifted!.results[0]!.delisted, false);
    });
  });
}
