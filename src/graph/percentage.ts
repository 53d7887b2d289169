/**
 * Ownership percentages as registries write them, read into bounds.
 *
 * FtM keeps `Ownership.percentage` as a string, and the registries Sextant
 * reads write it in many ways: "51", "12.5", "12,5", "50%", ranges "25-50" or
 * "25–50" (UK PSC bands), one-sided bounds ">50", "<25", "≥ 50", words ("more
 * than 25% but not more than 50%"), PSC nature-of-control codes
 * ("ownership-of-shares-25-to-50-percent") and fractions ("1/3").
 *
 * `parsePercentage` turns one such string into a closed or half-open interval
 * of percentage points — `{ low, high, exact, lowExclusive, highExclusive }` —
 * or into a failure with a reason a person can read. It never throws.
 *
 * Conventions (and why):
 * - A plain range "a-b" is the closed interval [a, b]. A registry's band label
 *   does not say reliably which end is open, so the conservative reading is
 *   the widest one: "25-50" + "25-50" may be exactly 50, so it is *possibly*
 *   (not certainly) more than 50.
 * - PSC codes carry their statutory meaning (Companies Act 2006 Sch. 1A and the
 *   PSC register bands): "25-to-50" is (25, 50], "50-to-75" is (50, 75),
 *   "75-to-100" is [75, 100].
 * - ">50" is (50, 100] and "<25" is [0, 25): the bound itself is excluded and
 *   reported as such, so that a ">50" stake passes a "more than 50%" test.
 * - Numbers are percentages, never fractions of one: "0.5" is half a percent.
 * - Values outside [0, 100] and reversed ranges are refused, not clamped.
 *
 * How the bounds are used (see ownership.ts): "certainly blocked" sums the low
 * bounds, "possibly blocked" sums the high bounds; every result says which.
 */

export interface PercentageRange {
  /** Lower bound in percentage points, 0..100. */
  low: number;
  /** Upper bound in percentage points, low..100. */
  high: number;
  /** True for a single value ("51", "12.5%"): low = high, both bounds included. */
  exact: boolean;
  /** The lower bound itself is excluded (">50", "more than 25%"). */
  lowExclusive: boolean;
  /** The upper bound itself is excluded ("<25", "less than 75%"). */
  highExclusive: boolean;
}

export type PercentageParse = ({ ok: true } & PercentageRange & { text: string }) | { ok: false; reason: string; text: string };

const NUM = String.raw`(\d+(?:[.,]\d+)?|[.,]\d+)`;
const LOWER_INCL = String.raw`>=|≥|=>|at least|not less than|no less than|minimum(?: of)?|min\.?`;
const LOWER_EXCL = String.raw`>|more than|over|above|greater than|in excess of|exceeding`;
const UPPER_INCL = String.raw`<=|≤|=<|up to|not more than|no more than|at most|maximum(?: of)?|max\.?`;
const UPPER_EXCL = String.raw`<|less than|under|below|fewer than`;
const LOWER = `${LOWER_INCL}|${LOWER_EXCL}`;
const UPPER = `${UPPER_INCL}|${UPPER_EXCL}`;

const EXACT_RE = new RegExp(`^${NUM}$`);
const RANGE_RE = new RegExp(String.raw`^(?:between\s+|from\s+)?${NUM}\s*(?:-|to|and|\.\.)\s*${NUM}$`);
const ONE_SIDED_RE = new RegExp(`^(${LOWER}|${UPPER})\\s*${NUM}$`);
const TWO_SIDED_RE = new RegExp(`^(${LOWER})\\s*${NUM}\\s*(?:,|;|and|but|&)?\\s*(?:and\\s+|but\\s+)?(${UPPER})\\s*${NUM}$`);
const FRACTION_RE = /^(\d+)\s*\/\s*(\d+)$/;
const PSC_BAND_RE = /(\d+)-to-(\d+)-percent/;
const PSC_MORE_RE = /more-than-(\d+)-percent/;

const isLowerExclusive = (op: string): boolean => new RegExp(`^(?:${LOWER_EXCL})$`).test(op);
const isLower = (op: string): boolean => new RegExp(`^(?:${LOWER})$`).test(op);
const isUpperExclusive = (op: string): boolean => new RegExp(`^(?:${UPPER_EXCL})$`).test(op);

const MAX_TEXT = 200;

function num(text: string): number {
  return Number(text.replace(',', '.'));
}

function fail(text: string, reason: string): PercentageParse {
  return { ok: false, reason, text };
}

function range(text: string, low: number, high: number, lowExclusive: boolean, highExclusive: boolean): PercentageParse {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  if (!Number.isFinite(low) || !Number.isFinite(high)) return fail(text, `"${shown}" is not a number`);
  if (low > 100 || high > 100) return fail(text, `"${shown}" is above 100%`);
  if (low > high) return fail(text, `"${shown}": lower bound ${low} is above upper bound ${high}`);
  if (lowExclusive && low >= 100) return fail(text, `"${shown}": nothing is more than 100%`);
  if (highExclusive && high <= 0) return fail(text, `"${shown}": nothing is less than 0%`);
  if (low === high && (lowExclusive || highExclusive)) return fail(text, `"${shown}" leaves no possible value`);
  return { ok: true, low, high, exact: low === high && !lowExclusive && !highExclusive, lowExclusive, highExclusive, text };
}

/** Reads one percentage string. Never throws; a failure carries a reason. */
export function parsePercentage(text: string): PercentageParse {
  if (typeof text !== 'string') return fail(String(text), 'percentage is not a string');
  if (text.length > MAX_TEXT) return fail(text.slice(0, MAX_TEXT), `percentage text is longer than ${MAX_TEXT} characters`);
  const lower = text.toLowerCase().replace(/[\u00a0\u2009\u202f]/g, ' ').trim();
  if (lower === '') return fail(text, 'percentage is empty');

  // UK PSC nature-of-control codes, before dashes are touched.
  const band = PSC_BAND_RE.exec(lower);
  if (band) {
    const low = Number(band[1]);
    const high = Number(band[2]);
    return range(text, low, high, low < 75, high === 75);
  }
  const more = PSC_MORE_RE.exec(lower);
  if (more) return range(text, Number(more[1]), 100, true, false);

  const s = lower
    .replace(/[\u2010-\u2015\u2212]/g, '-') // hyphens, en and em dashes, minus sign
    .replace(/\s*(?:%|per\s?cent|pct\.?)/g, '') // "50 %", "50 percent"
    .replace(/\s+/g, ' ')
    .trim();
  if (s === '') return fail(text, `"${text}" has no number`);
  if (s === 'majority') return range(text, 50, 100, true, false);
  if (s === 'minority') return range(text, 0, 50, false, true);
  if (/^-\s*[\d.,]/.test(s)) return fail(text, `"${text}" is negative`);

  let m = EXACT_RE.exec(s);
  if (m) {
    const v = num(m[1]!);
    return range(text, v, v, false, false);
  }
  m = RANGE_RE.exec(s);
  if (m) return range(text, num(m[1]!), num(m[2]!), false, false);
  m = TWO_SIDED_RE.exec(s);
  if (m) return range(text, num(m[2]!), num(m[4]!), isLowerExclusive(m[1]!), isUpperExclusive(m[3]!));
  m = ONE_SIDED_RE.exec(s);
  if (m) {
    const op = m[1]!;
    const v = num(m[2]!);
    return isLower(op) ? range(text, v, 100, isLowerExclusive(op), false) : range(text, 0, v, false, isUpperExclusive(op));
  }
  m = FRACTION_RE.exec(s);
  if (m) {
    const d = Number(m[2]);
    if (d === 0) return fail(text, `"${text}" divides by zero`);
    const v = (Number(m[1]) / d) * 100;
    return range(text, v, v, false, false);
  }
  if (/\d/.test(s)) return fail(text, `"${text}" is not a percentage, a range ("25-50") or a bound (">50", "<25")`);
  return fail(text, `"${text}" is not a percentage: it has no number`);
}

/** Bounds for a stake, with the reason when they had to be guessed. */
export interface StakeBounds extends PercentageRange {
  /** No value could be read: the stake is taken as anywhere in [0, 100]. */
  unknown: boolean;
  /** Why the bounds are wider than the record says (unparseable or conflicting values), if they are. */
  reason?: string;
}

/**
 * Bounds for one Ownership record's `percentage` values (FtM properties are
 * lists). Nothing readable means the stake exists but its size is unknown:
 * [0, 100], flagged `unknown`, so that it can make an entity *possibly* but
 * never *certainly* blocked. Several readable values that disagree give their
 * hull (lowest low, highest high), not exact.
 */
export function stakeBounds(values: string | readonly string[] | null | undefined): StakeBounds {
  const list = values === null || values === undefined ? [] : typeof values === 'string' ? [values] : values;
  const parsed: Array<PercentageParse & { ok: true }> = [];
  const reasons: string[] = [];
  for (const v of list) {
    const p = parsePercentage(v);
    if (p.ok) parsed.push(p);
    else reasons.push(p.reason);
  }
  if (parsed.length === 0) {
    return {
      low: 0, high: 100, exact: false, lowExclusive: false, highExclusive: false, unknown: true,
      reason: list.length === 0 ? 'no percentage recorded' : reasons.join('; '),
    };
  }
  let best = parsed[0]!;
  let worst = parsed[0]!;
  for (const p of parsed) {
    if (p.low < best.low || (p.low === best.low && !p.lowExclusive)) best = p;
    if (p.high > worst.high || (p.high === worst.high && !p.highExclusive)) worst = p;
  }
  const agree = parsed.every((p) => p.low === parsed[0]!.low && p.high === parsed[0]!.high && p.lowExclusive === parsed[0]!.lowExclusive && p.highExclusive === parsed[0]!.highExclusive);
  if (!agree) reasons.push(`values disagree (${parsed.map((p) => formatPercentage(p)).join(', ')}): their hull is used`);
  const out: StakeBounds = {
    low: best.low,
    high: worst.high,
    exact: agree && parsed[0]!.exact,
    lowExclusive: best.lowExclusive,
    highExclusive: worst.highExclusive,
    unknown: false,
  };
  if (reasons.length > 0) out.reason = reasons.join('; ');
  return out;
}

/** "51", "25–50", ">50", "<25", "(25–50]" — for explanations. */
export function formatPercentage(r: Pick<PercentageRange, 'low' | 'high'> & Partial<PercentageRange>): string {
  const low = round(r.low);
  const high = round(r.high);
  if (low === high && !r.lowExclusive && !r.highExclusive) return `${low}%`;
  if (high === 100 && !r.highExclusive) return `${r.lowExclusive ? '>' : '≥'}${low}%`;
  if (low === 0 && !r.lowExclusive) return `${r.highExclusive ? '<' : '≤'}${high}%`;
  if (!r.lowExclusive && !r.highExclusive) return `${low}–${high}%`;
  return `${r.lowExclusive ? '(' : '['}${low}–${high}${r.highExclusive ? ')' : ']'}%`;
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
