/**
 * Timestamps between the databases and the rest of Sextant, in ISO 8601 (UTC,
 * milliseconds). Kept apart from db.ts so that code which only encodes rows
 * (ingest's worker thread) does not load the database drivers.
 */

/** ISO 8601 in UTC with milliseconds, as Date.prototype.toISOString writes it. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A timestamp as the drivers return it (Date from pg and PGlite, text otherwise) in ISO form. */
export function toIso(v: unknown): string {
  if (typeof v === 'string' && ISO_UTC.test(v)) return v;
  return v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();
}

/**
 * A timestamptz column read as ISO 8601 text (UTC, milliseconds), formatted by
 * the database. Reading a million rows, the drivers' parsing of timestamps into
 * Date objects, turned back into ISO strings, cost more than the rest of the
 * row (a statement read of 3.2 M rows: 18.5-24.6 s with Date objects, 13.8 s
 * as text).
 */
export function isoText(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
