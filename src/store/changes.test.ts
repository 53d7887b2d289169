import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freshStore, STORE_KINDS, type TestStore } from '../../test/support/stores.ts';
import { ChangeCounterRepository, type ChangeCounts } from './changes.ts';
import type { Db } from './db.ts';

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

/** A database whose counts queries answer only when the test says, with the governance count as it is then. */
function heldDb(): { db: Db; queries: number; answer: (fail?: boolean) => void; bump: () => void } {
  let governance = 0;
  const waiting: Array<{ resolve: (rows: unknown[]) => void; reject: (e: Error) => void; seen: number }> = [];
  const fake = {
    queries: 0,
    bump: () => void governance++,
    answer: (fail = false) => {
      const q = waiting.shift()!;
      if (fail) q.reject(new Error('connection lost'));
      else q.resolve([{ topic: 'governance', n: q.seen }]);
    },
    db: {
      kind: 'postgres',
      // The snapshot is taken when the query is sent: it sees what was committed by then.
      query: () => {
        fake.queries++;
        return new Promise((resolve, reject) => waiting.push({ resolve, reject, seen: governance }));
      },
    } as unknown as Db,
  };
  return fake;
}

const tick = () => new Promise((r) => setImmediate(r));

describe('change counts read by concurrent requests', () => {
  it('share the read that starts after they came, never one already under way', async () => {
    const f = heldDb();
    const repo = new ChangeCounterRepository(f.db);
    const first = repo.read();
    // A token is revoked after the first read was sent: requests that come now must see it.
    f.bump();
    const second = repo.read();
    const third = repo.read();
    assert.equal(f.queries, 1, 'the next read waits for the one under way');
    f.answer();
    assert.equal((await first).governance, 0);
    await tick();
    assert.equal(f.queries, 2, 'one read for both later callers');
    f.answer();
    assert.equal((await second).governance, 1);
    assert.equal((await third).governance, 1);
    // Nothing under way: a read starts at once.
    const fourth = repo.read();
    assert.equal(f.queries, 3);
    f.answer();
    assert.equal((await fourth).governance, 1);
  });

  it('a failed read fails only its own callers; the next read still runs', async () => {
    const f = heldDb();
    const repo = new ChangeCounterRepository(f.db);
    const first = repo.read();
    const second = repo.read();
    f.bump();
    f.answer(true);
    await assert.rejects(first, /connection lost/);
    await tick();
    f.answer();
    assert.equal((await second).governance, 1);
    const third = repo.read();
    f.answer(true);
    await assert.rejects(third, /connection lost/);
    const fourth = repo.read();
    f.answer();
    assert.equal((await fourth).governance, 1);
  });
});
