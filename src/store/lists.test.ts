import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { freshStore, STORE_KINDS, type TestStore } from '../../test/support/stores.ts';
import { openDb } from './db.ts';
import { encodeStagedEntities, ListRepository, type StagedEntity } from './lists.ts';

/** The run hash as one SQL aggregate, as versions recorded before it was paged were hashed. */
const ONE_AGGREGATE = `WITH e AS (
    SELECT entity_id, string_agg(content_hash, ',' ORDER BY content_hash) AS h, bool_or(designated) AS d
    FROM ingest_entities WHERE run_id = $1 GROUP BY entity_id)
  SELECT md5(coalesce(string_agg(entity_id || ':' || h || ':' || d::text, '|' ORDER BY entity_id), '')) AS hash,
         count(*) FILTER (WHERE h <> '')::int AS entities
  FROM e`;

for (const kind of STORE_KINDS) {
  describe(`staging of ingest runs on ${kind}`, () => {
    let t: TestStore;
    before(async () => {
      t = await freshStore(kind);
    });
    after(async () => {
      await t?.dispose();
    });

    it('pages through the run and gives the hash one aggregate gave, so recorded versions still match', async () => {
      const rows: StagedEntity[] = [];
      // More entities than one fetch of blocks (50 × 1000); some with several hashes (a Sanction's), designated or not, ids in several scripts.
      for (let i = 0; i < 61_234; i++) {
        const id = i % 997 === 0 ? `ü-${i}` : i % 1009 === 0 ? `Ω-${i}` : `e-${String(i).padStart(6, '0')}`;
        rows.push({ entity_id: id, content_hash: `h${(i * 7919) % 10007}`, designated: false, is_sanction: false });
        if (i % 3 === 0) rows.push({ entity_id: id, content_hash: `s${i}`, designated: true, is_sanction: false });
      }
      for (let i = 0; i < rows.length; i += 5000) await t.store.lists.stageEntities('run-a', encodeStagedEntities(rows.slice(i, i + 5000)));
      const [expected] = await t.store.db.query<{ hash: string; entities: number }>(ONE_AGGREGATE, ['run-a']);
      assert.deepEqual(await t.store.lists.runContentHash('run-a'), expected);
      // A run that read nothing hashes the empty text.
      const [empty] = await t.store.db.query<{ hash: string; entities: number }>(ONE_AGGREGATE, ['run-none']);
      assert.deepEqual(await t.store.lists.runContentHash('run-none'), empty);
      assert.equal(empty!.hash, 'd41d8cd98f00b204e9800998ecf8427e');
      await t.store.lists.clearStaging('run-a');
    });

    // Clearing a run's staging rows (the runs below are theirs alone: the test above cleared its own).
    const stage = (run: string, n: number) =>
      t.store.lists.stageEntities(run, encodeStagedEntities(Array.from({ length: n }, (_, i) => ({ entity_id: `${run}-${i}`, content_hash: 'h', designated: false, is_sanction: false }))));
    const staged = async () =>
      (await t.store.db.query<{ run_id: string; n: number }>('SELECT run_id, count(*)::int AS n FROM ingest_entities GROUP BY run_id ORDER BY run_id')).map((r) => `${r.run_id}:${r.n}`);
    const pages = async () => Number((await t.store.db.query<{ b: number }>(`SELECT pg_relation_size('ingest_entities')::int AS b`))[0]!.b);

    it('the last run out empties the tables and frees their space; a run beside another deletes only its own rows', async () => {
      await stage('clear-a', 3000);
      await stage('clear-b', 10);
      await t.store.lists.clearStaging('clear-a');
      assert.deepEqual(await staged(), ['clear-b:10']);
      assert.ok((await pages()) > 0);
      await t.store.lists.clearStaging('clear-b');
      assert.deepEqual(await staged(), []);
      assert.equal(await pages(), 0);
    });

    if (kind === 'postgres') {
      it('does not wait for a run that is writing its staging rows: deletes its own and leaves the other', async () => {
        await stage('run-c', 5);
        const other = new pg.Client({ connectionString: (t.location as { url: string }).url });
        await other.connect();
        try {
          await other.query('BEGIN');
          await other.query(`INSERT INTO ingest_entities (run_id, entity_id, content_hash, designated, is_sanction) VALUES ('run-d', 'x', 'h', false, false)`);
          await t.store.lists.clearStaging('run-c');
          await other.query('COMMIT');
        } finally {
          await other.end();
        }
        assert.deepEqual(await staged(), ['run-d:1']);
        await t.store.lists.clearStaging('run-d');
        assert.deepEqual(await staged(), []);
      });

      it('a database role that may delete but not truncate still clears its run', async () => {
        const url = new URL((t.location as { url: string }).url);
        const role = `sextant_t_role_${process.pid}`;
        await t.store.db.exec(`DROP ROLE IF EXISTS ${role}; CREATE ROLE ${role} LOGIN;
          GRANT SELECT, INSERT, DELETE ON ingest_entities, ingest_refs TO ${role}`);
        url.username = role;
        const db = await openDb({ kind: 'postgres', url: url.toString() });
        try {
          const lists = new ListRepository(db);
          await lists.stageEntities('run-e', encodeStagedEntities([{ entity_id: 'e', content_hash: 'h', designated: false, is_sanction: false }]));
          // The role really may not truncate, so the fallback is what runs.
          await assert.rejects(db.query('TRUNCATE ingest_entities'), (err: { code?: string }) => err.code === '42501');
          await lists.clearStaging('run-e');
          assert.deepEqual(await staged(), []);
        } finally {
          await db.close();
          await t.store.db.exec(`REVOKE ALL ON ingest_entities, ingest_refs FROM ${role}; DROP ROLE ${role}`);
        }
      });
    }
  });
}
