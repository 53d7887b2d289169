import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freshDatabaseUrl, TEST_DATABASE_URL } from '../test/support/stores.ts';
import { DEFAULT_SPATIAL, type NaiveMeasure, type SpatialOptions, type SpatialResult } from './maritime-baselines.ts';
import { optionsOrExit, parseBenchOptions, runWorker } from './support.ts';

/**
 * `npm run bench -- maritime [--scale S] [--days N] [--seed N] [--out DIR] [--keep]
 *   [--database-url URL] [--pglite-positions N|all] [--naive-vessels N] [--json]`
 *
 * On a simulated world (`sextant simulate`, default scale 100 over 23 days:
 * ≥ 10 M AIS positions), each measurement in its own child process so that
 * its peak RSS is its own (bench/maritime-worker.ts):
 *
 * - ingest: the AIS CSV through readers/ingest.ts (what `sextant ingest
 *   --format ais-csv` runs) into a new PGlite data directory and into a
 *   scratch PostgreSQL database (dropped afterwards); positions/s and peak RSS.
 *   PGlite takes the first --pglite-positions rows of the file (default
 *   2,000,000: at ≈ 18,000 positions/s and growing memory, all 10 M would take
 *   ten minutes and approach PGlite's 4 GB cap; the embedded store is meant for
 *   a few million records, DESIGN.md); the report says so on the PGlite line.
 * - detection: every maritime indicator with the built-in profile through
 *   DetectService (positions loaded from PostgreSQL through the policy module),
 *   each indicator timed; positions/s = positions ÷ indicator seconds; load
 *   and alert storage reported apart; peak RSS of that process (load, detect,
 *   store). Targets (issue): ≥ 1,000,000 positions/s, peak memory < 4 GB.
 * - baseline 1, in the detection process after its peak RSS is taken: a naive
 *   pairwise encounter check (every pair of resampled points of each 10-minute
 *   bucket, no spatial index) on the first --naive-vessels vessels,
 *   extrapolated to the fleet by the exact number of pairs the fleet's buckets
 *   hold, beside maritime.encounter's time (bench/maritime-baselines.ts).
 * - baseline 2: gaps ≥ min_gap_hours as SQL window functions (LAG over
 *   PARTITION BY mmsi ORDER BY ts) on the same PostgreSQL positions table,
 *   beside maritime.ais_gap and its gap scan alone.
 * - spatial bucketing on the points maritime.encounter pairs: the 0.01° grid
 *   it uses against H3 cells with gridDisk neighbours (time to assign cells,
 *   time to search, pairs compared).
 *
 * Before detection, `ANALYZE positions` runs (reported, not in any figure):
 * without planner statistics — PGlite has no autovacuum, and on PostgreSQL it
 * may not have run yet after a bulk load — the keyset page query of
 * DetectService.loadPositions sorts every remaining row for each page, and
 * loading grows with the square of the positions.
 *
 * Without a reachable PostgreSQL (and no --database-url) the PostgreSQL rows
 * and the SQL baseline are missing (said so) and detection reads the PGlite
 * store. A missed target is reported, not an error: the exit code is 0
 * whenever the measurements ran.
 */
const HERE = dirname(fileURLToPath(import.meta.url));
const WORKER = join(HERE, 'maritime-worker.ts');
const SIMULATE_WORKER = join(HERE, 'simulate-worker.ts');

const DEFAULT_SCALE = 100;
/** Scale 100 writes ≈ 450,000 positions a day (40.65 M in 90 days, seed 1): 23 days pass 10 M. */
const DEFAULT_DAYS = 23;
const DEFAULT_PGLITE_POSITIONS = 2_000_000;
const MIN_POSITIONS = 10_000_000;
const TARGET_DETECT_PER_S = 1_000_000;
/** 4 GB, in bytes (MB and GB here are powers of ten). */
const TARGET_RSS_BYTES = 4_000_000_000;
/** Heap for the children: the figures are their real peak RSS, the limit only keeps V8 from stopping early. */
const CHILD_HEAP_MB = 8192;

const USAGE =
  'usage: npm run bench -- maritime [--scale S] [--days N] [--seed N] [--out DIR] [--keep] [--database-url URL]\n' +
  '                                 [--pglite-positions N|all] [--naive-vessels N] [--json]\n';

interface Options {
  scale: number;
  days: number;
  seed: number;
  out: string | null;
  keep: boolean;
  databaseUrl: string | null;
  /** null: all. */
  pglitePositions: number | null;
  naiveVessels: number;
  json: boolean;
}

function parseOptions(argv: string[]): Options {
  const options = parseBenchOptions(argv, ['--keep', '--json'], ['--scale', '--days', '--seed', '--out', '--database-url', '--pglite-positions', '--naive-vessels']);
  const { values, whole } = options;
  const scale = Number(values.get('--scale') ?? DEFAULT_SCALE);
  if (!(scale > 0) || scale > 10_000) throw new Error('--scale must be a number above 0 and at most 10000');
  const pgl = values.get('--pglite-positions');
  const out = values.get('--out');
  return {
    scale,
    days: whole('--days', DEFAULT_DAYS, 1, 3660),
    seed: whole('--seed', 1, 1, 2 ** 32 - 1),
    out: out === undefined ? null : resolve(out),
    keep: options.has('--keep'),
    databaseUrl: values.get('--database-url') ?? null,
    pglitePositions: pgl === 'all' ? null : whole('--pglite-positions', DEFAULT_PGLITE_POSITIONS, 1, Number.MAX_SAFE_INTEGER),
    naiveVessels: whole('--naive-vessels', DEFAULT_SPATIAL.naiveVessels, 2, 1_000_000),
    json: options.has('--json'),
  };
}

const say = (line: string): void => void process.stderr.write(`maritime: ${line}\n`);

/** A worker of this bench (bench/support.ts). */
function child<T>(script: string, args: string[]): Promise<T> {
  return runWorker<T>(script, args, { nodeFlags: [`--max-old-space-size=${CHILD_HEAP_MB}`] });
}

interface SimMeasure {
  seconds: number;
  files: Array<{ path: string; kind: string; rows: number }>;
}

interface IngestMeasure {
  seconds: number;
  openSeconds: number;
  maxRssBytes: number;
  records: number;
  events: number;
  rejected: number;
  rejectedValues: number;
  vessels: number;
}

interface DetectMeasure {
  analyzeSeconds: number | null;
  load: number;
  detect: number;
  store: number;
  positions: number;
  vessels: number;
  knownVessels: number;
  indicators: Array<{ code: string; seconds: number; alerts: number }>;
  alerts: number;
  maxRssBytes: number;
  maxRssAfterBaselinesBytes: number;
  spatial: SpatialResult;
}

interface GapSqlMeasure {
  runs: number[];
  gaps: number;
  plan: string;
}

/** Header and the first `rows` data lines of `from` (a prefix of the world's file, for PGlite). */
async function headOf(from: string, to: string, rows: number): Promise<number> {
  const out = createWriteStream(to);
  const lines = createInterface({ input: createReadStream(from), crlfDelay: Infinity });
  let n = -1;
  for await (const line of lines) {
    if (n >= rows) break;
    if (!out.write(line + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
    n++;
  }
  lines.close();
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  return Math.max(0, n);
}

/** The registry's Vessel entities (FtM lines), so that detection knows the fleet as a node would. */
async function vesselsOf(registry: string, to: string): Promise<void> {
  const out: string[] = [];
  const lines = createInterface({ input: createReadStream(registry), crlfDelay: Infinity });
  for await (const line of lines) if (line.includes('"schema":"Vessel"')) out.push(line);
  await writeFile(to, out.join('\n') + '\n');
}

async function postgresReachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

/** Gaps as SQL window functions over the positions table, run twice (the first reads the table from disk). */
async function gapSql(url: string, minHours: number): Promise<GapSqlMeasure> {
  const sql = `SELECT mmsi, prev_ts, ts, prev_lat, prev_lon, lat, lon
    FROM (SELECT mmsi, ts, lat, lon,
                 lag(ts)  OVER w AS prev_ts,
                 lag(lat) OVER w AS prev_lat,
                 lag(lon) OVER w AS prev_lon
          FROM positions
          WINDOW w AS (PARTITION BY mmsi ORDER BY ts)) p
    WHERE ts - prev_ts >= make_interval(hours => $1)`;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const explained = (await c.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (FORMAT JSON) ${sql}`, [minHours])).rows[0]!['QUERY PLAN'];
    const runs: number[] = [];
    let gaps = 0;
    for (let i = 0; i < 2; i++) {
      const t0 = performance.now();
      const r = await c.query(sql, [minHours]);
      runs.push((performance.now() - t0) / 1000);
      gaps = r.rowCount ?? r.rows.length;
    }
    return { runs, gaps, plan: planShape(explained[0]!.Plan) };
  } finally {
    await c.end();
  }
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Sort Method'?: string;
  Plans?: PlanNode[];
}

/** The plan's chain of nodes, outermost first: "Subquery Scan ← WindowAgg ← Index Scan (positions_mmsi_ts)". */
function planShape(node: PlanNode): string {
  const parts: string[] = [];
  for (let n: PlanNode | undefined = node; n; n = n.Plans?.[0]) parts.push(n['Node Type'] + (n['Index Name'] ? ` (${n['Index Name']})` : ''));
  return parts.join(' ← ');
}

export async function runMaritimeBench(args: string[]): Promise<number> {
  const parsed = optionsOrExit(args, USAGE, parseOptions);
  if ('exit' in parsed) return parsed.exit;
  const opts = parsed.opts;
  const root = opts.out ?? (await mkdtemp(join(tmpdir(), 'sextant-bench-maritime-')));
  const worldDir = join(root, 'world');
  const work = join(root, 'work');
  await rm(worldDir, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  let scratch: { url: string; drop: () => Promise<void> } | null = null;
  const loadBefore = loadavg();
  const started = performance.now();
  try {
    say(`simulate: scale ${opts.scale}, ${opts.days} days, seed ${opts.seed}, into ${worldDir}`);
    const sim = await child<SimMeasure>(SIMULATE_WORKER, ['simulate', worldDir, String(opts.scale), String(opts.days), String(opts.seed)]);
    const aisFile = sim.files.find((f) => f.kind === 'positions');
    if (!aisFile) throw new Error('the simulated world has no AIS file');
    const csv = join(worldDir, aisFile.path);
    const registry = sim.files.find((f) => f.path.startsWith('registry/'));
    const vessels = join(work, 'vessels.ftm.json');
    await vesselsOf(join(worldDir, registry?.path ?? 'registry/registry.ftm.json'), vessels);
    say(`world: ${aisFile.rows.toLocaleString('en')} AIS positions in ${sim.seconds.toFixed(1)} s`);

    // PostgreSQL: the given database, else a scratch one on the test server.
    // Not DATABASE_URL: ten million rows must not land in a node's own database by accident.
    let pgUrl: string | null = opts.databaseUrl;
    if (!pgUrl && (await postgresReachable(TEST_DATABASE_URL))) {
      scratch = await freshDatabaseUrl();
      pgUrl = scratch.url;
    }

    const pglitePositions = opts.pglitePositions === null || opts.pglitePositions >= aisFile.rows ? aisFile.rows : opts.pglitePositions;
    let pgliteCsv = csv;
    if (pglitePositions < aisFile.rows) {
      pgliteCsv = join(work, 'pglite-positions.csv');
      say(`PGlite input: the first ${pglitePositions.toLocaleString('en')} positions of the file (--pglite-positions)`);
      await headOf(csv, pgliteCsv, pglitePositions);
    }
    const pgliteDir = join(work, 'pglite');
    say(`ingest into PGlite (${pgliteDir}) …`);
    // Without PostgreSQL, detection reads this store: it gets the registry's vessels too.
    const pglite = await child<IngestMeasure>(WORKER, ['ingest', `pglite:${pgliteDir}`, pgliteCsv, ...(pgUrl ? [] : [vessels])]);
    if (pgliteCsv !== csv) await rm(pgliteCsv, { force: true });

    let postgres: IngestMeasure | null = null;
    if (pgUrl) {
      say('ingest into PostgreSQL …');
      postgres = await child<IngestMeasure>(WORKER, ['ingest', pgUrl, csv, vessels]);
      await rm(pgliteDir, { recursive: true, force: true });
    } else {
      say(`PostgreSQL at ${TEST_DATABASE_URL} not reachable: no PostgreSQL ingest, no SQL baseline; detection reads the PGlite store`);
    }

    const spatial: SpatialOptions = { ...DEFAULT_SPATIAL, naiveVessels: opts.naiveVessels };
    say(`detect: every maritime indicator, positions from ${pgUrl ? 'PostgreSQL' : 'PGlite'} …`);
    const detect = await child<DetectMeasure>(WORKER, ['detect', pgUrl ?? `pglite:${pgliteDir}`, JSON.stringify(spatial), 'analyze']);

    let sqlGaps: GapSqlMeasure | null = null;
    if (pgUrl) {
      say(`baseline: gaps as SQL window functions on PostgreSQL …`);
      sqlGaps = await gapSql(pgUrl, detect.spatial.gaps.minHours);
    }
    const figures = {
      options: { ...opts, databaseUrl: opts.databaseUrl ? '(given)' : null },
      loadAverage: { before: loadBefore, after: loadavg() },
      wallSeconds: (performance.now() - started) / 1000,
      world: { positions: aisFile.rows, simulateSeconds: sim.seconds, dir: opts.keep ? worldDir : null },
      ingest: { pglite: { ...pglite, positionsOffered: pglitePositions, of: aisFile.rows }, postgres },
      detect,
      sqlGaps,
      targets: {
        detectPositionsPerS: TARGET_DETECT_PER_S,
        maxRssBytes: TARGET_RSS_BYTES,
      },
    };
    if (opts.json) process.stdout.write(JSON.stringify(figures, null, 1) + '\n');
    else process.stdout.write(report(opts, figures));
  } catch (e) {
    process.stderr.write(`maritime benchmark failed: ${(e as Error).message}\n`);
    return 1;
  } finally {
    if (scratch) await scratch.drop().catch((e: Error) => say(`could not drop the scratch database: ${e.message}`));
    await rm(work, { recursive: true, force: true });
    if (!opts.keep) {
      await rm(worldDir, { recursive: true, force: true });
      if (!opts.out) await rm(root, { recursive: true, force: true });
    }
  }
  return 0;
}

interface Figures {
  loadAverage: { before: number[]; after: number[] };
  wallSeconds: number;
  world: { positions: number; simulateSeconds: number; dir: string | null };
  ingest: { pglite: IngestMeasure & { positionsOffered: number; of: number }; postgres: IngestMeasure | null };
  detect: DetectMeasure;
  sqlGaps: GapSqlMeasure | null;
}

const int = (n: number): string => Math.round(n).toLocaleString('en');
const s2 = (n: number): string => n.toFixed(2);
const mb = (bytes: number): string => int(bytes / 1e6);
const times = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×` : '–');

/** Rows of cells, columns aligned: text left, numbers right. */
function table(rows: string[][], numeric: boolean[]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => '  ' + r.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('   ').trimEnd());
}

function report(opts: Options, f: Figures): string {
  const out: string[] = [];
  const d = f.detect;
  const sp = d.spatial;
  const la = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  out.push(
    `maritime benchmark: scale ${opts.scale}, ${opts.days} days, seed ${opts.seed}: ${int(f.world.positions)} AIS positions, ${int(d.vessels)} MMSIs` +
      (f.world.dir ? `; world kept in ${f.world.dir}` : ''),
  );
  out.push(`(MB = 10^6 bytes; peak RSS is each child process's own maxRSS; load average ${la(f.loadAverage.before)} before, ${la(f.loadAverage.after)} after; ${int(f.wallSeconds)} s in all)`);
  if (f.world.positions < MIN_POSITIONS) out.push(`note: this world is smaller than the benchmark world (>= ${int(MIN_POSITIONS)} positions)`);

  out.push('', 'ingest (readers/ingest.ts, as `sextant ingest --format ais-csv`), one process each:');
  const ing: string[][] = [['store', 'positions', 'seconds', 'positions/s', 'peak RSS MB', 'open s', '']];
  const p = f.ingest.pglite;
  ing.push([
    'PGlite',
    int(p.events),
    s2(p.seconds),
    int(p.events / p.seconds),
    mb(p.maxRssBytes),
    s2(p.openSeconds),
    p.positionsOffered < p.of ? `first ${int(p.positionsOffered)} of the ${int(p.of)} positions only (--pglite-positions; 'all' for every one)` : 'every position',
  ]);
  const q = f.ingest.postgres;
  if (q) ing.push(['PostgreSQL', int(q.events), s2(q.seconds), int(q.events / q.seconds), mb(q.maxRssBytes), s2(q.openSeconds), 'every position']);
  else ing.push(['PostgreSQL', '–', '–', '–', '–', '–', `not reachable at ${TEST_DATABASE_URL}: not measured`]);
  out.push(...table(ing, [false, true, true, true, true, true, false]));
  out.push(`  (open s: creating and migrating the store, not in the figure; rejected values kept out of the tables: ${int(p.rejectedValues)} PGlite${q ? `, ${int(q.rejectedValues)} PostgreSQL` : ''})`);

  const source = q ? 'PostgreSQL' : 'PGlite';
  out.push('', `detection (DetectService, built-in profile, ${d.indicators.length} maritime indicators, one process; positions from ${source}):`);
  out.push(
    `  load ${int(d.positions)} positions, ${int(d.knownVessels)} registry vessels: ${s2(d.load)} s (${int(d.positions / d.load)} positions/s)` +
      (d.analyzeSeconds !== null ? `, after ANALYZE positions (${s2(d.analyzeSeconds)} s, see note)` : ''),
  );
  const det: string[][] = [['indicator', 'seconds', 'alerts', 'positions/s']];
  // Below 10 ms a rate says nothing.
  for (const m of d.indicators) det.push([m.code, s2(m.seconds), int(m.alerts), m.seconds >= 0.01 ? int(d.positions / m.seconds) : '–']);
  det.push(['all indicators', s2(d.detect), int(d.indicators.reduce((s, m) => s + m.alerts, 0)), int(d.positions / d.detect)]);
  out.push(...table(det, [false, true, true, true]));
  out.push(`  storing ${int(d.alerts)} alerts: ${s2(d.store)} s; peak RSS of the process (load, detect, store): ${mb(d.maxRssBytes)} MB`);

  out.push('', `baseline 1: encounter pairing (${sp.resample.stepS / 60}-minute buckets, ${sp.resample.maxD} m):`);
  out.push(
    `  tracks resampled as maritime.encounter does: ${int(sp.resample.points)} points in ${int(sp.resample.buckets)} buckets (${s2(sp.resample.seconds)} s); ` +
      `${int(sp.resample.candidates)} of them candidates (slow, away from ports)`,
  );
  for (const n of sp.naive) out.push(...naiveLines(n));
  const enc = d.indicators.find((m) => m.code === 'maritime.encounter');
  const naiveAll = sp.naive[0]!;
  if (enc) {
    out.push(
      `  maritime.encounter (0.01° grid): ${s2(enc.seconds)} s in the run (building the tracks it shares with later indicators included), ` +
        `${s2(sp.encounterWarm.seconds)} s run again with tracks built`,
    );
    out.push(
      `  → the naive check over every point (its pair loop alone, extrapolated; resampling not counted) would take ` +
        `${times(naiveAll.extrapolatedSeconds, enc.seconds)} the encounter indicator's time in the run ` +
        `(${times(naiveAll.extrapolatedSeconds, sp.encounterWarm.seconds)} its time with tracks built)`,
    );
  }

  out.push('', `baseline 2: AIS gaps >= ${sp.gaps.minHours} h (consecutive fixes of one MMSI):`);
  const gap = d.indicators.find((m) => m.code === 'maritime.ais_gap');
  if (f.sqlGaps) {
    out.push(
      `  SQL, LAG(ts) OVER (PARTITION BY mmsi ORDER BY ts) on PostgreSQL: ${f.sqlGaps.runs.map(s2).join(' s, then ')} s, ${int(f.sqlGaps.gaps)} gaps ` +
        `(${int(d.positions / Math.min(...f.sqlGaps.runs))} positions/s at best)`,
    );
    out.push(`    plan: ${f.sqlGaps.plan}`);
  } else out.push('  SQL window functions: not measured (no PostgreSQL)');
  out.push(
    `  in process, gap scan alone (gapsOf, cold): ${sp.gaps.seconds.toFixed(3)} s, ${int(sp.gaps.count)} gaps (${int(d.positions / sp.gaps.seconds)} positions/s; ` +
      `the table already in memory: loading it took ${s2(d.load)} s)`,
  );
  if (gap) out.push(`  in process, maritime.ais_gap (gap scan, shore distances, scoring, evidence): ${s2(gap.seconds)} s, ${int(gap.alerts)} alerts`);
  if (f.sqlGaps) {
    const best = Math.min(...f.sqlGaps.runs);
    out.push(
      `  → SQL takes ${times(best, sp.gaps.seconds)} the gap scan's time${gap ? ` and ${times(best, gap.seconds)} the whole indicator's` : ''}; ` +
        `gap counts ${f.sqlGaps.gaps === sp.gaps.count ? 'agree' : `DIFFER (SQL ${int(f.sqlGaps.gaps)}, in process ${int(sp.gaps.count)})`}`,
    );
  }

  out.push('', `spatial bucketing, on the encounter's ${int(sp.resample.candidates)} candidate points (same buckets, ${sp.resample.maxD} m):`);
  const bk: string[][] = [['cells', 'assign s', 'search s', 'cells used', 'cells/point', 'pairs compared', `within ${sp.resample.maxD} m`, '']];
  // The naive check over every candidate point of the fleet is the reference (when it was not cut to a subset).
  const naiveCand = sp.naive[1]!;
  const exact = naiveCand.vessels === naiveCand.fleetVessels ? naiveCand.within : sp.bucketing[0]!.within;
  for (const b of sp.bucketing) {
    bk.push([
      b.method,
      b.assignSeconds.toFixed(3),
      b.searchSeconds.toFixed(3),
      int(b.cells),
      b.cellsPerPoint.toFixed(1),
      int(b.compared),
      int(b.within) + (b.within === exact ? '' : ` (MISSED ${int(exact - b.within)})`),
      b.note,
    ]);
  }
  out.push(...table(bk, [false, true, true, true, true, true, true, false]));
  out.push(
    naiveCand.vessels === naiveCand.fleetVessels
      ? `  (every pair within ${sp.resample.maxD} m, from the naive check over the same points: ${int(exact)})`
      : `  (pairs within ${sp.resample.maxD} m compared with the grid's count, ${int(exact)}: the naive check ran on a subset only)`,
  );

  out.push('', 'notes:');
  if (d.analyzeSeconds !== null) {
    out.push(
      '  ANALYZE positions ran before detection: without planner statistics (PGlite never collects them; PostgreSQL only once autovacuum',
      '  gets to the table) the keyset page query of DetectService.loadPositions sorts every remaining row for each page of 50,000,',
      '  and loading grows with the square of the positions.',
    );
  }
  if (p.positionsOffered < p.of) out.push(`  PGlite was measured on the first ${int(p.positionsOffered)} positions, not on all ${int(p.of)}.`);
  out.push(`  peak RSS of the detection process after the in-process baselines too: ${mb(d.maxRssAfterBaselinesBytes)} MB (not in the target)`);

  const rate = d.positions / d.detect;
  const ingestPeak = Math.max(p.maxRssBytes, q?.maxRssBytes ?? 0);
  out.push('');
  out.push(`${rate >= TARGET_DETECT_PER_S ? 'PASS' : 'FAIL'}  detection >= ${int(TARGET_DETECT_PER_S)} positions/s in process: ${int(rate)} positions/s`);
  out.push(`${d.maxRssBytes < TARGET_RSS_BYTES ? 'PASS' : 'FAIL'}  peak memory < 4 GB, detection process: ${mb(d.maxRssBytes)} MB`);
  out.push(`${ingestPeak < TARGET_RSS_BYTES ? 'PASS' : 'FAIL'}  peak memory < 4 GB, each ingest process: ${mb(ingestPeak)} MB at most`);
  return out.join('\n') + '\n';
}

function naiveLines(n: NaiveMeasure): string[] {
  const sub = n.vessels < n.fleetVessels;
  const nsPerPair = n.pairs > 0 ? (n.seconds * 1e9) / n.pairs : 0;
  const lines = [
    `  naive pairwise, ${n.what}: ${sub ? `first ${int(n.vessels)} of ${int(n.fleetVessels)} MMSIs` : `all ${int(n.vessels)} MMSIs`}, ${int(n.points)} points, ` +
      `${int(n.pairs)} pairs in ${s2(n.seconds)} s (${nsPerPair.toFixed(1)} ns/pair); ${int(n.within)} within the distance, ${int(n.hits)} of them candidates on both sides ` +
      `(the grid finds ${int(n.gridHits)}${n.gridHits === n.hits ? ': agree' : ': DIFFER'})`,
  ];
  if (sub) {
    lines.push(
      `    extrapolated to the fleet: ${s2(n.seconds)} s × ${int(n.fleetPairs)} / ${int(n.pairs)} pairs (Σ n_b(n_b−1)/2 over the buckets) = ${s2(n.extrapolatedSeconds)} s ` +
        `(plain (${int(n.fleetVessels)}/${int(n.vessels)})² rule: ${s2(n.quadraticSeconds)} s)`,
    );
  }
  return lines;
}
