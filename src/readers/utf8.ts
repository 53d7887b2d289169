import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * Passes bytes through unchanged while noting which lines (1-based, counted by
 * LF) are not valid UTF-8. Checking bytes, not decoded text, matters: a file
 * may hold a genuine U+FFFD character, which is valid.
 */
export class Utf8LineCheck extends Transform {
  readonly invalidLines = new Set<number>();
  private line = 1;
  private pending: Buffer[] = [];

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let start = 0;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) {
      this.checkLine(chunk.subarray(start, i));
      start = i + 1;
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.pending.length > 0) this.checkLine(Buffer.alloc(0));
    done();
  }

  private checkLine(tail: Buffer): void {
    const bytes = this.pending.length > 0 ? Buffer.concat([...this.pending, tail]) : tail;
    this.pending = [];
    if (!isUtf8(bytes)) this.invalidLines.add(this.line);
    this.line++;
  }
}

/** Lines of a byte stream, each with its number and whether it is valid UTF-8. */
export async function* utf8Lines(source: AsyncIterable<Buffer>): AsyncGenerator<{ line: number; text: string; valid: boolean }> {
  let pending: Buffer[] = [];
  let line = 0;
  const emit = (bytes: Buffer) => {
    line++;
    const valid = isUtf8(bytes);
    let text = bytes.toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    return { line, text, valid };
  };
  for await (const chunk of source) {
    let start = 0;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) {
      const part = chunk.subarray(start, i);
      yield emit(pending.length > 0 ? Buffer.concat([...pending, part]) : part);
      pending = [];
      start = i + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length > 0) yield emit(Buffer.concat(pending));
}
