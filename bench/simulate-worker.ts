import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { simulate } from '../src/simulate/index.ts';
import { LineFile } from '../src/simulate/output.ts';

/**
 * One measurement of `npm run bench -- simulate` in its own process, so that
 * peak memory (maxRSS) belongs to it alone.
 *
 *   simulate OUT SCALE DAYS SEED   write the world into OUT (as `sextant simulate`)
 *   floor OUT ROWS BYTES           the I/O floor: ROWS lines of BYTES bytes in all
 *                                  (a fixed CSV line, repeated) through LineFile
 *
 * Prints one JSON line on stdout: {mode, seconds, maxRssMB, rows, bytes, files}
 * where files is [{path, kind, rows, bytes}]; progress goes to stderr.
 */
const [mode, out, a, b, c] = process.argv.slice(2);

interface FileMeasure {
  path: string;
  kind: string;
  rows: number;
  bytes: number;
}

/** What a file of the world holds, by where simulate writes it. */
function kindOf(path: string): string {
  if (path.startsWith('ais/')) return 'positions';
  if (path.startsWith('payments/')) return 'payments';
  if (path.startsWith('customs/')) return 'declarations';
  if (path.startsWith('registry/')) return 'registry';
  if (path.startsWith('sanctions/')) return 'list';
  return 'other';
}

const started = performance.now();
const files: FileMeasure[] = [];
if (mode === 'simulate') {
  const scale = Number(a);
  const days = Number(b);
  const seed = Number(c);
  let phase = '';
  let rows = 0;
  let nextReport = 0;
  const manifest = await simulate({
    out: out!,
    scale,
    days,
    seed,
    onProgress: (p, n) => {
      rows += n;
      if (p !== phase || rows >= nextReport) {
        phase = p;
        nextReport = rows + 2_000_000;
        process.stderr.write(`  simulate: ${p}, ${rows.toLocaleString('en')} rows, ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  for (const f of manifest.files) files.push({ path: f.path, kind: kindOf(f.path), rows: f.records, bytes: (await stat(join(out!, f.path))).size });
  report(seconds);
} else if (mode === 'floor') {
  const rows = Number(a);
  const bytes = Number(b);
  // A representative line (an AIS position), padded or cut to the mean length;
  // the first `extra` lines are one byte longer so that the total is exact.
  const perLine = Math.floor(bytes / rows);
  const extra = bytes - perLine * rows;
  const sample = '123456789,2025-01-06T00:02:41,51.95312,4.05471,12.3,254.1,253,EXAMPLE VESSEL,IMO1234567,PABC123,70,0,180,28,9.1,70,A';
  const base = sample.repeat(Math.ceil(perLine / sample.length) + 1).slice(0, perLine - 1);
  const longer = base + 'X';
  const file = await LineFile.open(out!, 'floor.csv', 'csv', 'bench');
  for (let i = 0; i < rows; i++) {
    const pending = file.write(i < extra ? longer : base);
    if (pending) await pending;
    if (i > 0 && i % 5_000_000 === 0) process.stderr.write(`  floor: ${i.toLocaleString('en')} rows, ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  await file.close();
  const seconds = (performance.now() - started) / 1000;
  files.push({ path: file.path, kind: 'floor', rows: file.records, bytes: (await stat(join(out!, file.path))).size });
  report(seconds);
} else {
  process.stderr.write(`usage: simulate-worker.ts simulate OUT SCALE DAYS SEED | floor OUT ROWS BYTES\n`);
  process.exit(2);
}

function report(seconds: number): void {
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  const rows = files.reduce((s, f) => s + f.rows, 0);
  const bytes = files.reduce((s, f) => s + f.bytes, 0);
  process.stdout.write(JSON.stringify({ mode, seconds, maxRssMB, rows, bytes, files }) + '\n');
}
