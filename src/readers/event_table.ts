import { SextantError } from '../errors.ts';
import type { SextantEvent } from '../model/events.ts';
import { toCurrencyCode } from '../model/normalize/currencies.ts';
import { cleanCountry, isCountryCode } from '../model/normalize/countries.ts';
import { MAX_YEAR, MIN_YEAR } from '../model/normalize/dates.ts';
import { checkIban, checkImo, looksLikeIban } from '../model/normalize/identifiers.ts';
import { fail, ok, quote, type CheckResult } from '../model/normalize/result.ts';
import { cleanString, singleLine } from '../model/normalize/text.ts';
import { readCsv } from './csv.ts';
import { assertReadable, headFirstLine } from './shared.ts';
import type { EventItem, ReadItem, ReaderInput, RejectItem, ValueIssue } from './types.ts';

/**
 * What the event readers (transactions, customs, AIS CSV) share: a CSV whose
 * header names its columns (order free, names case-insensitive), read as a
 * stream; per-record value checks that either refuse the record (a required
 * value) or drop the value and note it (an optional one); and the checks
 * themselves. Columns are resolved to indexes once, not looked up per row:
 * position files run to millions of rows.
 */

// ---------------------------------------------------------------------------
// Header and rows

export class EventHeader {
  /** Lower-cased column name → index. */
  private readonly byName = new Map<string, number>();
  /** Columns as the readers name them → index: the per-row lookups skip lower-casing. */
  private readonly asAsked = new Map<string, number>();

  /** Column names as written. */
  constructor(readonly names: string[]) {
    names.forEach((n, i) => {
      const key = n.toLowerCase();
      if (key !== '' && !this.byName.has(key)) this.byName.set(key, i);
    });
  }

  /** Index of a column (case-insensitive), -1 when the header lacks it. */
  index(column: string): number {
    let i = this.asAsked.get(column);
    if (i === undefined) {
      i = this.byName.get(column.toLowerCase()) ?? -1;
      this.asAsked.set(column, i);
    }
    return i;
  }

  /** Columns named more than once. */
  repeated(): string[] {
    const seen = new Set<string>();
    const out = new Set<string>();
    for (const n of this.names) {
      const key = n.toLowerCase();
      if (key === '') continue;
      if (seen.has(key)) out.add(n);
      seen.add(key);
    }
    return [...out];
  }

  /** Indexes of the non-empty column names not in `known` (kept as the record's extra metadata). */
  extraIndexes(known: readonly string[]): number[] {
    const k = new Set(known.map((c) => c.toLowerCase()));
    return this.names.flatMap((n, i) => (n !== '' && !k.has(n.toLowerCase()) ? [i] : []));
  }
}

export interface EventRow {
  kind: 'row';
  /** 1-based line the row starts on. */
  line: number;
  fields: string[];
}

/** Lower-cased header columns of a CSV input, from its first line, for detect(). */
export function headerColumns(input: ReaderInput): string[] {
  if (input.isDirectory) return [];
  return headFirstLine(input)
    .split(',')
    .map((c) => c.replace(/"/g, '').trim().toLowerCase());
}

/**
 * The rows of an event CSV, after its header. A header that lacks a required
 * column (or names one twice) is an error naming the file and the columns: no
 * record of it can be read. A row with a field count other than the header's,
 * or one readCsv finds unreadable, is rejected with its line; the rest go on.
 * `onHeader` receives the header before the first row.
 */
export async function* readEventTable(
  input: ReaderInput,
  required: readonly string[],
  onHeader: (header: EventHeader) => void,
): AsyncGenerator<EventRow | RejectItem> {
  await assertReadable(input);
  const file = input.path;
  let header: EventHeader | undefined;
  for await (const item of readCsv(file)) {
    if (header === undefined) {
      if (item.kind === 'problem') {
        throw new SextantError('validation_failed', `${file}: unreadable header row: ${item.reason}`, { path: file, line: item.line });
      }
      header = new EventHeader(item.fields.map((f) => singleLine(f)));
      const missing = required.filter((c) => header!.index(c) < 0);
      if (missing.length > 0) {
        throw new SextantError('validation_failed', `${file}: header lacks required column(s) ${missing.join(', ')}`, {
          path: file,
          columns: missing,
        });
      }
      const repeated = header.repeated();
      if (repeated.length > 0) {
        throw new SextantError('validation_failed', `${file}: header names column(s) ${repeated.join(', ')} more than once`, {
          path: file,
          columns: repeated,
        });
      }
      onHeader(header);
      continue;
    }
    if (item.kind === 'problem') {
      const index = item.field === undefined ? NaN : Number(item.field) - 1;
      const field = Number.isInteger(index) ? header.names[index] : undefined;
      yield { kind: 'reject', file, line: item.line, ...(field ? { field } : {}), reason: item.reason };
      continue;
    }
    if (item.fields.length !== header.names.length) {
      yield { kind: 'reject', file, line: item.line, reason: `expected ${header.names.length} fields, found ${item.fields.length}` };
      continue;
    }
    yield { kind: 'row', line: item.line, fields: item.fields };
  }
  if (header === undefined) {
    throw new SextantError('validation_failed', `${file}: empty file, no header row (required columns: ${required.join(', ')})`, {
      path: file,
      columns: [...required],
    });
  }
}

// ---------------------------------------------------------------------------
// Values of one record

/** A required value that fails its check: the record is refused, naming the column. */
export class RecordRefused extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * A check of one value: the normalised value, a reason it is wrong, or null for
 * a placeholder that means "not available" (IMO 0000000).
 */
export type Check = (raw: string) => CheckResult | null;

/** A check of a number: the number, null for "not available", or the reason it is wrong. */
export type NumberCheck = (raw: string) => number | null | string;

/** One row's values by column name, with the values dropped so far. */
export class RecordValues {
  readonly issues: ValueIssue[] = [];

  constructor(
    private readonly header: EventHeader,
    private readonly fields: string[],
    /** Indexes of the columns the format does not define: kept as metadata. */
    private readonly extraIndexes: readonly number[] = [],
  ) {}

  /** The value as read (trimmed), '' when empty or when the header lacks the column. */
  raw(column: string): string {
    const i = this.header.index(column);
    return i < 0 ? '' : (this.fields[i] ?? '');
  }

  /** A required value, checked; otherwise the record is refused (RecordRefused). */
  required(column: string, check: Check): string {
    const raw = this.raw(column);
    if (raw === '') throw new RecordRefused(column, `${column} is required`);
    const result = check(raw);
    if (result === null) throw new RecordRefused(column, `${column} is required; ${quote(raw)} means "not available"`);
    if (!result.ok) throw new RecordRefused(column, result.reason);
    return result.value;
  }

  /** An optional value, checked: null when empty, a placeholder or wrong (then noted as an issue). */
  optional(column: string, check: Check): string | null {
    const raw = this.raw(column);
    if (raw === '') return null;
    const result = check(raw);
    if (result === null) return null;
    if (!result.ok) {
      this.issues.push({ field: column, reason: result.reason, value: raw });
      return null;
    }
    return result.value;
  }

  /** A required number, checked; otherwise the record is refused. */
  requiredNumber(column: string, check: NumberCheck): number {
    const raw = this.raw(column);
    if (raw === '') throw new RecordRefused(column, `${column} is required`);
    const result = check(raw);
    if (typeof result === 'string') throw new RecordRefused(column, result);
    if (result === null) throw new RecordRefused(column, `${column} is required; ${quote(raw)} means "not available"`);
    return result;
  }

  /** An optional number, checked: null when empty, "not available" or wrong (then noted as an issue). */
  optionalNumber(column: string, check: NumberCheck): number | null {
    const raw = this.raw(column);
    if (raw === '') return null;
    const result = check(raw);
    if (typeof result === 'string') {
      this.issues.push({ field: column, reason: result, value: raw });
      return null;
    }
    return result;
  }

  /** Non-empty values of the columns the format does not define, by header name as written; null when none. */
  extra(): Record<string, string> | null {
    let out: Record<string, string> | null = null;
    for (const i of this.extraIndexes) {
      const value = singleLine(this.fields[i] ?? '');
      if (value === '') continue;
      (out ??= {})[this.header.names[i]!] = value;
    }
    return out;
  }
}

// ---------------------------------------------------------------------------
// Checks

/**
 * Longest key-like value (ids, accounts, references): these are indexed, and a
 * btree entry has a size limit a pathological value would hit, failing a whole batch.
 */
export const MAX_KEY_CHARS = 256;

/** Free text on one line (names, purpose, description). */
export const text: Check = (raw) => cleanString(raw);

/** An identifier or reference: one line, at most MAX_KEY_CHARS. */
export const key: Check = (raw) => {
  const r = cleanString(raw);
  if (r.ok && r.value.length > MAX_KEY_CHARS) return fail(`value is longer than ${MAX_KEY_CHARS} characters`);
  return r;
};

const DECIMAL = /^(\d{1,24})(?:\.(\d{1,18}))?$/;

/** A decimal with `.` separator, digits kept exactly (leading zeros dropped): "0012.50" → "12.50". */
function decimal(raw: string, what: string, positive: boolean): CheckResult {
  const t = singleLine(raw);
  const m = DECIMAL.exec(t);
  if (!m) {
    if (/^-/.test(t)) return fail(`${what} ${quote(t)} is negative`);
    return fail(`${what} ${quote(t)} is not a decimal number (digits, optionally . and up to 18 decimals; no thousands separators)`);
  }
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  const value = m[2] === undefined ? whole : `${whole}.${m[2]}`;
  if (positive && !/[1-9]/.test(value)) return fail(`${what} ${quote(t)} must be positive`);
  return ok(value);
}

export const positiveAmount: Check = (raw) => decimal(raw, 'amount', true);
export const nonNegativeDecimal: Check = (raw) => decimal(raw, 'number', false);

export const currency: Check = (raw) => {
  const code = toCurrencyCode(raw);
  return code ? ok(code) : fail(`${quote(singleLine(raw))} is not an ISO 4217 currency code`);
};

/** A country by the project's normaliser: lower-case alpha-2 (names and alpha-3 codes resolve too). */
export const country: Check = (raw) => cleanCountry(raw);

/** IBAN (compacted, check digits verified) when written as one; any other account number as written. */
export const account: Check = (raw) => {
  if (looksLikeIban(raw)) return checkIban(raw);
  return key(raw);
};

/** IMO ship number, check digit verified; 0000000 (passes the check) is the usual "unknown" placeholder. */
export const imo: Check = (raw) => {
  const r = checkImo(raw);
  return r.ok && r.value === '0000000' ? null : r;
};

/** UN/LOCODE: the country's alpha-2 code and three letters or digits 2–9 ("NL RTM" → "NLRTM"). */
export const locode: Check = (raw) => {
  const code = singleLine(raw).replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}[A-Z2-9]{3}$/.test(code)) return fail(`${quote(singleLine(raw))} is not a UN/LOCODE (country code and 3 letters or digits)`);
  if (!isCountryCode(code.slice(0, 2).toLowerCase())) return fail(`UN/LOCODE ${code}: ${code.slice(0, 2)} is not a country code`);
  return ok(code);
};

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * A plain decimal number within [min, max] (or below `below`), `integer` when
 * asked; a value equal to `unavailable` (a format's sentinel) is null.
 */
export function numberIn(
  what: string,
  range: { min: number; max?: number; below?: number; integer?: boolean; unavailable?: number },
): NumberCheck {
  return (raw) => {
    if (!NUMBER.test(raw)) return `${what} ${quote(singleLine(raw))} is not a number`;
    const n = Number(raw);
    if (n === range.unavailable) return null;
    if (range.integer && !Number.isInteger(n)) return `${what} ${quote(raw)} is not a whole number`;
    if (n < range.min || (range.max !== undefined && n > range.max) || (range.below !== undefined && n >= range.below)) {
      const upper = range.max !== undefined ? `–${range.max}` : range.below !== undefined ? ` to below ${range.below}` : ' or more';
      return `${what} ${quote(raw)} is outside ${range.min}${upper}`;
    }
    return n;
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A calendar date's parts, or the reason they are not one. */
function calendar(y: number, mo: number, d: number): string | null {
  if (y < MIN_YEAR || y > MAX_YEAR) return `year ${y} is outside ${MIN_YEAR}–${MAX_YEAR}`;
  if (mo < 1 || mo > 12) return `month ${mo} does not exist`;
  if (d < 1 || d > daysIn(y, mo)) return `day ${d} does not exist in ${y}-${pad(mo)}`;
  return null;
}

function clock(h: number, mi: number, s: number): string | null {
  if (h > 23 || mi > 59 || s > 59) return `time ${pad(h)}:${pad(mi)}:${pad(s)} does not exist`;
  return null;
}

/** An ISO date YYYY-MM-DD. */
export const isoDate: Check = (raw) => {
  const t = singleLine(raw);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (!m) return fail(`${quote(t)} is not an ISO date (YYYY-MM-DD)`);
  const bad = calendar(Number(m[1]), Number(m[2]), Number(m[3]));
  return bad ? fail(bad) : ok(t);
};

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * An ISO 8601 timestamp with `Z` or an offset, as UTC (`…T…Z`); a date alone is
 * midnight UTC. A time without an offset is refused: its instant is unknown.
 */
export const timestamp: Check = (raw) => {
  const t = singleLine(raw);
  const m = TIMESTAMP.exec(t);
  if (!m) return fail(`${quote(t)} is not an ISO 8601 timestamp (YYYY-MM-DDTHH:MM:SS with Z or an offset, or a date)`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const badDate = calendar(y, mo, d);
  if (badDate) return fail(badDate);
  if (m[4] === undefined) return ok(new Date(Date.UTC(y, mo - 1, d)).toISOString());
  if (m[8] === undefined) return fail(`timestamp ${quote(t)} has no UTC offset (add Z or ±hh:mm)`);
  const [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  const badTime = clock(h, mi, s);
  if (badTime) return fail(badTime);
  let offsetMinutes = 0;
  if (m[8].toUpperCase() !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    const digits = m[8].slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || 0);
    if (oh > 18 || om > 59) return fail(`timestamp ${quote(t)} has an impossible UTC offset`);
    offsetMinutes = sign * (oh * 60 + om);
  }
  const ms = m[7] === undefined ? 0 : Math.floor(Number(m[7]) * 1000);
  return ok(new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMinutes * 60_000).toISOString());
};

const UTC_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z?$/;

/** A UTC date and time without offset (AIS BaseDateTime `YYYY-MM-DDTHH:MM:SS`), as ISO `…Z`. */
export const utcDateTime: Check = (raw) => {
  const m = UTC_DATETIME.exec(raw);
  if (!m) return fail(`${quote(singleLine(raw))} is not a UTC date and time (YYYY-MM-DDTHH:MM:SS)`);
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i]));
  const bad = calendar(y!, mo!, d!) ?? clock(h!, mi!, s!);
  if (bad) return fail(bad);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(m[7]) * 1000);
  return ok(new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, ms)).toISOString());
};

// ---------------------------------------------------------------------------
// Items

/**
 * The item for one row: the event `build` makes from its values, with the
 * values it dropped; or, when `build` refuses a required value, the rejection
 * naming that column. `record` is the source record id either way ('' when the
 * row has none; then the rejection carries no record).
 */
export function eventItem(
  file: string,
  line: number,
  record: string,
  values: RecordValues,
  build: () => SextantEvent,
): EventItem | RejectItem {
  try {
    const event = build();
    return { kind: 'event', event, file, line, record, issues: values.issues };
  } catch (err) {
    if (!(err instanceof RecordRefused)) throw err;
    return { kind: 'reject', file, line, field: err.field, reason: err.reason, ...(record !== '' ? { record } : {}) };
  }
}

/** What distinguishes one event format from another; the reading loop is the same for all. */
export interface EventFormat<E extends SextantEvent> {
  required: readonly string[];
  /** Every column the format defines; the others are kept as `extra`. Omitted: no extras kept. */
  known?: readonly string[];
  /** The record id a row is reported and stored under ('' for none); `values` is null for a row that could not be split. */
  recordId: (values: RecordValues | null, line: number) => string;
  /** The event from a row's values; a bad required value throws RecordRefused. */
  build: (values: RecordValues) => E;
}

/** Read an event table: each row becomes an event, or a rejection naming its line and field. */
export async function* readEvents<E extends SextantEvent>(input: ReaderInput, format: EventFormat<E>): AsyncGenerator<ReadItem> {
  let header: EventHeader | undefined;
  let extras: number[] = [];
  const onHeader = (h: EventHeader): void => {
    header = h;
    extras = format.known ? h.extraIndexes(format.known) : [];
  };
  for await (const row of readEventTable(input, format.required, onHeader)) {
    if (row.kind === 'reject') {
      const id = format.recordId(null, row.line);
      yield id ? { ...row, record: id } : row;
      continue;
    }
    const values = new RecordValues(header!, row.fields, extras);
    yield eventItem(input.path, row.line, format.recordId(values, row.line), values, () => format.build(values));
  }
}
