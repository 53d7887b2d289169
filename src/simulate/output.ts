import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * A file of the generated world, written line by line through a buffer: the
 * benchmark world writes tens of millions of rows, so each line is encoded
 * straight into a 1 MiB buffer (no intermediate strings, nothing for the
 * garbage collector) and a full buffer goes to the file in one write. Two
 * buffers take turns: one fills while the other is being written, and a
 * writer waits for the previous write before it hands over the next buffer,
 * so memory stays flat however large the world is.
 *
 * Formatters that produce bytes themselves (the AIS rows) write into
 * `buffer` from `cursor` and `commit` the end; there are always at least
 * ROOM bytes free at the cursor for them.
 */
export class LineFile {
  readonly path: string;
  readonly format: string;
  readonly agency: string;
  records = 0;
  private buf = Buffer.allocUnsafeSlow(CHUNK + ROOM);
  private spare = Buffer.allocUnsafeSlow(CHUNK + ROOM);
  private pos = 0;
  private inflight: Promise<void> | undefined;

  private constructor(
    private readonly handle: FileHandle,
    path: string,
    format: string,
    agency: string,
  ) {
    this.path = path;
    this.format = format;
    this.agency = agency;
  }

  static async open(root: string, path: string, format: string, agency: string, header?: string): Promise<LineFile> {
    await mkdir(dirname(join(root, path)), { recursive: true });
    const file = new LineFile(await open(join(root, path), 'w'), path, format, agency);
    if (header !== undefined) {
      file.pos = file.buf.write(header, 0);
      file.buf[file.pos++] = NEWLINE;
    }
    return file;
  }

  /** Write one record's line (without its newline). Await the result only when it is a promise. */
  write(line: string): Promise<void> | undefined {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this.pos + line.length * 3 + 1 > this.buf.length) return this.writeLong(line);
    this.pos += this.buf.write(line, this.pos);
    this.buf[this.pos++] = NEWLINE;
    this.records++;
    return this.pos >= CHUNK ? this.flush() : undefined;
  }

  /** The buffer a byte formatter writes the next line into, from `cursor` (at least ROOM bytes free). */
  get buffer(): Buffer {
    return this.buf;
  }

  get cursor(): number {
    return this.pos;
  }

  /** The line a byte formatter wrote into `buffer` from `cursor` ends at `end` (the newline is added here). */
  commit(end: number): Promise<void> | undefined {
    this.buf[end] = NEWLINE;
    this.pos = end + 1;
    this.records++;
    return this.pos >= CHUNK ? this.flush() : undefined;
  }

  /** A line that may not fit in what is left of the buffer: flush first, and give a line longer than a buffer its own write. */
  private async writeLong(line: string): Promise<void> {
    await this.flush();
    if (line.length * 3 + 1 <= this.buf.length) {
      await this.write(line);
      return;
    }
    await this.settle();
    await this.writeAll(Buffer.from(line + '\n', 'utf8'), Buffer.byteLength(line, 'utf8') + 1);
    this.records++;
  }

  async flush(): Promise<void> {
    if (this.pos === 0) return;
    // The spare buffer is free once its write has finished.
    await this.settle();
    const full = this.buf;
    const length = this.pos;
    this.buf = this.spare;
    this.spare = full;
    this.pos = 0;
    this.inflight = this.writeAll(full, length);
  }

  async close(): Promise<void> {
    await this.flush();
    await this.settle();
    await this.handle.close();
  }

  private async settle(): Promise<void> {
    const pending = this.inflight;
    this.inflight = undefined;
    if (pending) await pending;
  }

  private async writeAll(buffer: Buffer, length: number): Promise<void> {
    let done = 0;
    while (done < length) {
      const { bytesWritten } = await this.handle.write(buffer, done, length - done);
      done += bytesWritten;
    }
  }
}

const CHUNK = 1 << 20;
/** Room a byte formatter may count on at the cursor: one line of any of the world's CSV files, with a wide margin. */
export const ROOM = 1 << 16;
const NEWLINE = 10;

/** A CSV field: quoted only when it must be (RFC 4180). */
export function csvField(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : String(value);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // '"', ',', '\r', '\n'
    if (c === 34 || c === 44 || c === 13 || c === 10) return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

/**
 * The same text as one flat string. Text assembled piece by piece is a tree
 * of pieces to the engine, scattered over the heap; a string kept for a long
 * time and written again and again (a party's name in a million payment rows)
 * is cheaper to write once flattened. UTF-16 round trip: lossless for any string.
 */
export function flat(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}

const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
/** Epoch ms of 10000-01-01: toISOString's four-digit years end there. */
const LAST_FOUR_DIGIT_YEAR_MS = 253_402_300_800_000;
let cachedDay = Number.NaN;
let cachedDayText = '';

/** "YYYY-MM-DD" of the UTC day `day` (days since the epoch), remembered for the next call: rows come in time order. */
function dayText(day: number): string {
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDayText = new Date(day * DAY_MS).toISOString().slice(0, 10);
  }
  return cachedDayText;
}

/** ISO timestamp without milliseconds, `Z` suffix (new Date(ms).toISOString() cut to the second, without a Date per call). */
export function isoSeconds(ms: number): string {
  if (!(ms >= 0 && ms < LAST_FOUR_DIGIT_YEAR_MS)) return new Date(ms).toISOString().slice(0, 19) + 'Z';
  const day = Math.floor(ms / DAY_MS);
  const s = Math.floor((ms - day * DAY_MS) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s - h * 3600) / 60);
  return `${dayText(day)}T${TWO_DIGITS[h]}:${TWO_DIGITS[m]}:${TWO_DIGITS[s - h * 3600 - m * 60]}Z`;
}

export function isoDate(ms: number): string {
  if (!(ms >= 0 && ms < LAST_FOUR_DIGIT_YEAR_MS)) return new Date(ms).toISOString().slice(0, 10);
  return dayText(Math.floor(ms / DAY_MS));
}

/**
 * value.toFixed(2), without the number-to-string conversion when the value is
 * a whole number of cents (the nearest double to cents/100, which toFixed
 * prints as exactly those cents); any other value goes through toFixed.
 */
export function fixed2(value: number): string {
  const cents = Math.round(value * 100);
  if (value >= 0 && cents <= Number.MAX_SAFE_INTEGER && cents / 100 === value) {
    const whole = Math.floor(cents / 100);
    return `${whole}.${TWO_DIGITS[cents - whole * 100]}`;
  }
  return value.toFixed(2);
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
