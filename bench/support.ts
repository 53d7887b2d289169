import { spawn } from 'node:child_process';

/**
 * Plumbing the benches share: their command-line options and the worker
 * processes each measurement runs in (so that its peak RSS is its own).
 */

/** Options of the form `--flag` and `--name VALUE`; anything else is an error naming it. */
export interface BenchOptions {
  values: Map<string, string>;
  has(flag: string): boolean;
  /** A whole number option within [min, max], or `fallback` when absent. */
  whole(flag: string, fallback: number, min: number, max: number): number;
}

export function parseBenchOptions(argv: string[], flags: readonly string[], valued: readonly string[]): BenchOptions {
  const flagSet = new Set(flags);
  const valuedSet = new Set(valued);
  const values = new Map<string, string>();
  const present = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (flagSet.has(a)) {
      present.add(a);
      continue;
    }
    if (!valuedSet.has(a)) throw new Error(`unknown option ${a}`);
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
    values.set(a, v);
    i++;
  }
  return {
    values,
    has: (flag) => present.has(flag),
    whole: (flag, fallback, min, max) => {
      const raw = values.get(flag);
      const n = raw === undefined ? fallback : Number(raw);
      if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${flag} must be a whole number from ${min} to ${max}`);
      return n;
    },
  };
}

/**
 * A bench's options from its arguments: `--help` (or `-h`) prints the usage
 * and the bench ends with 0; options that do not parse print why, then the
 * usage, and the bench ends with 2 (a usage error).
 */
export function optionsOrExit<T>(args: string[], usage: string, parse: (args: string[]) => T): { opts: T } | { exit: number } {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(usage);
    return { exit: 0 };
  }
  try {
    return { opts: parse(args) };
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${usage}`);
    return { exit: 2 };
  }
}

/** A worker stopped at its time limit. */
export class ChildTimeout extends Error {}

export interface ChildOptions {
  /** V8 flags for the worker, such as --max-old-space-size. */
  nodeFlags: string[];
  /** Stop the worker after this many seconds (ChildTimeout). */
  limitSeconds?: number;
}

/**
 * Runs a worker script in its own process: its progress passes through on
 * stderr, its measure is the last line it prints on stdout, as JSON.
 */
export function runWorker<T>(script: string, args: string[], opts: ChildOptions): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(process.execPath, [...opts.nodeFlags, '--import', 'tsx', script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, SEXTANT_LOG_LEVEL: 'silent' },
    });
    let timedOut = false;
    const timer = opts.limitSeconds
      ? setTimeout(() => {
          timedOut = true;
          proc.kill('SIGTERM');
        }, opts.limitSeconds * 1000)
      : null;
    let stdout = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => (stdout += chunk));
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (timedOut) return reject(new ChildTimeout(`${args[0]} worker stopped after ${opts.limitSeconds} s`));
      if (code !== 0) return reject(new Error(`${args[0]} worker failed (${signal ?? `exit ${code}`})`));
      try {
        resolvePromise(JSON.parse(stdout.trim().split('\n').pop()!) as T);
      } catch (e) {
        reject(new Error(`${args[0]} worker printed no measure: ${String(e)}`));
      }
    });
  });
}
