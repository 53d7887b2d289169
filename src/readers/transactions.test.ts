import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { LISTS } from '../../test/support/paths.ts';
import { isSextantError } from '../errors.ts';
import type { PaymentEvent } from '../model/events.ts';
import { describeInput, detectReader } from './index.ts';
import { transactionsReader } from './transactions.ts';
import type { EventItem, ReadItem, RejectItem } from './types.ts';

const tmp = mkdtempSync(join(tmpdir(), 'sextant-tx-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

const HEADER = [
  'txn_id',
  'timestamp',
  'amount',
  'currency',
  'originator_account',
  'originator_name',
  'originator_bank',
  'originator_country',
  'beneficiary_account',
  'beneficiary_name',
  'beneficiary_bank',
  'beneficiary_country',
  'purpose',
  'reference',
];
const IBAN_DE = 'DE89370400440532013000';
const IBAN_GB = 'GB29NWBK60161331926819';

/** A row with good values, overridden by column. */
function row(values: Record<string, string> = {}, header = HEADER): string[] {
  const base: Record<string, string> = {
    txn_id: 'T1',
    timestamp: '2024-03-01T10:15:00Z',
    amount: '1500.00',
    currency: 'EUR',
    originator_account: IBAN_DE,
    originator_name: 'Alpha Trading GmbH',
    originator_bank: 'DEUTDEFF',
    originator_country: 'DE',
    beneficiary_account: IBAN_GB,
    beneficiary_name: 'Beta Ltd',
    beneficiary_bank: 'NWBKGB2L',
    beneficiary_country: 'GB',
    purpose: 'Invoice 42',
    reference: 'INV-42',
  };
  return header.map((c) => values[c] ?? base[c] ?? '');
}

function csv(rows: string[][]): string {
  return rows.map((r) => r.map((f) => (/[",\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')).join('\n') + '\n';
}

function fixture(rows: string[][]): string {
  const path = join(tmp, `tx${n++}.csv`);
  writeFileSync(path, csv(rows));
  return path;
}

async function read(path: string): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of transactionsReader.read(await describeInput(path), { dataset: 'tx' })) items.push(item);
  return items;
}

const events = (items: ReadItem[]) => items.filter((i): i is EventItem => i.kind === 'event');
const rejects = (items: ReadItem[]) => items.filter((i): i is RejectItem => i.kind === 'reject');
const payment = (item: EventItem) => item.event as PaymentEvent;

describe('transactions reader', () => {
  test('a good payment: UTC time, exact amount, compact IBANs, BICs, lower-case countries', async () => {
    const items = await read(
      fixture([HEADER, row({ timestamp: '2024-03-01T10:15:00+02:00', originator_account: 'de89 3704 0044 0532 0130 00', amount: '0012.50' })]),
    );
    assert.equal(items.length, 1);
    const [item] = events(items);
    assert.equal(item!.line, 2);
    assert.equal(item!.record, 'T1');
    assert.deepEqual(item!.issues, []);
    assert.deepEqual(payment(item!), {
      type: 'payment',
      txn_id: 'T1',
      ts: '2024-03-01T08:15:00.000Z',
      amount: '12.50',
      currency: 'EUR',
      originator_account: IBAN_DE,
      originator_name: 'Alpha Trading GmbH',
      originator_bank: 'DEUTDEFF',
      originator_country: 'de',
      beneficiary_account: IBAN_GB,
      beneficiary_name: 'Beta Ltd',
      beneficiary_bank: 'NWBKGB2L',
      beneficiary_country: 'gb',
      purpose: 'Invoice 42',
      reference: 'INV-42',
      extra: null,
    });
  });

  test('a date alone is midnight UTC; offsets and fractions convert; a time without an offset is refused', async () => {
    const items = await read(
      fixture([
        HEADER,
        row({ txn_id: 'D', timestamp: '2024-03-02' }),
        row({ txn_id: 'O', timestamp: '2024-03-02T01:30:00.250-0530' }),
        row({ txn_id: 'L', timestamp: '2024-03-02T10:00:00' }),
        row({ txn_id: 'F', timestamp: '2024-02-30' }),
      ]),
    );
    assert.deepEqual(
      events(items).map((i) => [i.record, payment(i).ts]),
      [
        ['D', '2024-03-02T00:00:00.000Z'],
        ['O', '2024-03-02T07:00:00.250Z'],
      ],
    );
    assert.deepEqual(
      rejects(items).map((r) => [r.line, r.field, r.record]),
      [
        [4, 'timestamp', 'L'],
        [5, 'timestamp', 'F'],
      ],
    );
    assert.match(rejects(items)[0]!.reason, /no UTC offset/);
  });

  test('each bad required value refuses its record, naming the column; the neighbours are kept', async () => {
    const bad: Array<[string, Record<string, string>]> = [
      ['txn_id', { txn_id: '' }],
      ['amount', { amount: '-5' }],
      ['amount', { amount: '0.00' }],
      ['amount', { amount: '1,500.00' }],
      ['currency', { currency: 'EURO' }],
      ['currency', { currency: 'XXX' }],
      ['originator_account', { originator_account: 'DE89370400440532013001' }],
      ['beneficiary_account', { beneficiary_account: '' }],
    ];
    const rows = [HEADER, row({ txn_id: 'first' })];
    bad.forEach(([, values], i) => rows.push(row({ txn_id: `bad${i}`, ...values })));
    rows.push(row({ txn_id: 'last' }));
    const items = await read(fixture(rows));
    assert.deepEqual(
      events(items).map((i) => i.record),
      ['first', 'last'],
    );
    assert.deepEqual(
      rejects(items).map((r) => [r.line, r.field]),
      bad.map(([field], i) => [i + 3, field]),
    );
    for (const r of rejects(items)) assert.ok(r.reason.length > 0);
    assert.equal(rejects(items)[0]!.record, undefined, 'no txn_id, no record id');
    assert.match(rejects(items).find((r) => r.field === 'originator_account')!.reason, /checksum/);
  });

  test('a bad optional value is dropped and reported; the payment is kept', async () => {
    const items = await read(fixture([HEADER, row({ originator_bank: 'NOTABIC', beneficiary_country: 'Atlantis', currency: 'usd' })]));
    const [item] = events(items);
    assert.equal(payment(item!).originator_bank, null);
    assert.equal(payment(item!).beneficiary_country, null);
    assert.equal(payment(item!).currency, 'USD');
    assert.deepEqual(
      item!.issues.map((i) => [i.field, i.value]),
      [
        ['originator_bank', 'NOTABIC'],
        ['beneficiary_country', 'Atlantis'],
      ],
    );
  });

  test('local account numbers are kept as written; only IBAN-shaped ones must pass the IBAN check', async () => {
    const items = await read(
      fixture([HEADER, row({ originator_account: '0012-3456789', beneficiary_account: 'US12345678901234' })]),
    );
    const p = payment(events(items)[0]!);
    assert.equal(p.originator_account, '0012-3456789');
    assert.equal(p.beneficiary_account, 'US12345678901234', 'the US issues no IBANs: a local number');
  });

  test('unknown columns are kept as extra metadata; column order is free', async () => {
    const header = ['channel', ...[...HEADER].reverse(), 'Branch Code'];
    const items = await read(fixture([header, row({ channel: 'SWIFT', 'Branch Code': '' }, header), row({ txn_id: 'T2', channel: 'SEPA', 'Branch Code': '0042' }, header)]));
    assert.deepEqual(
      events(items).map((i) => payment(i).extra),
      [{ channel: 'SWIFT' }, { channel: 'SEPA', 'Branch Code': '0042' }],
    );
    assert.equal(payment(events(items)[0]!).amount, '1500.00');
  });

  test('a quoted multi-line field keeps the lines right; a short row is rejected by line', async () => {
    const path = join(tmp, `tx${n++}.csv`);
    writeFileSync(path, csv([HEADER, row({ purpose: 'two\nlines' })]) + 'T9,2024-01-01Z\n' + csv([row({ txn_id: 'T3' })]));
    const items = await read(path);
    assert.deepEqual(
      items.map((i) => [i.kind, i.line]),
      [
        ['event', 2],
        ['reject', 4],
        ['event', 5],
      ],
    );
    assert.equal(payment(events(items)[0]!).purpose, 'two lines');
  });

  test('a header without a required column is an error naming the file and the columns', async () => {
    const path = fixture([HEADER.filter((c) => c !== 'amount' && c !== 'currency'), row({}, HEADER.filter((c) => c !== 'amount' && c !== 'currency'))]);
    await assert.rejects(read(path), (err: unknown) => {
      assert.ok(isSextantError(err));
      assert.equal(err.code, 'validation_failed');
      assert.ok(err.message.includes(path));
      assert.match(err.message, /amount, currency/);
      assert.deepEqual(err.details?.columns, ['amount', 'currency']);
      return true;
    });
  });

  test('detection: its own header, not the official lists', async () => {
    const path = fixture([HEADER, row()]);
    assert.equal(detectReader(await describeInput(path)).format, 'transactions');
    assert.equal(transactionsReader.detect(await describeInput(join(LISTS, 'us_csl_excerpt_2019', 'csl.csv'))), false);
    assert.equal(transactionsReader.detect(await describeInput(join(LISTS, 'ofac_sdn_2021-07', 'sdn.csv'))), false);
    assert.equal(transactionsReader.detect(await describeInput(join(LISTS, 'us_bis_dpl', 'dpl.txt'))), false);
    assert.equal(detectReader(await describeInput(join(LISTS, 'us_csl_excerpt_2019', 'csl.csv'))).format, 'us_csl');
  });
});
