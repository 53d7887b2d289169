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

/**
 * A one-line writer for CSV rows: fields are written as bytes into a reused
 * buffer and the row is read out as one flat string. Twice as fast as string
 * concatenation once the rows are joined for writing, and it allocates one
 * string per row instead of a rope of twenty.
 */
export class RowWriter {
  private readonly own = Buffer.allocUnsafe(1024);
  private out: Buffer = this.own;
  private pos = 0;
  private day = Number.NaN;
  private dayPrefix: Uint8Array = new Uint8Array(0);

  /** Start a row in the writer's own buffer (read it with finish()). */
  start(): void {
    this.out = this.own;
    this.pos = 0;
  }

  /** Start a row in another buffer, at `pos` (read where it ends with end()); the caller leaves room for a row. */
  into(buffer: Buffer, pos: number): void {
    this.out = buffer;
    this.pos = pos;
  }

  /** Where the row written since into() ends. */
  end(): number {
    return this.pos;
  }

  /** Pre-encoded ASCII bytes (see ascii()). */
  bytes(b: Uint8Array): void {
    const out = this.out;
    let p = this.pos;
    for (let i = 0; i < b.length; i++) out[p++] = b[i]!;
    this.pos = p;
  }

  /** Pre-encoded ASCII bytes, copied natively (for pieces longer than a few bytes). */
  set(b: Uint8Array): void {
    this.out.set(b, this.pos);
    this.pos += b.length;
  }

  /** HH:MM:SS for a time of day in ms (fractions of a second dropped). */
  clock(msOfDay: number): void {
    const s = Math.floor(msOfDay / 1000);
    const h = Math.floor(s / 3600);
    const m = Math.floor((s - h * 3600) / 60);
    const sec = s - h * 3600 - m * 60;
    const out = this.out;
    const p = this.pos;
    out[p] = 48 + Math.floor(h / 10);
    out[p + 1] = 48 + (h % 10);
    out[p + 2] = 58;
    out[p + 3] = 48 + Math.floor(m / 10);
    out[p + 4] = 48 + (m % 10);
    out[p + 5] = 58;
    out[p + 6] = 48 + Math.floor(sec / 10);
    out[p + 7] = 48 + (sec % 10);
    this.pos = p + 8;
  }

  comma(): void {
    this.out[this.pos++] = 44;
  }

  uint(n: number): void {
    const out = this.out;
    if (n < 10) {
      out[this.pos++] = 48 + n;
      return;
    }
    let digits = 0;
    for (let m = n; m > 0; m = Math.floor(m / 10)) digits++;
    let p = this.pos + digits;
    this.pos = p;
    for (let m = n; m > 0; m = Math.floor(m / 10)) out[--p] = 48 + (m % 10);
  }

  /** One decimal, always ("0.0", "360.0"); for non-negative values. */
  tenths(value: number): void {
    const t = Math.round(value * 10);
    this.uint(Math.floor(t / 10));
    this.out[this.pos++] = 46;
    this.out[this.pos++] = 48 + (t % 10);
  }

  /** At most 5 decimals, trailing zeros dropped (as formatCoord). */
  coord(deg: number): void {
    const out = this.out;
    let n = Math.round(deg * 1e5);
    if (n < 0) {
      out[this.pos++] = 45;
      n = -n;
    }
    const whole = Math.floor(n / 100_000);
    const frac = n - whole * 100_000;
    let p = this.pos;
    // Whole degrees are at most 180: three digits written directly.
    if (whole >= 100) {
      out[p++] = 48 + Math.floor(whole / 100);
      out[p++] = 48 + (Math.floor(whole / 10) % 10);
    } else if (whole >= 10) out[p++] = 48 + Math.floor(whole / 10);
    out[p++] = 48 + (whole % 10);
    if (frac !== 0) {
      // ".ddddd" without trailing zeros, from a table of all 100 000 fractions.
      if (FRACTION_LENGTHS.length === 0) buildFractionTables();
      const len = FRACTION_LENGTHS[frac]!;
      out[p++] = 46;
      const base = frac * 5;
      for (let i = 0; i < len; i++) out[p++] = FRACTION_DIGITS[base + i]!;
    }
    this.pos = p;
  }

  /** YYYY-MM-DDTHH:MM:SS (UTC), as formatBaseDateTime. */
  dateTime(ms: number): void {
    const day = Math.floor(ms / MS_PER_DAY);
    if (day !== this.day) {
      this.day = day;
      this.dayPrefix = ascii(new Date(day * MS_PER_DAY).toISOString().slice(0, 11));
    }
    this.bytes(this.dayPrefix);
    const s = Math.floor((ms - day * MS_PER_DAY) / 1000);
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const sec = s % 60;
    const out = this.out;
    out[this.pos++] = 48 + Math.floor(h / 10);
    out[this.pos++] = 48 + (h % 10);
    out[this.pos++] = 58;
    out[this.pos++] = 48 + Math.floor(m / 10);
    out[this.pos++] = 48 + (m % 10);
    out[this.pos++] = 58;
    out[this.pos++] = 48 + Math.floor(sec / 10);
    out[this.pos++] = 48 + (sec % 10);
  }

  /** The row written since start(), as a string. */
  finish(): string {
    return LATIN1_SLICE ? LATIN1_SLICE.call(this.out, 0, this.pos) : this.out.toString('latin1', 0, this.pos);
  }
}

/** Buffer's own latin1Slice, skipping toString's argument handling when the runtime has it. */
const LATIN1_SLICE = (Buffer.prototype as unknown as { latin1Slice?: (start: number, end: number) => string }).latin1Slice;

/** The five digits of every fraction 0..99999 and how many remain once trailing zeros are dropped. */
let FRACTION_DIGITS = new Uint8Array(0);
let FRACTION_LENGTHS = new Uint8Array(0);

function buildFractionTables(): void {
  const digits = new Uint8Array(500_000);
  const lengths = new Uint8Array(100_000);
  for (let f = 0; f < 100_000; f++) {
    let len = 0;
    for (let i = 0, d = 10_000, rest = f; i < 5; i++, d /= 10) {
      const q = Math.floor(rest / d);
      digits[f * 5 + i] = 48 + q;
      rest -= q * d;
      if (q !== 0) len = i + 1;
    }
    lengths[f] = len;
  }
  FRACTION_DIGITS = digits;
  FRACTION_LENGTHS = lengths;
}

/** ASCII text as bytes for RowWriter.bytes (AIS text is ASCII by construction). */
export function ascii(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}
