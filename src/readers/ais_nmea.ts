import { createReadStream } from 'node:fs';
import { SextantError } from '../errors.ts';
import type { PositionEvent } from '../model/events.ts';
import { Assembler, type Incomplete, type Message } from './ais_nmea/assemble.ts';
import { Bits } from './ais_nmea/bits.ts';
import { decodeMessage, mmsiText, TYPE_NAMES, type PositionReport, type StaticData, type StaticReport } from './ais_nmea/messages.ts';
import { LOOKS_LIKE_SENTENCE, parseLine } from './ais_nmea/sentence.ts';
import { assertReadable, headText } from './shared.ts';
import type { AcceptedItem, EventItem, ReadContext, Reader, ReaderInput, ReadItem, RejectItem } from './types.ts';

/**
 * NMEA 0183 AIVDM/AIVDO sentences (FORMATS.md §3): one sentence per line, with
 * an optional receive-time prefix and NMEA 4.0 tag blocks (see
 * ais_nmea/sentence.ts). Multi-sentence messages are reassembled
 * (ais_nmea/assemble.ts) and decoded bit by bit (ais_nmea/messages.ts).
 *
 * A record is one AIS message: one line, or the lines of a multi-sentence
 * message (its record id joins them: `96+97`; its item carries the first).
 * Every message yields exactly one item:
 *  - a position report (types 1, 2, 3, 18, 19) becomes a PositionEvent; the
 *    vessel's static values (types 5, 19, 24) heard earlier in the file are
 *    joined onto it, as a MarineCadastre row carries them;
 *  - a static report (types 5, 24) is an accepted record that stores nothing
 *    by itself (its values join the vessel's later positions); a bad value in
 *    it (an IMO number failing its check digit) is dropped and reported on it;
 *  - anything else is rejected with its reason: a corrupt sentence (checksum,
 *    fields), an empty payload, a message type Sextant does not store, an
 *    incomplete multi-sentence message (naming its lines), a report without a
 *    position or a time, an MMSI that is not nine digits.
 * Blank lines are not records.
 *
 * Time: a position's time is its line's tag block `c:` or timestamp prefix
 * (for a multi-sentence message, its first sentence that has one). Without
 * either, `ReadContext.receivedAt` (`sextant ingest --received-at`, the start
 * of the capture) starts a clock, and each report's own UTC second field places
 * it: in the clock's minute, or the next one when the second is more than 30 s
 * behind the clock (the minute has turned; the clock only moves forward). When
 * the report's second is "not available" (60–63), the clock's time is used. Without
 * receivedAt either, the position is rejected, saying so.
 */

/** How far a report's second may fall behind the capture clock and still be taken as the same minute. */
const REORDER_MS = 30_000;

/** Lines longer than this are refused (an NMEA sentence is at most 82 characters; tag blocks and prefixes add some). */
const MAX_LINE_BYTES = 1024;
/** A multi-sentence message whose parts do not all arrive within this many lines is given up. */
export const GROUP_SPAN = 100;

export const aisNmeaReader: Reader = {
  format: 'ais-nmea',
  description: 'AIS vessel positions, NMEA 0183 AIVDM/AIVDO sentences (types 1, 2, 3, 18, 19; static data 5, 24)',
  isList: false,
  events: true,
  detect(input: ReaderInput): boolean {
    if (input.isDirectory) return false;
    const first = headText(input)
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '');
    return first !== undefined && LOOKS_LIKE_SENTENCE.test(first);
  },
  read(input: ReaderInput, ctx: ReadContext): AsyncIterable<ReadItem> {
    return readNmea(input, ctx);
  },
};

const NO_TIME = 'no receive time: no tag block c:, no timestamp prefix; pass --received-at';

async function* readNmea(input: ReaderInput, ctx: ReadContext): AsyncGenerator<ReadItem> {
  await assertReadable(input);
  const file = input.path;
  const receivedAt = ctx.receivedAt === undefined ? null : Date.parse(ctx.receivedAt);
  /** Where the capture is in time, for reports that carry only their second (see timeOf). */
  let clock: number | null = receivedAt;
  if (receivedAt !== null && Number.isNaN(receivedAt)) {
    throw new SextantError('bad_request', `--received-at ${JSON.stringify(ctx.receivedAt)} is not an ISO 8601 timestamp`, { field: 'receivedAt' });
  }
  const assembler = new Assembler(GROUP_SPAN);
  /** Static values per MMSI, as heard so far. */
  const vessels = new Map<number, StaticData>();

  const reject = (lines: number[], reason: string, field?: string): RejectItem => ({
    kind: 'reject',
    file,
    line: lines[0]!,
    ...(field ? { field } : {}),
    reason,
    record: lines.join('+'),
  });
  const incomplete = (g: Incomplete): RejectItem => {
    const missing = Array.from({ length: g.count }, (_, i) => i + 1).filter((n) => !g.have.includes(n));
    const id = `sequence id ${g.seqId === '' ? '(none)' : g.seqId}, channel ${g.channel === '' ? '(none)' : g.channel}`;
    return reject(
      g.lines,
      `incomplete ${g.count}-part message (${id}) on line${g.lines.length > 1 ? 's' : ''} ${g.lines.join(', ')}: part${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing (${g.why})`,
      'sentence',
    );
  };

  for await (const { line, text, problem } of readLines(file)) {
    for (const g of assembler.expire(line)) yield incomplete(g);
    if (problem) {
      yield reject([line], problem);
      continue;
    }
    if (text.trim() === '') continue;
    const parsed = parseLine(text.trim());
    if (!parsed.ok) {
      yield reject([line], parsed.reason, parsed.field);
      continue;
    }
    const s = parsed.sentence;
    if (s.payload === '') {
      yield reject([line], 'empty payload: the sentence carries no message', 'payload');
      continue;
    }
    let message: Message | null;
    if (s.count === 1) {
      message = { payload: s.payload, fill: s.fill, lines: [line], time: s.time };
    } else {
      const added = assembler.add(s, line);
      for (const g of added.dropped) yield incomplete(g);
      message = added.message;
      if (!message) continue;
    }
    yield messageItem(message);
  }
  for (const g of assembler.flush()) yield incomplete(g);

  function messageItem(m: Message): ReadItem {
    const decoded = decodeMessage(new Bits(m.payload, m.fill));
    switch (decoded.kind) {
      case 'malformed':
        return reject(m.lines, decoded.reason, decoded.field);
      case 'other':
        return reject(m.lines, `message type ${decoded.type}${TYPE_NAMES[decoded.type] ? ` (${TYPE_NAMES[decoded.type]})` : ''} not stored`, 'type');
      case 'static':
        return staticItem(m, decoded);
      default:
        return positionItem(m, decoded);
    }
  }

  function staticItem(m: Message, r: StaticReport): AcceptedItem {
    remember(r.mmsi, r.static);
    const what = r.type === 5 ? 'type 5 static and voyage data' : `type 24 part ${r.part} static data`;
    return {
      kind: 'accepted',
      file,
      line: m.lines[0]!,
      record: m.lines.join('+'),
      note: `${what} of MMSI ${mmsiText(r.mmsi)}: joined onto its later positions`,
      issues: r.issues,
    };
  }

  function positionItem(m: Message, r: PositionReport): EventItem | RejectItem {
    const ts = timeOf(m.time, r.second);
    if (ts === null) return reject(m.lines, NO_TIME, 'ts');
    if (r.static) remember(r.mmsi, r.static);
    const known = vessels.get(r.mmsi) ?? {};
    const event: PositionEvent = {
      type: 'position',
      mmsi: mmsiText(r.mmsi),
      ts,
      lat: r.lat,
      lon: r.lon,
      sog: r.sog,
      cog: r.cog,
      heading: r.heading,
      vessel_name: known.vessel_name ?? null,
      imo: known.imo ?? null,
      call_sign: known.call_sign ?? null,
      vessel_type: known.vessel_type ?? null,
      status: r.status,
      length: known.length ?? null,
      width: known.width ?? null,
      draft: known.draft ?? null,
      cargo: known.cargo ?? null,
      transceiver_class: r.type <= 3 ? 'A' : 'B',
    };
    return { kind: 'event', event, file, line: m.lines[0]!, record: m.lines.join('+'), issues: r.issues };
  }

  /** Merge a report's static values into what is known of the vessel: a value heard replaces the one before; "not available" erases nothing. */
  function remember(mmsi: number, values: StaticData): void {
    const known = vessels.get(mmsi) ?? {};
    for (const [k, v] of Object.entries(values) as Array<[keyof StaticData, StaticData[keyof StaticData]]>) {
      if (v !== null && v !== undefined) (known as Record<string, unknown>)[k] = v;
    }
    vessels.set(mmsi, known);
  }

  /** The position's time (ISO), or null when there is no way to tell it. */
  function timeOf(time: number | null, second: number | null): string | null {
    if (time !== null) return new Date(time).toISOString();
    if (receivedAt === null || clock === null) return null;
    if (second === null) return new Date(clock).toISOString();
    // The capture clock: reports arrive in reception order, each with only its second.
    // A second well before the clock's (more than REORDER_MS) means the minute has
    // turned; a little before is a report heard late, kept in the clock's minute.
    let t = Math.floor(clock / 60_000) * 60_000 + second * 1000;
    if (t < clock - REORDER_MS) t += 60_000;
    clock = Math.max(clock, t);
    return new Date(t).toISOString();
  }
}

interface Line {
  /** 1-based. */
  line: number;
  text: string;
  /** Why the line cannot be read as text (too long, not printable ASCII). */
  problem?: string;
}

/**
 * The lines of a file (LF or CRLF; a byte-order mark skipped), with at most
 * MAX_LINE_BYTES of each kept in memory. NMEA is printable ASCII: a line with
 * any other byte, or a longer line, is reported as a problem.
 */
async function* readLines(path: string): AsyncGenerator<Line> {
  let kept: Buffer[] = [];
  let keptBytes = 0;
  let length = 0;
  let line = 1;
  const finish = (): Line => {
    let bytes = Buffer.concat(kept);
    if (line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    if (bytes[bytes.length - 1] === 0x0d && length <= MAX_LINE_BYTES) bytes = bytes.subarray(0, bytes.length - 1);
    if (length > MAX_LINE_BYTES) return { line, text: '', problem: `line is ${length} bytes long; an AIVDM line is at most ${MAX_LINE_BYTES}` };
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if ((b < 0x20 || b > 0x7e) && b !== 0x09) {
        return { line, text: '', problem: `byte 0x${b.toString(16).padStart(2, '0')} at column ${i + 1} is not printable ASCII (NMEA 0183 text)` };
      }
    }
    return { line, text: bytes.toString('latin1') };
  };
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let start = 0;
    while (start <= chunk.length) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl < 0 ? chunk.length : nl;
      const piece = chunk.subarray(start, end);
      length += piece.length;
      if (keptBytes <= MAX_LINE_BYTES && piece.length > 0) {
        const take = piece.subarray(0, MAX_LINE_BYTES + 1 - keptBytes);
        kept.push(Buffer.from(take));
        keptBytes += take.length;
      }
      if (nl < 0) break;
      yield finish();
      line++;
      kept = [];
      keptBytes = 0;
      length = 0;
      start = nl + 1;
    }
  }
  if (length > 0) yield finish();
}
