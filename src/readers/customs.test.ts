import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { LISTS } from '../../test/support/paths.ts';
import { isSextantError } from '../errors.ts';
import type { DeclarationEvent } from '../model/events.ts';
import { customsReader } from './customs.ts';
import { describeInput, detectReader } from './index.ts';
import type { EventItem, ReadItem, RejectItem } from './types.ts';

const tmp = mkdtempSync(join(tmpdir(), 'sextant-customs-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

const HEADER = [
  'declaration_id',
  'date',
  'direction',
  'exporter_name',
  'exporter_country',
  'importer_name',
  'importer_country',
  'consignee_name',
  'consignee_country',
  'declarant_name',
  'origin_country',
  'destination_country',
  'hs_code',
  'description',
  'quantity',
  'unit',
  'value',
  'currency',
  'vessel_imo',
  'port_of_loading',
  'port_of_discharge',
  'transport_document',
  'invoice_reference',
];

function row(values: Record<string, string> = {}, header = HEADER): string[] {
  const base: Record<string, string> = {
    declaration_id: 'D1',
    date: '2024-05-06',
    direction: 'export',
    exporter_name: 'Alpha Trading GmbH',
    exporter_country: 'DE',
    importer_name: 'Gamma LLC',
    importer_country: 'Kyrgyzstan',
    consignee_name: 'Delta OOO',
    consignee_country: 'RU',
    declarant_name: 'Broker & Co',
    origin_country: 'DE',
    destination_country: 'KG',
    hs_code: '8471.30.00',
    description: 'Portable computers',
    quantity: '120',
    unit: 'pcs',
    value: '84000.00',
    currency: 'EUR',
    vessel_imo: '9187629',
    port_of_loading: 'DE HAM',
    port_of_discharge: 'GEPTI',
    transport_document: 'BL-778',
    invoice_reference: 'INV-42',
  };
  return header.map((c) => values[c] ?? base[c] ?? '');
}

function fixture(rows: string[][]): string {
  const path = join(tmp, `customs${n++}.csv`);
  writeFileSync(path, rows.map((r) => r.map((f) => (/[",\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')).join('\n') + '\n');
  return path;
}

async function read(path: string): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of customsReader.read(await describeInput(path), { dataset: 'customs' })) items.push(item);
  return items;
}

const events = (items: ReadItem[]) => items.filter((i): i is EventItem => i.kind === 'event');
const rejects = (items: ReadItem[]) => items.filter((i): i is RejectItem => i.kind === 'reject');
const declaration = (item: EventItem) => item.event as DeclarationEvent;

describe('customs reader', () => {
  test('a good declaration: countries lower-case alpha-2 (names resolve), HS6, UN/LOCODEs, IMO', async () => {
    const items = await read(fixture([HEADER, row()]));
    const [item] = events(items);
    assert.equal(items.length, 1);
    assert.deepEqual(item!.issues, []);
    assert.equal(item!.record, 'D1');
    assert.deepEqual(declaration(item!), {
      type: 'declaration',
      declaration_id: 'D1',
      date: '2024-05-06',
      direction: 'export',
      exporter_name: 'Alpha Trading GmbH',
      exporter_country: 'de',
      importer_name: 'Gamma LLC',
      importer_country: 'kg',
      consignee_name: 'Delta OOO',
      consignee_country: 'ru',
      declarant_name: 'Broker & Co',
      origin_country: 'de',
      destination_country: 'kg',
      hs_code: '84713000',
      hs6: '847130',
      description: 'Portable computers',
      quantity: '120',
      unit: 'pcs',
      value: '84000.00',
      currency: 'EUR',
      vessel_imo: '9187629',
      port_of_loading: 'DEHAM',
      port_of_discharge: 'GEPTI',
      transport_document: 'BL-778',
      invoice_reference: 'INV-42',
      extra: null,
    });
  });

  test('optional columns may be absent or empty; extra columns are kept', async () => {
    const header = ['declaration_id', 'date', 'direction', 'exporter_name', 'exporter_country', 'importer_name', 'importer_country', 'origin_country', 'destination_country', 'hs_code', 'value', 'currency', 'customs_office'];
    const items = await read(fixture([header, row({ direction: 'IMPORT', hs_code: '270900', customs_office: 'Hamburg-Waltershof' }, header)]));
    const d = declaration(events(items)[0]!);
    assert.equal(d.direction, 'import');
    assert.equal(d.hs6, '270900');
    assert.equal(d.vessel_imo, null);
    assert.equal(d.consignee_country, null);
    assert.deepEqual(d.extra, { customs_office: 'Hamburg-Waltershof' });
  });

  test('each bad required value refuses its record, naming the column; the neighbours are kept', async () => {
    const bad: Array<[string, Record<string, string>]> = [
      ['declaration_id', { declaration_id: '' }],
      ['date', { date: '2024-13-01' }],
      ['date', { date: '06/05/2024' }],
      ['direction', { direction: 'transit' }],
      ['exporter_name', { exporter_name: '' }],
      ['exporter_country', { exporter_country: 'Atlantis' }],
      ['importer_country', { importer_country: '' }],
      ['origin_country', { origin_country: 'XY' }],
      ['destination_country', { destination_country: 'Narnia' }],
      ['hs_code', { hs_code: '8471' }],
      ['hs_code', { hs_code: '84713000001' }],
      ['value', { value: 'lots' }],
      ['currency', { currency: 'EU' }],
    ];
    const rows = [HEADER, row({ declaration_id: 'first' })];
    bad.forEach(([, values], i) => rows.push(row({ declaration_id: `bad${i}`, ...values })));
    rows.push(row({ declaration_id: 'last' }));
    const items = await read(fixture(rows));
    assert.deepEqual(
      events(items).map((i) => i.record),
      ['first', 'last'],
    );
    assert.deepEqual(
      rejects(items).map((r) => [r.line, r.field]),
      bad.map(([field], i) => [i + 3, field]),
    );
    assert.equal(rejects(items)[1]!.record, 'bad1');
  });

  test('a bad optional value is dropped and reported, the declaration kept', async () => {
    const items = await read(
      fixture([
        HEADER,
        row({ vessel_imo: '9187620', port_of_loading: 'XX123', port_of_discharge: 'HAMBURG', unit: 'boxes', quantity: '-3', consignee_country: 'Narnia' }),
      ]),
    );
    const [item] = events(items);
    const d = declaration(item!);
    assert.deepEqual([d.vessel_imo, d.port_of_loading, d.port_of_discharge, d.unit, d.quantity, d.consignee_country], [null, null, null, null, null, null]);
    assert.deepEqual(
      item!.issues.map((i) => [i.field, i.value]),
      [
        ['consignee_country', 'Narnia'],
        ['quantity', '-3'],
        ['unit', 'boxes'],
        ['vessel_imo', '9187620'],
        ['port_of_loading', 'XX123'],
        ['port_of_discharge', 'HAMBURG'],
      ],
    );
    assert.match(item!.issues.find((i) => i.field === 'vessel_imo')!.reason, /check digit/);
  });

  test('a header without a required column is an error naming the file and the column', async () => {
    const header = HEADER.filter((c) => c !== 'hs_code');
    const path = fixture([header, row({}, header)]);
    await assert.rejects(read(path), (err: unknown) => {
      assert.ok(isSextantError(err));
      assert.ok(err.message.includes(path));
      assert.match(err.message, /hs_code/);
      return true;
    });
  });

  test('detection: its own header, not the official lists nor transactions', async () => {
    assert.equal(detectReader(await describeInput(fixture([HEADER, row()]))).format, 'customs');
    assert.equal(customsReader.detect(await describeInput(join(LISTS, 'us_csl_excerpt_2019', 'csl.csv'))), false);
    assert.equal(customsReader.detect(await describeInput(join(LISTS, 'ofac_consolidated_nonsdn_2025-12', 'cons_prim.csv'))), false);
    assert.equal(customsReader.detect(await describeInput(fixture([['txn_id', 'timestamp', 'originator_account']]))), false);
  });
});
