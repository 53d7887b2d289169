import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freshDatabaseUrl, TEST_DATABASE_URL } from '../test/support/stores.ts';
import type { ClosureMeasure, ClosureOptions, IncrementalMeasure } from './detection-closure.ts';
import { dropSchema, engineStatuses, loadGraph, plpgsqlLoop, recursiveCte, SCHEMA, type SqlLoad, type SqlRun } from './detection-sql.ts';
import { ChildTimeout, optionsOrExit, parseBenchOptions, runWorker } from './support.ts';

/**
 * `npm run bench -- detection [--scale S] [--days N] [--seed N] [--companies N] [--stakes N] [--picks N]
 *   [--detect-limit S] [--pglite-scale S|none] [--database-url URL] [--out DIR] [--keep] [--json]
 *   [--skip-world] [--skip-closure]`
 *
 * Two parts, each measurement in its own child process so that its peak RSS
 * is its own (bench/detection-worker.ts):
 *
 * World: a simulated world (`sextant simulate`, default scale 100 over 90
 * days: 1,000,000 payments, 200,000 declarations, 100,000 companies). The
 * simulator always writes AIS positions too (≈ 40 M at that size); they are
 * not loaded: the indicators timed here do not read them.
 * - ingest: the registry, the sanctions list, the customs declarations and the
 *   payments, each file under the agency that holds it with the manifest's
 *   marking, then the task-force agreement that lets the operator's agency see
 *   the AMBER payments and declarations — as an exercise loads a world
 *   (src/simulate/load.ts, as `sextant demo`); each file timed, peak RSS; into
 *   a scratch PostgreSQL database and into a new PGlite data directory.
 *   PGlite gets the same world unless --pglite-scale names a smaller one
 *   (simulated apart with the same seed and days, and labelled so) or none.
 *   A failed PGlite ingest is reported, not fatal.
 * - detection: first, untimed, ANALYZE (ingest leaves `statements` without
 *   planner statistics; see the report's notes). Then DetectService.run as the
 *   operator under the task-force agreement, the built-in profile, every
 *   indicator of the catalogue except maritime.* (no positions loaded:
 *   trade.origin_mismatch, which reads them beside the declarations, runs and
 *   finds no AIS coverage), reading the PostgreSQL store; load (with where its
 *   time goes: store queries, the ownership world with its designation links
 *   against the lists, the rest), each indicator and storing the alerts timed;
 *   peak RSS. Detection end to end = load + indicators + store; target < 60 s.
 *   The process is stopped after --detect-limit seconds (default 1200, so that
 *   the whole bench ends well within the hour on 2 cores); what it had
 *   measured by then is reported, and the target fails.
 *
 * Closure: a synthetic ownership graph (default 1,000,000 companies, 300,000
 * persons, 2,000,000 stake records; bench/detection-closure.ts says how it is
 * shaped), built in memory with OwnershipGraph.fromColumns; the blocked sets
 * under OFAC, EU and UK from ~1% of the nodes designated (BlockedSet), each
 * timed (target < 5 s); then --picks designations of a node not designated
 * and as many delistings of a designated one, each timed alone and undone
 * (target < 50 ms), and the person who holds most stakes designated and
 * delisted. Baseline in the same run: the same graph COPYed into PostgreSQL
 * (schema bench_closure of the scratch database) and the OFAC blocked set
 * computed there by a recursive CTE and by the PL/pgSQL fixpoint loop of
 * test/ownership-sql.test.ts (bench/detection-sql.ts), for the low bounds
 * (blocked) and the high bounds (blocked or possibly blocked); the sets must
 * equal the engine's.
 *
 * Without a reachable PostgreSQL (and no --database-url) the world is loaded
 * into PGlite only, detection reads it, and the SQL baseline is missing (said
 * so). A missed target is reported, not an error: the exit code is 0 whenever
 * the measurements ran. --keep keeps the world directory and the scratch
 * database (both printed).
 */
const HERE = dirname(fileURLToPath(import.meta.url));
const WORKER = join(HERE, 'detection-worker.ts');
const SIMULATE_WORKER = join(HERE, 'simulate-worker.ts');

const DEFAULT_SCALE = 100;
const DEFAULT_DAYS = 90;
const DEFAULT_COMPANIES = 1_000_000;
const DEFAULT_STAKES = 2_000_000;
const DEFAULT_PICKS = 100;
/** The detection process is stopped after this long (the bench must end within the hour on 2 cores). */
const DEFAULT_DETECT_LIMIT_S = 1200;
const MIN_WORLD = { payments: 1_000_000, declarations: 200_000, companies: 100_000 };
const TARGET_DETECT_S = 60;
const TARGET_CLOSURE_S = 5;
const TARGET_INCREMENTAL_MS = 50;
/** Heap for the children: the figures are their real peak RSS, the limit only keeps V8 from stopping early. Their young generation is the `sextant` executable's (bin/sextant.js: 64 MB). */
const CHILD_HEAP_MB = 8192;

const USAGE =
  'usage: npm run bench -- detection [--scale S] [--days N] [--seed N] [--companies N] [--stakes N] [--picks N]\n' +
  '                                  [--detect-limit S] [--pglite-scale S|none] [--database-url URL] [--out DIR] [--keep] [--json]\n' +
  '                                  [--skip-world] [--skip-closure]\n';

interface Options {
  scale: number;
  days: number;
  seed: number;
  companies: number;
  stakes: number;
  picks: number;
  /** Seconds the detection process may run before it is stopped (its partial measure reported). */
  detectLimit: number;
  /** null: no PGlite measurement. */
  pgliteScale: number | null;
  databaseUrl: string | null;
  out: string | null;
  keep: boolean;
  json: boolean;
  skipWorld: boolean;
  skipClosure: boolean;
}

function parseOptions(argv: string[]): Options {
  const options = parseBenchOptions(argv, ['--keep', '--json', '--skip-world', '--skip-closure'], [
    '--scale', '--days', '--seed', '--companies', '--stakes', '--picks', '--detect-limit', '--pglite-scale', '--database-url', '--out',
  ]);
  const { values, whole } = options;
  const scaleOf = (flag: string, fallback: number): number => {
    const n = Number(values.get(flag) ?? fallback);
    if (!(n > 0) || n > 10_000) throw new Error(`${flag} must be a number above 0 and at most 10000`);
    return n;
  };
  const out = values.get('--out');
  const companies = whole('--companies', DEFAULT_COMPANIES, 10, 50_000_000);
  const stakes = whole('--stakes', values.has('--companies') && !values.has('--stakes') ? 2 * companies : DEFAULT_STAKES, 1, 200_000_000);
  if (stakes < companies / 2) throw new Error('--stakes must be at least half of --companies');
  return {
    scale: scaleOf('--scale', DEFAULT_SCALE),
    days: whole('--days', DEFAULT_DAYS, 1, 3660),
    seed: whole('--seed', 1, 1, 2 ** 32 - 1),
    companies,
    stakes,
    picks: whole('--picks', DEFAULT_PICKS, 1, 100_000),
    detectLimit: whole('--detect-limit', DEFAULT_DETECT_LIMIT_S, 10, 86_400),
    pgliteScale: values.get('--pglite-scale') === 'none' ? null : scaleOf('--pglite-scale', scaleOf('--scale', DEFAULT_SCALE)),
    databaseUrl: values.get('--database-url') ?? null,
    out: out === undefined ? null : resolve(out),
    keep: options.has('--keep'),
    json: options.has('--json'),
    skipWorld: options.has('--skip-world'),
    skipClosure: options.has('--skip-closure'),
  };
}

const say = (line: string): void => void process.stderr.write(`detection: ${line}\n`);

/** A worker of this bench: the heap and young generation of the `sextant` executable's runs (bin/sextant.js), stopped after limitSeconds if given. */
function child<T>(script: string, args: string[], limitSeconds?: number): Promise<T> {
  return runWorker<T>(script, args, { nodeFlags: [`--max-old-space-size=${CHILD_HEAP_MB}`, '--max-semi-space-size=64'], ...(limitSeconds ? { limitSeconds } : {}) });
}

interface SimMeasure {
  seconds: number;
  maxRssMB: number;
  files: Array<{ path: string; kind: string; rows: number; bytes: number }>;
}

interface WorldIngest {
  openSeconds: number;
  files: Array<{ path: string; kind: string; agency: string; records: number; accepted: number; rejected: number; statements: number; events: number; seconds: number }>;
  taskForceSeconds: number;
  maxRssBytes: number;
}

/** What a detect worker stopped at the time limit had measured (its partial file). */
interface DetectProgress {
  analyzeSeconds: number;
  loadSeconds: number | null;
  loadBreakdown: Record<string, { seconds: number; calls: number }>;
  indicators: Array<{ code: string; seconds: number; alerts: number }>;
  elapsedSeconds: number;
  maxRssBytes: number;
}

interface DetectMeasure {
  analyzeSeconds: number;
  load: number;
  detect: number;
  store: number;
  total: number;
  loaded: { positions: number; vessels: number; payments: number; declarations: number };
  loadBreakdown: Record<string, { seconds: number; calls: number }>;
  indicators: Array<{ code: string; seconds: number; alerts: number }>;
  alerts: number;
  created: number;
  maxRssBytes: number;
}

interface WorldFigures {
  scale: number;
  counts: Record<string, number>;
  simulateSeconds: number;
  dir: string | null;
  pglite: { scale: number; counts: Record<string, number>; ingest: WorldIngest | null; failed: string | null } | null;
  postgres: WorldIngest | null;
  /** null when the run was stopped at --detect-limit (then `stopped`). */
  detect: DetectMeasure | null;
  stopped: (DetectProgress & { limitSeconds: number }) | null;
  detectStore: 'PostgreSQL' | 'PGlite';
}

interface ClosureFigures {
  memory: ClosureMeasure;
  sql: { load: SqlLoad; runs: SqlRun[] } | null;
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

async function setting(url: string, name: string): Promise<string | null> {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    return (await c.query<{ s: string }>('SELECT current_setting($1) AS s', [name])).rows[0]?.s ?? null;
  } catch {
    return null;
  } finally {
    await c.end().catch(() => undefined);
  }
}

function countsOf(sim: SimMeasure): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of sim.files) counts[f.kind] = (counts[f.kind] ?? 0) + f.rows;
  return counts;
}

async function simulateWorld(dir: string, scale: number, opts: Options): Promise<SimMeasure> {
  await rm(dir, { recursive: true, force: true });
  say(`simulate: scale ${scale}, ${opts.days} days, seed ${opts.seed}, into ${dir}`);
  return child<SimMeasure>(SIMULATE_WORKER, ['simulate', dir, String(scale), String(opts.days), String(opts.seed)]);
}

async function companiesIn(sim: SimMeasure, dir: string): Promise<number> {
  // The registry's Company entities (one FtM line each).
  const { createReadStream } = await import('node:fs');
  const { createInterface } = await import('node:readline');
  const registry = sim.files.find((f) => f.kind === 'registry');
  if (!registry) return 0;
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(join(dir, registry.path)), crlfDelay: Infinity })) if (line.includes('"schema":"Company"')) n++;
  return n;
}

export async function runDetectionBench(args: string[]): Promise<number> {
  const parsed = optionsOrExit(args, USAGE, parseOptions);
  if ('exit' in parsed) return parsed.exit;
  const opts = parsed.opts;
  const root = opts.out ?? (await mkdtemp(join(tmpdir(), 'sextant-bench-detection-')));
  const worldDir = join(root, 'world');
  const pgliteWorldDir = join(root, 'world-pglite');
  const work = join(root, 'work');
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  let scratch: { url: string; drop: () => Promise<void> } | null = null;
  const loadBefore = loadavg();
  const started = performance.now();
  let pgUrl: string | null = opts.databaseUrl;
  try {
    // PostgreSQL: the given database, else a scratch one on the test server.
    // Not DATABASE_URL: a million payments must not land in a node's own database by accident.
    if (!pgUrl && (await postgresReachable(TEST_DATABASE_URL))) {
      scratch = await freshDatabaseUrl();
      pgUrl = scratch.url;
    }
    let world: WorldFigures | null = null;
    if (!opts.skipWorld) world = await worldPart(opts, worldDir, pgliteWorldDir, work, pgUrl);
    let closure: ClosureFigures | null = null;
    if (!opts.skipClosure) closure = await closurePart(opts, work, pgUrl);
    const figures = {
      options: { ...opts, databaseUrl: opts.databaseUrl ? '(given)' : null },
      loadAverage: { before: loadBefore, after: loadavg() },
      autovacuum: pgUrl ? await setting(pgUrl, 'autovacuum') : null,
      wallSeconds: (performance.now() - started) / 1000,
      world,
      closure,
      targets: { detectSeconds: TARGET_DETECT_S, closureSeconds: TARGET_CLOSURE_S, incrementalMs: TARGET_INCREMENTAL_MS },
    };
    if (opts.json) process.stdout.write(JSON.stringify(figures, null, 1) + '\n');
    else process.stdout.write(report(opts, figures, pgUrl !== null, scratch !== null && opts.keep ? scratch.url : null));
  } catch (e) {
    process.stderr.write(`detection benchmark failed: ${(e as Error).message}\n`);
    return 1;
  } finally {
    if (pgUrl && !opts.keep) await dropSchema(pgUrl).catch(() => undefined);
    if (scratch && !opts.keep) await scratch.drop().catch((e: Error) => say(`could not drop the scratch database: ${e.message}`));
    await rm(work, { recursive: true, force: true });
    if (!opts.keep) {
      await rm(worldDir, { recursive: true, force: true });
      await rm(pgliteWorldDir, { recursive: true, force: true });
      if (!opts.out) await rm(root, { recursive: true, force: true });
    }
  }
  return 0;
}

async function worldPart(opts: Options, worldDir: string, pgliteWorldDir: string, work: string, pgUrl: string | null): Promise<WorldFigures> {
  const sim = await simulateWorld(worldDir, opts.scale, opts);
  const counts: Record<string, number> = { ...countsOf(sim), companies: await companiesIn(sim, worldDir) };
  say(
    `world: ${int(counts.payments ?? 0)} payments, ${int(counts.declarations ?? 0)} declarations, ${int(counts.companies)} companies, ` +
      `${int(counts.registry ?? 0)} registry records (and ${int(counts.positions ?? 0)} AIS positions, not loaded) in ${sim.seconds.toFixed(1)} s`,
  );

  let pglite: WorldFigures['pglite'] = null;
  // Without PostgreSQL, detection reads PGlite: it gets the world then, whatever --pglite-scale says.
  const pgliteScale = opts.pgliteScale ?? (pgUrl ? null : opts.scale);
  const pgliteDir = join(work, 'pglite');
  if (pgliteScale !== null) {
    let dir = worldDir;
    let pcounts = counts;
    if (pgliteScale !== opts.scale) {
      const psim = await simulateWorld(pgliteWorldDir, pgliteScale, opts);
      dir = pgliteWorldDir;
      pcounts = { ...countsOf(psim), companies: await companiesIn(psim, pgliteWorldDir) };
    }
    say(`ingest into PGlite (${pgliteDir}), the world of scale ${pgliteScale} …`);
    try {
      const ingest = await child<WorldIngest>(WORKER, ['world', `pglite:${pgliteDir}`, dir]);
      pglite = { scale: pgliteScale, counts: pcounts, ingest, failed: null };
    } catch (e) {
      // Reported, not fatal while PostgreSQL carries the rest.
      if (!pgUrl) throw e;
      say(`PGlite ingest failed: ${(e as Error).message}`);
      pglite = { scale: pgliteScale, counts: pcounts, ingest: null, failed: (e as Error).message };
    }
    if (dir !== worldDir) await rm(dir, { recursive: true, force: true });
  }
  let postgres: WorldIngest | null = null;
  if (pgUrl) {
    say('ingest into PostgreSQL …');
    postgres = await child<WorldIngest>(WORKER, ['world', pgUrl, worldDir]);
    await rm(pgliteDir, { recursive: true, force: true });
  } else {
    say(`PostgreSQL at ${TEST_DATABASE_URL} not reachable: no PostgreSQL ingest, no SQL baseline; detection reads the PGlite store`);
  }
  const detectStore = pgUrl ? 'PostgreSQL' : 'PGlite';
  say(`detect: every indicator but maritime.*, as the operator, from ${detectStore} …`);
  const partialFile = join(work, 'detect-partial.json');
  let detect: DetectMeasure | null = null;
  let stopped: WorldFigures['stopped'] = null;
  try {
    detect = await child<DetectMeasure>(WORKER, ['detect', pgUrl ?? `pglite:${pgliteDir}`, partialFile], opts.detectLimit);
  } catch (e) {
    if (!(e instanceof ChildTimeout)) throw e;
    say(`detect: stopped at the time limit (--detect-limit ${opts.detectLimit} s)`);
    stopped = { ...(JSON.parse(await readFile(partialFile, 'utf8')) as DetectProgress), limitSeconds: opts.detectLimit };
  }
  await rm(pgliteDir, { recursive: true, force: true });
  return { scale: opts.scale, counts, simulateSeconds: sim.seconds, dir: opts.keep ? worldDir : null, pglite, postgres, detect, stopped, detectStore };
}

async function closurePart(opts: Options, work: string, pgUrl: string | null): Promise<ClosureFigures> {
  const closureOpts: ClosureOptions = { companies: opts.companies, stakes: opts.stakes, seed: opts.seed, picks: opts.picks, rules: ['ofac', 'eu', 'uk'] };
  const memory = await child<ClosureMeasure>(WORKER, ['closure', JSON.stringify(closureOpts), work]);
  if (!pgUrl) return { memory, sql: null };
  say(`baseline: COPY the graph into PostgreSQL (schema ${SCHEMA}) …`);
  const load = await loadGraph(pgUrl, memory.files);
  say(`baseline: ${int(load.holdings)} holdings, COPY ${load.copySeconds.toFixed(1)} s, holdings table and index ${load.prepareSeconds.toFixed(1)} s`);
  const status = await engineStatuses(memory.files.status);
  const runs: SqlRun[] = [];
  for (const bound of ['low', 'high'] as const) {
    for (const run of [recursiveCte, plpgsqlLoop]) {
      const r = await run(pgUrl, bound, status);
      say(`baseline: ${r.method}, ${bound} bounds: ${r.seconds.toFixed(1)} s, ${r.iterations} iterations, ${int(r.count)} nodes`);
      runs.push(r);
    }
  }
  return { memory, sql: { load, runs } };
}

// ------------------------------------------------------------------ report

/** The load phase by call (timed on the side in the worker). */
function loadLines(d: { loadBreakdown: DetectMeasure['loadBreakdown'] }, load: number | null): string[] {
  const rows: string[][] = [['  of which', 'seconds', 'calls']];
  let accounted = 0;
  for (const [label, x] of Object.entries(d.loadBreakdown).sort((p, q) => q[1].seconds - p[1].seconds)) {
    rows.push([`  ${label}`, s2(x.seconds), int(x.calls)]);
    accounted += x.seconds;
  }
  // DetectService starts its reads together (src/detect/service.ts): each one's time includes waiting for the others.
  if (load !== null && accounted <= load) rows.push(['  the rest (assembling entities and parties in JavaScript)', s2(load - accounted), '']);
  else if (load !== null) rows.push(['  (the reads run together: their times overlap and add up to more than the load)', '', '']);
  return table(rows, [false, true, true]);
}

const int = (n: number): string => Math.round(n).toLocaleString('en');
const s2 = (n: number): string => n.toFixed(2);
const mb = (bytes: number): string => int(bytes / 1e6);
const ms = (n: number): string => (n < 1 ? n.toFixed(3) : n < 10 ? n.toFixed(2) : n.toFixed(1));

/** Rows of cells, columns aligned: text left, numbers right. */
function table(rows: string[][], numeric: boolean[]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => '  ' + r.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('   ').trimEnd());
}

interface Figures {
  loadAverage: { before: number[]; after: number[] };
  /** The server's autovacuum setting (on/off), null without PostgreSQL. */
  autovacuum: string | null;
  wallSeconds: number;
  world: WorldFigures | null;
  closure: ClosureFigures | null;
}

function report(opts: Options, f: Figures, pgReachable: boolean, keptDb: string | null): string {
  const out: string[] = [];
  const la = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  out.push(`detection benchmark (seed ${opts.seed})`);
  out.push(`(MB = 10^6 bytes; peak RSS is each child process's own maxRSS; load average ${la(f.loadAverage.before)} before, ${la(f.loadAverage.after)} after; ${int(f.wallSeconds)} s in all)`);
  if (keptDb) out.push(`scratch database kept: ${keptDb}`);
  const pass: string[] = [];

  const w = f.world;
  if (w) {
    const c = w.counts;
    out.push(
      '',
      `world: scale ${w.scale}, ${opts.days} days: ${int(c.payments ?? 0)} payments, ${int(c.declarations ?? 0)} declarations, ${int(c.companies ?? 0)} companies ` +
        `(${int(c.registry ?? 0)} registry records, ${int(c.list ?? 0)} list records); simulated in ${s2(w.simulateSeconds)} s` +
        (w.dir ? `; kept in ${w.dir}` : ''),
    );
    out.push(`  the simulator also wrote ${int(c.positions ?? 0)} AIS positions: not loaded (no indicator timed here reads them but trade.origin_mismatch: see the notes)`);
    if ((c.payments ?? 0) < MIN_WORLD.payments || (c.declarations ?? 0) < MIN_WORLD.declarations || (c.companies ?? 0) < MIN_WORLD.companies) {
      out.push(`  note: smaller than the benchmark world (>= ${int(MIN_WORLD.payments)} payments, ${int(MIN_WORLD.declarations)} declarations, ${int(MIN_WORLD.companies)} companies)`);
    }
    out.push('', 'ingest (src/simulate/load.ts as an exercise loads a world: each file under its agency and marking, then the task force), one process per store:');
    const rows: string[][] = [['store', 'file', 'kind', 'records', 'statements', 'events', 'seconds', 'records/s']];
    const add = (label: string, ing: WorldIngest) => {
      for (const file of ing.files) {
        rows.push([label, file.path, file.kind, int(file.records), int(file.statements), int(file.events), s2(file.seconds), int(file.records / file.seconds)]);
      }
      const total = ing.files.reduce((s, x) => s + x.seconds, 0);
      const recs = ing.files.reduce((s, x) => s + x.records, 0);
      rows.push([label, 'all four kinds', '', int(recs), int(ing.files.reduce((s, x) => s + x.statements, 0)), int(ing.files.reduce((s, x) => s + x.events, 0)), s2(total), int(recs / total)]);
    };
    if (w.postgres) add('PostgreSQL', w.postgres);
    if (w.pglite?.ingest) add(w.pglite.scale === w.scale ? 'PGlite' : `PGlite (scale ${w.pglite.scale})`, w.pglite.ingest);
    out.push(...table(rows, [false, false, false, true, true, true, true, true]));
    const kinds = (ing: WorldIngest) => {
      const by = new Map<string, number>();
      for (const file of ing.files) by.set(file.kind, (by.get(file.kind) ?? 0) + file.seconds);
      return [...by].map(([k, s]) => `${k} ${s2(s)} s`).join(', ');
    };
    if (w.postgres) {
      out.push(`  PostgreSQL by kind: ${kinds(w.postgres)}; task force ${s2(w.postgres.taskForceSeconds)} s; store creation ${s2(w.postgres.openSeconds)} s; peak RSS ${mb(w.postgres.maxRssBytes)} MB`);
    } else out.push(`  PostgreSQL: not reachable at ${TEST_DATABASE_URL}: not measured`);
    if (w.pglite?.failed) out.push(`  PGlite: the ingest FAILED (${w.pglite.failed}); see the progress lines above`);
    else if (w.pglite?.ingest) {
      const p = w.pglite;
      const ing = w.pglite.ingest;
      out.push(
        `  PGlite by kind: ${kinds(ing)}; task force ${s2(ing.taskForceSeconds)} s; store creation ${s2(ing.openSeconds)} s; peak RSS ${mb(ing.maxRssBytes)} MB` +
          (p.scale !== w.scale
            ? `\n  PGlite was measured on a world of scale ${p.scale} (${int(p.counts.payments ?? 0)} payments, ${int(p.counts.declarations ?? 0)} declarations, ` +
              `${int(p.counts.companies ?? 0)} companies; same seed and days), not on the benchmark world (--pglite-scale)`
            : ''),
      );
    } else out.push('  PGlite: not measured (--pglite-scale none)');

    const d = w.detect;
    const smaller = (c.payments ?? 0) >= MIN_WORLD.payments && w.detectStore === 'PostgreSQL' ? '' : ' (on a world smaller than the benchmark world)';
    const n = d?.indicators.length ?? w.stopped?.indicators.length ?? 0;
    out.push(
      '',
      `detection (DetectService, built-in profile, the catalogue but maritime.*; as the operator under the task-force agreement; from ${w.detectStore}), one process:`,
      `  before it, untimed: ANALYZE (planner statistics after the bulk load; see the notes) ${s2(d?.analyzeSeconds ?? w.stopped?.analyzeSeconds ?? 0)} s`,
    );
    if (d) {
      const end = d.load + d.detect + d.store;
      out.push(`  load: ${s2(d.load)} s (${int(d.loaded.payments)} payments, ${int(d.loaded.declarations)} declarations, the registry's parties, the ownership world; ${int(d.loaded.positions)} positions)`);
      out.push(...loadLines(d, d.load));
      const det: string[][] = [['indicator', 'seconds', 'alerts']];
      for (const m of d.indicators) det.push([m.code, s2(m.seconds), int(m.alerts)]);
      det.push([`all ${n} indicators`, s2(d.detect), int(d.indicators.reduce((s, m) => s + m.alerts, 0))]);
      out.push(...table(det, [false, true, true]));
      out.push(`  store ${int(d.alerts)} alerts (${int(d.created)} new): ${s2(d.store)} s; peak RSS of the process (load, detect, store): ${mb(d.maxRssBytes)} MB`);
      out.push(`  end to end (load + indicators + store): ${s2(end)} s` + (w.detectStore === 'PGlite' ? ` — on the PGlite world of scale ${w.pglite?.scale}, not the benchmark world` : ''));
      pass.push(`${end < TARGET_DETECT_S ? 'PASS' : 'FAIL'}  detection end to end < ${TARGET_DETECT_S} s: ${s2(end)} s${smaller}`);
    } else if (w.stopped) {
      const p = w.stopped;
      out.push(`  STOPPED at the time limit (--detect-limit ${int(p.limitSeconds)} s); what it had measured ${int(p.elapsedSeconds)} s in:`);
      out.push(p.loadSeconds === null ? `  load: not finished (${int(p.elapsedSeconds)} s and more)` : `  load: ${s2(p.loadSeconds)} s`);
      out.push(...loadLines(p, p.loadSeconds));
      if (p.indicators.length > 0) {
        const det: string[][] = [['indicator', 'seconds', 'alerts']];
        for (const m of p.indicators) det.push([m.code, s2(m.seconds), int(m.alerts)]);
        out.push(...table(det, [false, true, true]));
      }
      out.push(`  peak RSS of the process so far: ${mb(p.maxRssBytes)} MB`);
      pass.push(`FAIL  detection end to end < ${TARGET_DETECT_S} s: not finished in ${int(p.limitSeconds)} s${smaller}`);
    }
  }

  const cl = f.closure;
  if (cl) {
    const m = cl.memory;
    const sh = m.shape;
    out.push(
      '',
      `closure: synthetic ownership graph, ${int(m.companies)} companies, ${int(m.persons)} persons, ${int(m.stakeRecords)} stake records ` +
        `(${int(m.stakeEdges)} edges after merging parallel records), ${int(m.controls)} control edges, ${int(m.seeds)} designated (1% of persons and of companies):`,
    );
    out.push(
      `  shape: ${int(sh.groups)} corporate groups (largest ${int(sh.largestGroup)} companies, deepest chain ${sh.deepestChain}), ${int(sh.crossGroupStakes)} cross-group stakes, ` +
        `${int(sh.cycleStakes)} stakes against the tree (cycles), ${int(sh.rangedRecords)} ranged and ${int(sh.unknownRecords)} unknown percentages, ` +
        `${int(sh.parallelRecords)} parallel records, ${int(sh.companiesWithoutOwner)} companies without a recorded owner`,
    );
    out.push(`  generated in ${s2(m.generateSeconds)} s; OwnershipGraph.fromColumns ${s2(m.buildSeconds)} s; peak RSS of the process ${mb(m.maxRssBytes)} MB`);
    const rows: string[][] = [['rule', 'closure s', 'blocked', 'possibly', 'designate p50 / p95 / max ms', 'delist p50 / p95 / max ms', 'status changes: designate / delist (mean, max)', 'largest owner: designate / delist ms, changes']];
    for (const r of m.rules) {
      const inc = (x: IncrementalMeasure) => `${ms(x.medianMs)} / ${ms(x.p95Ms)} / ${ms(x.maxMs)}`;
      rows.push([
        r.rule + (r.restored ? '' : ' (NOT RESTORED)'),
        s2(r.closureSeconds),
        int(r.blocked),
        int(r.possiblyBlocked),
        inc(r.designate),
        inc(r.delist),
        `${r.designate.meanChanges.toFixed(1)}, ${int(r.designate.maxChanges)} / ${r.delist.meanChanges.toFixed(1)}, ${int(r.delist.maxChanges)}`,
        `${ms(r.largest.designateMs)} / ${ms(r.largest.delistMs)}, ${int(r.largest.changes)}`,
      ]);
    }
    out.push(...table(rows, [false, true, true, true, true, true, true, true]));
    out.push(`  (closure: BlockedSet from the designations, both layers — low bounds: blocked; high bounds: possibly; ${opts.picks} picks each, every one undone untimed, the counts checked after)`);
    const ofac = m.rules.find((r) => r.rule === 'ofac');
    if (cl.sql) {
      const l = cl.sql.load;
      out.push('', `baseline: the OFAC rule on PostgreSQL (bench/detection-sql.ts), same graph, node numbers and bounds in integer units:`);
      out.push(`  load: ${l.method} of the stake records and designations ${s2(l.copySeconds)} s; holdings table (parallel records merged) and index ${s2(l.prepareSeconds)} s: ${int(l.holdings)} rows`);
      const sq: string[][] = [['method', 'bounds', 'seconds', 'iterations', 'nodes', 'engine', '× engine closure', 'agree']];
      for (const r of cl.sql.runs) {
        const engineCount = ofac ? (r.bound === 'low' ? ofac.blocked : ofac.blocked + ofac.possiblyBlocked) : 0;
        sq.push([
          r.method,
          r.bound === 'low' ? 'low (blocked)' : 'high (+ possibly)',
          s2(r.seconds),
          String(r.iterations),
          int(r.count),
          int(engineCount),
          ofac ? `${(r.seconds / ofac.closureSeconds).toFixed(0)}×` : '–',
          r.onlySql === 0 && r.onlyEngine === 0 ? 'yes' : `NO: ${int(r.onlySql)} only in SQL, ${int(r.onlyEngine)} only in the engine`,
        ]);
      }
      out.push(...table(sq, [false, false, true, true, true, true, true, false]));
      out.push(`  (the engine computes both bounds in one closure; the SQL figures are per bound)`);
      const agree = cl.sql.runs.every((r) => r.onlySql === 0 && r.onlyEngine === 0);
      pass.push(`${agree ? 'PASS' : 'FAIL'}  engine and SQL agree on the OFAC blocked and possibly blocked sets`);
    } else {
      out.push('', pgReachable ? 'baseline: not run' : `baseline: PostgreSQL at ${TEST_DATABASE_URL} not reachable: no SQL baseline`);
    }
    const full = m.companies >= DEFAULT_COMPANIES && m.stakeRecords >= DEFAULT_STAKES ? '' : ' (on a graph smaller than the benchmark graph)';
    if (ofac) {
      pass.push(`${ofac.closureSeconds < TARGET_CLOSURE_S ? 'PASS' : 'FAIL'}  OFAC closure < ${TARGET_CLOSURE_S} s: ${s2(ofac.closureSeconds)} s${full}`);
    }
    const worstClosure = Math.max(...m.rules.map((r) => r.closureSeconds));
    pass.push(`${worstClosure < TARGET_CLOSURE_S ? 'PASS' : 'FAIL'}  every rule's closure < ${TARGET_CLOSURE_S} s: ${s2(worstClosure)} s at most (${m.rules.map((r) => r.rule).join(', ')})${full}`);
    const p95 = Math.max(...m.rules.flatMap((r) => [r.designate.p95Ms, r.delist.p95Ms]));
    const max = Math.max(...m.rules.flatMap((r) => [r.designate.maxMs, r.delist.maxMs, r.largest.designateMs, r.largest.delistMs]));
    pass.push(`${p95 < TARGET_INCREMENTAL_MS ? 'PASS' : 'FAIL'}  incremental update after one designation or delisting < ${TARGET_INCREMENTAL_MS} ms: p95 ${ms(p95)} ms at most over the rules and ${opts.picks} random picks each${full}`);
    const heaviest = m.rules.reduce((a, r) => (Math.max(r.largest.designateMs, r.largest.delistMs) > Math.max(a.largest.designateMs, a.largest.delistMs) ? r : a));
    pass.push(
      `${max < TARGET_INCREMENTAL_MS ? 'PASS' : 'FAIL'}  every single update < ${TARGET_INCREMENTAL_MS} ms, the largest owner's included: ${ms(max)} ms at most ` +
        `(largest owner under ${heaviest.rule}: ${int(heaviest.largest.changes)} status changes, designate ${ms(heaviest.largest.designateMs)} ms, delist ${ms(heaviest.largest.delistMs)} ms)${full}`,
    );
  }
  if (w) {
    out.push(
      '',
      'notes:',
      '  ANALYZE ran before detection, untimed: ingest refreshes the planner statistics of the event tables but not of `statements`;',
      `  PGlite never collects them on its own, nor does a PostgreSQL server before autovacuum gets to the table (here autovacuum is ${f.autovacuum ?? 'unknown'});`,
      '  without them every statements.forEntities call of the load (the ownership world, the listed parties) plans a',
      '  sequential scan of the whole table.',
      '  The ownership world links the registry parties of the ownership graph to the listed entities (src/graph/service.ts): same id,',
      '  a strong identifier, or a screening match for each Person, Company and Organization without one against an index of the',
      '  entities a Sanction names (built per run from the statements the operator sees).',
      '  AIS positions are not loaded: no indicator timed here needs them except trade.origin_mismatch, which then finds no AIS coverage.',
    );
  }
  out.push('', ...pass);
  return out.join('\n') + '\n';
}
