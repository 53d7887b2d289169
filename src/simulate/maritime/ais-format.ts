/**
 * MarineCadastre CSV formatting, matched to the real daily files (see
 * shared/data/samples/ais/): BaseDateTime `YYYY-MM-DDTHH:MM:SS` in UTC;
 * LAT/LON rounded to 5 decimals with trailing zeros dropped ("30.3706");
 * SOG, COG and Draft with exactly one decimal ("0.0", "360.0"); Heading an
 * integer or 511; IMO as "IMO1234567" or empty; class B rows with empty Status.
 *
 * These run once per row of a multi-million-row world, so they avoid Date and
 * toFixed in the hot path: tables of preformatted strings and a cached day.
 */

export const MARINECADASTRE_HEADER =
  'MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass';

const TWO_DIGITS: string[] = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const MS_PER_DAY = 86_400_000;
let cachedDay = Number.NaN;
let cachedDayPrefix = '';

/** `YYYY-MM-DDTHH:MM:SS` (UTC) for an epoch time in ms; fractions of a second are dropped. */
export function formatBaseDateTime(ms: number): string {
  const day = Math.floor(ms / MS_PER_DAY);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDayPrefix = new Date(day * MS_PER_DAY).toISOString().slice(0, 11);
  }
  const s = Math.floor((ms - day * MS_PER_DAY) / 1000);
  const h = (s / 3600) | 0;
  const m = ((s % 3600) / 60) | 0;
  return cachedDayPrefix + TWO_DIGITS[h]! + ':' + TWO_DIGITS[m]! + ':' + TWO_DIGITS[s % 60]!;
}

let FRACTIONS: string[] | undefined;

/** ".5", ".12", ".00001" for 50000, 12000, 1 hundred-thousandths ("" for 0). */
function fractions(): string[] {
  if (!FRACTIONS) {
    FRACTIONS = new Array<string>(100_000);
    FRACTIONS[0] = '';
    for (let i = 1; i < 100_000; i++) FRACTIONS[i] = ('.' + String(i).padStart(5, '0')).replace(/0+$/, '');
  }
  return FRACTIONS;
}

/**
 * Latitude or longitude as the archive prints it: at most 5 decimals, no
 * trailing zeros — what String(Math.round(x * 1e5) / 1e5) gives, built from
 * integers and a table because number-to-string is the costliest step of a row.
 */
export function formatCoord(deg: number): string {
  const n = Math.round(deg * 1e5);
  const abs = n < 0 ? -n : n;
  const whole = Math.floor(abs / 100_000);
  const frac = abs - whole * 100_000;
  const wholeText = whole < 512 ? SMALL_INTS[whole]! : String(whole);
  return (n < 0 ? '-' : '') + wholeText + fractions()[frac]!;
}

/** "0".."511": whole degrees, headings and status codes without number-to-string conversions. */
export const SMALL_INTS: readonly string[] = Array.from({ length: 512 }, (_, i) => String(i));

const TENTHS: string[] = [];

/** A non-negative value with exactly one decimal ("0.0", "12.3", "360.0"). */
export function formatTenths(value: number): string {
  const tenths = Math.round(value * 10);
  if (tenths >= 0 && tenths < 4000) {
    let s = TENTHS[tenths];
    if (s === undefined) s = TENTHS[tenths] = `${(tenths / 10) | 0}.${tenths % 10}`;
    return s;
  }
  return (tenths / 10).toFixed(1);
}

/**
 * A vessel name or call sign as AIS carries it: upper case, the 6-bit AIS
 * character set, at most 20 characters (7 for a call sign); characters AIS
 * cannot send become spaces.
 */
export function aisText(text: string, maxLength = 20): string {
  const ascii = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
  let out = '';
  for (const ch of ascii) {
    out += /[A-Z0-9 .,\-/&'()!?:;+*#%<>=_[\]^"$]/.test(ch) ? ch : ' ';
  }
  return out.replace(/\s+/g, ' ').trim().slice(0, maxLength).trimEnd();
}

export { csvField } from '../output.ts';

/** "IMO1234567" for a 7-digit IMO number given with or without the prefix, else empty. */
export function formatImo(imo: string | undefined): string {
  if (!imo) return '';
  const digits = imo.replace(/^IMO/i, '').trim();
  return /^\d{7}$/.test(digits) ? `IMO${digits}` : '';
}

/** The id of a position record in the truth files: MMSI and second. */
export function positionRecordId(mmsi: string, ms: number): string {
  return `${mmsi}@${formatBaseDateTime(ms)}`;
}

/*
 * Byte writers for the AIS rows: each writes one field into `out` at `p` and
 * returns where it ends. Plain functions on a buffer and a position, small
 * enough for the engine to inline into the row formatter, so a row is
 * written with no object state and no strings.
 */

/** A non-negative integer. */
export function writeUint(out: Uint8Array, p: number, n: number): number {
  // Below 1000 (headings, status codes, whole degrees and knots) in small-integer arithmetic.
  if (n < 10) {
    out[p] = 48 + n;
    return p + 1;
  }
  if (n < 100) {
    const q = (n / 10) | 0;
    out[p] = 48 + q;
    out[p + 1] = 48 + ((n | 0) - q * 10);
    return p + 2;
  }
  if (n < 1000) {
    const a = (n / 100) | 0;
    const rest = (n | 0) - a * 100;
    const b = (rest / 10) | 0;
    out[p] = 48 + a;
    out[p + 1] = 48 + b;
    out[p + 2] = 48 + (rest - b * 10);
    return p + 3;
  }
  let digits = 0;
  for (let m = n; m > 0; m = Math.floor(m / 10)) digits++;
  let q = p + digits;
  for (let m = n; m > 0; m = Math.floor(m / 10)) out[--q] = 48 + (m % 10);
  return p + digits;
}

/** One decimal, always ("0.0", "360.0"); for non-negative values. */
export function writeTenths(out: Uint8Array, p: number, value: number): number {
  return writeTenthsOf(out, p, Math.round(value * 10));
}

/**
 * writeTenths of a value given as Math.round(value * 10). The row formatter
 * passes these integers (and writeCoordOf's): a whole number crosses a call
 * unboxed, a fraction would be boxed on every call the engine does not inline.
 */
export function writeTenthsOf(out: Uint8Array, p: number, t: number): number {
  const whole = Math.floor(t / 10);
  p = writeUint(out, p, whole);
  out[p] = 46;
  out[p + 1] = 48 + (t - whole * 10);
  return p + 2;
}

/** At most 5 decimals, trailing zeros dropped (as formatCoord). */
export function writeCoord(out: Uint8Array, p: number, deg: number): number {
  return writeCoordOf(out, p, Math.round(deg * 1e5));
}

/** writeCoord of a coordinate given as Math.round(deg * 1e5). */
export function writeCoordOf(out: Uint8Array, p: number, n: number): number {
  if (n < 0) {
    out[p++] = 45;
    n = -n;
  }
  const whole = Math.floor(n / 100_000);
  // A coordinate's hundred-thousandths (|n| ≤ 18,000,000): small-integer arithmetic from here on.
  let frac = (n - whole * 100_000) | 0;
  p = writeUint(out, p, whole);
  if (frac !== 0) {
    // ".ddddd" without its trailing zeros.
    let len = 5;
    while (frac % 10 === 0) {
      frac = (frac / 10) | 0;
      len--;
    }
    out[p] = 46;
    for (let i = len; i >= 1; i--) {
      const q = (frac / 10) | 0;
      out[p + i] = 48 + (frac - q * 10);
      frac = q;
    }
    p += len + 1;
  }
  return p;
}

/** HH:MM:SS for a time of day in ms (fractions of a second dropped). */
export function writeClock(out: Uint8Array, p: number, msOfDay: number): number {
  // 0 ≤ msOfDay < 86,400,000: small-integer arithmetic throughout.
  const s = (msOfDay / 1000) | 0;
  const h = (s / 3600) | 0;
  const m = ((s - h * 3600) / 60) | 0;
  const sec = s - h * 3600 - m * 60;
  const h1 = (h / 10) | 0;
  const m1 = (m / 10) | 0;
  const s1 = (sec / 10) | 0;
  out[p] = 48 + h1;
  out[p + 1] = 48 + (h - h1 * 10);
  out[p + 2] = 58;
  out[p + 3] = 48 + m1;
  out[p + 4] = 48 + (m - m1 * 10);
  out[p + 5] = 58;
  out[p + 6] = 48 + s1;
  out[p + 7] = 48 + (sec - s1 * 10);
  return p + 8;
}

/**
 * A one-line writer for CSV rows over the byte writers above: fields are
 * written as bytes into a reused buffer and the row is read out as one flat
 * string.
 */
export class RowWriter {
  private readonly out = Buffer.allocUnsafe(1024);
  private pos = 0;
  private day = Number.NaN;
  private dayPrefix: Uint8Array = new Uint8Array(0);

  start(): void {
    this.pos = 0;
  }

  /** Pre-encoded ASCII bytes (see ascii()). */
  bytes(b: Uint8Array): void {
    this.out.set(b, this.pos);
    this.pos += b.length;
  }

  comma(): void {
    this.out[this.pos++] = 44;
  }

  uint(n: number): void {
    this.pos = writeUint(this.out, this.pos, n);
  }

  /** One decimal, always ("0.0", "360.0"); for non-negative values. */
  tenths(value: number): void {
    this.pos = writeTenths(this.out, this.pos, value);
  }

  /** At most 5 decimals, trailing zeros dropped (as formatCoord). */
  coord(deg: number): void {
    this.pos = writeCoord(this.out, this.pos, deg);
  }

  /** YYYY-MM-DDTHH:MM:SS (UTC), as formatBaseDateTime. */
  dateTime(ms: number): void {
    const day = Math.floor(ms / MS_PER_DAY);
    if (day !== this.day) {
      this.day = day;
      this.dayPrefix = ascii(new Date(day * MS_PER_DAY).toISOString().slice(0, 11));
    }
    this.bytes(this.dayPrefix);
    this.pos = writeClock(this.out, this.pos, ms - day * MS_PER_DAY);
  }

  /** The row written since start(), as a string. */
  finish(): string {
    return latin1(this.out, 0, this.pos);
  }
}

/** Bytes of a buffer as a (one-byte) string. */
export function latin1(buffer: Buffer, start: number, end: number): string {
  return LATIN1_SLICE ? LATIN1_SLICE.call(buffer, start, end) : buffer.toString('latin1', start, end);
}

/** Buffer's own latin1Slice, skipping toString's argument handling when the runtime has it. */
const LATIN1_SLICE = (Buffer.prototype as unknown as { latin1Slice?: (start: number, end: number) => string }).latin1Slice;

/** ASCII text as bytes for RowWriter.bytes (AIS text is ASCII by construction). */
export function ascii(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}
