import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LISTS } from '../../../test/support/paths.ts';
import { SextantError } from '../../errors.ts';
import type { FtmEntity } from '../../model/entity.ts';
import { makeId } from '../../model/ids.ts';
import { toCountryCode } from '../../model/normalize/countries.ts';
import { getSchema } from '../../model/schemata.ts';
import { readCsv } from '../csv.ts';
import type { EntityItem, ReaderInput, ReadItem, RejectItem } from '../types.ts';
import {
  newOfacStats,
  OFAC_CONS_FILES,
  OFAC_SDN_FILES,
  ofacConsReader,
  ofacSdnReader,
  readOfacSet,
  splitPrograms,
  type OfacReadStats,
} from './sdn.ts';

const SDN_2021 = join(LISTS, 'ofac_sdn_2021-07');
const SDN_2024 = join(LISTS, 'ofac_sdn_2024-05-03');
const CONS_2025 = join(LISTS, 'ofac_consolidated_nonsdn_2025-12');

function dirInput(path: string): ReaderInput {
  return { path, isDirectory: true, files: readdirSync(path), head: Buffer.alloc(0) };
}

function fileInput(path: string, head = Buffer.alloc(0)): ReaderInput {
  return { path, isDirectory: false, files: [], head };
}

async function collect(items: AsyncIterable<ReadItem>): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

interface Summary {
  items: ReadItem[];
  entities: EntityItem[];
  rejects: RejectItem[];
  bySchema: Record<string, number>;
  stats: OfacReadStats;
}

async function readSet(set: typeof OFAC_SDN_FILES, input: ReaderInput, dataset: string): Promise<Summary> {
  const stats = newOfacStats();
  const items = await collect(readOfacSet(set, input, { dataset }, stats));
  const entities = items.filter((i): i is EntityItem => i.kind === 'entity');
  const rejects = items.filter((i): i is RejectItem => i.kind === 'reject');
  const bySchema: Record<string, number> = {};
  for (const e of entities) bySchema[e.entity.schema] = (bySchema[e.entity.schema] ?? 0) + 1;
  return { items, entities, rejects, bySchema, stats };
}

/** Every property is one the schema declares, and every country-typed value resolves. */
function assertSchemaClean(entity: FtmEntity): void {
  const schema = getSchema(entity.schema);
  assert.ok(schema, `unknown schema ${entity.schema}`);
  for (const [prop, values] of Object.entries(entity.properties)) {
    const spec = schema.properties.get(prop);
    assert.ok(spec, `${entity.id}: ${entity.schema} has no property ${prop}`);
    assert.ok(values.length > 0, `${entity.id}: empty ${prop}`);
    if (spec.type === 'country') {
      for (const v of values) assert.ok(toCountryCode(v), `${entity.id}: ${prop}=${v} does not resolve`);
    }
    if (spec.type === 'date') {
      for (const v of values) assert.match(v, /^\d{4}(-\d{2}(-\d{2})?)?$/, `${entity.id}: ${prop}=${v}`);
    }
  }
}

function designated(summary: Summary): EntityItem[] {
  return summary.entities.filter((e) => e.entity.schema !== 'Sanction');
}

// The real SDN set is read once and shared by the tests below.
let sdn2021: Promise<Summary> | undefined;
function readSdn2021(): Promise<Summary> {
  sdn2021 ??= readSet(OFAC_SDN_FILES, dirInput(SDN_2021), 'ofac_sdn');
  return sdn2021;
}

test('SDN 2021-07: 8,976 designated entities by type, 8,976 sanctions, no rejections', async () => {
  const s = await readSdn2021();
  assert.deepEqual(s.rejects, []);
  assert.deepEqual(s.bySchema, { Person: 4620, Vessel: 406, Airplane: 277, Organization: 3673, Sanction: 8976 });
  assert.equal(designated(s).length, 8976);
  assert.equal(s.stats.entities, 8976);
  for (const e of s.entities) assertSchemaClean(e.entity);
});

test('SDN 2021-07: each entity is followed by its Sanction, with stable ids', async () => {
  const s = await readSdn2021();
  assert.equal(s.entities.length % 2, 0);
  for (let i = 0; i < s.entities.length; i += 2) {
    const subject = s.entities[i]!;
    const sanction = s.entities[i + 1]!;
    assert.notEqual(subject.entity.schema, 'Sanction');
    assert.equal(sanction.entity.schema, 'Sanction');
    assert.equal(subject.record, sanction.record);
    assert.equal(subject.line, sanction.line);
    assert.equal(subject.entity.id, makeId('ofac_sdn', subject.record));
    assert.equal(sanction.entity.id, makeId('ofac_sdn', subject.record, 'sanction'));
    assert.deepEqual(sanction.entity.properties.entity, [subject.entity.id]);
    assert.deepEqual(sanction.entity.properties.authorityId, [subject.record]);
    assert.deepEqual(sanction.entity.properties.country, ['us']);
    assert.ok((sanction.entity.properties.program ?? []).length >= 1, `no program on ${subject.record}`);
  }
  const ids = new Set(s.entities.map((e) => e.entity.id));
  assert.equal(ids.size, s.entities.length, 'ids are unique');
});

test('SDN 2021-07: every alt.csv row is attached to its entity', async () => {
  const s = await readSdn2021();
  assert.equal(s.stats.altRows, 11910);
  assert.equal(s.stats.altAttached, 11910);
  // Independent of the reader's counters: read alt.csv here and look each name up on its entity.
  const byRecord = new Map(designated(s).map((e) => [e.record, e.entity]));
  let found = 0;
  let rows = 0;
  for await (const row of readCsv(join(SDN_2021, 'alt.csv'), { nullValues: ['-0-'] })) {
    assert.equal(row.kind, 'row');
    if (row.kind !== 'row') continue;
    rows++;
    const [entNum, , type, name] = row.fields as [string, string, string, string];
    const entity = byRecord.get(entNum);
    assert.ok(entity, `alt.csv line ${row.line}: no entity ${entNum}`);
    const prop = type === 'fka' ? 'previousName' : 'alias';
    if ((entity.properties[prop] ?? []).includes(name.replace(/\s+/g, ' ').trim()) || (entity.properties[prop] ?? []).includes(name)) found++;
    else assert.fail(`alt.csv line ${row.line}: ${prop} ${name} missing on ${entNum}`);
  }
  assert.equal(rows, 11910);
  assert.equal(found, 11910);
});

test('SDN 2021-07: addresses and comment continuations are attached', async () => {
  const s = await readSdn2021();
  assert.equal(s.stats.addAttached, 13837);
  assert.equal(s.stats.commentsAttached, 5);
  const byRecord = new Map(designated(s).map((e) => [e.record, e.entity]));

  const bnc = byRecord.get('306')!;
  assert.equal(bnc.schema, 'Organization');
  assert.deepEqual(bnc.properties.alias, ['NATIONAL BANK OF CUBA', 'BNC']);
  assert.ok(bnc.properties.address!.includes('Zweierstrasse 35, Zurich CH-8022, Switzerland'));
  assert.ok(bnc.properties.country!.includes('ch'));

  // 28263's Remarks stop at "a.k.a. 'snowsjo"; sdn_comments.csv continues with "hn'; Linked To: …".
  const tian = byRecord.get('28263')!;
  assert.ok(tian.properties.alias!.includes('snowsjohn'), JSON.stringify(tian.properties.alias));
  assert.ok(tian.properties.notes!.some((n) => n.includes('Linked To: LAZARUS GROUP')));
  // 28264: the cut falls inside "Phone Number …"; the continuation completes the number.
  const li = byRecord.get('28264')!;
  assert.ok(li.properties.phone!.includes('8613314257947'));
  assert.ok(li.properties.idNumber!.includes('210302198701102136'));
});

test('SDN 2021-07: person names, vessel fields, programs', async () => {
  const s = await readSdn2021();
  const byRecord = new Map(designated(s).map((e) => [e.record, e.entity]));
  const person = byRecord.get('15962')!;
  assert.equal(person.schema, 'Person');
  assert.deepEqual(person.properties.name, ['NIKOUSOKHAN, Mahmoud']);
  assert.deepEqual(person.properties.lastName, ['NIKOUSOKHAN']);
  assert.deepEqual(person.properties.firstName, ['Mahmoud']);
  assert.deepEqual(person.properties.birthDate, ['1961-01-01', '1962-12-31']);

  const vessel = byRecord.get('4243')!;
  assert.equal(vessel.schema, 'Vessel');
  assert.deepEqual(vessel.properties.callSign, ['P3QG3']);
  assert.deepEqual(vessel.properties.type, ['General Cargo']);
  assert.deepEqual(vessel.properties.tonnage, ['2595']);
  assert.deepEqual(vessel.properties.grossRegisteredTonnage, ['1116']);
  assert.deepEqual(vessel.properties.flag, ['cy']);
  assert.ok(vessel.properties.notes!.some((n) => n.includes('Owner: Sand & Swan Navigation Co. Ltd.')));
  assert.deepEqual(vessel.properties.previousName, ['ANA I']);

  const sanctions = s.entities.filter((e) => e.entity.schema === 'Sanction');
  const multi = sanctions.find((e) => e.record === '28263')!;
  assert.deepEqual(multi.entity.properties.program, ['DPRK3', 'CYBER2']);
  assert.deepEqual(splitPrograms('SDGT] [IFSR'), ['SDGT', 'IFSR']);
  assert.deepEqual(splitPrograms('UKRAINE-EO13662] [IRAN-CON-ARMS-EO] [RUSSIA-EO14024'), [
    'UKRAINE-EO13662',
    'IRAN-CON-ARMS-EO',
    'RUSSIA-EO14024',
  ]);
  for (const sanction of sanctions) {
    for (const p of sanction.entity.properties.program ?? []) assert.doesNotMatch(p, /[[\]]/);
  }
});

test('SDN 2024-05-03 (sdn.csv alone, as a file): 14,965 designated entities', async () => {
  const input = fileInput(join(SDN_2024, 'sdn.csv'));
  assert.equal(ofacSdnReader.detect(input), true);
  const items = await collect(ofacSdnReader.read(input, { dataset: 'ofac_sdn' }));
  const entities = items.filter((i): i is EntityItem => i.kind === 'entity');
  const rejects = items.filter((i) => i.kind === 'reject');
  assert.deepEqual(rejects, []);
  const subjects = entities.filter((e) => e.entity.schema !== 'Sanction');
  assert.equal(subjects.length, 14965);
  assert.equal(entities.length - subjects.length, 14965);
  for (const e of entities) assertSchemaClean(e.entity);
});

test('SDN ids are stable across list versions', async () => {
  const s2021 = await readSdn2021();
  const s2024 = await readSet(OFAC_SDN_FILES, dirInput(SDN_2024), 'ofac_sdn');
  const ids2021 = new Map(designated(s2021).map((e) => [e.record, e.entity.id]));
  let common = 0;
  for (const e of designated(s2024)) {
    const before = ids2021.get(e.record);
    if (before === undefined) continue;
    common++;
    assert.equal(e.entity.id, before);
  }
  assert.ok(common > 5000, `only ${common} ent_nums in common`);
});

test('consolidated non-SDN 2025-12: 442 entities with their aliases, addresses and comments', async () => {
  const s = await readSet(OFAC_CONS_FILES, dirInput(CONS_2025), 'ofac_cons');
  assert.deepEqual(s.rejects, []);
  assert.equal(designated(s).length, 442);
  assert.equal(s.bySchema.Sanction, 442);
  assert.equal(s.stats.altAttached, 1073);
  assert.equal(s.stats.addAttached, 574);
  assert.equal(s.stats.commentsAttached, 10);
  for (const e of s.entities) assertSchemaClean(e.entity);
  // The reader object gives the same result.
  const viaReader = await collect(ofacConsReader.read(dirInput(CONS_2025), { dataset: 'ofac_cons' }));
  assert.equal(viaReader.length, s.items.length);
  // 30930's remarks end in "(USCC) 91110000710934369E " — the space before the continuation "(China)" must survive.
  const cccc = designated(s).find((e) => e.record === '30930')!;
  assert.ok(cccc.entity.properties.registrationNumber!.includes('91110000710934369E'), JSON.stringify(cccc.entity.properties));
  assert.ok(cccc.entity.properties.alias!.includes('CCCC'));
});

test('detect and meta', async () => {
  assert.equal(ofacSdnReader.format, 'ofac_sdn');
  assert.equal(ofacConsReader.format, 'ofac_cons');
  assert.equal(ofacSdnReader.isList, true);
  assert.equal(ofacSdnReader.detect(dirInput(SDN_2021)), true);
  assert.equal(ofacConsReader.detect(dirInput(SDN_2021)), false);
  assert.equal(ofacConsReader.detect(dirInput(CONS_2025)), true);
  assert.equal(ofacSdnReader.detect(dirInput(CONS_2025)), false);
  assert.equal(ofacConsReader.detect(fileInput(join(CONS_2025, 'cons_prim.csv'), Buffer.from('9639,"HANIYA, Ismail"'))), true);
  assert.equal(ofacSdnReader.detect(fileInput(join(CONS_2025, 'cons_prim.csv'))), false);
  assert.equal(ofacSdnReader.detect(fileInput('/x/alt.csv')), false);
  assert.equal(ofacSdnReader.detect(fileInput('/x/sdn.csv', Buffer.from('<?xml version="1.0"?>'))), false);
  assert.deepEqual(await ofacSdnReader.meta!(dirInput(SDN_2021)), {
    authority: 'US Treasury OFAC',
    sourceUrl: 'https://sanctionslist.ofac.treas.gov/Home/SdnList',
  });
  assert.deepEqual(await ofacConsReader.meta!(dirInput(CONS_2025)), {
    authority: 'US Treasury OFAC',
    sourceUrl: 'https://sanctionslist.ofac.treas.gov/Home/ConsolidatedList',
  });
});

// ---------------------------------------------------------------------------
// Bad input

const CRLF = '\r\n';
/** A row as OFAC writes it: quoted text, `-0- ` for empty, CRLF. */
const row = (...fields: string[]): string => fields.join(',') + CRLF;
const EMPTY = '-0- ';

function fixtureDir(): string {
  return mkdtempSync(join(tmpdir(), 'sextant-ofac-'));
}

test('bad rows are rejected with file, line and field; good rows still come out', async () => {
  const dir = fixtureDir();
  try {
    const good1 = row('100', '"GOOD ONE"', EMPTY, '"SDGT"', EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, '"a.k.a. \'G1\'."');
    const shortRow = row('101', '"SHORT ROW"', EMPTY, '"SDGT"'); // 4 columns
    const badUtf8 = Buffer.concat([
      Buffer.from('102,"BAD '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`BYTES",${EMPTY},"SDGT",${EMPTY},${EMPTY},${EMPTY},${EMPTY},${EMPTY},${EMPTY},${EMPTY},${EMPTY}${CRLF}`),
    ]);
    const noName = row('103', EMPTY, EMPTY, '"SDGT"', EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY);
    const good2 = row('104', '"DOE, John"', '"individual"', '"SDNTK"', EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, '"DOB 01 Jan 1962; Gender Male."');
    writeFileSync(
      join(dir, 'sdn.csv'),
      Buffer.concat([Buffer.from(good1 + shortRow), badUtf8, Buffer.from(noName + good2), Buffer.from([0x1a])]),
    );
    writeFileSync(
      join(dir, 'alt.csv'),
      row('100', '1', '"aka"', '"ALIAS ONE"', EMPTY) + row('999', '2', '"aka"', '"NOBODY"', EMPTY) + row('104', '3', '"fka"', '"DOE, Jon"', EMPTY),
    );
    writeFileSync(join(dir, 'add.csv'), row('104', '1', '"1 Main St"', '"Springfield"', '"United States"', EMPTY));

    const s = await readSet(OFAC_SDN_FILES, dirInput(dir), 'fx');
    const sdnPath = join(dir, 'sdn.csv');
    const altPath = join(dir, 'alt.csv');
    const rejects = s.rejects.map((r) => ({ file: r.file, line: r.line, field: r.field, record: r.record }));
    assert.deepEqual(rejects, [
      { file: sdnPath, line: 2, field: undefined, record: '101' },
      { file: sdnPath, line: 3, field: 'SDN_Name', record: undefined },
      { file: sdnPath, line: 4, field: 'SDN_Name', record: '103' },
      { file: altPath, line: 2, field: 'ent_num', record: '999' },
    ]);
    assert.match(s.rejects[0]!.reason, /expected 12 columns, found 4/);
    assert.match(s.rejects[1]!.reason, /UTF-8/);
    assert.match(s.rejects[3]!.reason, /999 is not in sdn\.csv/);

    const subjects = designated(s);
    assert.deepEqual(subjects.map((e) => [e.record, e.line, e.entity.schema]), [
      ['100', 1, 'Organization'],
      ['104', 5, 'Person'],
    ]);
    assert.deepEqual(subjects[0]!.entity.properties.alias, ['ALIAS ONE', 'G1']);
    const doe = subjects[1]!.entity.properties;
    assert.deepEqual(doe.previousName, ['DOE, Jon']);
    assert.deepEqual(doe.lastName, ['DOE']);
    assert.deepEqual(doe.firstName, ['John']);
    assert.deepEqual(doe.birthDate, ['1962-01-01']);
    assert.deepEqual(doe.gender, ['male']);
    assert.deepEqual(doe.address, ['1 Main St, Springfield, United States']);
    assert.deepEqual(doe.country, ['us']);
    assert.equal(s.stats.altAttached, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('side rows of a rejected primary row, and bad side rows, are rejected in their own file', async () => {
  const dir = fixtureDir();
  try {
    writeFileSync(
      join(dir, 'cons_prim.csv'),
      row('1', '"OK"', EMPTY, '"X"', EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY) +
        row('2', '"BROKEN"', '"spaceship"', '"X"', EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY) +
        row('1', '"DUPLICATE"', EMPTY, '"X"', EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY),
    );
    writeFileSync(join(dir, 'cons_add.csv'), row('2', '7', '"Street"', '"City"', '"Cuba"', EMPTY) + row('1', '8', '"Street"') + row('', '9', EMPTY, EMPTY, EMPTY, EMPTY));
    const s = await readSet(OFAC_CONS_FILES, dirInput(dir), 'fx');
    const addPath = join(dir, 'cons_add.csv');
    const primPath = join(dir, 'cons_prim.csv');
    assert.deepEqual(
      s.rejects.map((r) => [r.file, r.line, r.field ?? null]),
      [
        [addPath, 2, null], // 3 columns instead of 6
        [addPath, 3, 'ent_num'], // empty ent_num
        [primPath, 2, 'SDN_Type'],
        [primPath, 3, 'ent_num'], // duplicate
        [addPath, 1, 'ent_num'], // belongs to the rejected row 2
      ],
    );
    assert.match(s.rejects[4]!.reason, /rejected/);
    assert.deepEqual(designated(s).map((e) => e.record), ['1']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a single sdn.csv input uses the side files beside it', async () => {
  const dir = fixtureDir();
  try {
    writeFileSync(join(dir, 'sdn.csv'), row('5', '"SOLO"', EMPTY, '"X"', EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, '"Linked To: SOME"'));
    writeFileSync(join(dir, 'sdn_comments.csv'), row('5', '"THING, LTD."'));
    writeFileSync(join(dir, 'alt.csv'), row('5', '1', '"aka"', '"SOLO TOO"', EMPTY));
    const items = await collect(ofacSdnReader.read(fileInput(join(dir, 'sdn.csv')), { dataset: 'fx' }));
    const subject = items.find((i): i is EntityItem => i.kind === 'entity' && i.entity.schema === 'Organization')!;
    assert.deepEqual(subject.entity.properties.alias, ['SOLO TOO']);
    assert.ok(subject.entity.properties.notes!.some((n) => n.includes('Linked To: SOMETHING, LTD.')), JSON.stringify(subject.entity.properties.notes));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an input that cannot be opened throws io_error', async () => {
  const dir = fixtureDir();
  try {
    await assert.rejects(collect(ofacSdnReader.read(fileInput(join(dir, 'sdn.csv')), { dataset: 'fx' })), (err: unknown) => {
      assert.ok(err instanceof SextantError);
      assert.equal(err.code, 'io_error');
      return true;
    });
    await assert.rejects(collect(ofacSdnReader.read(dirInput(dir), { dataset: 'fx' })), (err: unknown) => {
      assert.ok(err instanceof SextantError);
      assert.equal(err.code, 'io_error');
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
