import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { checkImo } from '../src/model/normalize/identifiers.ts';
import { canonicalMarking } from '../src/policy/markings.ts';
import { ingest, type IngestSummary } from '../src/readers/ingest.ts';
import type { QuarantineEntry } from '../src/readers/quarantine.ts';
import type { Store } from '../src/store/index.ts';
import { SHARED_DATA } from './support/paths.ts';
import { freshStore, STORE_KINDS, type TestStore } from './support/stores.ts';

const QUARANTINE = await mkdtemp(join(tmpdir(), 'sextant-events-q-'));
const FIXTURES = await mkdtemp(join(tmpdir(), 'sextant-events-'));
const EXCERPT = join(SHARED_DATA, 'samples', 'ais', 'marinecadastre_2022-01-03_excerpt5000.csv');
const AIS_HEADER = 'MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass';

function run(store: Store, path: string, extra: { dataset?: string; format?: string; marking?: string } = {}): Promise<IngestSummary> {
  return ingest(store, { path, quarantineDir: QUARANTINE, ...extra });
}

function quarantined(summary: IngestSummary): QuarantineEntry[] {
  if (!summary.quarantine) return [];
  return readFileSync(summary.quarantine, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as QuarantineEntry);
}

/** Every row of an event table for a dataset, without last_seen, in key order. */
async function dump(store: Store, table: 'payments' | 'declarations' | 'positions', dataset: string): Promise<string[]> {
  const key = table === 'payments' ? 'txn_id' : table === 'declarations' ? 'declaration_id' : 'mmsi, ts';
  const rows = await store.db.query<{ j: unknown }>(`SELECT (to_jsonb(t) - 'last_seen')::text AS j FROM ${table} t WHERE dataset = $1 ORDER BY ${key}`, [dataset]);
  return rows.map((r) => String(r.j));
}

async function lastSeen(store: Store, table: string, dataset: string): Promise<string[]> {
  const rows = await store.db.query<{ t: string }>(`SELECT DISTINCT last_seen::text AS t FROM ${table} WHERE dataset = $1`, [dataset]);
  return rows.map((r) => r.t);
}

const TX = [
  'txn_id,timestamp,amount,currency,originator_account,originator_name,originator_bank,originator_country,beneficiary_account,beneficiary_name,beneficiary_bank,beneficiary_country,purpose,reference,channel',
  'T1,2024-03-01T10:15:00+02:00,1500.00,EUR,DE89 3704 0044 0532 0130 00,Alpha GmbH,DEUTDEFF,DE,GB29NWBK60161331926819,Beta Ltd,NWBKGB2L,GB,Invoice 42,INV-42,swift',
  'T2,2024-03-02,99999999999999.123456789,USD,12345678,,,,GB29NWBK60161331926819,,BADBIC,,,,',
  'T3,2024-03-02T10:00:00,10,EUR,1,,,,2,,,,,,',
  'T4,2024-03-03T09:00:00Z,250,EUR,DE89370400440532013000,,,,GB29NWBK60161331926819,,,ru,,INV-42,',
  'T2,2024-03-04T00:00:00Z,5,USD,12345678,,,,87654321,,,,,,',
].join('\n');

const CUSTOMS = [
  'declaration_id,date,direction,exporter_name,exporter_country,importer_name,importer_country,origin_country,destination_country,hs_code,value,currency,quantity,unit,vessel_imo,port_of_loading,invoice_reference',
  'D1,2024-05-06,export,Alpha GmbH,DE,Gamma LLC,KG,DE,KG,8471.30.00,84000.00,EUR,120,pcs,9187629,DEHAM,INV-42',
  'D2,2024-05-07,transit,Alpha GmbH,DE,Gamma LLC,KG,DE,KG,847130,1,EUR,,,,,',
  'D3,2024-05-08,import,Delta,Turkey,Alpha GmbH,DE,CN,DE,85423190,12.5,USD,3,kg,9187620,,',
].join('\n');

for (const kind of STORE_KINDS) {
  describe(`event streams on ${kind}`, () => {
    let t: TestStore;
    before(async () => {
      t = await freshStore(kind);
    });
    after(async () => t?.dispose());

    it('transactions: payments stored exactly; a bad record does not sink its batch; re-ingest moves only last_seen', async () => {
      const s = t.store;
      const path = join(FIXTURES, `payments_${kind}.csv`);
      await writeFile(path, TX + '\n');
      const first = await run(s, path, { dataset: 'payments_a', marking: 'tlp:green' });
      assert.equal(first.format, 'transactions');
      assert.deepEqual(
        [first.records, first.accepted, first.rejected, first.entities, first.statements, first.rejectedValues, first.events, first.version],
        [5, 4, 1, 0, 0, 1, 4, null],
      );
      assert.deepEqual(
        quarantined(first).map((q) => [q.line, q.field, q.record ?? null, q.value ?? null]),
        [
          [3, 'beneficiary_bank', 'T2', 'BADBIC'],
          [4, 'timestamp', 'T3', null],
        ],
      );
      assert.deepEqual(await s.events.countByDataset('payments_a'), { payments: 3, declarations: 0, positions: 0 });
      const payments = await s.events.payments('payments_a', 10);
      assert.deepEqual(
        payments.map((p) => [p.txn_id, p.ts, p.amount, p.currency, p.originator_account, p.beneficiary_country, p.source_record]),
        [
          ['T1', '2024-03-01T08:15:00.000Z', '1500.00', 'EUR', 'DE89370400440532013000', 'gb', 'T1'],
          ['T4', '2024-03-03T09:00:00.000Z', '250', 'EUR', 'DE89370400440532013000', 'ru', 'T4'],
          // A repeated txn_id: the later delivery is the payment (same batch, last wins).
          ['T2', '2024-03-04T00:00:00.000Z', '5', 'USD', '12345678', null, 'T2'],
        ],
      );
      assert.deepEqual(payments[0]!.extra, { channel: 'swift' });
      assert.equal(payments[0]!.marking, canonicalMarking('tlp:green'));
      assert.equal(payments[0]!.agency, 'local');
      const classes = await s.statements.classes({ dataset: 'payments_a' });
      assert.deepEqual(
        classes.map((c) => [c.schema, c.prop, c.prop_type, c.marking]),
        [['Payment', '*', 'event', canonicalMarking('tlp:green')]],
      );

      const stored = await dump(s, 'payments', 'payments_a');
      const firstSeen = await lastSeen(s, 'payments', 'payments_a');
      const again = await run(s, path, { dataset: 'payments_a', marking: 'tlp:green' });
      assert.deepEqual(
        [again.records, again.accepted, again.rejected, again.rejectedValues, again.events, again.version],
        [first.records, first.accepted, first.rejected, first.rejectedValues, first.events, null],
      );
      assert.deepEqual(await s.events.countByDataset('payments_a'), { payments: 3, declarations: 0, positions: 0 });
      assert.deepEqual(await dump(s, 'payments', 'payments_a'), stored);
      const seenAgain = await lastSeen(s, 'payments', 'payments_a');
      assert.equal(seenAgain.length, 1);
      assert.notDeepEqual(seenAgain, firstSeen);
      const [versions] = await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM list_versions WHERE dataset = 'payments_a'`);
      assert.equal(versions!.n, 0, 'an event stream has no versions');
      const runs = await s.db.query<{ events: number }>(`SELECT events FROM ingest_runs WHERE dataset = 'payments_a'`);
      assert.deepEqual(
        runs.map((r) => r.events),
        [4, 4],
      );
    });

    it('customs: declarations stored with HS6 and normalised countries; bad values quarantined; re-ingest idempotent', async () => {
      const s = t.store;
      const path = join(FIXTURES, `declarations_${kind}.csv`);
      await writeFile(path, CUSTOMS + '\n');
      const first = await run(s, path);
      assert.equal(first.format, 'customs');
      assert.equal(first.dataset, `declarations_${kind}`);
      assert.deepEqual([first.records, first.accepted, first.rejected, first.rejectedValues, first.events], [3, 2, 1, 1, 2]);
      assert.deepEqual(
        quarantined(first).map((q) => [q.line, q.field]),
        [
          [3, 'direction'],
          [4, 'vessel_imo'],
        ],
      );
      const rows = await s.events.declarations(first.dataset, 10);
      assert.deepEqual(
        rows.map((d) => [d.declaration_id, d.date, d.hs_code, d.hs6, d.exporter_country, d.value, d.quantity, d.vessel_imo, d.invoice_reference]),
        [
          ['D1', '2024-05-06', '84713000', '847130', 'de', '84000.00', '120', '9187629', 'INV-42'],
          ['D3', '2024-05-08', '85423190', '854231', 'tr', '12.5', '3', null, null],
        ],
      );
      const stored = await dump(s, 'declarations', first.dataset);
      await run(s, path);
      assert.deepEqual(await dump(s, 'declarations', first.dataset), stored);
      assert.deepEqual(await s.events.countByDataset(first.dataset), { payments: 0, declarations: 2, positions: 0 });
    });

    it('the real MarineCadastre excerpt: every row accounted for, bad IMOs quarantined, sentinels stored as NULL', async () => {
      const s = t.store;
      const summary = await run(s, EXCERPT, { dataset: 'ais_excerpt' });
      // The file read independently of the reader.
      const rows = parseCsv(readFileSync(EXCERPT), { columns: true }) as Array<Record<string, string>>;
      const accepted = rows.filter((r) => /^\d{9}$/.test(r.MMSI!));
      const badImo = accepted.filter((r) => r.IMO !== '' && !checkImo(r.IMO!).ok).length;
      assert.equal(summary.format, 'ais-csv');
      assert.deepEqual(
        [summary.records, summary.accepted, summary.rejected, summary.rejectedValues, summary.events],
        [5000, accepted.length, 5000 - accepted.length, badImo, accepted.length],
      );
      const entries = quarantined(summary);
      assert.equal(entries.filter((e) => e.field === 'IMO').length, badImo);
      assert.equal(entries.filter((e) => e.field === 'MMSI').length, 5000 - accepted.length);
      // Reports repeating (MMSI, time) are one position: the key.
      const keys = new Set(accepted.map((r) => `${r.MMSI}|${r.BaseDateTime}`));
      assert.equal((await s.events.countByDataset('ais_excerpt')).positions, keys.size);

      const [sentinels] = await s.db.query<{ heading511: number; nullHeading: number; cog360: number; sog1023: number }>(
        `SELECT count(*) FILTER (WHERE heading = 511)::int AS "heading511", count(*) FILTER (WHERE heading IS NULL)::int AS "nullHeading",
                count(*) FILTER (WHERE cog = 360)::int AS "cog360", count(*) FILTER (WHERE sog > 102.25)::int AS "sog1023"
         FROM positions WHERE dataset = 'ais_excerpt'`,
      );
      assert.equal(sentinels!.heading511, 0);
      assert.equal(sentinels!.cog360, 0);
      assert.equal(sentinels!.sog1023, 0);
      assert.ok(sentinels!.nullHeading > 2000);
      // Line 2: CAZADOR, Heading 511, COG 280.
      const [cazador] = await s.events.positionsForMmsi('338148873', '2022-01-03T00:00:00Z', '2022-01-03T00:00:01Z');
      assert.equal(cazador!.heading, null);
      assert.equal(cazador!.cog, 280);
      assert.equal(cazador!.lat, 33.60716);
      assert.equal(cazador!.imo, null);
      assert.equal(cazador!.source_record, '2');
      assert.equal(cazador!.ts, '2022-01-03T00:00:00.000Z');
      // EAGLE (IMO8207721 passes its check digit) keeps its IMO.
      const eagle = await s.events.positionsForMmsi('367379190', '2022-01-03T00:00:00Z', '2022-01-04T00:00:00Z', 'ais_excerpt');
      assert.ok(eagle.length >= 1);
      assert.equal(eagle[0]!.imo, '8207721');
      assert.deepEqual(eagle.map((p) => p.ts), [...eagle.map((p) => p.ts)].sort());

      const stored = await dump(s, 'positions', 'ais_excerpt');
      const again = await run(s, EXCERPT, { dataset: 'ais_excerpt' });
      assert.deepEqual([again.records, again.rejected, again.rejectedValues, again.events], [summary.records, summary.rejected, summary.rejectedValues, summary.events]);
      assert.deepEqual(await dump(s, 'positions', 'ais_excerpt'), stored);
      assert.equal((await lastSeen(s, 'positions', 'ais_excerpt')).length, 1);
    });

    it('positions over several batches: one batch in flight, a key repeated across batches keeps its last report', async () => {
      const s = t.store;
      const lines = [AIS_HEADER];
      const base = Date.UTC(2024, 0, 1);
      for (let i = 0; i < 23_000; i++) {
        const mmsi = 211000000 + (i % 50);
        const ts = new Date(base + Math.floor(i / 50) * 60_000).toISOString().slice(0, 19);
        lines.push(`${mmsi},${ts},${(54 + i / 100_000).toFixed(5)},${(10 + i / 100_000).toFixed(5)},10.5,90,511,,,,70,0,100,20,5,70,A`);
      }
      // Line 3 again at the end, moved: the later report wins, across batches.
      lines.push(lines[2]!.replace(/^(\d+,[^,]+),[^,]+/, '$1,55.5'));
      // And a bad row in the middle of a batch.
      lines.splice(15_000, 0, '211000001,2024-01-01T00:00:00,91,181,0,0,0,,,,,,,,,,A');
      const path = join(FIXTURES, `track_${kind}.csv`);
      await writeFile(path, lines.join('\n') + '\n');
      const summary = await run(s, path, { dataset: 'tracks' });
      assert.deepEqual([summary.records, summary.accepted, summary.rejected, summary.events], [23_002, 23_001, 1, 23_001]);
      assert.equal((await s.events.countByDataset('tracks')).positions, 23_000);
      // The ingest left planner statistics behind (detection's paging depends on them; PGlite never autovacuums).
      const [stats] = await s.db.query<{ reltuples: number }>(`SELECT reltuples::float8 AS reltuples FROM pg_class WHERE relname = 'positions'`);
      assert.ok(Number(stats!.reltuples) >= 23_000, `reltuples ${stats!.reltuples}`);
      const [moved] = await s.events.positionsForMmsi('211000001', '2024-01-01T00:00:00Z', '2024-01-01T00:00:01Z', 'tracks');
      assert.equal(moved!.lat, 55.5);
      assert.equal(moved!.source_record, String(lines.length), 'the line of the later report');
      const track = await s.events.positionsForMmsi('211000049', '2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z');
      assert.equal(track.length, 23_000 / 50);
    });

    it('whatever a reader accepts, the tables accept: arbitrary values never fail a batch', async () => {
      const s = t.store;
      // Mostly good values, so that records get through and their odd optional values reach the tables.
      const good: Record<string, string> = {
        txn_id: 'T1',
        timestamp: '2024-01-01T00:00:00+01:00',
        amount: '1.5',
        currency: 'EUR',
        originator_account: 'DE89370400440532013000',
        originator_bank: 'DEUTDEFF',
        originator_country: 'de',
        beneficiary_account: '12345',
        purpose: 'rent',
        reference: 'INV-1',
        'odd column \u0000': 'x',
      };
      const columns = Object.keys(good);
      const odd = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'binary-ascii', maxLength: 40 }));
      const row = fc.tuple(...columns.map((c) => fc.oneof({ arbitrary: fc.constant(good[c]!), weight: 3 }, { arbitrary: odd, weight: 1 })));
      const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
      let i = 0;
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 20 }), async (rows) => {
          const path = join(FIXTURES, `fuzz_${kind}_${i++}.csv`);
          await writeFile(path, [columns.map(quote).join(','), ...rows.map((r) => r.map(quote).join(','))].join('\n') + '\n');
          const summary = await run(s, path, { dataset: 'fuzz', format: 'transactions' });
          assert.equal(summary.accepted, summary.events);
          accepted += summary.accepted;
        }),
        { numRuns: 25 },
      );
      assert.ok(accepted > 0);
    });
  });
}
