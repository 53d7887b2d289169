import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freshStore, STORE_KINDS, type TestStore } from '../../test/support/stores.ts';
import { encodeStagedEntities, type StagedEntity } from './lists.ts';

/** The run hash as one SQL aggregate, as versions recorded before it was paged were hashed. */
const ONE_AGGREGATE = `WITH e AS (
    SELECT entity_id, string_agg(content_hash, ',' ORDER BY content_hash) AS h, bool_or(designated) AS d
    FROM ingest_entities WHERE run_id = $1 GROUP BY entity_id)
  SELECT md5(coalesce(string_agg(entity_id || ':' || h || ':' || d::text, '|' ORDER BY entity_id), '')) AS hash,
         count(*) FILTER (WHERE h <> '')::int AS entities
  FROM e`;

for (const kind of STORE_KINDS) {
  describe(`run content hash on ${kind}`, () => {
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
  });
}
