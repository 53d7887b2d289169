import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LISTS } from '../../test/support/paths.ts';
import { isSextantError } from '../errors.ts';
import { toCountryCode } from '../model/normalize/countries.ts';
import type { EntityItem, ReaderInput, ReadItem, RejectItem } from './types.ts';
import { unScReader } from './un_sc.ts';

const FILE = join(LISTS, 'un_sc_consolidated_2026-02-27', 'consolidated.xml');
const RAW = readFileSync(FILE);
const TEXT = RAW.toString('utf8');

function inputFor(path: string): ReaderInput {
  return { path, isDirectory: false, files: [], head: readFileSync(path).subarray(0, 64 * 1024) };
}

async function collect(path: string): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of unScReader.read(inputFor(path), { dataset: 'un_sc' })) items.push(item);
  return items;
}

const entities = (items: ReadItem[]) => items.filter((i): i is EntityItem => i.kind === 'entity');
const rejects = (items: ReadItem[]) => items.filter((i): i is RejectItem => i.kind === 'reject');
const designated = (items: ReadItem[]) => entities(items).filter((i) => i.entity.schema !== 'Sanction');

/** 1-based lines of every `<INDIVIDUAL>` / `<ENTITY>` opening tag, found independently of the reader. */
function recordStartLines(text: string): number[] {
  const lines: number[] = [];
  text.split('\n').forEach((l, i) => {
    if (/<(INDIVIDUAL|ENTITY)>/.test(l)) lines.push(i + 1);
  });
  return lines;
}

/** Byte offsets of the n-th (0-based) record's opening tag. */
function recordOffset(text: string, n: number): number {
  const re = /<(INDIVIDUAL|ENTITY)>/g;
  let m: RegExpExecArray | null = null;
  for (let i = 0; i <= n; i++) m = re.exec(text);
  assert.ok(m, `record ${n} exists`);
  return m.index;
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'sextant-un-'));
});
after(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('un_sc reader on the real 2026-02-27 list', () => {
  let items: ReadItem[];
  before(async () => {
    items = await collect(FILE);
  });

  test('detect and meta', async () => {
    assert.equal(unScReader.detect(inputFor(FILE)), true);
    assert.equal(unScReader.detect(inputFor(join(LISTS, 'us_bis_dpl', 'dpl.txt'))), false);
    assert.equal(unScReader.detect({ ...inputFor(FILE), path: '/tmp/consolidated.txt' }), false, 'needs .xml');
    const meta = await unScReader.meta!(inputFor(FILE));
    assert.equal(meta.versionDate, '2026-02-27');
    assert.equal(meta.authority, 'United Nations Security Council');
  });

  test('730 Person + 273 Organization + 1,003 Sanctions, no rejects', () => {
    assert.deepEqual(rejects(items), []);
    const count = (schema: string) => entities(items).filter((i) => i.entity.schema === schema).length;
    assert.equal(count('Person'), 730);
    assert.equal(count('Organization'), 273);
    assert.equal(count('Sanction'), 1003);
    assert.equal(entities(items).length, 2006);
    const ids = entities(items).map((i) => i.entity.id);
    assert.equal(new Set(ids).size, ids.length, 'ids are distinct');
  });

  test('each designation is followed by its Sanction, on the line its record starts', () => {
    const expectedLines = recordStartLines(TEXT);
    assert.equal(expectedLines.length, 1003);
    const all = entities(items);
    for (let i = 0; i < all.length; i += 2) {
      const [e, s] = [all[i]!, all[i + 1]!];
      assert.notEqual(e.entity.schema, 'Sanction');
      assert.equal(s.entity.schema, 'Sanction');
      assert.deepEqual(s.entity.properties.entity, [e.entity.id]);
      assert.equal(s.record, e.record);
      assert.equal(s.line, e.line);
      assert.equal(e.line, expectedLines[i / 2], `record ${i / 2} starts on its line`);
    }
  });

  test('alias, weakAlias and previousName hold every non-empty ALIAS_NAME, each spelling of a "; "-joined one apart (and the original-script names)', () => {
    const decode = (s: string) =>
      s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/\s+/g, ' ').trim();
    const propOf: Record<string, string> = { Good: 'alias', 'a.k.a.': 'alias', Low: 'weakAlias', 'f.k.a.': 'previousName' };
    let nonEmpty = 0;
    let empty = 0;
    let expected = 0;
    for (const rec of TEXT.matchAll(/<(INDIVIDUAL|ENTITY)>([\s\S]*?)<\/\1>/g)) {
      const names = new Set<string>();
      for (const a of rec[2]!.matchAll(/<(?:INDIVIDUAL|ENTITY)_ALIAS>([\s\S]*?)<\/(?:INDIVIDUAL|ENTITY)_ALIAS>/g)) {
        const name = /<ALIAS_NAME>([^<]*)<\/ALIAS_NAME>/.exec(a[1]!);
        if (!name || decode(name[1]!) === '') {
          empty++;
          continue;
        }
        nonEmpty++;
        const quality = /<QUALITY>([^<]*)<\/QUALITY>/.exec(a[1]!)?.[1] ?? '';
        // Several spellings joined by "; " are several names.
        for (const one of decode(name[1]!).split(/\s*;\s*/).filter(Boolean)) names.add(`${propOf[quality] ?? 'alias'}\u0000${one}`);
      }
      for (const o of rec[2]!.matchAll(/<NAME_ORIGINAL_SCRIPT>([^<]*)<\/NAME_ORIGINAL_SCRIPT>/g)) {
        if (decode(o[1]!) !== '') names.add(`alias\u0000${decode(o[1]!)}`);
      }
      expected += names.size;
    }
    // SOURCES.md counts 3,043 alias elements; 291 of them are empty placeholders.
    assert.equal(nonEmpty + empty, 3043);
    assert.equal(nonEmpty, 2752);
    let got = 0;
    for (const e of designated(items)) {
      for (const p of ['alias', 'weakAlias', 'previousName']) got += e.entity.properties[p]?.length ?? 0;
    }
    assert.equal(got, expected);
    const previous = designated(items).reduce((n, e) => n + (e.entity.properties.previousName?.length ?? 0), 0);
    assert.equal(previous, (TEXT.match(/<QUALITY>f\.k\.a\.<\/QUALITY>/g) ?? []).length);
  });

  test('a person in full', () => {
    const get = (id: string) => entities(items).find((i) => i.entity.id === id)!;
    const p = get('un_sc-cdi.001');
    assert.equal(p.entity.schema, 'Person');
    assert.equal(p.line, 4);
    assert.equal(p.record, '6907993');
    assert.deepEqual(p.entity.properties.name, ['ERIC BADEGE']);
    assert.deepEqual(p.entity.properties.firstName, ['ERIC']);
    assert.deepEqual(p.entity.properties.lastName, ['BADEGE']);
    assert.deepEqual(p.entity.properties.birthDate, ['1971']);
    assert.deepEqual(p.entity.properties.gender, ['male']);
    assert.deepEqual(p.entity.properties.nationality, ['Democratic Republic of the Congo']);
    const s = get('un_sc-cdi.001-sanction').entity.properties;
    assert.deepEqual(s.program, ['DRC']);
    assert.deepEqual(s.authorityId, ['CDi.001']);
    assert.deepEqual(s.unscId, ['CDi.001']);
    assert.deepEqual(s.listingDate, ['2012-12-31']);
    assert.deepEqual(s.authority, ['United Nations Security Council']);
    assert.deepEqual(s.sourceUrl, ['https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list']);
    assert.match(s.reason![0]!, /^He fled to Rwanda/);
    // DPRK names are written family name first.
    const kp = get('un_sc-kpi.001').entity.properties;
    assert.deepEqual([kp.lastName, kp.firstName], [['YUN'], ['HO-JIN']]);
    // Passport numbers, with type and country kept in notes.
    const z = get('un_sc-qdi.006').entity.properties;
    assert.deepEqual(z.passportNumber, ['1084010', '19820215']);
    assert.ok(z.notes!.includes('Passport 1084010 (country: Egypt)'));
  });

  test('dates are ISO partial dates and country values resolve', () => {
    const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
    let births = 0;
    for (const e of entities(items)) {
      for (const [prop, values] of Object.entries(e.entity.properties)) {
        if (/Date$|^modifiedAt$/.test(prop)) for (const v of values) assert.match(v, DATE, `${e.entity.id} ${prop}`);
        if (['country', 'nationality', 'birthCountry'].includes(prop)) {
          for (const v of values) assert.ok(toCountryCode(v), `${e.entity.id} ${prop} ${v} resolves`);
        }
      }
      births += e.entity.properties.birthDate?.length ?? 0;
    }
    // BETWEEN 1973 and 1974 gives both years.
    const between = entities(items).find((e) => e.entity.properties.birthDate?.includes('1973') && e.entity.properties.birthDate.includes('1974'));
    assert.ok(between);
    assert.ok(births >= 900);
  });
});

describe('un_sc reader on damaged files', () => {
  test('a file cut mid-record yields every complete record, then one reject naming where the cut record starts', async () => {
    const start = recordOffset(TEXT, 700);
    const cut = start + 300;
    const truncated = TEXT.slice(0, cut);
    const path = join(tmp, 'truncated.xml');
    writeFileSync(path, truncated);
    const items = await collect(path);
    const complete = (truncated.match(/<\/(INDIVIDUAL|ENTITY)>/g) ?? []).length;
    assert.equal(complete, 700);
    assert.equal(designated(items).length, complete);
    assert.equal(entities(items).length, 2 * complete);
    const bad = rejects(items);
    assert.equal(bad.length, 1);
    assert.equal(items[items.length - 1], bad[0]);
    assert.equal(bad[0]!.reason, 'truncated XML: <INDIVIDUAL> not closed');
    assert.equal(bad[0]!.line, lineAt(TEXT, start));
    assert.equal(bad[0]!.record, /<DATAID>(\d+)<\/DATAID>/.exec(TEXT.slice(start))![1]);
  });

  test('a file cut between records reports the missing end of the list', async () => {
    const end = TEXT.indexOf('</INDIVIDUAL>', recordOffset(TEXT, 10)) + '</INDIVIDUAL>'.length;
    const path = join(tmp, 'cut-between.xml');
    writeFileSync(path, TEXT.slice(0, end) + '\n');
    const items = await collect(path);
    assert.equal(designated(items).length, 11);
    const bad = rejects(items);
    assert.equal(bad.length, 1);
    assert.match(bad[0]!.reason, /<\/CONSOLIDATED_LIST> missing/);
  });

  test('a malformed record rejects only itself', async () => {
    const start = recordOffset(TEXT, 2);
    const close = TEXT.indexOf('</SECOND_NAME>', start);
    const broken = TEXT.slice(0, close) + '</SECOND_NAM>' + TEXT.slice(close + '</SECOND_NAME>'.length);
    const path = join(tmp, 'malformed.xml');
    writeFileSync(path, broken);
    const items = await collect(path);
    assert.equal(designated(items).length, 1002);
    const bad = rejects(items);
    assert.equal(bad.length, 1);
    assert.equal(bad[0]!.line, lineAt(TEXT, start));
    assert.match(bad[0]!.reason, /^malformed XML/);
    assert.equal(bad[0]!.record, '6907995');
    assert.ok(designated(items).some((i) => i.entity.id === 'un_sc-cdi.004'), 'the next record is read');
  });

  test('invalid UTF-8 rejects only its record; a literal U+FFFD in the source does not', async () => {
    const start = Buffer.from(TEXT.slice(0, recordOffset(TEXT, 5)), 'utf8').length;
    const name = RAW.indexOf('<FIRST_NAME>', start) + '<FIRST_NAME>'.length;
    const bytes = Buffer.concat([RAW.subarray(0, name), Buffer.from([0xc3, 0x28, 0xff]), RAW.subarray(name)]);
    const path = join(tmp, 'bad-utf8.xml');
    writeFileSync(path, bytes);
    const items = await collect(path);
    const bad = rejects(items);
    assert.equal(bad.length, 1);
    assert.equal(bad[0]!.reason, 'invalid UTF-8 in record');
    assert.equal(bad[0]!.line, lineAt(TEXT, recordOffset(TEXT, 5)));
    assert.equal(designated(items).length, 1002);
    assert.ok(TEXT.includes('\uFFFD'), 'the real list holds a literal replacement character');
  });

  test('an input that cannot be opened throws io_error', async () => {
    const input: ReaderInput = { path: join(tmp, 'missing.xml'), isDirectory: false, files: [], head: Buffer.alloc(0) };
    await assert.rejects(
      async () => {
        for await (const _ of unScReader.read(input, { dataset: 'un_sc' })) void _;
      },
      (err: unknown) => isSextantError(err) && err.code === 'io_error',
    );
  });
});
