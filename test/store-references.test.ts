import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { refreshStatistics } from '../src/store/statistics.ts';
import { encodeExtras } from '../src/store/statements.ts';
import { freshStore, STORE_KINDS, type TestStore } from './support/stores.ts';

/**
 * The bulk tables check their dataset (and a version's entities their version)
 * once per INSERT statement, not per row (migration 20261128090000). They must
 * refuse what the foreign keys they replace refused, with the same SQLSTATE.
 */
const FK_VIOLATION = { code: '23503' };
const NOW = '2026-11-24T00:00:00Z';

function statementSql(dataset: string, id: string): [string, unknown[]] {
  return [
    `INSERT INTO statements (id, dataset, entity_id, prop, value, schema, prop_type, agency, marking, first_seen, last_seen)
     VALUES ($1, $2, 'e1', 'name', 'Ivan', 'Person', 'name', 'local', 'TLP:CLEAR', $3, $3)`,
    [id, dataset, NOW],
  ];
}

for (const kind of STORE_KINDS) {
  describe(`references checked per statement on ${kind}`, () => {
    let t: TestStore;
    before(async () => {
      t = await freshStore(kind);
      await t.store.lists.upsertDataset({ name: 'known', format: 'ftm', is_list: false, authority: null, source_url: null, agency: 'local' });
      await t.store.lists.upsertDataset({ name: 'empty', format: 'ftm', is_list: false, authority: null, source_url: null, agency: 'local' });
    });
    after(async () => t?.dispose());

    it('accepts statements of a registered dataset', async () => {
      await t.store.db.query(...statementSql('known', 's1'));
      const [row] = await t.store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM statements WHERE dataset = 'known'`);
      assert.equal(row!.n, 1);
    });

    it('refuses a batch in which one statement names an unknown dataset, and keeps none of it', async () => {
      await assert.rejects(
        t.store.db.query(
          `INSERT INTO statements (id, dataset, entity_id, prop, value, schema, prop_type, agency, marking, first_seen, last_seen)
           SELECT id, ds, 'e2', 'name', 'Olga', 'Person', 'name', 'local', 'TLP:CLEAR', $1, $1
           FROM unnest(ARRAY['s2', 's3'], ARRAY['known', 'nowhere']) AS u(id, ds)`,
          [NOW],
        ),
        (err: { code?: string; message?: string }) => err.code === FK_VIOLATION.code && /nowhere/.test(err.message ?? ''),
      );
      const [row] = await t.store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM statements WHERE id IN ('s2', 's3')`);
      assert.equal(row!.n, 0);
    });

    it('refuses events and extras of an unknown dataset', async () => {
      await assert.rejects(
        t.store.db.query(
          `INSERT INTO payments (dataset, txn_id, ts, amount, currency, originator_account, beneficiary_account, source_record, agency, marking, first_seen, last_seen)
           VALUES ('nowhere', 't1', $1, 10, 'EUR', 'A', 'B', '1', 'local', 'TLP:AMBER', $1, $1)`,
          [NOW],
        ),
        FK_VIOLATION,
      );
      await assert.rejects(t.store.statements.upsertExtras(encodeExtras([{ dataset: 'nowhere', entity_id: 'e1', extras: '{}' }])), FK_VIOLATION);
      await t.store.statements.upsertExtras(encodeExtras([{ dataset: 'known', entity_id: 'e1', extras: '{}' }]));
    });

    it("refuses a version's entities when the version is not recorded", async () => {
      await assert.rejects(
        t.store.db.query(
          `INSERT INTO version_entities (dataset, version, entity_id, content_hash, designated, is_sanction) VALUES ('known', 7, 'e1', 'h', true, false)`,
        ),
        FK_VIOLATION,
      );
    });

    it("refuses moving a version's entity to another version", async () => {
      await t.store.db.query(
        `INSERT INTO list_versions (dataset, version, content_hash, ingested_at, last_seen, entities, designations, added, removed, changed)
         VALUES ('known', 1, 'h1', $1, $1, 1, 1, 1, 0, 0), ('known', 2, 'h2', $1, $1, 1, 1, 0, 0, 0)`,
        [NOW],
      );
      await t.store.db.query(`INSERT INTO version_entities (dataset, version, entity_id, content_hash, designated, is_sanction) VALUES ('known', 1, 'e1', 'h', true, false)`);
      await assert.rejects(t.store.db.query(`UPDATE version_entities SET version = 2 WHERE dataset = 'known' AND entity_id = 'e1'`), FK_VIOLATION);
      await assert.rejects(t.store.db.query(`UPDATE version_entities SET dataset = 'empty' WHERE dataset = 'known' AND entity_id = 'e1'`), FK_VIOLATION);
      await t.store.db.query(`UPDATE version_entities SET designated = false WHERE dataset = 'known' AND entity_id = 'e1'`);
      await assert.rejects(t.store.db.query(`DELETE FROM list_versions WHERE dataset = 'known' AND version = 1`), FK_VIOLATION);
      await t.store.db.query(`DELETE FROM list_versions WHERE dataset = 'known' AND version = 2`);
    });

    it('refuses moving a statement to another dataset', async () => {
      await assert.rejects(t.store.db.query(`UPDATE statements SET dataset = 'empty' WHERE id = 's1'`), FK_VIOLATION);
      // Other columns still update (an upsert moves last_seen).
      await t.store.db.query(`UPDATE statements SET last_seen = now() WHERE id = 's1'`);
    });

    it('keeps a dataset that rows point at, and deletes one that none do', async () => {
      await assert.rejects(t.store.db.query(`DELETE FROM datasets WHERE name = 'known'`), FK_VIOLATION);
      await assert.rejects(t.store.db.query(`UPDATE datasets SET name = 'renamed' WHERE name = 'known'`), FK_VIOLATION);
      await t.store.db.query(`UPDATE datasets SET authority = 'someone' WHERE name = 'known'`);
      await t.store.db.query(`DELETE FROM datasets WHERE name = 'empty'`);
      const names = (await t.store.lists.datasets()).map((d) => d.name);
      assert.ok(names.includes('known') && !names.includes('empty'));
    });

    it('refreshes planner statistics when missing or stale, and only then', async () => {
      const db = t.store.db;
      await db.exec('CREATE TABLE stats_probe (a int, b text)');
      await db.query(`INSERT INTO stats_probe SELECT g, 'x' || g FROM generate_series(1, 2000) g`);
      assert.equal(await refreshStatistics(db, 'stats_probe', ['a']), true, 'never analysed');
      assert.equal(await refreshStatistics(db, 'stats_probe', ['a']), false, 'nothing written since');
      await db.query(`INSERT INTO stats_probe SELECT g, 'x' || g FROM generate_series(1, 100) g`);
      assert.equal(await refreshStatistics(db, 'stats_probe'), false, 'grown by 5%');
      await db.query(`INSERT INTO stats_probe SELECT g, 'x' || g FROM generate_series(1, 2000) g`);
      assert.equal(await refreshStatistics(db, 'stats_probe'), true, 'doubled');
      await assert.rejects(refreshStatistics(db, 'stats_probe; DROP TABLE statements'), /not a table/);
    });
  });
}
