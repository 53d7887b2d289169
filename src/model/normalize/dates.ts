/**
 * Dates as FtM stores them: partial ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD) and
 * datetimes to the second (YYYY-MM-DDTHH:MM:SS, with a trailing Z when the source
 * gave a time zone, the time then being converted to UTC). The spellings the
 * lists use — "12 Jan 1970", "Jan 1970", "12.01.1970", "1970/01/12" — are
 * converted. Impossible dates and years outside 1000–2200 are refused.
 */
import { fail, ok, quote, tooLong, TOO_LONG, type CheckResult } from './result.ts';
import { singleLine } from './text.ts';

/** Every value cleanDate returns matches this. */
export const DATE_PATTERN = /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}:\d{2}Z?)?)?)?$/;

export const MIN_YEAR = 1000;
export const MAX_YEAR = 2200;

const MONTHS = new Map<string, number>(Object.entries({
  jan: 1, january: 1,
  feb: 2, february: 2,
  mar: 3, march: 3,
  apr: 4, april: 4,
  may: 5,
  jun: 6, june: 6,
  jul: 7, july: 7,
  aug: 8, august: 8,
  sep: 9, sept: 9, september: 9,
  oct: 10, october: 10,
  nov: 11, november: 11,
  dec: 12, december: 12,
}));
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const ISO_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:(Z)|([+-])(\d{2}):?(\d{2}))?$/i;
const DAY_MONTH_YEAR = /^(\d{1,2})(?:st|nd|rd|th)?[ -]([A-Za-z]+)\.?,?[ -](\d{4})$/;
const MONTH_YEAR = /^([A-Za-z]+)\.?,? (\d{4})$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysIn(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Check year, month and day; return the partial ISO form or the reason it is wrong. */
function build(year: number, month?: number, day?: number): CheckResult {
  if (year < MIN_YEAR || year > MAX_YEAR) return fail(`year ${year} is outside ${MIN_YEAR}–${MAX_YEAR}`);
  if (month === undefined) return ok(pad(year, 4));
  if (month < 1 || month > 12) return fail(`month ${month} does not exist`);
  if (day === undefined) return ok(`${pad(year, 4)}-${pad(month)}`);
  const max = daysIn(year, month);
  if (day < 1 || day > max) return fail(`day ${day} does not exist in ${MONTH_NAMES[month - 1]} ${year} (${max} days)`);
  return ok(`${pad(year, 4)}-${pad(month)}-${pad(day)}`);
}

function datetime(m: RegExpExecArray): CheckResult {
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const date = build(year, month, day);
  if (!date.ok) return date;
  if (hour > 23 || minute > 59 || second > 59) return fail(`time ${m[4]}:${m[5]}${m[6] ? ':' + m[6] : ''} does not exist`);
  const zulu = m[7] !== undefined;
  const sign = m[8];
  if (!zulu && sign === undefined) return ok(`${date.value}T${pad(hour)}:${pad(minute)}:${pad(second)}`);
  let offset = 0;
  if (sign !== undefined) {
    const oh = Number(m[9]);
    const om = Number(m[10]);
    if (oh > 23 || om > 59) return fail(`time zone offset ${sign}${m[9]}:${m[10]} does not exist`);
    offset = (sign === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offset * 60_000;
  const iso = new Date(ms).toISOString(); // years 1000–2200 stay four digits
  const utcYear = Number(iso.slice(0, 4));
  if (!/^\d{4}-/.test(iso) || utcYear < MIN_YEAR || utcYear > MAX_YEAR) {
    return fail(`${m[0]} falls in year ${utcYear} in UTC, outside ${MIN_YEAR}–${MAX_YEAR}`);
  }
  return ok(`${iso.slice(0, 19)}Z`);
}

/** 'date' type. */
export function cleanDate(raw: string): CheckResult {
  if (tooLong(raw)) return fail(TOO_LONG);
  const text = singleLine(raw);
  if (text === '') return fail('date is empty');
  if (text.length > 40) return fail(`${quote(text)} is not a date`);
  let m: RegExpExecArray | null;
  if ((m = ISO.exec(text))) {
    return build(Number(m[1]), m[2] === undefined ? undefined : Number(m[2]), m[3] === undefined ? undefined : Number(m[3]));
  }
  if ((m = ISO_DATETIME.exec(text))) return datetime(m);
  if ((m = DAY_MONTH_YEAR.exec(text))) {
    const month = MONTHS.get(m[2]!.toLowerCase());
    if (month === undefined) return fail(`${quote(text)} is not a date (${quote(m[2]!)} is not a month)`);
    return build(Number(m[3]), month, Number(m[1]));
  }
  if ((m = MONTH_YEAR.exec(text))) {
    const month = MONTHS.get(m[1]!.toLowerCase());
    if (month === undefined) return fail(`${quote(text)} is not a date (${quote(m[1]!)} is not a month)`);
    return build(Number(m[2]), month);
  }
  if ((m = DOTTED.exec(text))) return build(Number(m[3]), Number(m[2]), Number(m[1]));
  if ((m = SLASHED.exec(text))) return build(Number(m[1]), Number(m[2]), Number(m[3]));
  return fail(`${quote(text)} is not a date (expected YYYY, YYYY-MM, YYYY-MM-DD or a datetime)`);
}

/**
 * The calendar date a source wrote, as an ISO partial date (`1971`, `1971-05`,
 * `1971-05-03`), or undefined when it is not one. Readers use it to put dates
 * into date properties: a datetime or a zone suffix keeps the date as written
 * (not shifted to UTC), and single-digit months and days are accepted.
 */
export function toPartialDate(text: string): string | undefined {
  const t = singleLine(text);
  const numeric = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i.exec(t);
  if (numeric) {
    const [, y, m, d] = numeric;
    return partialOf(cleanDate(d === undefined ? `${y}-${pad(Number(m))}` : `${y}-${pad(Number(m))}-${pad(Number(d))}`));
  }
  return partialOf(cleanDate(t));
}

function partialOf(result: CheckResult): string | undefined {
  return result.ok && DATE_PATTERN.test(result.value) && !result.value.includes('T') ? result.value : undefined;
}

/** Today as an ISO date (UTC): the day designations are judged on by default, and the latest a "last updated" stamp can carry. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
