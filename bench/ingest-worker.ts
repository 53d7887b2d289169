import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeInput, detectReader, expandPaths } from '../src/readers/index.ts';
import { ingest } from '../src/readers/ingest.ts';
import { validateEntity } from '../src/model/validate.ts';
import { openStore } from '../src/store/index.ts';

/**
 * One measurement in its own process, so that peak memory (maxRSS) belongs to
 * it alone. argv: MODE TARGET PATH...   MODE: store | parse (baseline: read and
 * validate only, no database). TARGET: pglite | postgres URL.
 * Prints one JSON line: {mode, target, seconds (ingest only), openSeconds (creating
 * and migrating the store), maxRssMB, records, statements}.
 */
const [mode, target, ...given] = process.argv.slice(2);
const paths = await expandPaths(given);
const started = performance.now();
let records = 0;
let statements = 0;
let openSeconds = 0;
if (mode === 'parse') {
  for (const path of paths) {
    const input = await describeInput(path);
    const reader = detectReader(input);
    let last = '';
    for await (const item of reader.read(input, { dataset: 'bench' })) {
      // Count source records as ingest does: an entity and its Sanction are one record.
      const key = `${item.file}\u0000${item.record ?? item.line}`;
      if (key !== last) records++;
      last = key;
      if (item.kind === 'entity') {
        const v = validateEntity(item.entity);
        if (v.ok) statements += v.entity.values.length;
      }
    }
  }
} else {
  const dataDir = target === 'pglite' ? await mkdtemp(join(tmpdir(), 'sextant-bench-')) : null;
  const store = await openStore(dataDir ? { kind: 'pglite', dataDir } : { kind: 'postgres', url: target! });
  openSeconds = (performance.now() - started) / 1000;
  const quarantineDir = await mkdtemp(join(tmpdir(), 'sextant-bench-q-'));
  for (const path of paths) {
    const s = await ingest(store, { path, quarantineDir, dataset: undefined });
    records += s.records;
    statements += s.statements;
  }
  await store.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
const seconds = (performance.now() - started) / 1000;
const maxRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify({ mode, target: target?.startsWith('postgres') ? 'postgres' : target, seconds: seconds - openSeconds, openSeconds, maxRssMB, records, statements }) + '\n');
