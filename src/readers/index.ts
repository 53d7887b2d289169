import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SextantError } from '../errors.ts';
import { aisCsvReader } from './ais_csv.ts';
import { aisNmeaReader } from './ais_nmea.ts';
import { bisDplReader } from './bis_dpl.ts';
import { customsReader } from './customs.ts';
import { ftmReader } from './ftm.ts';
import { ofacConsReader, ofacSdnReader } from './ofac/sdn.ts';
import { pacs008Reader } from './pacs008.ts';
import { transactionsReader } from './transactions.ts';
import type { Reader, ReaderInput } from './types.ts';
import { unScReader } from './un_sc.ts';
import { usCslReader } from './us_csl.ts';

/**
 * The reader registry. Order matters for auto-detection: the most specific
 * formats are tried first.
 */
export const READERS: Reader[] = [
  ofacSdnReader,
  ofacConsReader,
  unScReader,
  bisDplReader,
  usCslReader,
  pacs008Reader,
  transactionsReader,
  customsReader,
  aisCsvReader,
  aisNmeaReader,
  ftmReader,
];

export function readerFor(format: string): Reader {
  const reader = READERS.find((r) => r.format === format);
  if (!reader) {
    throw new SextantError('bad_request', `unknown format ${JSON.stringify(format)}; known: ${formatNames().join(', ')}`, {
      field: 'format',
    });
  }
  return reader;
}

export function formatNames(): string[] {
  return READERS.map((r) => r.format);
}

const HEAD_BYTES = 64 * 1024;

export async function describeInput(path: string): Promise<ReaderInput> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw new SextantError('io_error', `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { path });
  }
  if (info.isDirectory()) {
    const files = (await readdir(path)).sort();
    return { path, isDirectory: true, files, head: Buffer.alloc(0) };
  }
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(HEAD_BYTES, info.size));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return { path, isDirectory: false, files: [], head: buf.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}

/**
 * The inputs a user's paths stand for. A directory that a list reader takes as
 * a whole (the OFAC CSV set) is one input; any other directory stands for the
 * files in it (recursively, in name order, hidden files skipped).
 */
export async function expandPaths(paths: string[], format?: string): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const input = await describeInput(path);
    if (!input.isDirectory) {
      out.push(path);
      continue;
    }
    const whole = format ? readerFor(format).detect(input) : READERS.some((r) => r.detect(input));
    if (whole) {
      out.push(path);
      continue;
    }
    const children = input.files.filter((f) => !f.startsWith('.')).map((f) => join(path, f));
    if (children.length === 0) throw new SextantError('bad_request', `directory ${path} holds no files to ingest`, { path });
    out.push(...(await expandPaths(children, format)));
  }
  return out;
}

/** The reader for an input: the named format, or the first that recognises it. */
export function detectReader(input: ReaderInput, format?: string): Reader {
  if (format) return readerFor(format);
  const reader = READERS.find((r) => r.detect(input));
  if (!reader) {
    throw new SextantError(
      'unsupported_format',
      `cannot tell the format of ${input.path}; name it with --format (${formatNames().join(', ')})`,
      { path: input.path },
    );
  }
  return reader;
}
