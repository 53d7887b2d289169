import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { QuarantineEntry } from '../src/readers/quarantine.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { sextant } from './support/cli.ts';
import { REPO_ROOT } from './support/paths.ts';
import { freshDatabaseUrl, freshDataDir, STORE_KINDS } from './support/stores.ts';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'pacs008');
const BATCH = join(FIXTURES, 'batch_bah_v08.xml');
const BAD = join(FIXTURES, 'bad_among_good_v10.xml');
const NOT_PACS = join(FIXTURES, 'not_pacs_pain001.xml');
const CONTRACT = ['path', 'format', 'dataset', 'records', 'accepted', 'rejected', 'entities', 'statements'];

interface Row {
  txn_id: string;
  ts: string;
  amount: string;
  currency: string;
  originator_account: string;
  originator_name: string | null;
  originator_bank: string | null;
  originator_country: string | null;
  beneficiary_account: string;
  beneficiary_name: string | null;
  beneficiary_bank: string | null;
  beneficiary_country: string | null;
  purpose: string | null;
  reference: string | null;
  extra: Record<string, string> | null;
  source_record: string;
  first_seen: string;
  last_seen: string;
}

for (const kind of STORE_KINDS) {
  describe(`sextant ingest --format pacs008 on ${kind}`, () => {
    let env: Record<string, string>;
    let open: () => Promise<Store>;
    let cleanup: () => Promise<void>;
    before(async () => {
      const quarantine = await mkdtemp(join(tmpdir(), 'sextant-pacs-q-'));
      if (kind === 'pglite') {
        const dataDir = await freshDataDir();
        env = { SEXTANT_DATA: dataDir, SEXTANT_QUARANTINE: quarantine };
        open = () => openStore({ kind: 'pglite', dataDir });
        cleanup = () => rm(dataDir, { recursive: true, force: true });
      } else {
        const { url, drop } = await freshDatabaseUrl();
        env = { DATABASE_URL: url, SEXTANT_QUARANTINE: quarantine };
        open = () => openStore({ kind: 'postgres', url });
        cleanup = drop;
      }
    });
    after(async () => cleanup?.());

    /** A dataset's payments; the CLI must have exited (PGlite serves one process). */
    async function payments(dataset: string): Promise<Row[]> {
      const store = await open();
      try {
        const rows = await store.db.query<Record<string, unknown>>(
          `SELECT txn_id, to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ts, amount::text AS amount, currency,
                  originator_account, originator_name, originator_bank, originator_country,
                  beneficiary_account, beneficiary_name, beneficiary_bank, beneficiary_country,
                  purpose, reference, extra::text AS extra, source_record, first_seen::text AS first_seen, last_seen::text AS last_seen
           FROM payments WHERE dataset = $1 ORDER BY txn_id`,
          [dataset],
        );
        return rows.map((r) => ({ ...r, extra: r.extra == null ? null : JSON.parse(String(r.extra)) }) as Row);
      } finally {
        await store.close();
      }
    }

    const withoutLastSeen = (rows: Row[]) => rows.map(({ last_seen: _, ...rest }) => rest);

    it('stores each transaction of a message with a Business Application Header as a payment; re-ingest moves only last_seen', async () => {
      const run = () => sextant(['ingest', '--json', '--format', 'pacs008', BATCH, '--dataset', 'pacs_batch'], env);
      const first = await run();
      assert.equal(first.code, 0, first.stderr);
      const summary = JSON.parse(first.stdout);
      assert.deepEqual(Object.keys(summary).slice(0, 8), CONTRACT);
      assert.deepEqual(
        [summary.format, summary.dataset, summary.records, summary.accepted, summary.rejected, summary.entities, summary.statements, summary.rejectedValues, summary.version, summary.quarantine, summary.events],
        ['pacs008', 'pacs_batch', 3, 3, 0, 0, 0, 0, null, null, 3],
      );
      const stored = await payments('pacs_batch');
      assert.deepEqual(
        stored.map((r) => [r.txn_id, r.source_record, r.ts, r.amount, r.currency, r.originator_account, r.originator_country, r.beneficiary_account, r.beneficiary_bank, r.beneficiary_country, r.reference]),
        [
          ['8a562c67-ca16-48ba-b074-65581be6f001', '8a562c67-ca16-48ba-b074-65581be6f001', '2024-03-06T00:00:00.000Z', '125000.00', 'EUR', 'GB29NWBK60161331926819', 'gb', 'DE89370400440532013000', 'DEUTDEFF', 'de', 'KM-2024-0117'],
          ['LIS-PO-55120', 'LIS-PO-55120', '2024-03-05T08:30:47.000Z', '18760.00', 'USD', '0012345678', 'gb', '7712340098', 'BOFAUS3N', 'us', null],
          ['NWBK240305TX0002', 'NWBK240305TX0002', '2024-03-05T07:12:03.250Z', '48250.50', 'CHF', 'GB33BUKB20201555555555', 'gb', 'CH9300762011623852957', 'UBSWCHZH80A', 'ch', null],
        ],
      );
      const uetr = stored[0]!;
      assert.deepEqual(
        [uetr.originator_name, uetr.beneficiary_name, uetr.purpose, uetr.extra!['IntrmyAgt1/FinInstnId/BICFI'], uetr.extra!['UltmtDbtr/Nm'], uetr.extra!.ChrgBr, uetr.extra!['AppHdr/BizMsgIdr']],
        ['Northwind Components Ltd', 'Kessler Maschinenbau GmbH', 'GDDS', 'COBADEFF', 'Northwind Holdings Ltd', 'SHAR', 'NWBK20240305-0001'],
      );
      assert.equal(stored[2]!.beneficiary_name, 'Helvetia Präzision AG');

      const again = await run();
      assert.equal(again.code, 0, again.stderr);
      const summary2 = JSON.parse(again.stdout);
      assert.deepEqual([summary2.records, summary2.accepted, summary2.rejected, summary2.events], [3, 3, 0, 3]);
      const restored = await payments('pacs_batch');
      assert.deepEqual(withoutLastSeen(restored), withoutLastSeen(stored), 'same ids, same rows, same first_seen');
      for (const [i, r] of restored.entries()) assert.ok(r.last_seen > stored[i]!.last_seen, `${r.txn_id}: last_seen moves`);
    });

    it('keeps the good transactions of a file with bad ones, quarantines the bad with line and path, exits 3', async () => {
      const r = await sextant(['ingest', '--json', '--format', 'pacs008', BAD, '--dataset', 'pacs_bad'], env);
      assert.equal(r.code, 3, r.stderr);
      const summary = JSON.parse(r.stdout);
      assert.deepEqual([summary.records, summary.accepted, summary.rejected, summary.rejectedValues, summary.events], [4, 2, 2, 0, 2]);
      const quarantined = readFileSync(summary.quarantine, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as QuarantineEntry);
      assert.deepEqual(quarantined, [
        {
          file: BAD,
          line: 78,
          field: 'CdtTrfTxInf[2]/DbtrAcct/Id/IBAN',
          reason: 'IBAN DE89370400440532013001 fails its checksum (ISO 7064 MOD 97-10)',
          record: 'BNP20240412TX0002',
        },
        { file: BAD, line: 113, field: 'CdtTrfTxInf[3]/IntrBkSttlmAmt', reason: 'IntrBkSttlmAmt is required', record: 'BNP20240412TX0003' },
      ]);
      assert.deepEqual(
        (await payments('pacs_bad')).map((p) => [p.txn_id, p.amount, p.beneficiary_account, p.reference]),
        [
          ['BNP20240412TX0001', '2500.00', 'NL91ABNA0417164300', null],
          ['BNP20240412TX0004', '2750.00', 'BE68539007547034', 'ADS-2024-0098'],
        ],
      );

      const human = await sextant(['ingest', '--format', 'pacs008', BAD, '--dataset', 'pacs_bad'], env);
      assert.equal(human.code, 3, human.stderr);
      assert.match(human.stdout, /\[pacs008 → pacs_bad\]: 4 records, 2 accepted, 2 rejected; 2 events/);
      assert.ok(human.stdout.includes(`${BAD}:78 [CdtTrfTxInf[2]/DbtrAcct/Id/IBAN]: IBAN DE89370400440532013001 fails its checksum`), human.stdout);
    });

    it('detects a pacs.008 .xml file without --format (dataset named after the file)', async () => {
      const r = await sextant(['ingest', '--json', BATCH], env);
      assert.equal(r.code, 0, r.stderr);
      const summary = JSON.parse(r.stdout);
      assert.deepEqual([summary.format, summary.dataset, summary.events], ['pacs008', 'batch_bah_v08', 3]);
    });

    it('refuses a file that is not pacs.008, naming it, without a stack trace; nothing is stored', async () => {
      const r = await sextant(['ingest', '--format', 'pacs008', NOT_PACS, '--dataset', 'pacs_none'], env);
      assert.equal(r.code, 1, r.stdout);
      assert.ok(r.stderr.includes(`${NOT_PACS}: not an ISO 20022 pacs.008 message`), r.stderr);
      assert.match(r.stderr, /pain\.001\.001\.09/);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
      assert.deepEqual(await payments('pacs_none'), []);
    });
  });
}
