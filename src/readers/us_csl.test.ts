import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { LISTS } from '../../test/support/paths.ts';
import { toCountryCode } from '../model/normalize/countries.ts';
import type { EntityItem, ReaderInput, ReadItem, RejectItem } from './types.ts';
import { parseCslId, sourceCode, usCslReader } from './us_csl.ts';

const FILE = join(LISTS, 'us_csl_excerpt_2019', 'csl.csv');
/** The file parsed independently of the reader. */
const TABLE = parse(readFileSync(FILE), { columns: true, bom: true }) as Array<Record<string, string>>;

function inputFor(path: string): ReaderInput {
  return { path, isDirectory: false, files: [], head: readFileSync(path).subarray(0, 64 * 1024) };
}

async function collect(path: string): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of usCslReader.read(inputFor(path), { dataset: 'us_csl' })) items.push(item);
  return items;
}

const entities = (items: ReadItem[]) => items.filter((i): i is EntityItem => i.kind === 'entity');
const rejects = (items: ReadItem[]) => items.filter((i): i is RejectItem => i.kind === 'reject');
const designated = (items: ReadItem[]) => entities(items).filter((i) => i.entity.schema !== 'Sanction');

function csvLine(fields: string[]): string {
  return fields.map((f) => (/[",\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}

let tmp: string;
let items: ReadItem[];
before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'sextant-csl-'));
  items = await collect(FILE);
});
after(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('us_csl reader on the 2019 excerpt', () => {
  test('detect and meta', async () => {
    assert.equal(usCslReader.detect(inputFor(FILE)), true);
    assert.equal(usCslReader.detect(inputFor(join(LISTS, 'us_bis_dpl', 'dpl.txt'))), false);
    assert.equal((await usCslReader.meta!(inputFor(FILE))).authority, 'US International Trade Administration');
  });

  test('115 entities with the schema their type names, each with its Sanction', () => {
    assert.equal(TABLE.length, 115);
    assert.deepEqual(rejects(items), []);
    assert.equal(designated(items).length, 115);
    const expected: Record<string, number> = {};
    const schemaOf: Record<string, string> = { Individual: 'Person', Entity: 'Organization', Vessel: 'Vessel', Aircraft: 'Airplane', '': 'LegalEntity' };
    for (const row of TABLE) expected[schemaOf[row.type!]!] = (expected[schemaOf[row.type!]!] ?? 0) + 1;
    const got: Record<string, number> = {};
    for (const e of designated(items)) got[e.entity.schema] = (got[e.entity.schema] ?? 0) + 1;
    assert.deepEqual(got, expected);
    assert.deepEqual(got, { LegalEntity: 47, Organization: 46, Person: 20, Vessel: 2 });
    const all = entities(items);
    for (let i = 0; i < all.length; i += 2) {
      const [e, s] = [all[i]!, all[i + 1]!];
      assert.equal(s.entity.schema, 'Sanction');
      assert.deepEqual(s.entity.properties.entity, [e.entity.id]);
      assert.deepEqual(s.entity.properties.authority, [TABLE[i / 2]!.source]);
      assert.equal(s.line, e.line);
    }
  });

  test('ids are distinct and built from source list + entity number, else the name', () => {
    const ids = entities(items).map((i) => i.entity.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.includes('us_csl-sdn-20264'));
    assert.ok(ids.includes('us_csl-ssi-17016'));
    assert.equal(sourceCode('Entity List (EL) - Bureau of Industry and Security'), 'EL');
    // Gunther Migeotte is on the Entity List five times, without entity number.
    const gunther = designated(items).filter((i) => i.entity.properties.name?.[0] === 'Gunther Migeotte');
    assert.equal(gunther.length, 5);
    assert.equal(new Set(gunther.map((g) => g.entity.id)).size, 5);
  });

  test('multi-valued cells are split', () => {
    const tir = designated(items).find((i) => i.entity.properties.name?.[0] === '7TH OF TIR')!;
    assert.deepEqual(tir.entity.properties.alias?.length, 7);
    const n = TABLE.reduce((sum, r) => sum + r.alt_names!.split(';').filter((a) => a.trim() !== '').length, 0);
    const got = designated(items).reduce((sum, e) => sum + (e.entity.properties.alias?.length ?? 0), 0);
    assert.equal(got, n);
    const programs = entities(items).find((i) => i.entity.properties.program?.includes('IFSR') && i.entity.properties.program.includes('NPWMD'));
    assert.ok(programs);
    for (const e of entities(items)) {
      for (const p of ['country', 'nationality', 'citizenship', 'birthCountry', 'flag', 'pastFlags']) {
        for (const v of e.entity.properties[p] ?? []) assert.ok(toCountryCode(v), `${p} ${v}`);
      }
      for (const [p, vs] of Object.entries(e.entity.properties)) {
        if (/Date$/.test(p)) for (const v of vs) assert.match(v, /^\d{4}(-\d{2}-\d{2})?$/);
      }
    }
  });

  test('the ids column: identifiers, contacts, flags and sanction statements', () => {
    const byName = (name: string) => designated(items).find((i) => i.entity.properties.name?.[0] === name)!.entity;
    const sanctionOf = (id: string) => entities(items).find((i) => i.entity.properties.entity?.[0] === id)!.entity;

    const psa = byName('200G PSA HOLDINGS LLC');
    assert.deepEqual(psa.properties.taxNumber, ['80-0890696']);
    assert.ok(psa.properties.notes!.includes('Tax ID No.: 80-0890696 (US)'));

    const vessel = byName('7-28');
    assert.equal(vessel.schema, 'Vessel');
    assert.deepEqual(vessel.properties.imoNumber, ['IMO 8898831']);
    assert.deepEqual(sanctionOf(vessel.id).properties.provisions, [
      'Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210',
    ]);
    const darya = byName('ADRIAN DARYA 1');
    assert.deepEqual(darya.properties.pastFlags, ['Panama']);
    assert.deepEqual(darya.properties.flag, ['Iran']);

    const gpb = byName('GAZPROMBANK OAO');
    assert.deepEqual(gpb.properties.swiftBic, ['GAZPRUMM']);
    assert.deepEqual(gpb.properties.email, ['mailbox@gazprombank.ru']);
    assert.deepEqual(gpb.properties.website, ['http://www.gazprombank.ru'], 'a bare host name becomes a URL');
    assert.deepEqual(gpb.properties.taxNumber, ['7744001497']);
    assert.deepEqual(gpb.properties.registrationNumber, ['09807684', '1027700167110']);
    assert.ok(sanctionOf(gpb.id).properties.provisions!.includes('Executive Order 13662 Directive Determination: Subject to Directive 1'));

    const hyj = byName('H Y J COMERCIALIZADORA INTERNACIONAL LTDA');
    assert.deepEqual(hyj.properties.taxNumber, ['830106350-0']);
    assert.deepEqual(hyj.properties.registrationNumber, ['01200175']);
    assert.ok(hyj.properties.notes!.includes('Matricula Mercantil No: 01200175 (Bogota)'));

    assert.deepEqual(byName('AKBARI, Mohammadreza Ali').properties.passportNumber, ['21795618']);

    // Totals against an independent count of the labels in the raw cells.
    const entries = TABLE.flatMap((r) => r.ids!.split(';').map((e) => e.trim()).filter((e) => e !== ''));
    const count = (re: RegExp) => entries.filter((e) => re.test(e)).length;
    const total = (prop: string) => designated(items).reduce((n, e) => n + (e.entity.properties[prop]?.length ?? 0), 0);
    assert.equal(total('taxNumber'), count(/, (Tax ID No\.|NIT #|RUC #)$/));
    assert.equal(total('email'), count(/, Email Address$/));
    assert.equal(total('website'), count(/, Website$/));
    assert.equal(total('imoNumber'), count(/^IMO \d{7}, Vessel Registration Identification$/));
    assert.equal(
      total('registrationNumber'),
      count(/, (Registration ID|Government Gazette Number|Company Number|Commercial Registry Number|Matricula Mercantil No)$/),
    );
    const provisions = entities(items).reduce(
      (n, e) => n + (e.entity.properties.provisions ?? []).filter((p) => /Directive|Sanctions/.test(p)).length,
      0,
    );
    assert.equal(provisions, count(/Directive Determination -$|Additional Sanctions Information -$|Secondary sanctions risk:$/));
  });

  test('parseCslId', () => {
    assert.deepEqual(parseCslId('US, 80-0890696, Tax ID No.'), {
      text: 'US, 80-0890696, Tax ID No.',
      type: 'Tax ID No.',
      value: '80-0890696',
      country: 'US',
      kind: 'identifier',
      props: ['taxNumber'],
      exact: true,
    });
    assert.equal(parseCslId('RKBZCHZZ, SWIFT/BIC').props[0], 'swiftBic');
    assert.equal(parseCslId('Subject to Secondary Sanctions, Additional Sanctions Information -').kind, 'sanction');
    assert.deepEqual(parseCslId('IMO 9116412, Vessel Registration Identification').props, ['imoNumber']);
    assert.deepEqual(parseCslId('AB-123, Vessel Registration Identification').props, ['registrationNumber']);
    assert.equal(parseCslId('Panama, Former Vessel Flag').kind, 'flag');
    assert.equal(parseCslId('12345, Some New Label').props[0], 'idNumber');
    assert.equal(parseCslId('lonely').kind, 'other');
  });

  test('Person columns: birth, citizenship, title', () => {
    const people = designated(items).filter((i) => i.entity.schema === 'Person');
    const dobs = TABLE.filter((r) => r.type === 'Individual').reduce((n, r) => n + r.dates_of_birth!.split(';').filter((d) => d.trim()).length, 0);
    assert.equal(people.reduce((n, p) => n + (p.entity.properties.birthDate?.length ?? 0), 0), dobs);
    const annabi = people.find((p) => p.entity.properties.birthPlace?.includes('Annaba, Algeria'))!;
    assert.deepEqual(annabi.entity.properties.birthCountry, ['Algeria']);
    assert.deepEqual(annabi.entity.properties.citizenship, ['DZ']);
    assert.ok(people.some((p) => p.entity.properties.position?.includes('Minister of Information')));
  });
});

describe('us_csl reader, robustness', () => {
  test('column order does not matter', async () => {
    const rows = parse(readFileSync(FILE), { bom: true }) as string[][];
    const reversed = rows.map((r) => [...r].reverse());
    const path = join(tmp, 'reversed.csv');
    writeFileSync(path, reversed.map(csvLine).join('\n') + '\n');
    assert.equal(usCslReader.detect(inputFor(path)), true);
    const again = await collect(path);
    assert.deepEqual(rejects(again), []);
    assert.deepEqual(
      entities(again).map((i) => i.entity),
      entities(items).map((i) => i.entity),
    );
  });

  test('a row with the wrong number of fields is rejected with its line', async () => {
    const lines = readFileSync(FILE, 'utf8').split('\n');
    const path = join(tmp, 'short.csv');
    writeFileSync(path, [lines[0], lines[1], 'only,three,fields', lines[2], ''].join('\n'));
    const got = await collect(path);
    assert.equal(designated(got).length, 2);
    assert.deepEqual(
      rejects(got).map((r) => [r.line, r.reason]),
      [[3, 'expected 28 fields, found 3']],
    );
  });
});
