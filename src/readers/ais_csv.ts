import type { PositionEvent } from '../model/events.ts';
import { fail, ok, quote, type CheckResult } from '../model/normalize/result.ts';
import { singleLine } from '../model/normalize/text.ts';
import {
  readEvents,
  headerColumns,
  imo,
  key,
  numberIn,
  text,
  utcDateTime,
} from './event_table.ts';
import type { Reader, ReaderInput, ReadItem } from './types.ts';

/**
 * MarineCadastre AIS CSV (FORMATS.md §3), NOAA/USCG's daily-file layout:
 *
 *   MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass
 *
 * One position report per row. AIS marks "not available" with sentinels
 * (Heading 511, COG 360, SOG 102.3, LAT 91, LON 181): they become null, never a
 * number a track computation would take at its word. A report without a
 * position, time or nine-digit MMSI is refused; any other bad value (an IMO
 * failing its check digit, a status outside 0–15) is dropped and reported, the
 * position kept. The record id is the line: (MMSI, time) is the key, and real
 * files repeat it (the same report heard by two receivers).
 */

const REQUIRED = ['MMSI', 'BaseDateTime', 'LAT', 'LON'] as const;

const mmsi = (raw: string): CheckResult => (/^\d{9}$/.test(raw) ? ok(raw) : fail(`MMSI ${quote(singleLine(raw))} must be 9 digits`));

const transceiverClass = (raw: string): CheckResult => {
  const c = raw.toUpperCase();
  return c === 'A' || c === 'B' ? ok(c) : fail(`TransceiverClass ${quote(singleLine(raw))} must be A or B`);
};

const LAT = numberIn('LAT', { min: -90, max: 90, unavailable: 91 });
const LON = numberIn('LON', { min: -180, max: 180, unavailable: 181 });
const SOG = numberIn('SOG', { min: 0, max: 102.2, unavailable: 102.3 });
const COG = numberIn('COG', { min: 0, below: 360, unavailable: 360 });
const HEADING = numberIn('Heading', { min: 0, below: 360, unavailable: 511 });
const VESSEL_TYPE = numberIn('VesselType', { min: 0, max: 9999, integer: true });
const STATUS = numberIn('Status', { min: 0, max: 15, integer: true });
const CARGO = numberIn('Cargo', { min: 0, max: 9999, integer: true });
// AIS carries at most 1022 m of dimensions and 25.5 m of draught; the bounds only keep absurd values out.
const LENGTH = numberIn('Length', { min: 0, max: 2000 });
const WIDTH = numberIn('Width', { min: 0, max: 2000 });
const DRAFT = numberIn('Draft', { min: 0, max: 100 });

export const aisCsvReader: Reader = {
  format: 'ais-csv',
  description: 'AIS vessel positions, MarineCadastre CSV (MMSI, BaseDateTime, LAT, LON, SOG, COG, Heading, …)',
  isList: false,
  events: true,
  detect(input: ReaderInput): boolean {
    const columns = headerColumns(input);
    return columns.includes('mmsi') && columns.includes('basedatetime');
  },
  read(input: ReaderInput): AsyncIterable<ReadItem> {
    return readPositions(input);
  },
};

function readPositions(input: ReaderInput): AsyncIterable<ReadItem> {
  return readEvents(input, {
    required: REQUIRED,
    recordId: (_, line) => String(line),
    build: (v): PositionEvent => ({
      type: 'position',
      mmsi: v.required('MMSI', mmsi),
      ts: v.required('BaseDateTime', utcDateTime),
      lat: v.requiredNumber('LAT', LAT),
      lon: v.requiredNumber('LON', LON),
      sog: v.optionalNumber('SOG', SOG),
      cog: v.optionalNumber('COG', COG),
      heading: v.optionalNumber('Heading', HEADING),
      vessel_name: v.optional('VesselName', text),
      imo: v.optional('IMO', imo),
      call_sign: v.optional('CallSign', key),
      vessel_type: v.optionalNumber('VesselType', VESSEL_TYPE),
      status: v.optionalNumber('Status', STATUS),
      length: v.optionalNumber('Length', LENGTH),
      width: v.optionalNumber('Width', WIDTH),
      draft: v.optionalNumber('Draft', DRAFT),
      cargo: v.optionalNumber('Cargo', CARGO),
      transceiver_class: v.optional('TransceiverClass', transceiverClass),
    }),
  });
}
