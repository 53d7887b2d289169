import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LISTS } from '../../test/support/paths.ts';
import { isSextantError } from '../errors.ts';
import { toCountryCode } from '../model/normalize/countries.ts';
import { bisDplReader } from './bis_dpl.ts';
import type { EntityItem, ReaderInput, ReadItem, RejectItem } from './types.ts';

const FILE = join(LISTS, 'us_bis_dpl', 'dpl.txt');
const LINES = readFileSync(FILE, 'utf8').split('\n').filter((l) => l.trim() !== '');
const HEADER = LINES[0]!;
const ROWS = LINES.slice(1);

function inputFor(path: string): ReaderInput {
  return { path, isDirectory: false, files: [], head: readFileSync(path).subarray(0, 64 * 1024) };
}

async function collect(path: string): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of bisDplReader.read(inputFor(path), { dataset: 'us_bis_dpl' })) items.push(item);
  return items;
}

const entities = (items: ReadItem[]) => items.filter((i): i is EntityItem => i.kind === 'entity');
const rejects = (items: ReadItem[]) => items.filter((i): i is RejectItem => i.kind === 'reject');
const designated = (items: ReadItem[]) => entities(items).filter((i) => i.entity.schema !== 'Sanction');
/** The id the reader gave the row starting on each line. */
const idByLine = (items: ReadItem[]) => new Map(designated(items).map((i) => [i.line, i.entity.id]));

let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'sextant-dpl-'));
});
after(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('bis_dpl reader on the real list', () => {
  let items: ReadItem[];
  before(async () => {
    items = await collect(FILE);
  });

  test('detect and meta', async () => {
    assert.equal(bisDplReader.detect(inputFor(FILE)), true);
    assert.equal(bisDplReader.detect(inputFor(join(LISTS, 'us_csl_excerpt_2019', 'csl.csv'))), false);
    const meta = await bisDplReader.meta!(inputFor(FILE));
    assert.equal(meta.authority, 'US Bureau of Industry and Security');
    // The latest plausible Last_Update; 2922-09-01 and 3017-08-22 are typos in the source.
    assert.equal(meta.versionDate, '2022-09-02');
  });

  test('581 LegalEntity records, each with its Sanction, no rejects', () => {
    assert.equal(ROWS.length, 581);
    assert.deepEqual(rejects(items), []);
    assert.equal(designated(items).length, 581);
    assert.ok(designated(items).every((i) => i.entity.schema === 'LegalEntity'));
    assert.equal(entities(items).filter((i) => i.entity.schema === 'Sanction').length, 581);
    const all = entities(items);
    for (let i = 0; i < all.length; i += 2) {
      assert.deepEqual(all[i + 1]!.entity.properties.entity, [all[i]!.entity.id]);
      assert.equal(all[i + 1]!.line, all[i]!.line);
      assert.equal(all[i]!.line, i / 2 + 2, 'one row per line after the header');
    }
  });

  test('all 581 rows get distinct ids, including the rows the source repeats verbatim', () => {
    const ids = designated(items).map((i) => i.entity.id);
    assert.equal(new Set(ids).size, 581);
    const sanctionIds = entities(items).filter((i) => i.entity.schema === 'Sanction').map((i) => i.entity.id);
    assert.equal(new Set(sanctionIds).size, 581);
    // Found independently: rows whose every field repeats another row.
    const firstSeen = new Map<string, number>();
    const repeats: Array<[number, number]> = [];
    ROWS.forEach((row, i) => {
      const first = firstSeen.get(row);
      if (first === undefined) firstSeen.set(row, i + 2);
      else repeats.push([first, i + 2]);
    });
    assert.equal(repeats.length, 2, 'DAQING ZHOU and NEI-CHIEN CHU are each listed twice, identically');
    const byLine = idByLine(items);
    for (const [a, b] of repeats) assert.notEqual(byLine.get(a), byLine.get(b));
  });

  test('a row in full', () => {
    const [e, s] = entities(items).slice(0, 2).map((i) => i.entity.properties);
    assert.deepEqual(e!.name, ['I. ASH']);
    assert.deepEqual(e!.country, ['US']);
    assert.deepEqual(e!.address, [
      'UPON THE DATE OF THE ORDER INCARCERATED AT USM NO: 26265-177, FCI SEAGOVILLE, 2113 NORTH HIGHWAY 175, SEAGOVILLE, TX 75159, US',
    ]);
    assert.deepEqual(s!.startDate, ['2003-06-19']);
    assert.deepEqual(s!.listingDate, ['2003-06-19']);
    assert.deepEqual(s!.endDate, ['2056-06-29']);
    assert.deepEqual(s!.modifiedAt, ['2007-01-31']);
    assert.deepEqual(s!.reason, ['FEDERAL REGISTER NOTICE UPDATED; 68 F.R. 38290 6/27/03 71 F.R. 38843 7/10/06 72 F.R. 4236 1/30/07']);
    assert.deepEqual(s!.authority, ['US Bureau of Industry and Security']);
    assert.deepEqual(s!.program, ['Denied Persons List']);
    assert.deepEqual(s!.sourceUrl, ['https://www.bis.gov/dpl']);
  });

  test('dates are ISO, impossible ones are kept as text, countries resolve', () => {
    const DATE = /^\d{4}-\d{2}-\d{2}$/;
    for (const e of entities(items)) {
      for (const [prop, values] of Object.entries(e.entity.properties)) {
        if (/Date$|^modifiedAt$/.test(prop)) for (const v of values) assert.match(v, DATE);
        if (prop === 'country') for (const v of values) assert.ok(toCountryCode(v), v);
      }
    }
    const withExpiry = ROWS.filter((r) => /^\d\d\/\d\d\/\d{4}$/.test(r.split('\t')[7]!.replace(/"/g, ''))).length;
    assert.equal(entities(items).filter((i) => i.entity.properties.endDate).length, withExpiry);
    const notes = entities(items).flatMap((i) => i.entity.properties.description ?? []);
    assert.equal(notes.filter((n) => /^Last Update \(as published\): (3017-08-22|2922-09-01|0222-05-18)$/.test(n)).length, 3);
  });
});

describe('bis_dpl ids are stable', () => {
  test('row order does not change ids', async () => {
    const path = join(tmp, 'reversed.txt');
    writeFileSync(path, [HEADER, ...[...ROWS].reverse()].join('\n') + '\n');
    const original = await collect(FILE);
    const reversed = await collect(path);
    const key = (items: ReadItem[]) => designated(items).map((i) => i.entity.id).sort();
    assert.deepEqual(key(reversed), key(original));
    // Same content, same id: line n of the original is line (584 - n) of the reversed copy.
    const a = idByLine(original);
    const b = idByLine(reversed);
    for (const [line, id] of a) {
      // Rows repeated verbatim: either copy may take either id.
      if (ROWS.indexOf(ROWS[line - 2]!) !== ROWS.lastIndexOf(ROWS[line - 2]!)) continue;
      assert.equal(b.get(584 - line), id, `line ${line}`);
    }
  });

  test('a unique name + date keeps its id when its address changes; colliding names use the address', async () => {
    const original = idByLine(await collect(FILE));
    const rows = [...ROWS];
    assert.match(rows[1]!, /^"AARON ABRAHAM VILLA"/);
    rows[1] = rows[1]!.replace('3415 RIVERA AVENUE', '1 MOVED STREET');
    const path = join(tmp, 'moved.txt');
    writeFileSync(path, [HEADER, ...rows].join('\n') + '\n');
    const moved = idByLine(await collect(path));
    assert.equal(moved.get(3), original.get(3));
    // ABDULAH AL NASSER is listed twice on 03/04/2002, at two addresses.
    const twice = ROWS.map((r, i) => [r, i + 2] as const).filter(([r]) => r.startsWith('"ABDULAH AL NASSER"'));
    assert.equal(twice.length, 2);
    assert.notEqual(original.get(twice[0]![1]), original.get(twice[1]![1]));
  });
});

describe('bis_dpl reader on a damaged file', () => {
  test('bad rows are rejected with their line; the others are read', async () => {
    const good1 = ROWS[0]!;
    const shortRow = ROWS[1]!.split('\t').slice(0, 11).join('\t');
    const badUtf8 = Buffer.concat([Buffer.from('"BAD '), Buffer.from([0xff, 0xfe]), Buffer.from('NAME"' + ROWS[2]!.slice(ROWS[2]!.indexOf('\t')))]);
    const noName = '""' + ROWS[3]!.slice(ROWS[3]!.indexOf('\t'));
    const good2 = ROWS[4]!;
    const path = join(tmp, 'damaged.txt');
    writeFileSync(
      path,
      Buffer.concat([Buffer.from([HEADER, good1, shortRow].join('\n') + '\n'), badUtf8, Buffer.from('\n' + [noName, good2].join('\n') + '\n')]),
    );
    const items = await collect(path);
    assert.deepEqual(
      designated(items).map((i) => i.line),
      [2, 6],
    );
    const bad = rejects(items);
    assert.deepEqual(
      bad.map((r) => r.line),
      [3, 4, 5],
    );
    assert.match(bad[0]!.reason, /expected 12 fields, found 11/);
    assert.match(bad[1]!.reason, /invalid UTF-8/);
    assert.equal(bad[1]!.field, 'Name');
    assert.equal(bad[2]!.field, 'Name');
    assert.equal(bad[2]!.reason, 'empty name');
  });

  test('a file without the DPL header is rejected as a whole', async () => {
    const path = join(tmp, 'noheader.txt');
    writeFileSync(path, ROWS.slice(0, 3).join('\n') + '\n');
    const items = await collect(path);
    assert.equal(entities(items).length, 0);
    assert.equal(rejects(items).length, 1);
    assert.match(rejects(items)[0]!.reason, /header lacks column/);
  });

  test('an input that cannot be opened throws io_error', async () => {
    const input: ReaderInput = { path: join(tmp, 'missing.txt'), isDirectory: false, files: [], head: Buffer.alloc(0) };
    await assert.rejects(
      async () => {
        for await (const _ of bisDplReader.read(input, { dataset: 'us_bis_dpl' })) void _;
      },
      (err: unknown) => isSextantError(err) && err.code === 'io_error',
    );
  });
});
