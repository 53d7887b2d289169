import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuditLog, GENESIS_HASH, recordHash, type AuditEntry, type AuditRecord, type AuditVerification, type ChainBreakKind } from '../src/policy/audit.ts';
import { openDb, type Db } from '../src/store/db.ts';
import { freshStore, STORE_KINDS, type TestStore } from './support/stores.ts';

const T0 = Date.parse('2026-11-24T09:00:00.000Z');

/** A clock that ticks a second (and a few ms, so that ms precision shows) per call. */
function clock(): () => Date {
  let i = 0;
  return () => new Date(T0 + i++ * 1003);
}

function entry(i: number): AuditEntry {
  return {
    actor: `user-${i % 3}`,
    agency: i % 4 === 0 ? null : 'fiu-nl',
    action: ['entity.read', 'search', 'export'][i % 3]!,
    purpose: i % 2 ? 'sanctions' : null,
    details: { entities: [`e-${i}`], n: i, z: { b: 2, a: 1 } },
  };
}

async function seed(log: AuditLog, n: number): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  for (let i = 0; i < n; i++) out.push(await log.append(entry(i)));
  return out;
}

function assertBreak(v: AuditVerification, seq: number, kind: ChainBreakKind): void {
  assert.equal(v.ok, false, 'tampering not detected');
  assert.deepEqual({ seq: v.firstBreak?.seq, kind: v.firstBreak?.kind }, { seq, kind }, JSON.stringify(v.breaks));
}

/** As an attacker with owner rights would: switch the append-only trigger off. */
/** As an attacker with the owner's rights would: the append-only triggers off. */
async function disableTrigger(db: Db): Promise<void> {
  await db.exec('ALTER TABLE audit_log DISABLE TRIGGER USER; ALTER TABLE audit_checkpoints DISABLE TRIGGER USER');
}

for (const kind of STORE_KINDS) {
  describe(`audit log on ${kind}`, () => {
    const opened: TestStore[] = [];
    /** A new store; the one before it is closed (tests run one after the other), so only one is open at a time. */
    async function freshTestStore(): Promise<TestStore> {
      await Promise.all(opened.splice(0).map((t) => t.dispose()));
      const t = await freshStore(kind);
      opened.push(t);
      return t;
    }
    const fresh = async (): Promise<Db> => (await freshTestStore()).store.db;
    after(async () => {
      await Promise.all(opened.map((t) => t.dispose()));
    });

    it('appends a valid chain that survives the jsonb round trip', async () => {
      const db = await fresh();
      const log = new AuditLog(db, { now: clock(), checkpointEvery: 10 });
      assert.deepEqual(await log.verify(), { ok: true, records: 0, checkpoints: 0, head: null, firstBreak: null, breaks: [], omittedBreaks: 0 });
      assert.equal(await log.checkpoint(), null);

      const first = await log.append({
        actor: 'alice "\\al{i,c}e\'\n',
        purpose: 'a,b}{"\\',

        agency: 'fiu-nl',
        action: 'entity.read',
        details: {
          zeta: 1,
          alpha: { ünïcödé: 'ẞ€😀', '': 'empty key', b: [3, 2.5, -0.001, 1e21, 1e-7, 9007199254740993, true, null, { y: 1, x: 2 }] },
          when: new Date(T0),
          tricky: ['"quoted"', 'back\\slash', 'line\nbreak\ttab', '{braces},[commas]', 'NULL', '\u007f\u2028'],
          dropped: undefined,
        },
      });
      assert.deepEqual(
        { seq: first.seq, prevHash: first.prevHash, at: first.at, purpose: first.purpose },
        { seq: 1, prevHash: GENESIS_HASH, at: '2026-11-24T09:00:00.000Z', purpose: 'a,b}{"\\' },
      );
      assert.equal(first.hash, recordHash(first));
      assert.equal(first.details.when, '2026-11-24T09:00:00.000Z', 'details are stored as JSON');
      assert.ok(!('dropped' in first.details));

      const rest = await log.appendMany(Array.from({ length: 24 }, (_, i) => entry(i)));
      assert.deepEqual(
        rest.map((r) => r.seq),
        Array.from({ length: 24 }, (_, i) => i + 2),
      );
      assert.equal(rest[0]!.prevHash, first.hash);

      const v = await log.verify();
      assert.equal(v.ok, true, JSON.stringify(v.breaks));
      assert.equal(v.records, 25);
      assert.equal(v.checkpoints, 2, 'one checkpoint every 10 records');
      assert.deepEqual(v.head, { seq: 25, hash: rest.at(-1)!.hash });

      // What is read back is exactly what append returned.
      const { records } = await log.query({ limit: 100, offset: 0 });
      assert.deepEqual(records.at(-1), first);
      assert.deepEqual(records.slice(0, 24).reverse(), rest);

      const c = await log.checkpoint();
      assert.deepEqual({ seq: c?.seq, hash: c?.hash }, { seq: 25, hash: rest.at(-1)!.hash });
      assert.match(c!.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.deepEqual(await log.checkpoint(), c, 'a second checkpoint at the same head is the same');
      assert.equal((await log.verify({ anchor: { seq: 25, hash: rest.at(-1)!.hash } })).ok, true);
      assert.equal((await log.verify()).checkpoints, 3);
    });

    it('refuses entries the database could not give back as written', async () => {
      const log = new AuditLog(await fresh());
      await assert.rejects(log.append({ actor: 'a\u0000b', agency: null, action: 'x', details: {} }), { code: 'validation_failed' });
      await assert.rejects(log.append({ actor: 'a', agency: null, action: 'x', details: { s: '\ud800' } }), { code: 'validation_failed' });
      await assert.rejects(log.append({ actor: 'a', agency: null, action: 'x', details: [] as unknown as Record<string, unknown> }), { code: 'validation_failed' });
      await assert.rejects(
        log.appendMany([entry(1), { actor: 'a', agency: null, action: 'x', details: { s: '\u0000' } }]),
        { code: 'validation_failed' },
        'nothing of a batch with a bad entry is written',
      );
      assert.equal((await log.verify()).records, 0);
    });

    it('serialises 50 concurrent appends into seq 1..50', async () => {
      const db = await fresh();
      const log = new AuditLog(db, { checkpointEvery: 7 });
      const records = await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(entry(i))));
      assert.deepEqual(
        records.map((r) => r.seq).sort((a, b) => a - b),
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      const v = await log.verify();
      assert.equal(v.ok, true, JSON.stringify(v.breaks));
      assert.deepEqual([v.records, v.checkpoints, v.head?.seq], [50, 7, 50]);
    });

    if (kind === 'postgres') {
      it('serialises appends from separate connections (other processes): the one refused a taken seq chains again onto the new head', async () => {
        const t = await freshTestStore();
        assert.equal(t.location.kind, 'postgres');
        const other = await openDb({ kind: 'postgres', url: (t.location as { url: string }).url });
        try {
          const a = new AuditLog(t.store.db);
          const b = new AuditLog(other);
          await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).append(entry(i))));
          const v = await a.verify();
          assert.equal(v.ok, true, JSON.stringify(v.breaks));
          assert.equal(v.records, 40);
        } finally {
          await other.close();
        }
      });

      it('two writers appending steadily (one batch at a time each) keep one valid chain: after a refusal, appends go under the append lock', async () => {
        const t = await freshTestStore();
        const other = await openDb({ kind: 'postgres', url: (t.location as { url: string }).url });
        try {
          const writers = [new AuditLog(t.store.db), new AuditLog(other)];
          const seqs = await Promise.all(
            writers.map(async (log, w) => {
              const mine: number[] = [];
              for (let i = 0; i < 60; i++) mine.push((await log.append(entry(100 * w + i))).seq);
              return mine;
            }),
          );
          assert.deepEqual(seqs.flat().sort((x, y) => x - y), Array.from({ length: 120 }, (_, i) => i + 1));
          const v = await writers[0]!.verify();
          assert.equal(v.ok, true, JSON.stringify(v.breaks));
          assert.equal(v.records, 120);
        } finally {
          await other.close();
        }
      });
    }

    it('refuses UPDATE and DELETE on audit_log', async () => {
      const db = await fresh();
      await seed(new AuditLog(db), 3);
      await assert.rejects(db.query(`UPDATE audit_log SET actor = 'mallory' WHERE seq = 2`), /append-only/);
      await assert.rejects(db.query('DELETE FROM audit_log WHERE seq = 3'), /append-only/);
      await assert.rejects(db.query('DELETE FROM audit_log'), /append-only/);
      assert.equal((await new AuditLog(db).verify()).ok, true);
    });

    describe('with the trigger disabled, verify names the tampering', () => {
      async function tampered(n = 10, opts: { checkpointEvery?: number } = {}): Promise<{ db: Db; log: AuditLog; records: AuditRecord[] }> {
        const db = await fresh();
        const log = new AuditLog(db, { now: clock(), ...opts });
        const records = await seed(log, n);
        assert.equal((await log.verify()).ok, true);
        await disableTrigger(db);
        return { db, log, records };
      }

      it('an edited details value: altered', async () => {
        const { db, log } = await tampered();
        await db.query(`UPDATE audit_log SET details = jsonb_set(details, '{n}', '999') WHERE seq = 5`);
        const v = await log.verify();
        assertBreak(v, 5, 'altered');
        assert.equal(v.breaks.length, 1);
      });

      it('a timestamp moved by a microsecond: altered', async () => {
        const { db, log } = await tampered();
        await db.query(`UPDATE audit_log SET at = at + interval '1 microsecond' WHERE seq = 4`);
        assertBreak(await log.verify(), 4, 'altered');
      });

      it('an edited record with its hash recomputed: altered', async () => {
        const { db, log, records } = await tampered();
        const forged = { ...records[4]!, actor: 'mallory' };
        await db.query('UPDATE audit_log SET actor = $1, hash = $2 WHERE seq = 5', [forged.actor, recordHash(forged)]);
        assertBreak(await log.verify(), 5, 'altered');
      });

      it('a deleted middle row: deleted', async () => {
        const { db, log } = await tampered();
        await db.query('DELETE FROM audit_log WHERE seq = 5');
        const v = await log.verify();
        assertBreak(v, 5, 'deleted');
        assert.equal(v.records, 9);
      });

      it('the last row deleted after a checkpoint: truncated', async () => {
        const { db, log, records } = await tampered();
        const c = await log.checkpoint();
        assert.deepEqual({ seq: c?.seq, hash: c?.hash }, { seq: 10, hash: records[9]!.hash });
        await db.query('DELETE FROM audit_log WHERE seq = 10');
        const v = await log.verify();
        assertBreak(v, 10, 'truncated');
        assert.deepEqual(v.head, { seq: 9, hash: records[8]!.hash });
      });

      it('the last rows deleted, caught by an anchor: truncated', async () => {
        const { db, log, records } = await tampered();
        await db.query('DELETE FROM audit_log WHERE seq > 8');
        assert.equal((await log.verify()).ok, true, 'nothing else pins the head');
        assertBreak(await log.verify({ anchor: { seq: 10, hash: records[9]!.hash } }), 9, 'truncated');
      });

      it('a forged row inserted with a fitting prevHash and the later rows renumbered: inserted', async () => {
        const { db, log, records } = await tampered();
        await db.query('UPDATE audit_log SET seq = -seq WHERE seq > 5');
        await db.query('UPDATE audit_log SET seq = -seq + 1 WHERE seq < 0');
        const unhashed = { seq: 6, at: records[5]!.at, actor: 'mallory', agency: null, action: 'export', purpose: null, details: { entities: ['e-1'] }, prevHash: records[4]!.hash };
        await db.query(
          `INSERT INTO audit_log (seq, at, actor, agency, action, purpose, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)`,
          [6, unhashed.at, unhashed.actor, null, unhashed.action, null, JSON.stringify(unhashed.details), unhashed.prevHash, recordHash(unhashed)],
        );
        const v = await log.verify();
        assertBreak(v, 6, 'inserted');
        assert.equal(v.breaks.length, 1, JSON.stringify(v.breaks));
        assert.equal(v.records, 11);
      });

      it('a forged row appended after a checkpointed head: inserted', async () => {
        const { db, log } = await tampered(10, { checkpointEvery: 5 });
        const unhashed = { seq: 11, at: '2026-11-24T10:00:00.000Z', actor: 'mallory', agency: null, action: 'export', purpose: null, details: {}, prevHash: 'f'.repeat(64) };
        await db.query(
          `INSERT INTO audit_log (seq, at, actor, agency, action, purpose, details, prev_hash, hash) VALUES (11, $1, 'mallory', NULL, 'export', NULL, '{}', $2, $3)`,
          [unhashed.at, unhashed.prevHash, recordHash(unhashed)],
        );
        assertBreak(await log.verify(), 11, 'inserted');
      });

      it('the contents of two rows swapped: reordered', async () => {
        const { db, log } = await tampered();
        await db.query(
          `UPDATE audit_log a SET at = b.at, actor = b.actor, agency = b.agency, action = b.action, purpose = b.purpose,
                  details = b.details, prev_hash = b.prev_hash, hash = b.hash
           FROM audit_log b WHERE (a.seq = 3 AND b.seq = 7) OR (a.seq = 7 AND b.seq = 3)`,
        );
        const v = await log.verify();
        assertBreak(v, 3, 'reordered');
        assert.deepEqual(
          v.breaks.map((b) => [b.seq, b.kind]),
          [
            [3, 'reordered'],
            [7, 'reordered'],
          ],
        );
      });

      it('a checkpoint that does not match its record: checkpoint_mismatch', async () => {
        const { db, log } = await tampered(10, { checkpointEvery: 4 });
        await db.query(`UPDATE audit_checkpoints SET hash = $1 WHERE seq = 8`, ['0'.repeat(64)]);
        assertBreak(await log.verify(), 8, 'checkpoint_mismatch');
      });

      it('an anchor that does not match: anchor_mismatch', async () => {
        const { log, records } = await tampered();
        assert.equal((await log.verify({ anchor: { seq: 6, hash: records[5]!.hash } })).ok, true);
        assertBreak(await log.verify({ anchor: { seq: 6, hash: records[6]!.hash } }), 6, 'anchor_mismatch');
      });

      it('reads the log in pages: a break after the first page is found', async () => {
        const db = await fresh();
        const log = new AuditLog(db, { now: clock() });
        const batch = Array.from({ length: 5200 }, (_, i) => entry(i));
        await log.appendMany(batch);
        await disableTrigger(db);
        await db.query(`UPDATE audit_log SET actor = 'mallory' WHERE seq = 5100`);
        const v = await log.verify();
        assert.equal(v.records, 5200);
        assertBreak(v, 5100, 'altered');
      });
    });

    describe('query', () => {
      let log: AuditLog;
      let all: AuditRecord[];
      before(async () => {
        log = new AuditLog(await fresh(), { now: clock() });
        all = await log.appendMany([
          { actor: 'alice', agency: 'fiu-nl', action: 'entity.read', details: { entity: 'e1' } },
          { actor: 'bob', agency: 'fiu-be', action: 'search', purpose: 'aml', details: { entities: ['e1', 'e2'], q: 'x' } },
          { actor: 'alice', agency: 'fiu-nl', action: 'share.send', details: { entities: ['e2'], partner: 'fiu-be' } },
          { actor: 'carol', agency: null, action: 'login', details: {} },
          { actor: 'alice', agency: 'fiu-nl', action: 'share.send', details: { entities: ['e1', 'e3'], partner: 'fiu-de' } },
          { actor: 'bob', agency: 'fiu-be', action: 'entity.read', details: { entity: 'e3', entities: 'not-an-array' } },
        ]);
      });
      const seqs = (r: { records: AuditRecord[] }) => r.records.map((x) => x.seq);

      it('returns everything newest first with the total', async () => {
        const r = await log.query({ limit: 10, offset: 0 });
        assert.equal(r.total, 6);
        assert.deepEqual(seqs(r), [6, 5, 4, 3, 2, 1]);
        assert.deepEqual(r.records[5], all[0]);
      });

      it('filters by entity (details.entities or details.entity)', async () => {
        const r = await log.query({ entity: 'e1', limit: 10, offset: 0 });
        assert.deepEqual([r.total, seqs(r)], [3, [5, 2, 1]]);
        assert.deepEqual(seqs(await log.query({ entity: 'e3', limit: 10, offset: 0 })), [6, 5]);
        assert.equal((await log.query({ entity: "e1' OR true --", limit: 10, offset: 0 })).total, 0);
      });

      it('filters by actor, action (one or several), partner and agency', async () => {
        assert.deepEqual(seqs(await log.query({ actor: 'alice', limit: 10, offset: 0 })), [5, 3, 1]);
        assert.deepEqual(seqs(await log.query({ action: 'entity.read', limit: 10, offset: 0 })), [6, 1]);
        assert.deepEqual(seqs(await log.query({ action: ['login', 'search'], limit: 10, offset: 0 })), [4, 2]);
        assert.deepEqual(seqs(await log.query({ action: [], limit: 10, offset: 0 })), []);
        assert.deepEqual(seqs(await log.query({ partner: 'fiu-be', limit: 10, offset: 0 })), [3]);
        assert.deepEqual(seqs(await log.query({ agency: 'fiu-be', limit: 10, offset: 0 })), [6, 2]);
      });

      it('filters by time: since inclusive, until exclusive', async () => {
        assert.deepEqual(seqs(await log.query({ since: all[3]!.at, limit: 10, offset: 0 })), [6, 5, 4]);
        assert.deepEqual(seqs(await log.query({ until: all[3]!.at, limit: 10, offset: 0 })), [3, 2, 1]);
        assert.deepEqual(seqs(await log.query({ since: all[1]!.at, until: all[3]!.at, limit: 10, offset: 0 })), [3, 2]);
        await assert.rejects(log.query({ since: 'yesterday-ish', limit: 10, offset: 0 }), { code: 'bad_request' });
      });

      it('combines filters with AND and pages with a total', async () => {
        const r = await log.query({ actor: 'alice', entity: 'e1', action: ['share.send', 'entity.read'], limit: 10, offset: 0 });
        assert.deepEqual([r.total, seqs(r)], [2, [5, 1]]);
        const page = await log.query({ limit: 2, offset: 1 });
        assert.deepEqual([page.total, seqs(page)], [6, [5, 4]]);
        const past = await log.query({ actor: 'alice', limit: 2, offset: 5 });
        assert.deepEqual([past.total, seqs(past)], [3, []]);
        await assert.rejects(log.query({ limit: -1, offset: 0 }), { code: 'bad_request' });
      });
    });
  });
}
