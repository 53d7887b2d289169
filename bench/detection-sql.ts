import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import pg from 'pg';

/**
 * The SQL baseline of the closure part of `npm run bench -- detection`: the
 * same graph (node numbers, bounds in units of 0.0001 percentage point, as
 * bench/detection-closure.ts wrote them) loaded into PostgreSQL with COPY,
 * and the OFAC blocked set (aggregate, ≥ 50%, ownership only) computed there
 * as test/ownership-sql.test.ts reads the rule, sharing no code with the
 * engine: start from the designated nodes, add every entity whose stakes held
 * by the set sum to the threshold, until nothing is added.
 *
 * PostgreSQL refuses an aggregate in a recursive CTE's recursive term when the
 * term reads the CTE as a table, so two readings of the fixpoint are timed:
 *
 * - a recursive CTE that carries the whole blocked set as an int[] from one
 *   iteration to the next and aggregates, per iteration, in a LATERAL
 *   subquery over unnest(set) joined to the holdings (one SQL statement);
 * - the test's PL/pgSQL loop of set-based INSERTs into a temporary table
 *   (ON CONFLICT DO NOTHING) until an INSERT adds no row.
 *
 * Both join the whole set to the holdings each iteration (naive evaluation),
 * as the definition reads; holdings are one row per (owner, asset) — parallel
 * records merged as the engine merges them: the largest low bound, the sum of
 * the high bounds at most 100% — in a table indexed by owner (built once and
 * timed apart: a view would redo the GROUP BY every iteration).
 */
export const SCHEMA = 'bench_closure';
const THRESHOLD = 500_000; // 50% in units; OFAC: 50% or more

export interface SqlLoad {
  method: string;
  copySeconds: number;
  prepareSeconds: number;
  holdings: number;
}

export interface SqlRun {
  method: 'recursive CTE' | 'PL/pgSQL loop';
  bound: 'low' | 'high';
  seconds: number;
  iterations: number;
  count: number;
  /** Nodes in the SQL set and not in the engine's, and the other way round. */
  onlySql: number;
  onlyEngine: number;
}

async function client(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`SET search_path TO ${SCHEMA}, public`);
  return c;
}

function psqlAvailable(): boolean {
  const r = spawnSync('psql', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

/** COPY FROM STDIN through psql's \copy (the pg driver has no COPY without an extra package); INSERT … unnest batches when psql is missing. */
async function copyInto(url: string, c: pg.Client, table: string, columns: string[], file: string): Promise<string> {
  if (psqlAvailable()) {
    const r = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `\\copy ${SCHEMA}.${table} (${columns.join(', ')}) FROM '${file.replace(/'/g, "''")}' WITH (FORMAT csv)`], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`psql \\copy into ${table} failed: ${r.stderr}`);
    return 'COPY (psql \\copy)';
  }
  const cols: number[][] = columns.map(() => []);
  const flush = async () => {
    if (cols[0]!.length === 0) return;
    await c.query(`INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${columns.map((_, i) => `$${i + 1}::int[]`).join(', ')})`, cols);
    for (const col of cols) col.length = 0;
  };
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line) continue;
    line.split(',').forEach((v, i) => cols[i]!.push(Number(v)));
    if (cols[0]!.length >= 100_000) await flush();
  }
  await flush();
  return 'INSERT … unnest (psql not found: no COPY)';
}

export async function loadGraph(url: string, files: { stakes: string; seeds: string }): Promise<SqlLoad> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA}`);
  } finally {
    await admin.end();
  }
  const c = await client(url);
  try {
    await c.query(`
      CREATE TABLE stakes (owner int NOT NULL, asset int NOT NULL, low int NOT NULL, high int NOT NULL);
      CREATE TABLE seeds (id int PRIMARY KEY);
      CREATE FUNCTION blocked_loop(p_threshold bigint, p_use_high boolean) RETURNS TABLE (id int, iterations int) LANGUAGE plpgsql AS $$
      DECLARE
        added bigint;
        rounds int := 0;
      BEGIN
        DROP TABLE IF EXISTS pg_temp.blocked_now;
        CREATE TEMP TABLE blocked_now (id int PRIMARY KEY);
        INSERT INTO blocked_now SELECT s.id FROM seeds s;
        LOOP
          rounds := rounds + 1;
          INSERT INTO blocked_now
            SELECT t.asset FROM (
              SELECT h.asset, sum(CASE WHEN p_use_high THEN h.high ELSE h.low END) AS total
              FROM holdings h JOIN blocked_now b ON b.id = h.owner
              GROUP BY h.asset
            ) t
            WHERE t.total >= p_threshold
          ON CONFLICT DO NOTHING;
          GET DIAGNOSTICS added = ROW_COUNT;
          EXIT WHEN added = 0;
        END LOOP;
        RETURN QUERY SELECT b.id, rounds FROM blocked_now b;
      END $$;
    `);
    const t0 = performance.now();
    const method = await copyInto(url, c, 'stakes', ['owner', 'asset', 'low', 'high'], files.stakes);
    await copyInto(url, c, 'seeds', ['id'], files.seeds);
    const copySeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    await c.query(`
      CREATE TABLE holdings AS
        SELECT owner, asset, max(low) AS low, least(sum(high), 1000000)::int AS high
        FROM stakes WHERE owner <> asset GROUP BY owner, asset;
      CREATE INDEX holdings_owner ON holdings (owner);
      ANALYZE stakes; ANALYZE seeds; ANALYZE holdings;
    `);
    const prepareSeconds = (performance.now() - t1) / 1000;
    const holdings = Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM holdings')).rows[0]!.n);
    return { method, copySeconds, prepareSeconds, holdings };
  } finally {
    await c.end();
  }
}

function cteSql(bound: 'low' | 'high'): string {
  return `
    WITH RECURSIVE fix(blocked, added, round) AS (
      SELECT array_agg(id), count(*), 0 FROM seeds
      UNION ALL
      SELECT fix.blocked || n.assets, n.added, fix.round + 1
      FROM fix CROSS JOIN LATERAL (
        SELECT coalesce(array_agg(t.asset), '{}') AS assets, count(*) AS added
        FROM (
          SELECT h.asset
          FROM unnest(fix.blocked) AS b(id) JOIN holdings h ON h.owner = b.id
          GROUP BY h.asset
          HAVING sum(h.${bound}) >= $1
        ) t
        WHERE NOT EXISTS (SELECT 1 FROM unnest(fix.blocked) AS x(id) WHERE x.id = t.asset)
      ) n
      WHERE fix.added > 0
    )
    SELECT blocked, round FROM fix ORDER BY round DESC LIMIT 1`;
}

/** Statuses the engine wrote: one byte per node, 2 blocked, 1 possibly blocked. */
export async function engineStatuses(file: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(file));
}

function compare(ids: Iterable<number>, status: Uint8Array, bound: 'low' | 'high'): { count: number; onlySql: number; onlyEngine: number } {
  // low bounds: the engine's `blocked`; high bounds: blocked or possibly blocked.
  const min = bound === 'low' ? 2 : 1;
  const seen = new Uint8Array(status.length);
  let count = 0;
  let onlySql = 0;
  for (const v of ids) {
    if (seen[v]) continue;
    seen[v] = 1;
    count++;
    if (!(status[v]! >= min)) onlySql++;
  }
  let onlyEngine = 0;
  for (let v = 0; v < status.length; v++) if (status[v]! >= min && !seen[v]) onlyEngine++;
  return { count, onlySql, onlyEngine };
}

export async function recursiveCte(url: string, bound: 'low' | 'high', status: Uint8Array): Promise<SqlRun> {
  const c = await client(url);
  try {
    const t0 = performance.now();
    const res = await c.query<{ blocked: number[]; round: number }>(cteSql(bound), [THRESHOLD]);
    const seconds = (performance.now() - t0) / 1000;
    const row = res.rows[0]!;
    return { method: 'recursive CTE', bound, seconds, iterations: row.round, ...compare(row.blocked, status, bound) };
  } finally {
    await c.end();
  }
}

export async function plpgsqlLoop(url: string, bound: 'low' | 'high', status: Uint8Array): Promise<SqlRun> {
  const c = await client(url);
  try {
    const t0 = performance.now();
    const res = await c.query<{ id: number; iterations: number }>('SELECT id, iterations FROM blocked_loop($1, $2)', [THRESHOLD, bound === 'high']);
    const seconds = (performance.now() - t0) / 1000;
    return { method: 'PL/pgSQL loop', bound, seconds, iterations: res.rows[0]?.iterations ?? 0, ...compare(res.rows.map((r) => r.id), status, bound) };
  } finally {
    await c.end();
  }
}

export async function dropSchema(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  } finally {
    await c.end();
  }
}
