import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { SextantError } from '../errors.ts';
import { simulate, type Manifest, type SimulateOptions } from '../simulate/index.ts';
import { SCHEMES } from '../simulate/schemes/index.ts';
import { printJson } from './output.ts';

export interface SimulateFlags {
  out: string;
  seed: number;
  scale: number;
  schemes?: string;
  start?: string;
  days?: number;
  json?: boolean;
}

/** `sextant simulate`: write a world, printing progress on stderr and the manifest's summary on stdout. */
export async function runSimulate(flags: SimulateFlags): Promise<void> {
  const started = Date.now();
  const manifest = await generateWorld(resolve(flags.out), flags, !flags.json);
  if (flags.json) {
    printJson(manifest);
    return;
  }
  printWorld(manifest, resolve(flags.out), Date.now() - started);
}

export async function generateWorld(out: string, flags: Omit<SimulateFlags, 'out'>, showProgress: boolean): Promise<Manifest> {
  const schemes = flags.schemes === undefined ? undefined : parseSchemes(flags.schemes);
  const bar = showProgress && process.stderr.isTTY ? new cliProgress.SingleBar({ format: 'simulate {phase} | {value} rows | {duration}s', hideCursor: true }, cliProgress.Presets.shades_classic) : null;
  let rows = 0;
  bar?.start(0, 0, { phase: 'world' });
  let lastPhase = '';
  const opts: SimulateOptions = {
    out,
    seed: flags.seed,
    scale: flags.scale,
    ...(schemes ? { schemes } : {}),
    ...(flags.start ? { start: flags.start } : {}),
    ...(flags.days ? { days: flags.days } : {}),
    onProgress: (phase, n) => {
      rows += n;
      if (bar) bar.update(rows, { phase });
      else if (showProgress && phase !== lastPhase) process.stderr.write(`simulate: writing ${phase}…\n`);
      lastPhase = phase;
    },
  };
  try {
    return await simulate(opts);
  } finally {
    bar?.stop();
  }
}

export function parseSchemes(text: string): string[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 1 && names[0] === 'all') return SCHEMES.map((s) => s.name);
  if (names.length === 1 && names[0] === 'none') return [];
  for (const n of names) {
    if (!SCHEMES.some((s) => s.name === n)) {
      throw new SextantError('bad_request', `unknown scheme ${JSON.stringify(n)}; known: ${SCHEMES.map((s) => s.name).join(', ')} (or all, none)`, { field: 'schemes' });
    }
  }
  return names;
}

export function printWorld(m: Manifest, out: string, ms: number): void {
  const total = m.files.reduce((s, f) => s + f.records, 0);
  process.stdout.write(`world (seed ${m.seed}, scale ${m.scale}, ${m.window.start.slice(0, 10)} → ${m.window.end.slice(0, 10)}) in ${out}: ${total.toLocaleString('en')} records in ${(ms / 1000).toFixed(1)} s\n`);
  for (const f of m.files) process.stdout.write(`  ${f.path.padEnd(34)} ${f.format.padEnd(13)} ${f.agency.padEnd(20)} ${f.records.toLocaleString('en').padStart(12)}\n`);
  process.stdout.write(`  truth.json: schemes ${m.schemes.join(', ') || '(none)'}\n`);
}

/** `sextant simulate --schemes` help text: every scheme with what it plants. */
export function schemesHelp(): string {
  return '\nSchemes (--schemes a,b,…; default all):\n' + SCHEMES.map((s) => `  ${s.name.padEnd(22)} ${s.negative ? '(hard negative) ' : ''}${s.description}`).join('\n') + '\n';
}

export async function demoDirectory(out?: string): Promise<string> {
  return out ? resolve(out) : mkdtemp(join(tmpdir(), 'sextant-demo-'));
}
