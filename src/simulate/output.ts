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
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** ISO timestamp without milliseconds, `Z` suffix. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
