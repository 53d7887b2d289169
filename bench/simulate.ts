import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { optionsOrExit } from './support.ts';

/**
 * `npm run bench -- simulate [--scale S] [--days N] [--seed N] [--out DIR] [--keep]`
 *
 * Writes the benchmark world (`sextant simulate`) in a child process and
 * reports rows per kind of file, wall time, rows/s, bytes and MB/s written,
 * and the process's peak RSS. The baseline, measured in the same run and the
 * same kind of child process on the same disk, is the I/O floor: as many rows
 * and as many bytes (one representative CSV line, repeated) written through
 * the simulator's own buffered writer (LineFile) — what writing alone costs,
 * with nothing to generate. Targets (issue): at least 1 million rows/s written,
 * peak memory under 1 GB. A missed target is reported, not an error: the exit
 * code is 0 whenever both measurements ran.
 *
 * The world goes to DIR/world and the floor's file to DIR/floor (DIR: --out,
 * else a new temporary directory); both are removed afterwards, the world
 * kept with --keep. Dirty pages are flushed (sync) before each measurement so
 * that neither pays for the other's writeback.
 *
 * Default scale 100: the smallest whole scale whose world has at least
 * 10 M AIS positions and 1 M payments, found by measurement (seed 1, the
 * default 90 days): scale 100 writes 40,653,639 positions and 1,000,883
 * payments, scale 99 only 990,083 payments. Payments set the scale: positions
 * pass 10 M long before. Positions grow with --days, payments do not (a
 * world's payments are a total spread over its days).
 */
const HERE = dirname(fileURLToPath(import.meta.url));
const WORKER = join(HERE, 'simulate-worker.ts');

export const DEFAULT_SCALE = 100;
const DEFAULT_DAYS = 90;
const TARGET_ROWS_PER_S = 1_000_000;
/** 1 GB, in bytes. */
const TARGET_RSS_BYTES = 1_000_000_000;
const MIN_POSITIONS = 10_000_000;
const MIN_PAYMENTS = 1_000_000;

interface Options {
  scale: number;
  days: number;
  seed: number;
  out: string | null;
  keep: boolean;
}

interface FileMeasure {
  path: string;
  kind: string;
  rows: number;
  bytes: number;
}

interface Measure {
  mode: string;
  seconds: number;
  maxRssMB: number;
  rows: number;
  bytes: number;
  files: FileMeasure[];
}

const USAGE = 'usage: npm run bench -- simulate [--scale S] [--days N] [--seed N] [--out DIR] [--keep]\n';

function parseOptions(argv: string[]): Options {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    if (i < 0) return undefined;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  const known = new Set(['--scale', '--days', '--seed', '--out', '--keep']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!known.has(a)) throw new Error(`unknown option ${a}`);
    if (a !== '--keep') i++;
  }
  const scale = Number(value('--scale') ?? DEFAULT_SCALE);
  if (!(scale > 0) || scale > 10_000) throw new Error('--scale must be a number above 0 and at most 10000');
  const days = Number(value('--days') ?? DEFAULT_DAYS);
  if (!Number.isInteger(days) || days < 1 || days > 3660) throw new Error('--days must be a whole number from 1 to 3660');
  const seed = Number(value('--seed') ?? 1);
  if (!Number.isInteger(seed) || seed < 1 || seed > 2 ** 32 - 1) throw new Error('--seed must be a whole number from 1 to 4294967295');
  const out = value('--out');
  return { scale, days, seed, out: out === undefined ? null : resolve(out), keep: argv.includes('--keep') };
}

/** Runs the worker in its own process; progress passes through on stderr, the measure is its last stdout line. */
function measure(args: string[]): Promise<Measure> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, SEXTANT_LOG_LEVEL: 'silent' },
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0) {
        reject(new Error(`bench worker ${args[0]} failed (${signal ?? `exit ${code}`})`));
        return;
      }
      try {
        resolvePromise(JSON.parse(stdout.trim().split('\n').pop()!) as Measure);
      } catch (e) {
        reject(new Error(`bench worker ${args[0]} printed no measure: ${String(e)}`));
      }
    });
  });
}

/** Dirty pages of one measurement are flushed before the next starts, so that neither pays for the other's writeback. */
function settle(): void {
  spawnSync('sync', { stdio: 'ignore' });
}

const int = (n: number): string => Math.round(n).toLocaleString('en');
const mb = (bytes: number): string => (bytes / 1e6).toLocaleString('en', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const KINDS = ['positions', 'payments', 'declarations', 'registry', 'list'] as const;

export async function runSimulateBench(args: string[]): Promise<number> {
  const parsed = optionsOrExit(args, USAGE, parseOptions);
  if ('exit' in parsed) return parsed.exit;
  const opts = parsed.opts;
  const root = opts.out ?? (await mkdtemp(join(tmpdir(), 'sextant-bench-simulate-')));
  const worldDir = join(root, 'world');
  const floorDir = join(root, 'floor');
  await rm(worldDir, { recursive: true, force: true });
  await rm(floorDir, { recursive: true, force: true });
  await mkdir(floorDir, { recursive: true });
  try {
    process.stderr.write(`simulate: scale ${opts.scale}, ${opts.days} days, seed ${opts.seed}, into ${worldDir}\n`);
    settle();
    const sim = await measure(['simulate', worldDir, String(opts.scale), String(opts.days), String(opts.seed)]);
    if (!opts.keep) await rm(worldDir, { recursive: true, force: true });
    process.stderr.write(`floor: ${int(sim.rows)} rows, ${mb(sim.bytes)} MB through LineFile into ${floorDir}\n`);
    settle();
    const floor = await measure(['floor', floorDir, String(sim.rows), String(sim.bytes)]);
    process.stdout.write(report(opts, worldDir, sim, floor));
  } catch (e) {
    process.stderr.write(`simulate benchmark failed: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await rm(floorDir, { recursive: true, force: true });
    if (!opts.keep) {
      await rm(worldDir, { recursive: true, force: true });
      if (!opts.out) await rm(root, { recursive: true, force: true });
    }
  }
  return 0;
}

function report(opts: Options, worldDir: string, sim: Measure, floor: Measure): string {
  const rowsOf = (kind: string): number => sim.files.filter((f) => f.kind === kind).reduce((s, f) => s + f.rows, 0);
  const rate = (m: Measure): number => m.rows / m.seconds;
  const rss = (m: Measure): number => m.maxRssMB * 1024 * 1024;
  const lines: Array<[string, string, string, string]> = [['measure', 'simulate', 'floor', 'target']];
  for (const kind of KINDS) lines.push([`rows: ${kind}`, int(rowsOf(kind)), '', '']);
  lines.push(['rows', int(sim.rows), int(floor.rows), '']);
  lines.push(['MB written', mb(sim.bytes), mb(floor.bytes), '']);
  lines.push(['wall seconds', sim.seconds.toFixed(1), floor.seconds.toFixed(1), '']);
  lines.push(['rows/s', int(rate(sim)), int(rate(floor)), `>= ${int(TARGET_ROWS_PER_S)}`]);
  lines.push(['MB/s', (sim.bytes / 1e6 / sim.seconds).toFixed(1), (floor.bytes / 1e6 / floor.seconds).toFixed(1), '']);
  lines.push(['peak RSS, MB', mb(rss(sim)), mb(rss(floor)), `< ${mb(TARGET_RSS_BYTES)}`]);
  const widths = [0, 1, 2, 3].map((c) => Math.max(...lines.map((l) => l[c]!.length)));
  const table = lines.map((l) => [l[0].padEnd(widths[0]!), l[1].padStart(widths[1]!), l[2].padStart(widths[2]!), l[3].padEnd(widths[3]!)].join('   ').trimEnd());
  const out: string[] = [];
  out.push(`simulate benchmark: scale ${opts.scale}, ${opts.days} days, seed ${opts.seed}${opts.keep ? `; world kept in ${worldDir}` : ''}`);
  out.push('(MB = 10^6 bytes; wall seconds from the start of the work to the last file closed, in the measured process)');
  out.push(...table);
  const positions = rowsOf('positions');
  const payments = rowsOf('payments');
  if (positions < MIN_POSITIONS || payments < MIN_PAYMENTS) {
    out.push(`note: this world is smaller than the benchmark world (>= ${int(MIN_POSITIONS)} positions and >= ${int(MIN_PAYMENTS)} payments)`);
  }
  const speedOk = rate(sim) >= TARGET_ROWS_PER_S;
  const memoryOk = rss(sim) < TARGET_RSS_BYTES;
  out.push(`${speedOk ? 'PASS' : 'FAIL'}  rows/s >= 1,000,000: ${int(rate(sim))} rows/s (${((100 * rate(sim)) / rate(floor)).toFixed(0)} % of the I/O floor)`);
  out.push(`${memoryOk ? 'PASS' : 'FAIL'}  peak RSS < 1 GB: ${mb(rss(sim))} MB`);
  return out.join('\n') + '\n';
}
