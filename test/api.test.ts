import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ingest } from '../src/readers/ingest.ts';
import { buildApp } from '../src/server/app.ts';
import { governed } from './support/governance.ts';
import { LISTS } from './support/paths.ts';
import { freshStore, STORE_KINDS, type TestStore } from './support/stores.ts';

for (const kind of STORE_KINDS) {
  describe(`HTTP API on ${kind}`, () => {
    let t: TestStore;
    let app: FastifyInstance;
    let token: string;
    /** GET as the home agency's administrator-analyst, with an API token. */
    const get = (url: string) => app.inject({ url, headers: { authorization: `Bearer ${token}` } });
    before(async () => {
      t = await freshStore(kind);
      const quarantineDir = await mkdtemp(join(tmpdir(), 'sextant-q-'));
      await ingest(t.store, { path: join(LISTS, 'us_bis_dpl', 'dpl.txt'), quarantineDir });
      await ingest(t.store, { path: join(LISTS, 'opensanctions_ftm_samples', 'zala.entities.ftm.json'), quarantineDir });
      const { gov, admin } = await governed(t.store);
      token = (await gov.identity.createToken(admin, { name: 'api test', scopes: ['data:read'] })).token;
      app = await buildApp(gov, { bodyLimit: 1024 * 1024, logLevel: 'silent' });
    });
    after(async () => {
      await app?.close();
      await t?.dispose();
    });

    it('GET /healthz', async () => {
      const r = await app.inject('/healthz');
      assert.equal(r.statusCode, 200);
      assert.deepEqual(r.json(), { status: 'ok', database: kind });
    });

    it('GET /openapi.json documents every route, /docs serves the docs', async () => {
      const doc = (await app.inject('/openapi.json')).json();
      for (const p of ['/healthz', '/entities/{id}', '/search', '/lists', '/lists/{dataset}/changes']) assert.ok(doc.paths[p], p);
      const docs = await app.inject('/docs/');
      assert.equal(docs.statusCode, 200);
    });

    it('GET /entities/{id} with provenance and related entities; 404 as a JSON error', async () => {
      const search = (await get('/search?q=zala&limit=1')).json();
      assert.ok(search.total >= 1);
      const id = search.results[0].id;
      const r = await get(`/entities/${id}`);
      assert.equal(r.statusCode, 200);
      const e = r.json();
      assert.equal(e.id, id);
      assert.ok(e.provenance.name.every((p: { dataset: string; last_seen: string }) => p.dataset === 'zala_entities_ftm' || p.dataset.length > 0));
      assert.ok(e.related.length > 0);
      const missing = await get('/entities/does-not-exist');
      assert.equal(missing.statusCode, 404);
      assert.deepEqual(Object.keys(missing.json()).sort(), ['code', 'details', 'message']);
      assert.equal(missing.json().code, 'not_found');
      const bad = await get('/entities/bad%20id%3B');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().code, 'bad_request');
    });

    it('GET /search validates and paginates', async () => {
      const none = await get('/search');
      assert.equal(none.statusCode, 400);
      assert.equal(none.json().code, 'bad_request');
      const tooMany = await get('/search?q=a&limit=100000');
      assert.equal(tooMany.statusCode, 400);
      const p1 = (await get('/search?q=trading&limit=2&offset=0')).json();
      const p2 = (await get('/search?q=trading&limit=2&offset=2')).json();
      assert.equal(p1.total, p2.total);
      if (p1.total > 2) assert.notDeepEqual(p1.results, p2.results);
      const people = (await get('/search?q=maria&schema=Person')).json();
      assert.ok(people.results.every((h: { schema: string }) => h.schema === 'Person'));
      const badSchema = await get('/search?q=x&schema=Spaceship');
      assert.equal(badSchema.statusCode, 400);
    });

    it('GET /lists and /lists/{dataset}/changes', async () => {
      const lists = (await get('/lists')).json();
      const dpl = lists.lists.find((l: { dataset: string }) => l.dataset === 'bis_dpl');
      assert.equal(dpl.designations, 581);
      const changes = (await get('/lists/bis_dpl/changes?limit=5')).json();
      assert.equal(changes.version, 1);
      assert.equal(changes.total, 581);
      assert.equal(changes.changes.length, 5);
      assert.equal(changes.changes[0].change, 'added');
      const missing = await get('/lists/nope/changes');
      assert.equal(missing.statusCode, 404);
      const badVersion = await get('/lists/bis_dpl/changes?version=9');
      assert.equal(badVersion.statusCode, 404);
      const badKind = await get('/lists/bis_dpl/changes?kind=exploded');
      assert.equal(badKind.statusCode, 400);
    });

    it('unknown routes answer a JSON 404', async () => {
      const r = await app.inject('/nowhere');
      assert.equal(r.statusCode, 404);
      assert.equal(r.json().code, 'not_found');
    });
  });
}
