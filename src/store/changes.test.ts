import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freshStore, STORE_KINDS, type TestStore } from '../../test/support/stores.ts';
import type { ChangeCounts } from './changes.ts';

/** Which count a write to each table must bump (see the change_counters migration); caches rely on every one. */
const BUMPS: Array<[table: string, topic: keyof ChangeCounts]> = [
  ['agencies', 'governance'],
  ['users', 'governance'],
  ['api_tokens', 'governance'],
  ['agreements', 'governance'],
  ['agreement_approvals', 'governance'],
  ['screening_decisions', 'screeningDecisions'],
  ['statements', 'statements'],
  ['ingest_runs', 'statements'],
];

for (const kind of STORE_KINDS) {
  describe(`change counts on ${kind}`, () => {
    let t: TestStore;
    before(async () => {
      t = await freshStore(kind);
    });
    after(async () => {
      await t?.dispose();
    });

    for (const [table, topic] of BUMPS) {
      it(`a write to ${table} bumps ${topic} and nothing else`, async () => {
        const before = await t.store.changes.read();
        // A statement-level trigger fires even when no row is touched.
        await t.store.db.query(`DELETE FROM ${table} WHERE false`);
        const after = await t.store.changes.read();
        for (const k of Object.keys(before) as Array<keyof ChangeCounts>) assert.equal(after[k], before[k] + (k === topic ? 1 : 0), k);
      });
    }

    it("an API token's last use bumps nothing; its revocation bumps governance", async () => {
      const before = await t.store.changes.read();
      await t.store.db.query('UPDATE api_tokens SET last_used_at = now() WHERE false');
      assert.deepEqual(await t.store.changes.read(), before);
      await t.store.db.query('UPDATE api_tokens SET revoked_at = now() WHERE false');
      assert.equal((await t.store.changes.read()).governance, before.governance + 1);
    });

    it('a read bumps nothing, and a write rolled back leaves the counts as they were', async () => {
      const before = await t.store.changes.read();
      await t.store.db.query('SELECT count(*) FROM statements');
      await assert.rejects(
        t.store.db.transaction(async (tx) => {
          await tx.query('DELETE FROM statements WHERE false');
          throw new Error('roll back');
        }),
      );
      assert.deepEqual(await t.store.changes.read(), before);
    });
  });
}
