import { createReadStream } from 'node:fs';
import { parse, type CsvError } from 'csv-parse';
import { Utf8LineCheck } from './utf8.ts';

/**
 * Streaming CSV/TSV reading shared by every CSV-based reader. Yields each row
 * with the 1-based line it starts on, or a problem naming the line (unclosed
 * quote, invalid UTF-8) — never throws for bad content, so one bad row never
 * sinks the file. Column-count checks are left to the caller, who knows the layout.
 */
export interface CsvRow {
  kind: 'row';
  line: number;
  fields: string[];
}

export interface CsvProblem {
  kind: 'problem';
  line: number;
  field?: string;
  reason: string;
}

export interface CsvOptions {
  delimiter?: string;
  /** Quote character; false for formats without quoting. */
  quote?: string | false;
  /** Values that mean "empty" in this format (OFAC's `-0-`). Compared after trimming. */
  nullValues?: string[];
  /** Trim whitespace around each field. */
  trim?: boolean;
}


export async function* readCsv(path: string, options: CsvOptions = {}): AsyncGenerator<CsvRow | CsvProblem> {
  const problems: CsvProblem[] = [];
  const parser = parse({
    delimiter: options.delimiter ?? ',',
    quote: options.quote === false ? null : (options.quote ?? '"'),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    bom: true,
    info: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      const line = Number((err as { lines?: number } | undefined)?.lines ?? 0);
      problems.push({ kind: 'problem', line, reason: `malformed CSV: ${err?.message ?? 'unreadable row'}` });
      return undefined;
    },
  });
  const nulls = new Set(options.nullValues ?? []);
  const source = createReadStream(path);
  const utf8 = new Utf8LineCheck();
  source.on('error', (err) => parser.destroy(err));
  source.pipe(utf8).pipe(parser);
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const { record, info } = item;
    // info.lines is the line the record ends on; a record spanning lines starts earlier.
    const startLine = info.lines - countNewlines(record);
    // The parser reports a problem as soon as it meets it, which can be before
    // the records of the same chunk reach this loop: keep them in line order.
    while (problems.length > 0 && problems[0]!.line < startLine) yield problems.shift()!;
    // A lone SUB (0x1A) byte ends OFAC files: an end-of-file marker, not a record.
    if (record.length === 1 && record[0]!.trim().replace(/\x1a/g, '') === '') continue;
    const fields = record.map((raw) => {
      const value = options.trim === false ? raw : raw.trim();
      return nulls.has(value.trim()) ? '' : value;
    });
    if (spansInvalid(utf8.invalidLines, startLine, info.lines)) {
      const bad = fields.findIndex((f) => f.includes('\uFFFD'));
      yield { kind: 'problem', line: startLine, ...(bad >= 0 ? { field: String(bad + 1) } : {}), reason: 'invalid UTF-8 in field' };
      continue;
    }
    yield { kind: 'row', line: startLine, fields };
  }
  while (problems.length > 0) yield problems.shift()!;
}

function spansInvalid(invalid: Set<number>, from: number, to: number): boolean {
  if (invalid.size === 0) return false;
  for (let l = from; l <= to; l++) if (invalid.has(l)) return true;
  return false;
}

function countNewlines(record: string[]): number {
  let n = 0;
  for (const f of record) for (let i = 0; i < f.length; i++) if (f.charCodeAt(i) === 10) n++;
  return n;
}
