import { timestamp } from '../event_table.ts';
import { MAX_YEAR } from '../../model/normalize/dates.ts';
import { quote } from '../../model/normalize/result.ts';
import { firstInvalidArmour } from './bits.ts';

/**
 * One line of an AIVDM/AIVDO file: an optional receive-time prefix (ISO 8601
 * with `Z` or an offset, or Unix seconds with optional decimals), optional
 * NMEA 4.0 tag blocks (`\s:rcv,c:1700000000*hh\`, checksum verified; `c:` is
 * Unix seconds, or milliseconds when it has 12 digits or more), then the
 * sentence itself:
 *
 *   !AIVDM,<parts>,<part>,<sequential id>,<channel>,<payload>,<fill bits>*hh
 *
 * `!` or `$` start; any two-letter talker (AI, AB, BS, …) with formatter VDM
 * (heard) or VDO (own vessel). The checksum (XOR of the characters between the
 * start character and `*`) is verified, and every field checked.
 */

export interface Sentence {
  /** `VDM` or `VDO`. */
  formatter: string;
  /** Number of sentences of the message, 1–9. */
  count: number;
  /** This sentence's number, 1–count. */
  index: number;
  /** Sequential message id, '' when absent (single-sentence messages). */
  seqId: string;
  /** Radio channel (`A`, `B`, `1`, `2`), '' when absent. */
  channel: string;
  /** Armoured payload ('' when the sentence carries none). */
  payload: string;
  fill: number;
  /** Receive time from a tag block `c:` or the line's prefix, ms since the epoch; null when the line has neither. */
  time: number | null;
}

export type LineResult = { ok: true; sentence: Sentence } | { ok: false; field?: string; reason: string };

/** Times before 2000 are a receiver clock that was never set (AIS came into use in 2002). */
const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_TIME = Date.UTC(MAX_YEAR + 1, 0, 1);

const TALKER = /^[A-Z]{2}VD[MO]$/;
/** What may precede a sentence: a timestamp and separators. */
const PREFIX_CHARS = /^[0-9TZtz:.+\- ,;\t]*$/;

/** A line that looks like an AIVDM/AIVDO sentence (with or without prefix and tag blocks), for detection. */
export const LOOKS_LIKE_SENTENCE = /^[0-9TZ:.+\- ,;\t]*(?:\\[^\\]*\\)*[!$][A-Z]{2}VD[MO],/;

export function parseLine(line: string): LineResult {
  // The sentence starts at the first tag block or start character.
  const start = line.search(/[\\!$]/);
  if (start < 0) return { ok: false, reason: `not an NMEA sentence: no "!" or "$" start in ${quote(line)}` };
  let time: number | null = null;
  const prefix = line.slice(0, start).trim().replace(/[,;]$/, '').trim();
  if (prefix !== '') {
    if (!PREFIX_CHARS.test(prefix)) return { ok: false, field: 'prefix', reason: `not an NMEA sentence: ${quote(line)} has text before its start` };
    const t = prefixTime(prefix);
    if (typeof t === 'string') return { ok: false, field: 'prefix', reason: t };
    time = t;
  }
  let rest = line.slice(start);
  while (rest.startsWith('\\')) {
    const end = rest.indexOf('\\', 1);
    if (end < 0) return { ok: false, field: 'tag block', reason: 'tag block is not closed by "\\"' };
    const tag = tagBlock(rest.slice(1, end));
    if (typeof tag === 'string') return { ok: false, field: 'tag block', reason: tag };
    if (tag !== null) time = tag;
    rest = rest.slice(end + 1);
  }
  return sentence(rest, time);
}

/** The time a line prefix gives, or the reason it is not one. */
function prefixTime(prefix: string): number | string {
  if (/^\d+(?:\.\d+)?$/.test(prefix)) return epoch(prefix, 'timestamp prefix');
  if (!/\d[T ]\d{2}:\d{2}/i.test(prefix)) return `timestamp prefix ${quote(prefix)} is neither ISO 8601 date and time with Z or an offset nor Unix seconds`;
  const r = timestamp(prefix);
  if (!r?.ok) return `timestamp prefix ${quote(prefix)} is neither ISO 8601 with Z or an offset nor Unix seconds${r ? `: ${r.reason}` : ''}`;
  return inRange(Date.parse(r.value), `timestamp prefix ${quote(prefix)}`);
}

/** Unix seconds (with optional decimals), or milliseconds when the whole part has 12 digits or more. */
function epoch(text: string, what: string): number | string {
  const whole = text.split('.')[0]!;
  const n = Number(text);
  if (!Number.isFinite(n)) return `${what} ${quote(text)} is not a number`;
  return inRange(whole.length >= 12 ? Math.round(n) : Math.round(n * 1000), `${what} ${quote(text)}`);
}

function inRange(ms: number, what: string): number | string {
  if (!(ms >= MIN_TIME && ms < MAX_TIME)) return `${what} is outside 2000–${MAX_YEAR}`;
  return ms;
}

/** NMEA 4.0 tag block content (between the backslashes): its `c:` time, null without one, or the reason it is bad. */
function tagBlock(content: string): number | null | string {
  const star = content.lastIndexOf('*');
  if (star < 0) return `tag block ${quote(content)} has no checksum`;
  const body = content.slice(0, star);
  const sum = content.slice(star + 1);
  if (!/^[0-9A-Fa-f]{2}$/.test(sum)) return `tag block checksum ${quote(sum)} is not two hex digits`;
  const expected = xor(body);
  if (parseInt(sum, 16) !== expected) return `tag block checksum is ${sum.toUpperCase()}, computed ${hex(expected)}`;
  let time: number | null = null;
  for (const param of body.split(',')) {
    if (param === '') continue;
    const m = /^([a-zA-Z]):(.*)$/.exec(param);
    if (!m) return `tag block parameter ${quote(param)} is not "letter:value"`;
    if (m[1] !== 'c') continue;
    if (!/^\d+(?:\.\d+)?$/.test(m[2]!)) return `tag block time c:${quote(m[2]!)} is not Unix seconds`;
    const t = epoch(m[2]!, 'tag block time c:');
    if (typeof t === 'string') return t;
    time = t;
  }
  return time;
}

function sentence(text: string, time: number | null): LineResult {
  if (!text.startsWith('!') && !text.startsWith('$')) return { ok: false, reason: `not an NMEA sentence: ${quote(text)} does not start with "!" or "$"` };
  const star = text.lastIndexOf('*');
  if (star < 0) return { ok: false, field: 'checksum', reason: 'sentence has no checksum ("*hh" at its end)' };
  const body = text.slice(1, star);
  const sum = text.slice(star + 1).trim();
  if (!/^[0-9A-Fa-f]{2}$/.test(sum)) return { ok: false, field: 'checksum', reason: `checksum ${quote(sum)} is not two hex digits` };
  const expected = xor(body);
  if (parseInt(sum, 16) !== expected) return { ok: false, field: 'checksum', reason: `checksum is ${sum.toUpperCase()}, computed ${hex(expected)}: the sentence is corrupt` };
  const fields = body.split(',');
  const talker = fields[0]!;
  if (!TALKER.test(talker)) return { ok: false, field: 'talker', reason: `${quote(talker)} is not an AIS sentence (VDM or VDO)` };
  if (fields.length !== 7) return { ok: false, reason: `${talker} sentence has ${fields.length} fields; it needs 7` };
  const [, countText, indexText, seqId, channel, payload, fillText] = fields as [string, string, string, string, string, string, string];
  if (!/^[1-9]$/.test(countText)) return { ok: false, field: 'count', reason: `sentence count ${quote(countText)} is not 1–9` };
  const count = Number(countText);
  if (!/^[1-9]$/.test(indexText) || Number(indexText) > count) {
    return { ok: false, field: 'number', reason: `sentence number ${quote(indexText)} is not 1–${count}` };
  }
  if (!/^\d?$/.test(seqId)) return { ok: false, field: 'sequence id', reason: `sequential message id ${quote(seqId)} is not 0–9` };
  if (!/^[A-Z0-9]?$/.test(channel)) return { ok: false, field: 'channel', reason: `radio channel ${quote(channel)} is not one letter or digit` };
  if (!/^[0-5]$/.test(fillText)) return { ok: false, field: 'fill bits', reason: `fill bits ${quote(fillText)} is not 0–5` };
  const bad = firstInvalidArmour(payload);
  if (bad >= 0) return { ok: false, field: 'payload', reason: `payload character ${quote(payload[bad]!)} at position ${bad + 1} is not AIS six-bit armouring` };
  return {
    ok: true,
    sentence: { formatter: talker.slice(2), count, index: Number(indexText), seqId, channel, payload, fill: Number(fillText), time },
  };
}

function xor(text: string): number {
  let x = 0;
  for (let i = 0; i < text.length; i++) x ^= text.charCodeAt(i);
  return x;
}

function hex(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}
