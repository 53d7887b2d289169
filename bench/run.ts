import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freshDatabaseUrl, TEST_DATABASE_URL as PG_URL } from '../test/support/stores.ts';
import { generateFtm } from './generate-ftm.ts';

/**
 * `npm run bench -- ingest [--entities N]`: time and peak memory to ingest
 * every shared list and a generated FtM file, on PGlite and on PostgreSQL,
 * each next to its baseline measured in the same run: the same inputs read
 * and validated with no database (the floor any store can reach).
 * `npm run bench -- policy [...]`: entity assembly with and without the
 * policy module, in the same run (bench/policy.ts).
 * `npm run bench -- screening [...]`: screening throughput, latency and recall
 * against pg_trgm and a Watchman-style baseline, in the same run (bench/screening.ts).
 * `npm run bench -- simulate [...]`: rows/s and peak memory writing the benchmark
 * world, against the I/O floor in the same run (bench/simulate.ts).
 * `npm run bench -- maritime [...]`: AIS ingest and maritime detection on a
 * 10-million-position world, against a naive pairwise encounter check and
 * the gap query as SQL window functions, in the same run (bench/maritime.ts).
 * `npm run bench -- detection [...]`: ingest and detection (every indicator but
 * maritime) on a world of 1 M payments, 200 k declarations and 100 k companies,
 * and the 50% closure and incremental updates on a 1 M-company, 2 M-stake graph
 * beside a recursive SQL fixpoint on PostgreSQL, in the same run (bench/detection.ts).
 */
const HERE = dirname(fileURLToPath(import.meta.url));
const LISTS = resolve(HERE, '..', '..', 'shared', 'data', 'lists');

const args = process.argv.slice(2);
const suite = args[0] ?? 'ingest';
const USAGE = `usage: npm run bench -- ingest [--entities N]
         ingest time and peak memory, PGlite and PostgreSQL, against a no-database baseline (default 1000000 entities)
       npm run bench -- policy [--entities N] [--rounds N] [--page N] [--sample N] [--database-url URL] [--verbose]
         entity assembly with policy against the same without, target overhead < 30% (default 10000 entities,
         5 rounds, pages of 500, 500 one-by-one reads; PGlite unless --database-url or DATABASE_URL names an empty database)
       npm run bench -- screening [--queries N] [--seconds S] [--clients N] [--database-url URL]
         screening queries/s, latency and recall@5 on the labelled set against pg_trgm and a Watchman-style Jaro-Winkler
         baseline, and HTTP p50/p99 under concurrent clients; targets >= 5x pg_trgm at higher recall, p99 < 10 ms at 8 clients
         (default 2000 queries, 10 s of load, 8 clients; a scratch PostgreSQL database on the test server unless
         --database-url or DATABASE_URL names an empty one)
       npm run bench -- simulate [--scale S] [--days N] [--seed N] [--out DIR] [--keep]
         rows/s, MB/s and peak RSS writing the benchmark world (sextant simulate) against the I/O floor: as many rows and
         bytes written through the same buffered writer; targets >= 1,000,000 rows/s and peak RSS < 1 GB (default scale 100,
         90 days, seed 1: >= 10 M AIS positions and >= 1 M payments; a temporary directory, removed unless --keep)
       npm run bench -- maritime [--scale S] [--days N] [--seed N] [--out DIR] [--keep] [--database-url URL]
                                 [--pglite-positions N|all] [--naive-vessels N] [--json]
         positions/s and peak RSS ingesting AIS (PGlite, PostgreSQL) and running every maritime indicator, beside a naive
         pairwise encounter check (first N vessels, extrapolated) and the gap query as SQL window functions on PostgreSQL,
         and the 0.01° grid against H3 cells; targets detection >= 1,000,000 positions/s, peak RSS < 4 GB (default scale
         100, 23 days, seed 1: >= 10 M positions; PGlite gets the first 2,000,000; 250 vessels for the naive check; a
         scratch PostgreSQL database on the test server unless --database-url names an empty one; a temporary
         directory, removed unless --keep)
       npm run bench -- detection [--scale S] [--days N] [--seed N] [--companies N] [--stakes N] [--picks N]
                                  [--detect-limit S] [--pglite-scale S|none] [--database-url URL] [--out DIR] [--keep]
                                  [--json] [--skip-world] [--skip-closure]
         ingest per file kind (PGlite, PostgreSQL) and detection with every indicator but maritime (load, per indicator,
         store; peak RSS) as the operator under a task-force agreement; then the ownership 50% closure (OFAC, EU, UK) on a
         synthetic graph and incremental designate/delist, beside the OFAC fixpoint as a recursive CTE and a PL/pgSQL loop
         on PostgreSQL (sets compared); targets detection end to end < 60 s, closure < 5 s, incremental < 50 ms (default
         scale 100, 90 days, seed 1: 1 M payments, 200 k declarations, 100 k companies, AIS written but not loaded;
         detection stopped after 1200 s; 1,000,000 companies and 2,000,000 stakes, 100 picks; a scratch PostgreSQL
         database on the test server unless --database-url names an empty one; a temporary directory, removed unless --keep)
`;
if (suite === 'help' || suite === '--help' || suite === '-h') {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (suite === 'policy') {
  const { runPolicyBench } = await import('./policy.ts');
  process.exit(await runPolicyBench(args.slice(1)));
}
if (suite === 'screening') {
  const { runScreeningBench } = await import('./screening.ts');
  process.exit(await runScreeningBench(args.slice(1)));
}
if (suite === 'simulate') {
  const { runSimulateBench } = await import('./simulate.ts');
  process.exit(await runSimulateBench(args.slice(1)));
}
if (suite === 'maritime') {
  const { runMaritimeBench } = await import('./maritime.ts');
  process.exit(await runMaritimeBench(args.slice(1)));
}
if (suite === 'detection') {
  const { runDetectionBench } = await import('./detection.ts');
  process.exit(await runDetectionBench(args.slice(1)));
}
if (suite !== 'ingest') {
  process.stderr.write(`unknown benchmark ${suite}; available: detection, ingest, maritime, policy, screening, simulate\n${USAGE}`);
  process.exit(2);
}
const entitiesArg = args.indexOf('--entities');
const ENTITIES = entitiesArg >= 0 ? Number(args[entitiesArg + 1]) : 1_000_000;

interface Measure {
  mode: string;
  target: string;
  seconds: number;
  openSeconds: number;
  maxRssMB: number;
  records: number;
  statements: number;
}

function measure(mode: string, target: string, paths: string[]): Measure {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(HERE, 'ingest-worker.ts'), mode, target, ...paths], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    env: { ...process.env, SEXTANT_LOG_LEVEL: 'silent' },
  });
  if (r.status !== 0) throw new Error(`bench worker failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Measure;
}

function row(label: string, m: Measure, base?: Measure): string {
  const rate = Math.round(m.records / m.seconds);
  const vs = base ? `  ${(m.seconds / base.seconds).toFixed(2)}x the baseline time (+${m.openSeconds.toFixed(2)} s to create the store)` : '';
  return `${label.padEnd(34)} ${m.seconds.toFixed(2).padStart(8)} s ${m.maxRssMB.toFixed(0).padStart(6)} MB peak  ${String(m.records).padStart(8)} records ${String(m.statements).padStart(9)} statements  ${String(rate).padStart(7)} rec/s${vs}`;
}

const listPaths = (await readdir(LISTS)).sort().map((d) => join(LISTS, d));
const tmp = await mkdtemp(join(tmpdir(), 'sextant-bench-'));
const ftm = join(tmp, `generated-${ENTITIES}.ftm.json`);
process.stdout.write(`generating ${ENTITIES} FtM entities …\n`);
await generateFtm(ftm, ENTITIES);

const pgAvailable = await (async () => {
  const c = new pg.Client({ connectionString: PG_URL });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
})();

const lines: string[] = [];
const listsBase = measure('parse', 'none', listPaths);
lines.push(row('all shared lists: baseline (no db)', listsBase));
lines.push(row('all shared lists: PGlite', measure('store', 'pglite', listPaths), listsBase));
if (pgAvailable) {
  const db = await freshDatabaseUrl();
  try {
    lines.push(row('all shared lists: PostgreSQL', measure('store', db.url, listPaths), listsBase));
  } finally {
    await db.drop();
  }
}
const ftmBase = measure('parse', 'none', [ftm]);
lines.push(row(`${ENTITIES} FtM entities: baseline`, ftmBase));
lines.push(row(`${ENTITIES} FtM entities: PGlite`, measure('store', 'pglite', [ftm]), ftmBase));
if (pgAvailable) {
  const db = await freshDatabaseUrl();
  try {
    lines.push(row(`${ENTITIES} FtM entities: PostgreSQL`, measure('store', db.url, [ftm]), ftmBase));
  } finally {
    await db.drop();
  }
} else {
  lines.push(`PostgreSQL at ${PG_URL} not reachable: its rows are missing`);
}
process.stdout.write(lines.join('\n') + '\n');
process.stdout.write('targets: all shared lists < 10 s on PGlite; peak memory < 600 MB on the 1M-entity file\n');
await rm(tmp, { recursive: true, force: true });
if (!existsSync(LISTS)) process.exit(1);
