import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import type { AlertDraft } from '../src/detect/alert.ts';
import { CATALOGUE } from '../src/detect/catalogue.ts';
import type { Indicator } from '../src/detect/indicator.ts';
import type { DetectInputs } from '../src/detect/inputs.ts';
import { MARITIME_INDICATORS } from '../src/detect/maritime/index.ts';
import { defaultProfile } from '../src/detect/profile.ts';
import { DetectService } from '../src/detect/service.ts';
import { ingest } from '../src/readers/ingest.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { operatorScope } from '../test/support/governance.ts';
import { spatialComparisons, type SpatialOptions } from './maritime-baselines.ts';

/**
 * One measurement of `npm run bench -- maritime` in its own process, so that
 * peak memory (maxRSS) belongs to it alone. Progress goes to stderr; the
 * measure is the last line on stdout, as JSON.
 *
 *   ingest TARGET CSV [VESSELS]
 *     TARGET: pglite:DIR (a new data directory) or a postgres:// URL.
 *     Ingests CSV as `sextant ingest --format ais-csv` does (readers/ingest.ts,
 *     dataset `ais`, the home agency `local`); then, untimed, the registry's
 *     Vessel entities (FtM file VESSELS) so that detection knows them.
 *     → {seconds, openSeconds, maxRssBytes, records, events, rejected, rejectedValues, vessels}
 *
 *   detect TARGET SPATIAL_JSON [analyze]
 *     With `analyze`, first (untimed) ANALYZE positions. Runs every maritime indicator with the built-in profile through
 *     DetectService (positions loaded from the store through the policy
 *     module, as `sextant detect --indicator 'maritime.*'`), timing each
 *     indicator. Peak RSS is taken right after the run; then, in the same
 *     process and on the same position table, the in-process side of the
 *     baselines (maritime-baselines.ts).
 *     → {analyzeSeconds, load, detect, store, positions, vessels, knownVessels, indicators: [{code, seconds, alerts}],
 *        alerts, maxRssBytes (right after the run), maxRssAfterBaselinesBytes, spatial}
 */
const [mode, target, a, b] = process.argv.slice(2);

const LEVELS = loadConfig({}, {}).governance.levels;
const seconds = (since: number): number => (performance.now() - since) / 1000;
/** Peak resident set size of this process so far, bytes (maxRSS is in KiB). */
const maxRssBytes = (): number => process.resourceUsage().maxRSS * 1024;
const say = (line: string): void => void process.stderr.write(`  ${line}\n`);
const int = (n: number): string => Math.round(n).toLocaleString('en');

async function open(where: string): Promise<Store> {
  if (where.startsWith('pglite:')) return openStore({ kind: 'pglite', dataDir: where.slice('pglite:'.length) });
  return openStore({ kind: 'postgres', url: where });
}

async function runIngest(where: string, csv: string, vessels: string | undefined): Promise<void> {
  const started = performance.now();
  const store = await open(where);
  const openSeconds = seconds(started);
  const quarantineDir = await mkdtemp(join(tmpdir(), 'sextant-bench-maritime-q-'));
  const label = where.startsWith('pglite:') ? 'PGlite' : 'PostgreSQL';
  try {
    const t0 = performance.now();
    let next = 1_000_000;
    const summary = await ingest(store, {
      path: csv,
      format: 'ais-csv',
      dataset: 'ais',
      quarantineDir,
      onProgress: (n) => {
        if (n < next) return;
        next += 1_000_000;
        say(`ingest ${label}: ${int(n)} records, ${seconds(t0).toFixed(1)} s`);
      },
    });
    const ingestSeconds = seconds(t0);
    const rss = maxRssBytes();
    let known = 0;
    if (vessels) {
      // Not part of the measure: the registry's vessels, so that identity checks have something to compare with.
      const v = await ingest(store, { path: vessels, format: 'ftm', dataset: 'registry_vessels', quarantineDir });
      known = v.entities;
    }
    process.stdout.write(
      JSON.stringify({
        seconds: ingestSeconds,
        openSeconds,
        maxRssBytes: rss,
        records: summary.records,
        events: summary.events,
        rejected: summary.rejected,
        rejectedValues: summary.rejectedValues,
        vessels: known,
      }) + '\n',
    );
  } finally {
    await store.close();
    await rm(quarantineDir, { recursive: true, force: true });
  }
}

interface IndicatorMeasure {
  code: string;
  seconds: number;
  alerts: number;
}

async function runDetect(where: string, spatial: SpatialOptions, analyze: boolean): Promise<void> {
  const store = await open(where);
  try {
    const scope = await operatorScope(store);
    let analyzeSeconds: number | null = null;
    if (analyze) {
      // Statistics for the planner after the bulk load (PGlite has no autovacuum): see bench/maritime.ts.
      const t = performance.now();
      await store.db.exec('ANALYZE positions');
      analyzeSeconds = seconds(t);
      say(`detect: ANALYZE positions ${analyzeSeconds.toFixed(1)} s`);
    }
    const measures: IndicatorMeasure[] = [];
    let captured: DetectInputs | null = null;
    // The same indicators, each timed: DetectService takes its catalogue as a parameter.
    const timed: Indicator[] = MARITIME_INDICATORS.map((ind) => ({
      ...ind,
      run: async (inputs, params): Promise<AlertDraft[]> => {
        captured = inputs;
        say(`detect: ${ind.code} …`);
        const t0 = performance.now();
        const found = await ind.run(inputs, params);
        measures.push({ code: ind.code, seconds: seconds(t0), alerts: found.length });
        say(`detect: ${ind.code} ${seconds(t0).toFixed(2)} s, ${int(found.length)} alerts`);
        return found;
      },
    }));
    const service = new DetectService(store, LEVELS, timed);
    let loaded = 0;
    let next = 1_000_000;
    const t0 = performance.now();
    const result = await service.run(scope, {
      profile: defaultProfile(CATALOGUE),
      onProgress: (phase, n) => {
        if (phase !== 'positions') return;
        loaded += n;
        if (loaded < next) return;
        next += 1_000_000;
        say(`detect: loaded ${int(loaded)} positions, ${seconds(t0).toFixed(1)} s`);
      },
    });
    const rss = maxRssBytes();
    const inputs = captured as DetectInputs | null;
    if (!inputs) throw new Error('no indicator ran: nothing to measure');
    const spatialResult = await spatialComparisons(inputs, spatial, say);
    process.stdout.write(
      JSON.stringify({
        analyzeSeconds,
        load: result.seconds.load,
        detect: result.seconds.detect,
        store: result.seconds.store,
        positions: result.loaded.positions,
        vessels: inputs.positions.vessels,
        knownVessels: result.loaded.vessels,
        indicators: measures,
        alerts: result.alerts.length,
        maxRssBytes: rss,
        maxRssAfterBaselinesBytes: maxRssBytes(),
        spatial: spatialResult,
      }) + '\n',
    );
  } finally {
    await store.close();
  }
}

if (mode === 'ingest' && target && a) await runIngest(target, a, b);
else if (mode === 'detect' && target && a) await runDetect(target, JSON.parse(a) as SpatialOptions, b === 'analyze');
else {
  process.stderr.write('usage: maritime-worker.ts ingest TARGET CSV [VESSELS] | detect TARGET SPATIAL_JSON [analyze]\n');
  process.exit(2);
}
