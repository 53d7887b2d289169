import { checkImo } from '../../model/normalize/identifiers.ts';
import type { ValueIssue } from '../types.ts';
import type { Bits } from './bits.ts';

/**
 * Decoders for the AIS messages Sextant stores (ITU-R M.1371-5, field layouts
 * as in the GPSD "AIVDM/AIVDO protocol decoding" document): position reports
 * of types 1, 2, 3 (class A), 18 and 19 (class B), static data of types 5
 * (class A) and 24 parts A and B (class B). Values come out in the units the
 * store keeps (degrees, knots, metres); "not available" sentinels become null,
 * never a number; a value outside its range is dropped and reported as an
 * issue. A position report without a usable position, or a message shorter
 * than its type, is malformed: the reader refuses it. Field names in reasons
 * are the PositionEvent's.
 */

/** Static and voyage values of a vessel. Undefined: the message does not carry it; null: not available. */
export interface StaticData {
  vessel_name?: string | null;
  call_sign?: string | null;
  /** Seven digits, check digit verified. */
  imo?: string | null;
  /** AIS "type of ship and cargo" code, 1–255. */
  vessel_type?: number | null;
  /** The same code, from a class A static report (type 5), as MarineCadastre's Cargo column carries it. */
  cargo?: number | null;
  /** Metres: dimension A + B (bow + stern of the reference point). */
  length?: number | null;
  /** Metres: dimension C + D (port + starboard). */
  width?: number | null;
  /** Metres, maximum present static draught. */
  draft?: number | null;
  destination?: string | null;
  /** Estimated time of arrival, UTC, as `MM-DDTHH:MM` (no year in AIS). */
  eta?: string | null;
}

export type PositionType = 1 | 2 | 3 | 18 | 19;

export interface PositionReport {
  kind: 'position';
  type: PositionType;
  mmsi: number;
  /** Navigational status 0–15 (types 1–3 only). */
  status: number | null;
  /** Knots. */
  sog: number | null;
  /** Degrees. */
  cog: number | null;
  /** Degrees. */
  heading: number | null;
  /** Degrees, within -90–90 / -180–180. */
  lat: number;
  lon: number;
  /** UTC second of the report, 0–59; null when not available (60–63). */
  second: number | null;
  /** Type 19 carries the vessel's static values too. */
  static: StaticData | null;
  issues: ValueIssue[];
}

export interface StaticReport {
  kind: 'static';
  type: 5 | 24;
  /** Type 24 part. */
  part: 'A' | 'B' | null;
  mmsi: number;
  static: StaticData;
  issues: ValueIssue[];
}

/** A well-formed message of a type Sextant does not store. */
export interface OtherMessage {
  kind: 'other';
  type: number;
  mmsi: number;
}

/** A message that cannot be used: too short, no position, bad MMSI. */
export interface Malformed {
  kind: 'malformed';
  field: string;
  reason: string;
}

export type Decoded = PositionReport | StaticReport | OtherMessage | Malformed;

/** Message type names (ITU-R M.1371), for reasons. */
export const TYPE_NAMES: Record<number, string> = {
  1: 'class A position report',
  2: 'class A position report (assigned schedule)',
  3: 'class A position report (response to interrogation)',
  4: 'base station report',
  5: 'static and voyage data',
  6: 'binary addressed message',
  7: 'binary acknowledge',
  8: 'binary broadcast message',
  9: 'SAR aircraft position report',
  10: 'UTC/date inquiry',
  11: 'UTC/date response',
  12: 'addressed safety message',
  13: 'safety acknowledge',
  14: 'safety broadcast message',
  15: 'interrogation',
  16: 'assignment mode command',
  17: 'DGNSS broadcast',
  18: 'class B position report',
  19: 'extended class B position report',
  20: 'data link management',
  21: 'aid-to-navigation report',
  22: 'channel management',
  23: 'group assignment command',
  24: 'class B static data report',
  25: 'single slot binary message',
  26: 'multiple slot binary message',
  27: 'long range position report',
};

/** Bits each stored type needs (the standard's lengths; type 5 is often sent as 420 bits, its spare bits cut). */
const MIN_BITS: Record<number, number> = { 1: 168, 2: 168, 3: 168, 5: 420, 18: 168, 19: 312 };
const MIN_BITS_24 = { A: 160, B: 168 };

/** AIS positions are in 1/10000 minute: degrees × 600000. */
const LON_NA = 181 * 600_000;
const LAT_NA = 91 * 600_000;

export function decodeMessage(bits: Bits): Decoded {
  if (bits.length < 38) {
    return { kind: 'malformed', field: 'payload', reason: `message is ${bits.length} bits long, too short to hold a type and an MMSI (38)` };
  }
  const type = bits.uint(0, 6);
  const mmsi = bits.uint(8, 30);
  const stored = type in MIN_BITS || type === 24;
  if (!stored) return { kind: 'other', type, mmsi };
  const need = type === 24 ? (bits.uint(38, 2) === 0 ? MIN_BITS_24.A : MIN_BITS_24.B) : MIN_BITS[type]!;
  if (bits.length < need) {
    return { kind: 'malformed', field: 'payload', reason: `type ${type} message is ${bits.length} bits long; it needs ${need}` };
  }
  const badMmsi = mmsiProblem(mmsi);
  if (badMmsi) return { kind: 'malformed', field: 'mmsi', reason: badMmsi };
  switch (type) {
    case 1:
    case 2:
    case 3:
      return positionReport(bits, type, mmsi, { status: 38, sog: 50, lon: 61, lat: 89, cog: 116, heading: 128, second: 137 });
    case 18:
      return positionReport(bits, type, mmsi, { sog: 46, lon: 57, lat: 85, cog: 112, heading: 124, second: 133 });
    case 19: {
      const report = positionReport(bits, type, mmsi, { sog: 46, lon: 57, lat: 85, cog: 112, heading: 124, second: 133 });
      if (report.kind === 'position') {
        report.static = {
          vessel_name: text(bits, 143, 20),
          vessel_type: shipType(bits.uint(263, 8)),
          ...dimensions(bits, 271),
        };
      }
      return report;
    }
    case 5:
      return staticAndVoyage(bits, mmsi);
    default:
      return classBStatic(bits, mmsi);
  }
}

/** Why a 30-bit MMSI cannot be stored as nine digits, or null when it can. */
export function mmsiProblem(mmsi: number): string | null {
  if (mmsi === 0) return 'MMSI 0 means "not available"';
  if (mmsi > 999_999_999) return `MMSI ${mmsi} has more than 9 digits`;
  return null;
}

/** The MMSI as stored: nine digits, zero-padded (leading zeros are meaningful: coast stations, groups). */
export function mmsiText(mmsi: number): string {
  return String(mmsi).padStart(9, '0');
}

interface PositionLayout {
  status?: number;
  sog: number;
  lon: number;
  lat: number;
  cog: number;
  heading: number;
  second: number;
}

function positionReport(bits: Bits, type: PositionType, mmsi: number, at: PositionLayout): PositionReport | Malformed {
  const rawLon = bits.int(at.lon, 28);
  const rawLat = bits.int(at.lat, 27);
  if (rawLon === LON_NA) return { kind: 'malformed', field: 'lon', reason: 'no position: longitude 181 means "not available"' };
  if (rawLat === LAT_NA) return { kind: 'malformed', field: 'lat', reason: 'no position: latitude 91 means "not available"' };
  const lon = rawLon / 600_000;
  const lat = rawLat / 600_000;
  if (lon < -180 || lon > 180) return { kind: 'malformed', field: 'lon', reason: `longitude ${round(lon, 6)} is outside -180–180` };
  if (lat < -90 || lat > 90) return { kind: 'malformed', field: 'lat', reason: `latitude ${round(lat, 6)} is outside -90–90` };
  const issues: ValueIssue[] = [];
  const rawSog = bits.uint(at.sog, 10);
  const rawCog = bits.uint(at.cog, 12);
  const rawHeading = bits.uint(at.heading, 9);
  const rawSecond = bits.uint(at.second, 6);
  let cog: number | null = null;
  if (rawCog < 3600) cog = rawCog / 10;
  else if (rawCog > 3600) issues.push({ field: 'cog', reason: `course over ground ${rawCog / 10} is outside 0 to below 360`, value: String(rawCog / 10) });
  let heading: number | null = null;
  if (rawHeading < 360) heading = rawHeading;
  else if (rawHeading !== 511) issues.push({ field: 'heading', reason: `heading ${rawHeading} is outside 0–359 (511 is "not available")`, value: String(rawHeading) });
  return {
    kind: 'position',
    type,
    mmsi,
    status: at.status === undefined ? null : bits.uint(at.status, 4),
    // 1023 is "not available"; 1022 means 102.2 knots or more.
    sog: rawSog === 1023 ? null : rawSog / 10,
    cog,
    heading,
    lat,
    lon,
    second: rawSecond < 60 ? rawSecond : null,
    static: null,
    issues,
  };
}

function staticAndVoyage(bits: Bits, mmsi: number): StaticReport {
  const issues: ValueIssue[] = [];
  const type = shipType(bits.uint(232, 8));
  const draught = bits.uint(294, 8);
  return {
    kind: 'static',
    type: 5,
    part: null,
    mmsi,
    static: {
      imo: imo(bits.uint(40, 30), issues),
      call_sign: text(bits, 70, 7),
      vessel_name: text(bits, 112, 20),
      vessel_type: type,
      cargo: type,
      ...dimensions(bits, 240),
      draft: draught === 0 ? null : draught / 10,
      destination: text(bits, 302, 20),
      eta: eta(bits.uint(274, 4), bits.uint(278, 5), bits.uint(283, 5), bits.uint(288, 6)),
    },
    issues,
  };
}

function classBStatic(bits: Bits, mmsi: number): StaticReport | Malformed {
  const part = bits.uint(38, 2);
  if (part === 0) return { kind: 'static', type: 24, part: 'A', mmsi, static: { vessel_name: text(bits, 40, 20) }, issues: [] };
  if (part !== 1) return { kind: 'malformed', field: 'part', reason: `type 24 part number ${part} is not defined (0 is part A, 1 part B)` };
  // An auxiliary craft (MMSI 98XXXYYYY) sends its mother ship's MMSI where the dimensions would be.
  const auxiliary = Math.floor(mmsi / 10_000_000) === 98;
  return {
    kind: 'static',
    type: 24,
    part: 'B',
    mmsi,
    static: { vessel_type: shipType(bits.uint(40, 8)), call_sign: text(bits, 90, 7), ...(auxiliary ? {} : dimensions(bits, 132)) },
    issues: [],
  };
}

/** Six-bit text, trimmed; empty (all `@` padding) is null. */
function text(bits: Bits, start: number, chars: number): string | null {
  const t = bits.text(start, chars).replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

function shipType(code: number): number | null {
  return code === 0 ? null : code;
}

/** Length (A + B) and width (C + D) from the four 9/9/6/6-bit dimensions at `start`; 0 is "not available". */
function dimensions(bits: Bits, start: number): { length: number | null; width: number | null } {
  const length = bits.uint(start, 9) + bits.uint(start + 9, 9);
  const width = bits.uint(start + 18, 6) + bits.uint(start + 24, 6);
  return { length: length === 0 ? null : length, width: width === 0 ? null : width };
}

/** IMO number: 0 is "not available"; one failing its check digit is dropped and reported. */
function imo(n: number, issues: ValueIssue[]): string | null {
  if (n === 0) return null;
  const r = checkImo(String(n).padStart(7, '0'));
  if (r.ok) return r.value;
  issues.push({ field: 'imo', reason: r.reason, value: String(n) });
  return null;
}

/** ETA `MM-DDTHH:MM` (UTC); null when month or day is not available (0) or out of range. */
function eta(month: number, day: number, hour: number, minute: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const two = (n: number): string => String(n).padStart(2, '0');
  const time = hour < 24 ? `T${two(hour)}:${minute < 60 ? two(minute) : '00'}` : '';
  return `${two(month)}-${two(day)}${time}`;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
