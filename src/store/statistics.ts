import type { Db } from './db.ts';

/** Grown by more than this share of its pages since the last ANALYZE: statistics are stale. */
const GROWTH = 0.1;
const TABLE = /^[a-z_][a-z0-9_]*$/;

/**
 * Refresh a table's planner statistics after a bulk write, when they are
 * missing or stale. Without them the planner takes freshly loaded rows for
 * none and nests loops over them. PGlite never runs autovacuum, and a server
 * runs it late. Stale means the table holds more than a tenth more pages than
 * at its last ANALYZE. That is autovacuum's own scale factor, read from page
 * counts, which PGlite keeps (it keeps no modification counters). Because it
 * compares pages, many small writes add up, while a small list ingested after
 * a large one costs no ANALYZE of the whole table.
 *
 * `columns` limits the statistics to the columns queries filter and join on.
 * It also skips the statistics of expression indexes: for `statements` that is
 * a to_tsvector over every sampled name, half of a full ANALYZE's time.
 * Returns whether it analysed.
 */
export async function refreshStatistics(db: Db, table: string, columns?: readonly string[]): Promise<boolean> {
  if (!TABLE.test(table) || !(columns ?? []).every((c) => TABLE.test(c))) throw new Error(`not a table or column name: ${table} ${columns ?? ''}`);
  const [row] = await db.query<{ reltuples: number; relpages: number; pages: number }>(
    `SELECT c.reltuples::float8 AS reltuples, c.relpages::int AS relpages,
            (pg_relation_size(c.oid) / current_setting('block_size')::int)::int AS pages
     FROM pg_class c WHERE c.oid = $1::regclass`,
    [table],
  );
  if (!row) throw new Error(`no table ${table}`);
  const never = row.reltuples < 0;
  if (!never && row.pages <= row.relpages * (1 + GROWTH)) return false;
  await db.exec(`ANALYZE ${table}${columns ? ` (${columns.join(', ')})` : ''}`);
  return true;
}
