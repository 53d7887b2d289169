import { open } from 'node:fs/promises';
import { isSextantError, SextantError } from '../errors.ts';
import { addValues, newEntity, type FtmEntity } from '../model/entity.ts';
import { makeId } from '../model/ids.ts';
import { toPartialDate } from '../model/normalize/dates.ts';
import { toCountryCode } from '../model/normalize/countries.ts';
import { getSchema } from '../model/schemata.ts';
import { readCsv, type CsvOptions } from './csv.ts';
import type { ReaderInput, ReadItem, RejectItem } from './types.ts';

/**
 * Helpers shared by the list readers (UN SC, BIS DPL, US CSL): text and list
 * clean-up, date conversion, country placement, header-mapped tables, the
 * designation + Sanction pair every list record becomes, and stable record keys.
 */

// ---------------------------------------------------------------------------
// Text

/** Trim and collapse runs of whitespace (line breaks included) to one space. */
export function collapse(text: string | undefined | null): string {
  return text == null ? '' : text.replace(/\s+/g, ' ').trim();
}

/** Split a "a; b; c" multi-value field into its trimmed, non-empty parts. */
export function splitList(text: string | undefined | null, separator = ';'): string[] {
  if (text == null) return [];
  return text
    .split(separator)
    .map((part) => collapse(part))
    .filter((part) => part !== '');
}

/** Join the non-empty parts with a separator ("street, city, country"). */
export function joinParts(parts: Array<string | undefined | null>, separator = ', '): string {
  return parts
    .map((p) => collapse(p))
    .filter((p) => p !== '')
    .join(separator);
}

/** The head bytes of an input as text, without a byte-order mark. */
export function headText(input: ReaderInput): string {
  return input.head.toString('utf8').replace(/^\uFEFF/, '');
}

/** The first line of the head, without BOM and line ending. */
export function headFirstLine(input: ReaderInput): string {
  const text = headText(input);
  const end = text.search(/\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

// ---------------------------------------------------------------------------
// Dates

/**
 * An ISO 8601 partial date from a source's text (ISO-like, with or without a
 * time or zone suffix; `Nov. 1973`, `3 May 1971`, …), or undefined. The model's
 * date normaliser decides; slash dates other than YYYY/MM/DD are left to `usDate`.
 */
export function isoDate(text: string | undefined | null): string | undefined {
  const t = collapse(text);
  return t === '' ? undefined : toPartialDate(t);
}

/** A US `MM/DD/YYYY` date as ISO `YYYY-MM-DD`; ISO input passes through `isoDate`. */
export function usDate(text: string | undefined | null): string | undefined {
  const t = collapse(text);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (us) return toPartialDate(`${us[3]}-${us[1]}-${us[2]}`);
  return isoDate(t);
}

/**
 * Put a date into a date property when it parses, or keep the source text in a
 * text property (`label: text`) when it does not: a date is never dropped.
 */
export function addDate(
  entity: FtmEntity,
  prop: string,
  text: string | undefined | null,
  parse: (t: string) => string | undefined,
  fallbackProp: string,
  label: string,
): void {
  const t = collapse(text);
  if (t === '') return;
  const date = parse(t);
  if (date !== undefined) addValues(entity, prop, date);
  else addValues(entity, fallbackProp, `${label}: ${t}`);
}

// ---------------------------------------------------------------------------
// Countries

/**
 * The form of a country text that `toCountryCode` resolves: the text itself, or
 * the text without a parenthetical ("Iran (Islamic Republic of)" → "Iran").
 * Undefined when neither resolves.
 */
export function countryText(text: string | undefined | null): string | undefined {
  const t = collapse(text);
  if (t === '') return undefined;
  if (toCountryCode(t)) return t;
  const bare = collapse(t.replace(/\([^)]*\)/g, ' '));
  if (bare !== '' && bare !== t && toCountryCode(bare)) return bare;
  return undefined;
}

/**
 * Put a country into a country-typed property when it resolves; otherwise keep
 * the text in `fallbackProp` as `label: text` (pass no fallback when the text is
 * already kept elsewhere, e.g. inside a full address). Returns true when placed.
 */
export function addCountry(
  entity: FtmEntity,
  prop: string,
  text: string | undefined | null,
  fallback?: { prop: string; label: string },
): boolean {
  const t = collapse(text);
  if (t === '') return false;
  const resolved = countryText(t);
  if (resolved !== undefined && hasProp(entity.schema, prop)) {
    addValues(entity, prop, resolved);
    return true;
  }
  if (fallback) addValues(entity, fallback.prop, `${fallback.label}: ${t}`);
  return false;
}

/** True when the schema accepts the property. */
export function hasProp(schema: string, prop: string): boolean {
  return getSchema(schema)?.properties.has(prop) ?? false;
}

// ---------------------------------------------------------------------------
// Designations

export interface SanctionFields {
  authority: string;
  program?: string[];
  authorityId?: string;
  unscId?: string;
  listingDate?: string;
  startDate?: string;
  endDate?: string;
  modifiedAt?: string;
  reason?: string;
  provisions?: string[];
  description?: string[];
  sourceUrl?: string;
  programUrl?: string;
}

/** The Sanction for a designated entity: id `makeId(dataset, ...key, 'sanction')`. */
export function newSanction(dataset: string, key: string[], entityId: string, fields: SanctionFields): FtmEntity {
  const s = newEntity(makeId(dataset, ...key, 'sanction'), 'Sanction');
  addValues(s, 'entity', entityId);
  addValues(s, 'authority', fields.authority);
  addValues(s, 'program', ...(fields.program ?? []));
  addValues(s, 'authorityId', fields.authorityId);
  addValues(s, 'unscId', fields.unscId);
  addValues(s, 'listingDate', fields.listingDate);
  addValues(s, 'startDate', fields.startDate);
  addValues(s, 'endDate', fields.endDate);
  addValues(s, 'modifiedAt', fields.modifiedAt);
  addValues(s, 'reason', fields.reason);
  addValues(s, 'provisions', ...(fields.provisions ?? []));
  addValues(s, 'description', ...(fields.description ?? []));
  addValues(s, 'sourceUrl', fields.sourceUrl);
  addValues(s, 'programUrl', fields.programUrl);
  return s;
}

/** The items for one list record: the designated entity first, then its Sanction. */
export function designation(file: string, line: number, record: string, entity: FtmEntity, sanction: FtmEntity): ReadItem[] {
  return [
    { kind: 'entity', entity, file, line, record },
    { kind: 'entity', entity: sanction, file, line, record },
  ];
}

/** A US "standard order" flag (Y/N) as a Sanction provision. */
export function standardOrder(value: string | undefined | null): string | undefined {
  const v = collapse(value).toUpperCase();
  if (v === '') return undefined;
  if (v === 'Y') return 'Standard order: yes';
  if (v === 'N') return 'Standard order: no';
  return `Standard order: ${collapse(value)}`;
}


// ---------------------------------------------------------------------------
// Files and tables

/** Throw SextantError('io_error') unless the input is a file that can be opened. */
export async function assertReadable(input: ReaderInput): Promise<void> {
  if (input.isDirectory) throw new SextantError('io_error', `cannot read ${input.path}: it is a directory`, { path: input.path });
  try {
    const handle = await open(input.path, 'r');
    await handle.close();
  } catch (err) {
    throw ioError(input.path, err);
  }
}

function ioError(path: string, err: unknown): SextantError {
  if (isSextantError(err)) return err;
  const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  return new SextantError('io_error', `cannot read ${path}: ${code}`, { path }, { cause: err });
}

export interface TableRow {
  kind: 'row';
  /** 1-based line the row starts on. */
  line: number;
  /** 1-based data row number (header excluded), counting rejected rows too. */
  row: number;
  /** The value of a column by its header name (case-insensitive); '' when absent. */
  get(column: string): string;
  /** Every column, header name → value. */
  values: Map<string, string>;
}

/**
 * A delimited file with a header row, mapped by column name so that column order
 * does not matter. Yields rows or rejections: a row whose field count differs
 * from the header's, or one readCsv finds unreadable (invalid UTF-8, bad quoting).
 * A header missing a required column rejects the file (one reject, nothing else).
 */
export async function* readTable(
  file: string,
  options: CsvOptions & { required: string[] },
): AsyncGenerator<TableRow | RejectItem> {
  /** Column names as written, and lower-cased for lookup. */
  let names: string[] = [];
  let header: string[] | undefined;
  let row = 0;
  try {
    for await (const item of readCsv(file, options)) {
      if (header === undefined) {
        if (item.kind === 'problem') {
          yield { kind: 'reject', file, line: item.line, reason: `unreadable header: ${item.reason}` };
          return;
        }
        names = item.fields.map((f) => collapse(f));
        header = names.map((n) => n.toLowerCase());
        const missing = options.required.filter((c) => !header!.includes(c.toLowerCase()));
        if (missing.length > 0) {
          yield { kind: 'reject', file, line: item.line, field: missing.join(', '), reason: `header lacks column(s) ${missing.join(', ')}` };
          return;
        }
        continue;
      }
      row++;
      if (item.kind === 'problem') {
        const index = item.field === undefined ? NaN : Number(item.field) - 1;
        const field = Number.isInteger(index) && names[index] !== undefined ? names[index] : item.field;
        yield { kind: 'reject', file, line: item.line, ...(field !== undefined ? { field } : {}), reason: item.reason, record: String(row) };
        continue;
      }
      if (item.fields.length !== header.length) {
        yield {
          kind: 'reject',
          file,
          line: item.line,
          reason: `expected ${header.length} fields, found ${item.fields.length}`,
          record: String(row),
        };
        continue;
      }
      const values = new Map<string, string>();
      header.forEach((name, i) => values.set(name, item.fields[i] ?? ''));
      yield { kind: 'row', line: item.line, row, values, get: (column) => values.get(column.toLowerCase()) ?? '' };
    }
  } catch (err) {
    throw ioError(file, err);
  }
  if (header === undefined) yield { kind: 'reject', file, line: 1, reason: 'empty file: no header row' };
}

/**
 * A table without an id column, read in the two passes its keys need: the first
 * observes every good row's key levels (see RecordKeys), the second yields each
 * rejection, or each good row with its distinct key parts.
 */
export async function* readKeyedTable(
  file: string,
  options: CsvOptions & { required: string[] },
  check: (file: string, row: TableRow) => RejectItem | undefined,
  levels: (row: TableRow) => string[][],
): AsyncGenerator<RejectItem | { kind: 'keyed'; row: TableRow; key: string[] }> {
  const keys = new RecordKeys();
  for await (const item of readTable(file, options)) {
    if (item.kind === 'row' && !check(file, item)) keys.observe(levels(item));
  }
  for await (const item of readTable(file, options)) {
    const bad = item.kind === 'reject' ? item : check(file, item);
    if (bad) {
      yield bad;
      continue;
    }
    const row = item as TableRow;
    yield { kind: 'keyed', row, key: keys.key(levels(row), row.line).parts };
  }
}

// ---------------------------------------------------------------------------
// Record keys

/**
 * Stable, distinct keys for lists without an id column. Each record offers its
 * key in levels: a base (name + date) and extensions (address, then the rest of
 * the row). A first pass `observe`s every record; `key` then uses the shortest
 * prefix that no other record shares, so a record's id only involves its address
 * when its name and date alone would collide. Records identical on every level
 * get an occurrence suffix (`dup2`, …) and are reported as duplicates.
 */
export class RecordKeys {
  private readonly counts = new Map<string, number>();
  private readonly used = new Map<string, { count: number; firstLine: number }>();

  observe(levels: string[][]): void {
    let acc: string[] = [];
    for (const level of levels) {
      acc = [...acc, ...level];
      const k = JSON.stringify(acc);
      this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
    }
  }

  /** The key parts for a record, and, for a repeated identical record, the line of its first occurrence. */
  key(levels: string[][], line: number): { parts: string[]; duplicateOf?: number } {
    let acc: string[] = [];
    for (const level of levels) {
      acc = [...acc, ...level];
      if (this.counts.get(JSON.stringify(acc)) === 1) break;
    }
    const k = JSON.stringify(acc);
    const seen = this.used.get(k);
    if (!seen) {
      this.used.set(k, { count: 1, firstLine: line });
      return { parts: acc };
    }
    seen.count++;
    return { parts: [...acc, `dup${seen.count}`], duplicateOf: seen.firstLine };
  }
}
