import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { LISTS, SHARED_DATA } from '../../test/support/paths.ts';
import { isSextantError } from '../errors.ts';
import type { PositionEvent } from '../model/events.ts';
import { checkImo } from '../model/normalize/identifiers.ts';
import { aisCsvReader } from './ais_csv.ts';
import { describeInput, detectReader } from './index.ts';
import type { EventItem, ReadItem, RejectItem } from './types.ts';

const EXCERPT = join(SHARED_DATA, 'samples', 'ais', 'marinecadastre_2022-01-03_excerpt5000.csv');
const HEADER = 'MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass';

const tmp = mkdtempSync(join(tmpdir(), 'sextant-ais-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

function fixture(lines: string[], header = HEADER): string {
  const path = join(tmp, `ais${n++}.csv`);
  writeFileSync(path, [header, ...lines].join('\n') + '\n');
  return path;
}

async function read(path: string): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of aisCsvReader.read(await describeInput(path), { dataset: 'ais' })) items.push(item);
  return items;
}

const events = (items: ReadItem[]) => items.filter((i): i is EventItem => i.kind === 'event');
const rejects = (items: ReadItem[]) => items.filter((i): i is RejectItem => i.kind === 'reject');
const position = (item: EventItem) => item.event as PositionEvent;

describe('AIS CSV reader', () => {
  test('a full report, and one whose sentinels become null, never numbers', async () => {
    const items = await read(
      fixture([
        '367379190,2022-01-03T00:00:00,30.3706,-88.56408,12.3,336.2,335,EAGLE,IMO9187629,WTD4583,31,0,28,11,3.3,52,A',
        '338148873,2022-01-03T00:00:05,33.60716,-117.91483,102.3,360.0,511,CAZADOR,,,37,,14,,,,B',
      ]),
    );
    assert.deepEqual(rejects(items), []);
    const [full, sentinels] = events(items);
    assert.deepEqual(position(full!), {
      type: 'position',
      mmsi: '367379190',
      ts: '2022-01-03T00:00:00.000Z',
      lat: 30.3706,
      lon: -88.56408,
      sog: 12.3,
      cog: 336.2,
      heading: 335,
      vessel_name: 'EAGLE',
      imo: '9187629',
      call_sign: 'WTD4583',
      vessel_type: 31,
      status: 0,
      length: 28,
      width: 11,
      draft: 3.3,
      cargo: 52,
      transceiver_class: 'A',
    });
    assert.equal(full!.record, '2');
    const s = position(sentinels!);
    assert.deepEqual([s.sog, s.cog, s.heading, s.imo, s.call_sign, s.status, s.width, s.draft, s.cargo], [null, null, null, null, null, null, null, null, null]);
    assert.deepEqual(sentinels!.issues, []);
  });

  test('a report without a position, a time or a nine-digit MMSI is refused, naming the column', async () => {
    const good = '367379190,2022-01-03T00:00:00,30.3706,-88.56408,0.0,336.2,511,EAGLE,,,31,0,28,11,3.3,52,A';
    const items = await read(
      fixture([
        good,
        '367379190,2022-01-03T00:01:00,91,-88.56408,0.0,336.2,511,EAGLE,,,31,0,28,11,3.3,52,A',
        '367379190,2022-01-03T00:02:00,30.3706,181.0,0.0,336.2,511,EAGLE,,,31,0,28,11,3.3,52,A',
        '12345678,2022-01-03T00:03:00,30.3706,-88.56408,0.0,336.2,511,EAGLE,,,31,0,28,11,3.3,52,A',
        '367379190,2022-01-03T24:00:00,30.3706,-88.56408,0.0,336.2,511,EAGLE,,,31,0,28,11,3.3,52,A',
        '367379190,2022-01-03T00:05:00,,-88.56408,0.0,336.2,511,EAGLE,,,31,0,28,11,3.3,52,A',
        '367379190,2022-01-03T00:06:00,95.5,-88.56408,0.0,336.2,511,EAGLE,,,31,0,28,11,3.3,52,A',
        '367379190,2022-01-03T00:07:00,30.3706',
        good.replace('00:00:00', '00:08:00'),
      ]),
    );
    assert.equal(events(items).length, 2);
    assert.deepEqual(
      rejects(items).map((r) => [r.line, r.field ?? null, r.record]),
      [
        [3, 'LAT', '3'],
        [4, 'LON', '4'],
        [5, 'MMSI', '5'],
        [6, 'BaseDateTime', '6'],
        [7, 'LAT', '7'],
        [8, 'LAT', '8'],
        [9, null, '9'],
      ],
    );
    assert.match(rejects(items)[0]!.reason, /not available/);
  });

  test('a bad optional value is dropped and reported, the position kept; IMO0000000 means unknown', async () => {
    const items = await read(
      fixture([
        '367379190,2022-01-03T00:00:00,30.3706,-88.56408,0.0,336.2,511,EAGLE,IMO9187620,,31,16,28,11,3.3,52,C',
        '367379190,2022-01-03T00:01:00,30.3706,-88.56408,250,400,720,EAGLE,IMO0000000,,3.5,0,28,11,3.3,52,A',
      ]),
    );
    const [first, second] = events(items);
    assert.equal(position(first!).imo, null);
    assert.equal(position(first!).status, null);
    assert.equal(position(first!).transceiver_class, null);
    assert.deepEqual(
      first!.issues.map((i) => [i.field, i.value]),
      [
        ['IMO', 'IMO9187620'],
        ['Status', '16'],
        ['TransceiverClass', 'C'],
      ],
    );
    assert.match(first!.issues[0]!.reason, /check digit/);
    assert.equal(position(second!).imo, null);
    assert.deepEqual(
      second!.issues.map((i) => i.field),
      ['SOG', 'COG', 'Heading', 'VesselType'],
    );
  });

  test('a header without a required column is an error naming the file and the column', async () => {
    const header = HEADER.replace(',LON', '');
    const path = fixture(['367379190,2022-01-03T00:00:00,30.3706,0.0,336.2,511,EAGLE,,,31,0,28,11,3.3,52,A'], header);
    await assert.rejects(read(path), (err: unknown) => {
      assert.ok(isSextantError(err));
      assert.ok(err.message.includes(path));
      assert.match(err.message, /LON/);
      return true;
    });
  });

  test('detection: the MarineCadastre header, not the lists, the NMEA sample nor FtM', async () => {
    assert.equal(detectReader(await describeInput(EXCERPT)).format, 'ais-csv');
    assert.equal(aisCsvReader.detect(await describeInput(join(LISTS, 'us_csl_excerpt_2019', 'csl.csv'))), false);
    assert.equal(aisCsvReader.detect(await describeInput(join(SHARED_DATA, 'samples', 'ais', 'aivdm_sample.nmea'))), false);
    assert.equal(aisCsvReader.detect(await describeInput(join(LISTS, 'opensanctions_ftm_samples', 't1.entities.ftm.json'))), false);
  });

  test('the real MarineCadastre excerpt: every row read, each IMO failing its check reported', async () => {
    const items = await read(EXCERPT);
    // The file read independently of the reader.
    const rows = parse(readFileSync(EXCERPT), { columns: true }) as Array<Record<string, string>>;
    assert.equal(rows.length, 5000);
    assert.equal(items.length, 5000, 'one item per row');
    const refused = rows.filter((r) => !/^\d{9}$/.test(r.MMSI!));
    assert.deepEqual(
      rejects(items).map((r) => r.field),
      refused.map(() => 'MMSI'),
    );
    const badImo = rows.filter((r) => /^\d{9}$/.test(r.MMSI!) && r.IMO !== '' && !checkImo(r.IMO!).ok).length;
    assert.ok(badImo > 100, `the excerpt holds ${badImo} bad IMO numbers`);
    const imoIssues = events(items).flatMap((i) => i.issues.filter((x) => x.field === 'IMO'));
    assert.equal(imoIssues.length, badImo);
    assert.deepEqual(
      events(items).flatMap((i) => i.issues.filter((x) => x.field !== 'IMO')),
      [],
    );
    // Heading 511 and COG 360 are "not available": null, never the sentinel.
    const heading511 = rows.filter((r) => /^\d{9}$/.test(r.MMSI!) && r.Heading === '511').length;
    assert.equal(events(items).filter((i) => position(i).heading === null).length, heading511);
    assert.ok(events(items).every((i) => position(i).heading !== 511 && position(i).cog !== 360 && position(i).sog !== 102.3));
  });
});
