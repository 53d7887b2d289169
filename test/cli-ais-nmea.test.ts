import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { openStore } from '../src/store/index.ts';
import { sextant } from './support/cli.ts';
import { SHARED_DATA } from './support/paths.ts';
import { freshDataDir } from './support/stores.ts';

const SAMPLE = join(SHARED_DATA, 'samples', 'ais', 'aivdm_sample.nmea');

/** The positions of a dataset (without last_seen), in key order; the CLI must have exited (PGlite is single-process). */
async function positions(dataDir: string, dataset: string): Promise<string[]> {
  const store = await openStore({ kind: 'pglite', dataDir });
  try {
    const rows = await store.db.query<{ j: string }>(
      `SELECT (to_jsonb(p) - 'last_seen')::text AS j FROM positions p WHERE dataset = $1 ORDER BY mmsi, ts`,
      [dataset],
    );
    return rows.map((r) => String(r.j));
  } finally {
    await store.close();
  }
}

describe('sextant ingest of AIS NMEA (AIVDM) files', () => {
  let dataDir: string;
  let env: Record<string, string>;
  before(async () => {
    dataDir = await freshDataDir();
    env = { SEXTANT_DATA: dataDir };
  });

  it('detects the real sample and, with --received-at, stores its positions; re-ingest changes nothing', async () => {
    const run = () => sextant(['ingest', '--json', '--received-at', '2024-01-01T12:00:00Z', SAMPLE], env);
    const first = await run();
    // Exit 3: the sample has empty-payload sentences, unstored types and incomplete messages, all refused.
    assert.equal(first.code, 3, first.stderr);
    const summary = JSON.parse(first.stdout);
    assert.deepEqual(
      [summary.format, summary.dataset, summary.records, summary.accepted, summary.rejected, summary.entities, summary.statements, summary.rejectedValues, summary.version, summary.events],
      // 898 lines = 898 messages (its two-part messages lack their second part); 758 positions + 2 static reports accepted.
      ['ais-nmea', 'aivdm_sample', 898, 760, 138, 0, 0, 0, null, 758],
    );
    const quarantine = readFileSync(summary.quarantine, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; reason: string });
    assert.equal(quarantine.length, 138);
    assert.ok(quarantine.some((q) => q.line === 4 && q.reason === 'empty payload: the sentence carries no message'));

    const stored = await positions(dataDir, 'aivdm_sample');
    // (MMSI, time) is the key. The sample spans several minutes with only seconds in the
    // reports: the capture clock started by --received-at turns the minute as the seconds
    // wrap, so reports keep distinct times; 2 of 758 still share one (a vessel heard twice
    // in the same second), the last kept. Timed captures (tag block c:, prefix) do not.
    assert.equal(stored.length, 756);
    const first3 = JSON.parse(stored.find((r) => r.includes('"235070716"'))!) as Record<string, unknown>;
    assert.equal(first3.transceiver_class, 'A');
    assert.ok(String(first3.ts).startsWith('2024-01-01'));

    const again = await run();
    assert.equal(again.code, 3, again.stderr);
    const summary2 = JSON.parse(again.stdout);
    assert.deepEqual([summary2.records, summary2.accepted, summary2.rejected, summary2.events], [898, 760, 138, 758]);
    assert.deepEqual(await positions(dataDir, 'aivdm_sample'), stored);
  });

  it('without --received-at refuses every position, saying how to fix it', async () => {
    const r = await sextant(['ingest', '--format', 'ais-nmea', '--dataset', 'no_time', SAMPLE], env);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stdout, /\[ais-nmea → no_time\]: 898 records, 2 accepted, 896 rejected/);
    assert.match(r.stdout, /no receive time: no tag block c:, no timestamp prefix; pass --received-at/);
    assert.deepEqual(await positions(dataDir, 'no_time'), []);
  });

  it('refuses a --received-at that is not a timestamp, as a usage error', async () => {
    const r = await sextant(['ingest', '--received-at', '2024-01-01T12:00:00', SAMPLE], env);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--received-at .* no UTC offset/);
  });
});
