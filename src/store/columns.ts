/**
 * Rows of a bulk write as one PostgreSQL array literal per column, bound as
 * `$n::type[]` and turned back into rows by `unnest`. Encoding is plain string
 * work that needs no database: ingest does it where it prepares the rows (a
 * worker thread for a large input), so that the thread holding the embedded
 * database only writes, and a few strings cross between threads instead of a
 * hundred thousand objects.
 */
export interface ColumnBatch {
  /** How many rows the batch holds. */
  rows: number;
  /** One array literal per column, in the order the repository's encoder gives. */
  columns: string[];
}

export type ColumnValue = string | number | boolean | null | undefined;

/**
 * The text form of a one-dimensional array (`{"a","b",NULL}`): every string
 * element quoted, with backslash and double quote escaped; numbers and
 * booleans bare; null and undefined as NULL.
 */
export function arrayLiteral(values: readonly ColumnValue[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = 'NULL';
    else if (typeof v === 'string') parts[i] = `"${ESCAPE.test(v) ? v.replace(ESCAPE_ALL, '\\$&') : v}"`;
    else if (typeof v === 'boolean') parts[i] = v ? 't' : 'f';
    else if (Number.isFinite(v)) parts[i] = String(v);
    else throw new TypeError(`cannot write ${v} to an array column`);
  }
  return `{${parts.join(',')}}`;
}

const ESCAPE = /["\\]/;
const ESCAPE_ALL = /["\\]/g;

/** `rows` column by column, in the order of `columns`. */
export function encodeColumns<T>(rows: readonly T[], columns: readonly (keyof T)[]): ColumnBatch {
  return {
    rows: rows.length,
    columns: columns.map((c) => arrayLiteral(rows.map((r) => r[c] as ColumnValue))),
  };
}
