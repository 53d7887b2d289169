import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { SHARED_DATA } from '../../test/support/paths.ts';
import type { PositionEvent } from '../model/events.ts';
import { aisNmeaReader, GROUP_SPAN } from './ais_nmea.ts';
import { Bits } from './ais_nmea/bits.ts';
import { decodeMessage, type PositionReport, type StaticReport } from './ais_nmea/messages.ts';
import { parseLine } from './ais_nmea/sentence.ts';
import { describeInput, detectReader } from './index.ts';
import type { AcceptedItem, EventItem, ReadItem, RejectItem } from './types.ts';

const SAMPLE = join(SHARED_DATA, 'samples', 'ais', 'aivdm_sample.nmea');
const CSV_SAMPLE = join(SHARED_DATA, 'samples', 'ais', 'marinecadastre_2022-01-03_excerpt5000.csv');

const tmp = mkdtempSync(join(tmpdir(), 'sextant-nmea-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

function fixture(lines: string[], ending = '\n'): string {
  const path = join(tmp, `ais${n++}.nmea`);
  writeFileSync(path, lines.join(ending) + ending);
  return path;
}

async function read(path: string, receivedAt?: string): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  const ctx = receivedAt === undefined ? { dataset: 'ais' } : { dataset: 'ais', receivedAt };
  for await (const item of aisNmeaReader.read(await describeInput(path), ctx)) items.push(item);
  return items;
}

const events = (items: ReadItem[]) => items.filter((i): i is EventItem => i.kind === 'event');
const rejects = (items: ReadItem[]) => items.filter((i): i is RejectItem => i.kind === 'reject');
const accepted = (items: ReadItem[]) => items.filter((i): i is AcceptedItem => i.kind === 'accepted');
const position = (item: EventItem) => item.event as PositionEvent;

// ---------------------------------------------------------------------------
// Building sentences (for the cases no public sample covers)

/** An NMEA sentence with its checksum: `!` + body + `*hh`. */
function nmea(body: string, start = '!'): string {
  let x = 0;
  for (const c of body) x ^= c.charCodeAt(0);
  return `${start}${body}*${x.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** A tag block with its checksum. */
function tag(content: string): string {
  return nmea(content, '\\').replace(/\*(..)$/, '*$1\\');
}

const SIXBIT = '@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !"#$%&\'()*+,-./0123456789:;<=>?';

/** Fields (value, width; text as a string and its character count) → armoured payload and fill bits. */
function payload(fields: Array<[number | string, number]>): { payload: string; fill: number } {
  let bits = '';
  for (const [value, width] of fields) {
    if (typeof value === 'string') {
      for (let i = 0; i < width; i++) bits += SIXBIT.indexOf(value[i] ?? '@').toString(2).padStart(6, '0');
    } else {
      const v = value < 0 ? 2 ** width + value : value;
      bits += v.toString(2).padStart(width, '0');
    }
  }
  const fill = (6 - (bits.length % 6)) % 6;
  bits += '0'.repeat(fill);
  let out = '';
  for (let i = 0; i < bits.length; i += 6) {
    const v = parseInt(bits.slice(i, i + 6), 2);
    out += String.fromCharCode(v < 40 ? v + 48 : v + 56);
  }
  return { payload: out, fill };
}

interface Type1 {
  type?: number;
  mmsi: number;
  status?: number;
  sog?: number;
  lon?: number;
  lat?: number;
  cog?: number;
  heading?: number;
  second?: number;
}

/** A class A position report (types 1–3) as one sentence; lon/lat in 1/10000 minute. */
function type1(f: Type1, channel = 'A'): string {
  const p = payload([
    [f.type ?? 1, 6], [0, 2], [f.mmsi, 30], [f.status ?? 0, 4], [-128, 8], [f.sog ?? 0, 10], [0, 1],
    [f.lon ?? 0, 28], [f.lat ?? 0, 27], [f.cog ?? 0, 12], [f.heading ?? 0, 9], [f.second ?? 0, 6], [0, 2], [0, 3], [0, 1], [0, 19],
  ]);
  return nmea(`AIVDM,1,1,,${channel},${p.payload},${p.fill}`);
}

/** A type 5 message split into two sentences with sequential id `seq`. */
function type5(f: { mmsi: number; imo: number; callSign: string; name: string; shipType: number; dims: [number, number, number, number]; draught: number; destination: string }, seq: number): [string, string] {
  const p = payload([
    [5, 6], [0, 2], [f.mmsi, 30], [0, 2], [f.imo, 30], [f.callSign, 7], [f.name, 20], [f.shipType, 8],
    [f.dims[0], 9], [f.dims[1], 9], [f.dims[2], 6], [f.dims[3], 6], [1, 4], [3, 4], [15, 5], [14, 5], [30, 6], [f.draught, 8], [f.destination, 20], [0, 1], [0, 1],
  ]);
  const a = p.payload.slice(0, 60);
  const b = p.payload.slice(60);
  return [nmea(`AIVDM,2,1,${seq},B,${a},0`), nmea(`AIVDM,2,2,${seq},B,${b},${p.fill}`)];
}

/** 1/10000 minute. */
const deg = (d: number) => Math.round(d * 600_000);

function decode(sentence: string): ReturnType<typeof decodeMessage> {
  const parsed = parseLine(sentence);
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return decodeMessage(new Bits(parsed.sentence.payload, parsed.sentence.fill));
}

function close(actual: number | null | undefined, expected: number, digits = 6): void {
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) < 10 ** -digits, `${actual} ≉ ${expected}`);
}

// Published examples (GPSD's AIVDM document, and the decoders that test against it).
const GPSD_TYPE1 = '!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C';
const GPSD_TYPE5 = ['!AIVDM,2,1,3,B,55P5TL01VIaAL@7WKO@mBplU@<PDhh000000001S;AJ::4A80?4i@E53,0*3E', '!AIVDM,2,2,3,B,1@0000000000000,2*55'] as const;
const TYPE18 = '!AIVDM,1,1,,A,B5NJ;PP005l4ot5Isbl03wsUkP06,0*76';
const TYPE19 = '!AIVDM,1,1,,B,C5N3SRgPEnJGEBT>NhWAwwo862PaLELTBJ:V00000000S0D:R220,0*0B';
const TYPE24A = '!AIVDM,1,1,,A,H42O55i18tMET00000000000000,2*6D';
const TYPE24B = '!AIVDM,1,1,,A,H42O55lti4hhhilD3nink000?050,0*40';

describe('AIS six-bit payloads', () => {
  test('armouring, unsigned and signed fields, six-bit text without its @ padding', () => {
    // "0" = 000000, "W" = 39 = 100111, "`" = 40 = 101000, "w" = 63 = 111111.
    const b = new Bits('0W`w', 0);
    assert.equal(b.length, 24);
    assert.equal(b.uint(0, 6), 0);
    assert.equal(b.uint(6, 6), 39);
    assert.equal(b.uint(12, 6), 40);
    assert.equal(b.uint(18, 6), 63);
    assert.equal(b.int(18, 6), -1);
    assert.equal(b.int(6, 6), -25);
    assert.equal(new Bits('w', 2).length, 4);
    // "1" = 1 = "A", "2" = 2 = "B", "0" = "@" padding.
    assert.equal(new Bits('1200', 0).text(0, 4), 'AB');
  });
});

describe('AIS messages: known values', () => {
  test('type 1, GPSD reference sentence: MMSI 477553000 moored at Seattle', () => {
    const m = decode(GPSD_TYPE1) as PositionReport;
    assert.equal(m.kind, 'position');
    assert.equal(m.type, 1);
    assert.equal(m.mmsi, 477553000);
    assert.equal(m.status, 5);
    assert.equal(m.sog, 0);
    // −122° 20.75′ and 47° 34.97′: 1/10000 minute → degrees.
    close(m.lon, -122.345833);
    close(m.lat, 47.582833);
    assert.equal(m.cog, 51);
    assert.equal(m.heading, 181);
    assert.equal(m.second, 15);
  });

  test('type 1 underway off San Francisco: speed 20.8 knots, heading 511 is null', () => {
    // The sentence as published carries checksum 4C, which does not match it: the payload is what is tested.
    const m = decode(nmea('AIVDM,1,1,,B,15MgK45P3@G?fl0E`Gmj2?v00L12,0')) as PositionReport;
    assert.equal(m.mmsi, 366730000);
    assert.equal(m.sog, 20.8);
    assert.equal(m.status, 5);
    close(m.lat, 37.802598);
    close(m.lon, -122.392533);
    assert.equal(m.cog, 52);
    assert.equal(m.heading, null);
  });

  test('type 18 (class B): MMSI 367430530, heading not available', () => {
    const m = decode(TYPE18) as PositionReport;
    assert.deepEqual([m.kind, m.type, m.mmsi, m.sog, m.cog, m.heading, m.second, m.status], ['position', 18, 367430530, 0, 0, null, 55, null]);
    close(m.lat, 37.785035);
    close(m.lon, -122.26732);
  });

  test('type 19 (extended class B) carries name, ship type and dimensions', () => {
    const m = decode(TYPE19) as PositionReport;
    assert.deepEqual([m.type, m.mmsi, m.sog, m.cog, m.heading, m.second], [19, 367059850, 8.7, 335.9, null, 46]);
    close(m.lat, 29.543695);
    close(m.lon, -88.810392);
    assert.deepEqual(m.static, { vessel_name: 'CAPT.J.RIMES', vessel_type: 70, length: 26, width: 8 });
  });

  test('type 5 in one long sentence: IMO, call sign, name, dimensions, draught /10, destination, ETA; ship type 0 is null', () => {
    // pyais's example (its checksum as published, 35, does not match: the payload is what is tested).
    const m = decode(nmea('AIVDM,1,1,,B,53ktrJ82>ia4=50<0020<5=@Dhv0t8T@u<0000001PV854Si0;mR@CPH13p0hDm1C3h0000,2')) as StaticReport;
    assert.equal(m.kind, 'static');
    assert.equal(m.mmsi, 255801960);
    assert.deepEqual(m.static, {
      imo: '9356945',
      call_sign: 'CQPC',
      vessel_name: 'CASTELO OBIDOS',
      vessel_type: null,
      cargo: null,
      length: 50,
      width: 13,
      draft: 4.7,
      destination: 'VIANA DO CASTELO',
      eta: '02-07T17:00',
    });
    assert.deepEqual(m.issues, []);
  });

  test('type 24 parts A and B (GPSD examples): name; ship type, call sign, dimensions', () => {
    const a = decode(TYPE24A) as StaticReport;
    assert.deepEqual([a.type, a.part, a.mmsi, a.static], [24, 'A', 271041815, { vessel_name: 'PROGUY' }]);
    const b = decode(TYPE24B) as StaticReport;
    assert.deepEqual([b.type, b.part, b.mmsi, b.static], [24, 'B', 271041815, { vessel_type: 60, call_sign: 'TC6163', length: 15, width: 5 }]);
  });

  test('sentences of the real sample (values worked out bit by bit)', () => {
    // Line 1: type 3, MMSI 235070716, under way, 14.6 kn, course 156.1, heading 157, second 9, south-west of the Peloponnese.
    const l1 = decode('!AIVDM,1,1,,A,33P;Tw0tjBQO22:E7dm66DrB20UP,0*2E') as PositionReport;
    assert.deepEqual([l1.type, l1.mmsi, l1.status, l1.sog, l1.cog, l1.heading, l1.second], [3, 235070716, 0, 14.6, 156.1, 157, 9]);
    close(l1.lat, 36.910433);
    close(l1.lon, 20.760008);
    // Line 3: type 1, status 15 ("not defined" is a status, not a sentinel), 27.8 kn.
    const l3 = decode('!AIVDM,1,1,,A,13RlIW?04F1beOVEFLB9bRvH0L0L,0*6C') as PositionReport;
    assert.deepEqual([l3.type, l3.mmsi, l3.status, l3.sog, l3.cog, l3.heading, l3.second], [1, 237836700, 15, 27.8, 247.4, 95, 12]);
    // Line 5: type 18, heading 511 → null.
    const l5 = decode('!AIVDM,1,1,,B,B39H9GP0;@H136UI3ijEowU5oP06,0*14') as PositionReport;
    assert.deepEqual([l5.type, l5.mmsi, l5.sog, l5.cog, l5.heading, l5.second], [18, 211159390, 4.5, 239.7, null, 10]);
    close(l5.lat, 37.689647);
    close(l5.lon, 20.985835);
    // Lines 620 and 762: type 24 parts A and B of the sailing yacht 244270489.
    const a = decode('!AIVDM,1,1,,B,H3`u5VA=VliDp@D000000000000,2*35') as StaticReport;
    assert.deepEqual([a.mmsi, a.part, a.static], [244270489, 'A', { vessel_name: 'SY-LUNDE' }]);
    const b = decode('!AIVDM,1,1,,B,H3`u5VDT47I4dcD@8olnh01P0030,0*2A') as StaticReport;
    assert.deepEqual([b.mmsi, b.part, b.static], [244270489, 'B', { vessel_type: 36, call_sign: 'PH7460', length: 12, width: 3 }]);
  });

  test('sentinels are null, never numbers: SOG 1023, COG 3600, heading 511, second 60', () => {
    const m = decode(type1({ mmsi: 211000001, sog: 1023, cog: 3600, heading: 511, second: 60, lon: deg(4.5), lat: deg(52.1) })) as PositionReport;
    assert.deepEqual([m.sog, m.cog, m.heading, m.second], [null, null, null, null]);
    const top = decode(type1({ mmsi: 211000001, sog: 1022, cog: 3599, heading: 359, second: 59 })) as PositionReport;
    assert.deepEqual([top.sog, top.cog, top.heading, top.second], [102.2, 359.9, 359, 59]);
  });

  test('no position (lon 181, lat 91) or one out of range is refused; a bad course or heading is dropped and reported', () => {
    assert.deepEqual(decode(type1({ mmsi: 211000001, lon: 181 * 600_000, lat: deg(52) })), {
      kind: 'malformed',
      field: 'lon',
      reason: 'no position: longitude 181 means "not available"',
    });
    assert.equal((decode(type1({ mmsi: 211000001, lon: deg(4), lat: 91 * 600_000 })) as { field: string }).field, 'lat');
    assert.match((decode(type1({ mmsi: 211000001, lon: deg(4), lat: deg(95) })) as { reason: string }).reason, /latitude 95 is outside -90–90/);
    const m = decode(type1({ mmsi: 211000001, cog: 3700, heading: 400 })) as PositionReport;
    assert.deepEqual([m.cog, m.heading], [null, null]);
    assert.deepEqual(
      m.issues.map((i) => [i.field, i.value]),
      [['cog', '370'], ['heading', '400']],
    );
  });

  test('the GPSD AIVDO all-sentinel class B report has a 10-digit MMSI: refused', () => {
    assert.deepEqual(decode('!AIVDO,1,1,,,B>qc:003wk?8mP=18D3Q3wgTiT;T,0*13'), { kind: 'malformed', field: 'mmsi', reason: 'MMSI 1000000000 has more than 9 digits' });
    assert.equal((decode(type1({ mmsi: 0 })) as { field: string }).field, 'mmsi');
  });

  test('a message shorter than its type is refused; other types are named', () => {
    assert.match((decode(nmea('AIVDM,1,1,,A,15MgK45P3@G?fl0E`Gmj2?v00L,0')) as { reason: string }).reason, /type 1 message is 156 bits long; it needs 168/);
    assert.deepEqual(decode('!AIVDM,1,1,,A,403OviQuMGCqWrRO9>E6fE700@GO,0*4D'), { kind: 'other', type: 4, mmsi: 3669702 });
  });
});

describe('NMEA sentences', () => {
  test('fields, talkers and start characters', () => {
    const p = parseLine('$BSVDO,1,1,,,177KQJ5000G?tO`K>RA1wUbN0TKH,0*' + nmea('BSVDO,1,1,,,177KQJ5000G?tO`K>RA1wUbN0TKH,0').slice(-2));
    assert.ok(p.ok);
    assert.deepEqual({ ...p.sentence, payload: '' }, { formatter: 'VDO', count: 1, index: 1, seqId: '', channel: '', payload: '', fill: 0, time: null });
  });

  test('refusals name what is wrong', () => {
    const reason = (line: string) => {
      const p = parseLine(line);
      return p.ok ? 'ok' : `${p.field ?? ''}: ${p.reason}`;
    };
    assert.match(reason('!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5D'), /^checksum: checksum is 5D, computed 5C/);
    assert.match(reason('!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0'), /^checksum: .*no checksum/);
    assert.match(reason(nmea('GPRMC,123519,A,4807.038,N')), /^talker: "GPRMC" is not an AIS sentence/);
    assert.match(reason(nmea('AIVDM,1,1,,B,177KQJ,0,extra')), /sentence has 8 fields; it needs 7/);
    assert.match(reason(nmea('AIVDM,1,2,,B,177KQJ,0')), /^count: |^number: /);
    assert.match(reason(nmea('AIVDM,2,3,1,B,177KQJ,0')), /^number: sentence number "3" is not 1–2/);
    assert.match(reason(nmea('AIVDM,1,1,,B,177KQJ,6')), /^fill bits: /);
    assert.match(reason(nmea('AIVDM,1,1,,B,17 KQJ,0')), /^payload: payload character " " at position 3/);
    assert.match(reason('hello world'), /not an NMEA sentence/);
  });

  test('tag block time c: (seconds or milliseconds), its checksum verified; timestamp prefixes', () => {
    const t = (line: string) => {
      const p = parseLine(line);
      return p.ok ? (p.sentence.time === null ? null : new Date(p.sentence.time).toISOString()) : `refused: ${p.reason}`;
    };
    assert.equal(t(tag('s:2573345,c:1671620143') + GPSD_TYPE1), '2022-12-21T10:55:43.000Z');
    assert.equal(t(tag('c:1671620143123,s:rcv') + GPSD_TYPE1), '2022-12-21T10:55:43.123Z');
    assert.match(t(tag('c:1671620143').replace(/\*..\\$/, '*00\\') + GPSD_TYPE1)!, /^refused: tag block checksum is 00, computed /);
    assert.match(t('\\c:1671620143\\' + GPSD_TYPE1)!, /^refused: tag block .* has no checksum/);
    assert.match(t(tag('c:12') + GPSD_TYPE1)!, /outside 2000–/);
    assert.equal(t(tag('s:rcv') + GPSD_TYPE1), null);
    assert.equal(t(`2024-05-06T07:08:09Z ${GPSD_TYPE1}`), '2024-05-06T07:08:09.000Z');
    assert.equal(t(`2024-05-06T09:08:09.5+02:00,${GPSD_TYPE1}`), '2024-05-06T07:08:09.500Z');
    assert.equal(t(`1715000000.25 ${GPSD_TYPE1}`), '2024-05-06T12:53:20.250Z');
    assert.equal(t(`1715000000 ${tag('c:1671620143')}${GPSD_TYPE1}`), '2022-12-21T10:55:43.000Z', 'the tag block is the closer time');
    assert.match(t(`2024-05-06T07:08:09 ${GPSD_TYPE1}`)!, /^refused: timestamp prefix .* no UTC offset/);
    assert.match(t(`2024-05-06 ${GPSD_TYPE1}`)!, /^refused: timestamp prefix/);
  });
});

describe('AIS NMEA reader', () => {
  test('detects AIVDM files (with or without prefixes and tag blocks), not MarineCadastre CSV', async () => {
    assert.equal(detectReader(await describeInput(SAMPLE)).format, 'ais-nmea');
    assert.equal(detectReader(await describeInput(CSV_SAMPLE)).format, 'ais-csv');
    assert.ok(aisNmeaReader.detect(await describeInput(fixture(['', `${tag('c:1671620143')}${GPSD_TYPE1}`]))));
    assert.ok(aisNmeaReader.detect(await describeInput(fixture([`1715000000.25 ${GPSD_TYPE1}`]))));
    assert.ok(!aisNmeaReader.detect(await describeInput(fixture(['{"id": "x", "schema": "Person"}', GPSD_TYPE1]))));
  });

  test('time: tag block, prefix, or receivedAt minute + the report UTC second; without any the position is refused, saying how to fix it', async () => {
    const file = fixture([
      `${tag('c:1671620143')}${GPSD_TYPE1}`,
      `2024-05-06T07:08:09Z ${GPSD_TYPE1}`,
      GPSD_TYPE1, // second 15
      type1({ mmsi: 211000001, second: 63, lon: deg(4), lat: deg(52) }),
    ]);
    const times = (items: ReadItem[]) => items.map((i) => (i.kind === 'event' ? position(i).ts : i.kind === 'reject' ? `${i.field}: ${i.reason}` : i.kind));
    assert.deepEqual(times(await read(file, '2024-06-01T10:20:30.400Z')), [
      '2022-12-21T10:55:43.000Z',
      '2024-05-06T07:08:09.000Z',
      '2024-06-01T10:20:15.000Z',
      '2024-06-01T10:20:30.400Z',
    ]);
    assert.deepEqual(times(await read(file)), [
      '2022-12-21T10:55:43.000Z',
      '2024-05-06T07:08:09.000Z',
      'ts: no receive time: no tag block c:, no timestamp prefix; pass --received-at',
      'ts: no receive time: no tag block c:, no timestamp prefix; pass --received-at',
    ]);
  });

  test('a multi-part type 5 is reassembled (in order, out of order, interleaved) and its values join later positions of the vessel', async () => {
    const [p1, p2] = GPSD_TYPE5;
    const before = type1({ mmsi: 369190000, lon: deg(-122.4), lat: deg(47.6), second: 1 });
    const afterwards = type1({ mmsi: 369190000, lon: deg(-122.4), lat: deg(47.6), second: 2 });
    const other = type1({ mmsi: 211000001, lon: deg(4), lat: deg(52), second: 3 });
    for (const order of [[p1, p2], [p2, p1], [p1, other, p2]]) {
      const items = await read(fixture([before, ...order, afterwards]), '2024-01-01T00:00:00Z');
      assert.deepEqual(rejects(items), []);
      const [stat] = accepted(items);
      assert.equal(stat!.note, 'type 5 static and voyage data of MMSI 369190000: joined onto its later positions');
      assert.equal(stat!.line, 2);
      assert.equal(stat!.record, order.length === 2 ? '2+3' : '2+4');
      const mine = events(items).filter((e) => position(e).mmsi === '369190000');
      assert.equal(position(mine[0]!).vessel_name, null, 'static data is joined onto later positions only');
      const joined = position(mine[1]!);
      assert.deepEqual(
        [joined.vessel_name, joined.imo, joined.call_sign, joined.vessel_type, joined.cargo, joined.length, joined.width, joined.draft, joined.transceiver_class],
        ['MT.MITCHELL', '6710932', 'WDA9674', 99, 99, 180, 20, 6, 'A'],
      );
      if (order.includes(other)) assert.equal(position(events(items).find((e) => position(e).mmsi === '211000001')!).vessel_name, null);
    }
  });

  test('type 5 decoded in full (GPSD multi-part example)', () => {
    const p1 = parseLine(GPSD_TYPE5[0]);
    const p2 = parseLine(GPSD_TYPE5[1]);
    assert.ok(p1.ok && p2.ok);
    const m = decodeMessage(new Bits(p1.sentence.payload + p2.sentence.payload, p2.sentence.fill)) as StaticReport;
    assert.equal(m.mmsi, 369190000);
    assert.deepEqual(m.static, {
      imo: '6710932',
      call_sign: 'WDA9674',
      vessel_name: 'MT.MITCHELL',
      vessel_type: 99,
      cargo: 99,
      length: 180,
      width: 20,
      draft: 6,
      destination: 'SEATTLE',
      eta: '01-02T08:00',
    });
  });

  test('a missing part is a rejection naming the lines of the incomplete message', async () => {
    const [p1] = GPSD_TYPE5;
    const otherSecondPart = nmea('AIVDM,2,2,4,B,1@0000000000000,2');
    const items = await read(fixture([p1, GPSD_TYPE1, otherSecondPart]), '2024-01-01T00:00:00Z');
    const r = rejects(items);
    assert.equal(r.length, 2);
    assert.deepEqual(
      r.map((i) => [i.line, i.record, i.field, i.reason]),
      [
        [1, '1', 'sentence', 'incomplete 2-part message (sequence id 3, channel B) on line 1: part 2 missing (the file ends)'],
        [3, '3', 'sentence', 'incomplete 2-part message (sequence id 4, channel B) on line 3: part 1 missing (the file ends)'],
      ],
    );
    assert.equal(events(items).length, 1);
  });

  test('an incomplete group is given up when its id is reused, or after a bounded number of lines', async () => {
    const [p1, p2] = GPSD_TYPE5;
    const reused = await read(fixture([p1, p1, p2]));
    assert.deepEqual(
      reused.map((i) => [i.kind, i.line, i.kind === 'reject' ? i.reason : '']),
      [
        ['reject', 1, 'incomplete 2-part message (sequence id 3, channel B) on line 1: part 2 missing (line 2 repeats part 1 with the same id and channel)'],
        ['accepted', 2, ''],
      ],
    );
    const filler = Array.from({ length: GROUP_SPAN }, () => GPSD_TYPE1);
    const late = await read(fixture([p1, ...filler, p2]), '2024-01-01T00:00:00Z');
    const r = rejects(late);
    assert.deepEqual(
      r.map((i) => [i.line, i.reason]),
      [
        [1, `incomplete 2-part message (sequence id 3, channel B) on line 1: part 2 missing (no further part within ${GROUP_SPAN} lines)`],
        [GROUP_SPAN + 2, `incomplete 2-part message (sequence id 3, channel B) on line ${GROUP_SPAN + 2}: part 1 missing (the file ends)`],
      ],
    );
    assert.equal(late.length, GROUP_SPAN + 2, 'one item per message');
  });

  test('a bad checksum, an empty payload, an unknown type: each refused with its line and reason', async () => {
    const items = await read(
      fixture([
        '!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5D',
        '!AIVDM,1,1,,B,,0*25',
        '!AIVDM,1,1,,A,403OviQuMGCqWrRO9>E6fE700@GO,0*4D',
        '',
        '# a comment',
      ]),
      '2024-01-01T00:00:00Z',
    );
    assert.deepEqual(
      items.map((i) => (i.kind === 'reject' ? [i.line, i.field, i.reason] : i.kind)),
      [
        [1, 'checksum', 'checksum is 5D, computed 5C: the sentence is corrupt'],
        [2, 'payload', 'empty payload: the sentence carries no message'],
        [3, 'type', 'message type 4 (base station report) not stored'],
        [5, undefined, 'not an NMEA sentence: no "!" or "$" start in "# a comment"'],
      ],
    );
  });

  test('an IMO number failing its check digit is dropped and reported on the static report; the vessel keeps its other values', async () => {
    const [a, b] = type5({ mmsi: 244000001, imo: 9187620, callSign: 'PD1234', name: 'NORDIC STAR', shipType: 80, dims: [150, 30, 12, 12], draught: 95, destination: 'ROTTERDAM' }, 7);
    const items = await read(fixture([a, b, type1({ mmsi: 244000001, lon: deg(4), lat: deg(52), sog: 123, cog: 900, heading: 91, second: 5 })]), '2024-01-01T00:00:00Z');
    const [stat] = accepted(items);
    assert.deepEqual(stat!.issues, [{ field: 'imo', reason: 'IMO number 9187620 fails its check digit (expected 9)', value: '9187620' }]);
    const [e] = events(items);
    assert.deepEqual(position(e!), {
      type: 'position',
      mmsi: '244000001',
      ts: '2024-01-01T00:00:05.000Z',
      lat: 52,
      lon: 4,
      sog: 12.3,
      cog: 90,
      heading: 91,
      vessel_name: 'NORDIC STAR',
      imo: null,
      call_sign: 'PD1234',
      vessel_type: 80,
      status: 0,
      length: 180,
      width: 24,
      draft: 9.5,
      cargo: 80,
      transceiver_class: 'A',
    });
    assert.deepEqual(e!.issues, []);
  });

  test('class B: type 18 positions, type 24 static joined; MMSI rendered as nine digits', async () => {
    const items = await read(fixture([TYPE24A, TYPE24B, type1({ mmsi: 271041815, lon: deg(28.9), lat: deg(41), second: 7 }), TYPE18, TYPE19]), '2024-01-01T00:00:00Z');
    assert.deepEqual(rejects(items), []);
    assert.equal(accepted(items).length, 2);
    const [a, b, c] = events(items).map(position);
    assert.deepEqual([a!.vessel_name, a!.call_sign, a!.vessel_type, a!.length, a!.width, a!.cargo], ['PROGUY', 'TC6163', 60, 15, 5, null]);
    assert.deepEqual([b!.mmsi, b!.transceiver_class, b!.status, b!.heading, b!.ts], ['367430530', 'B', null, null, '2024-01-01T00:00:55.000Z']);
    assert.deepEqual([c!.mmsi, c!.vessel_name, c!.vessel_type, c!.length, c!.width, c!.transceiver_class], ['367059850', 'CAPT.J.RIMES', 70, 26, 8, 'B']);
    const coast = await read(fixture([type1({ mmsi: 2_442_001, lon: deg(4), lat: deg(52) })]), '2024-01-01T00:00:00Z');
    assert.equal(position(events(coast)[0]!).mmsi, '002442001');
  });

  test('lines: CRLF endings and a byte-order mark are fine; non-ASCII bytes and overlong lines are refused', async () => {
    const crlf = await read(fixture(['\uFEFF' + GPSD_TYPE1, GPSD_TYPE1], '\r\n'), '2024-01-01T00:00:00Z');
    assert.equal(events(crlf).length, 2);
    const path = join(tmp, `bytes${n++}.nmea`);
    writeFileSync(path, Buffer.concat([Buffer.from(GPSD_TYPE1 + '\n'), Buffer.from([0x21, 0xff, 0x0a]), Buffer.from('x'.repeat(5000) + '\n'), Buffer.from(GPSD_TYPE1)]));
    const items = await read(path, '2024-01-01T00:00:00Z');
    assert.deepEqual(
      items.map((i) => (i.kind === 'reject' ? `${i.line}: ${i.reason}` : `${i.line}: ${i.kind}`)),
      ['1: event', '2: byte 0xff at column 2 is not printable ASCII (NMEA 0183 text)', '3: line is 5000 bytes long; an AIVDM line is at most 1024', '4: event'],
    );
  });
});

describe('the real AIVDM sample', () => {
  const lines = readFileSync(SAMPLE, 'utf8').split('\n');

  /** Every line is in exactly one item's record; one item per message. */
  function accountFor(items: ReadItem[]): void {
    const covered = new Map<number, number>();
    for (const item of items) {
      assert.ok(item.kind !== 'entity');
      assert.ok(item.record, `item at line ${item.line} has a record`);
      for (const l of item.record!.split('+').map(Number)) covered.set(l, (covered.get(l) ?? 0) + 1);
      if (item.kind === 'reject') assert.ok(item.reason.length > 0);
    }
    const nonBlank = lines.flatMap((l, i) => (l.trim() === '' ? [] : [i + 1]));
    assert.deepEqual([...covered.keys()].sort((a, b) => a - b), nonBlank, 'every line accounted for');
    assert.ok([...covered.values()].every((c) => c === 1), 'no line in two items');
  }

  const tally = (items: ReadItem[]): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const i of items) {
      const k =
        i.kind === 'event'
          ? `position class ${position(i).transceiver_class}`
          : i.kind === 'accepted'
            ? 'static'
            : i.kind === 'entity'
              ? 'entity'
              : i.reason.replace(/(message type \d+ \([^)]*\)).*/, '$1').replace(/^incomplete.*/, 'incomplete multi-part message').replace(/longitude.*/, 'longitude n/a');
      out[k] = (out[k] ?? 0) + 1;
    }
    return out;
  };

  test('898 lines with --received-at: 758 positions (types 1/3: 739, type 18: 19), 2 type 24 static reports, 138 rejected with reasons', async () => {
    const items = await read(SAMPLE, '2024-01-01T12:00:00Z');
    assert.equal(lines.length, 898);
    accountFor(items);
    assert.deepEqual(tally(items), {
      'position class A': 739,
      'position class B': 19,
      static: 2,
      'empty payload: the sentence carries no message': 100,
      'incomplete multi-part message': 20,
      'message type 4 (base station report)': 6,
      'message type 15 (interrogation)': 7,
      'message type 20 (data link management)': 1,
      'no position: longitude n/a': 4,
    });
    // Types 1 and 3 among the class A positions: counted from the first payload character.
    const typeOf = (e: EventItem) => lines[e.line - 1]!.split(',')[5]![0];
    const byType: Record<string, number> = {};
    for (const e of events(items)) byType[typeOf(e)!] = (byType[typeOf(e)!] ?? 0) + 1;
    assert.deepEqual(byType, { '1': 663, '3': 76, B: 19 });
    for (const e of events(items)) {
      const p = position(e);
      assert.match(p.mmsi, /^\d{9}$/);
      assert.ok(p.lat >= -90 && p.lat <= 90 && p.lon >= -180 && p.lon <= 180);
      assert.ok(p.ts >= '2024-01-01T12:00:00' && p.ts < '2024-01-01T13:00:00', p.ts);
    }
    // The capture clock moves forward: the minute turns as the seconds wrap round, and a
    // vessel's reports keep distinct times (the sample spans several minutes).
    const times = events(items).map((e) => position(e).ts);
    assert.ok(times.some((t) => !t.startsWith('2024-01-01T12:00:')), 'the minute turned');
    const keys = new Set(events(items).map((e) => `${position(e).mmsi} ${position(e).ts}`));
    assert.ok(keys.size >= 750, `${keys.size} distinct (MMSI, time) of 758`);
    // The sample holds only the first sentence of each of its 20 two-part messages: none can be decoded.
    const incomplete = rejects(items).filter((r) => r.reason.startsWith('incomplete'));
    assert.ok(incomplete.every((r) => /^incomplete 2-part message .* on line \d+: part 2 missing/.test(r.reason)));
  });

  test('without --received-at every position is refused for want of a time, and says how to fix it', async () => {
    const items = await read(SAMPLE);
    accountFor(items);
    assert.equal(events(items).length, 0);
    assert.equal(rejects(items).filter((r) => r.reason === 'no receive time: no tag block c:, no timestamp prefix; pass --received-at').length, 758);
    assert.equal(accepted(items).length, 2);
  });
});

describe('accounting on any input', () => {
  const sample = readFileSync(SAMPLE, 'utf8').split('\n');
  const known = [GPSD_TYPE1, ...GPSD_TYPE5, TYPE18, TYPE19, TYPE24A, TYPE24B, `${tag('c:1671620143')}${GPSD_TYPE1}`, `1715000000.25 ${GPSD_TYPE1}`];
  const mutate = (line: string, at: number, c: string) => line.slice(0, at % (line.length + 1)) + c + line.slice((at % (line.length + 1)) + 1);

  test('shuffled, mutated and foreign lines: one item per message, every non-blank line in exactly one record, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.constantFrom(...sample, ...known),
            fc.tuple(fc.constantFrom(...sample, ...known), fc.nat(), fc.constantFrom('0', 'w', ',', '*', '!', '\\', ' ', 'x')).map(([l, at, c]) => mutate(l, at, c)),
            fc.string({ unit: 'grapheme-ascii', maxLength: 40 }).map((t) => t.replace(/\n/g, '')),
          ),
          { maxLength: 60 },
        ),
        fc.option(fc.constant('2024-01-01T00:00:00Z'), { nil: undefined }),
        async (lines, receivedAt) => {
          const items = await read(fixture(lines), receivedAt);
          const covered: number[] = [];
          for (const item of items) {
            assert.ok(item.kind !== 'entity');
            if (item.kind === 'reject') assert.ok(item.reason.length > 0);
            covered.push(...item.record!.split('+').map(Number));
          }
          const nonBlank = lines.flatMap((l, i) => (l.replace(/\r$/, '').trim() === '' ? [] : [i + 1]));
          assert.deepEqual(covered.sort((a, b) => a - b), nonBlank);
        },
      ),
      { numRuns: Number(process.env.PROP_RUNS ?? 100) },
    );
  });
});
