import { writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import type { AlertDraft } from '../src/detect/alert.ts';
import { CATALOGUE } from '../src/detect/catalogue.ts';
import type { Indicator } from '../src/detect/indicator.ts';
import { defaultProfile } from '../src/detect/profile.ts';
import { DetectService } from '../src/detect/service.ts';
import { Governance } from '../src/policy/index.ts';
import type { Viewer } from '../src/policy/viewer.ts';
import type { Manifest } from '../src/simulate/index.ts';
import { formTaskForce, ingestWorld } from '../src/simulate/load.ts';
import { OwnershipService } from '../src/graph/service.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { runClosure, type ClosureOptions } from './detection-closure.ts';

/**
 * One measurement of `npm run bench -- detection` in its own process, so that
 * peak memory (maxRSS) belongs to it alone. Progress goes to stderr; the
 * measure is the last line on stdout, as JSON.
 *
 *   world TARGET WORLD_DIR
 *     TARGET: pglite:DIR (a new data directory) or a postgres:// URL (an empty database).
 *     Loads the simulated world as an exercise does (src/simulate/load.ts, as
 *     `sextant demo`): the manifest's agencies created, each file ingested under
 *     the agency that holds it with the manifest's marking — every file but the
 *     AIS positions: the registry, the sanctions list, the customs declarations
 *     and the payments — each file timed (from the end of the one before; the
 *     first includes creating the agencies, milliseconds). Then the task-force
 *     agreement (formTaskForce: every holder of AMBER data shares it with the
 *     operator's agency for the operator's purpose, each holder's supervisor
 *     approving), so that the operator sees the payments and declarations.
 *     → {openSeconds, files: [{path, kind, agency, records, accepted, rejected, statements, events, seconds}],
 *        taskForceSeconds, maxRssBytes}
 *
 *   detect TARGET [PARTIAL_FILE]
 *     First, untimed, ANALYZE (planner statistics after the bulk load). Then,
 *     as the operator (the bootstrapped administrator of the home agency,
 *     under the task-force agreement), DetectService.run with the built-in
 *     profile over every indicator of the catalogue except maritime.* (no
 *     positions were loaded), each indicator timed.
 *     The load phase's store queries and the ownership world's loading are timed on the side
 *     (instrument(): wrappers around the same calls, nothing else changes).
 *     The measure so far is written to PARTIAL_FILE after each step (for a run
 *     the bench stops at its time limit).
 *     → {analyzeSeconds, load, detect, store, total, loaded, loadBreakdown: {label: {seconds, calls}},
 *        indicators: [{code, seconds, alerts}], alerts, created, maxRssBytes}
 *
 *   closure OPTIONS_JSON OUT_DIR
 *     The synthetic ownership graph, closure and incremental updates
 *     (bench/detection-closure.ts); the graph's stakes and the in-memory
 *     statuses are written to OUT_DIR for the SQL baseline.
 */
const [mode, a, b] = process.argv.slice(2);

const CONFIG = loadConfig({}, {});
const LEVELS = CONFIG.governance.levels;
const seconds = (since: number): number => (performance.now() - since) / 1000;
/** Peak resident set size of this process so far, bytes (maxRSS is in KiB). */
const maxRssBytes = (): number => process.resourceUsage().maxRSS * 1024;
const say = (line: string): void => void process.stderr.write(`  ${line}\n`);
const int = (n: number): string => Math.round(n).toLocaleString('en');

async function open(where: string): Promise<Store> {
  if (where.startsWith('pglite:')) return openStore({ kind: 'pglite', dataDir: where.slice('pglite:'.length) });
  return openStore({ kind: 'postgres', url: where });
}

/** What a file of the world holds, by where `sextant simulate` writes it. */
function kindOf(path: string): string {
  if (path.startsWith('ais/')) return 'positions';
  if (path.startsWith('payments/')) return 'payments';
  if (path.startsWith('customs/')) return 'declarations';
  if (path.startsWith('registry/')) return 'registry';
  if (path.startsWith('sanctions/')) return 'list';
  return 'other';
}

/** Governance on the store, bootstrapped, and the operator (the home agency's administrator) for the default purpose. */
async function governed(store: Store): Promise<{ gov: Governance; operator: Viewer }> {
  const gov = new Governance(store, CONFIG.governance);
  await gov.identity.bootstrap();
  return { gov, operator: await gov.identity.cliViewer(CONFIG.governance.operator, CONFIG.governance.defaultPurpose) };
}

interface FileMeasure {
  path: string;
  kind: string;
  agency: string;
  records: number;
  accepted: number;
  rejected: number;
  statements: number;
  events: number;
  seconds: number;
}

async function runWorld(where: string, worldDir: string): Promise<void> {
  const started = performance.now();
  const store = await open(where);
  const openSeconds = seconds(started);
  const quarantineDir = await mkdtemp(join(tmpdir(), 'sextant-bench-detection-q-'));
  const label = where.startsWith('pglite:') ? 'PGlite' : 'PostgreSQL';
  try {
    const { gov, operator } = await governed(store);
    const manifest = JSON.parse(await readFile(join(worldDir, 'manifest.json'), 'utf8')) as Manifest;
    // Every file but the AIS positions, which no indicator timed here needs.
    const files = manifest.files.filter((f) => kindOf(f.path) !== 'positions');
    say(`ingest ${label}: ${files.map((f) => `${f.path} (${int(f.records)})`).join(', ')} …`);
    const measures: FileMeasure[] = [];
    let lap = performance.now();
    // As an exercise loads a world (src/simulate/load.ts): agencies created, each file under its agency and marking.
    const loaded = await ingestWorld(store, gov, operator, worldDir, { ...manifest, files }, {
      ladder: LEVELS,
      quarantineDir,
      auditDetails: { bench: 'detection', world: worldDir },
      onFile: (f) => {
        const now = performance.now();
        const s = (now - lap) / 1000;
        lap = now;
        const x = f.summary;
        measures.push({ path: f.path, kind: kindOf(f.path), agency: f.agency, records: x.records, accepted: x.accepted, rejected: x.rejected, statements: x.statements, events: x.events, seconds: s });
        say(`ingest ${label}: ${f.path} ${s.toFixed(1)} s (${int(x.records)} records, ${int(x.statements)} statements, ${int(x.events)} events, ${x.rejected} rejected)`);
      },
    });
    const t1 = performance.now();
    const taskForce = await formTaskForce(gov, operator, loaded.files, LEVELS);
    const taskForceSeconds = seconds(t1);
    if (taskForce) say(`task force agreement ${taskForce.agreementId}: ${taskForce.holders.join(', ')} share ${taskForce.datasets.join(', ')} with ${operator.agencyId}`);
    process.stdout.write(JSON.stringify({ openSeconds, files: measures, taskForceSeconds, maxRssBytes: maxRssBytes() }) + '\n');
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

/** Where the load phase's time goes: each instrumented call's seconds and count, by label. */
type Breakdown = Record<string, { seconds: number; calls: number }>;

/**
 * Times the calls detection's load makes, without changing them: the store's
 * repositories (instance methods) and the ownership world's loader
 * (prototype: detection constructs its own). Store calls made from inside the
 * ownership loader count as its own. Single-threaded and awaited in sequence,
 * so a depth counter tells nesting apart.
 */
function instrument(store: Store, breakdown: Breakdown): void {
  let nestedDepth = 0;
  const add = (label: string, s: number) => {
    const b = (breakdown[label] ??= { seconds: 0, calls: 0 });
    b.seconds += s;
    b.calls++;
  };
  const wrap = (target: object, name: string, label: string, nests: boolean) => {
    const t = target as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const original = t[name]!;
    t[name] = async function (this: unknown, ...args: unknown[]) {
      if (!nests && nestedDepth > 0) return original.apply(this, args);
      if (nests) nestedDepth++;
      const t0 = performance.now();
      try {
        return await original.apply(this, args);
      } finally {
        if (nests) nestedDepth--;
        add(label, seconds(t0));
      }
    };
  };
  wrap(store.events, 'visiblePayments', 'store: payments', false);
  wrap(store.events, 'visibleDeclarations', 'store: declarations', false);
  for (const m of ['ofSchemata', 'forEntities', 'schemataOf', 'referencingAny', 'classes']) wrap(store.statements, m, `store: statements.${m}`, false);
  wrap(OwnershipService.prototype, 'load', 'ownership world: stakes, their parties, designation links (its store calls included)', true);
}

/**
 * What the detect measure holds so far: written to PARTIAL_FILE after each
 * step, so that a run stopped by the bench's time limit still says how far it
 * got and where the time went.
 */
interface DetectProgress {
  analyzeSeconds: number;
  loadSeconds: number | null;
  loadBreakdown: Breakdown;
  indicators: IndicatorMeasure[];
  elapsedSeconds: number;
  maxRssBytes: number;
}

async function runDetect(where: string, partialFile: string | undefined): Promise<void> {
  const store = await open(where);
  try {
    const { gov, operator } = await governed(store);
    const scope = await gov.scope(operator);
    // Planner statistics after the bulk load, untimed (see bench/detection.ts): ingest refreshes the event
    // tables' statistics, not the statements'; PGlite has no autovacuum, and a server's may not have run yet.
    const ta = performance.now();
    await store.db.exec('ANALYZE');
    const analyzeSeconds = seconds(ta);
    say(`detect: ANALYZE ${analyzeSeconds.toFixed(1)} s`);
    const breakdown: Breakdown = {};
    const progress: DetectProgress = { analyzeSeconds, loadSeconds: null, loadBreakdown: breakdown, indicators: [], elapsedSeconds: 0, maxRssBytes: 0 };
    const t0 = performance.now();
    const save = () => {
      if (!partialFile) return;
      progress.elapsedSeconds = seconds(t0);
      progress.maxRssBytes = maxRssBytes();
      writeFileSync(partialFile, JSON.stringify(progress));
    };
    // Every indicator but the maritime ones (no positions in this world's store), each timed:
    // DetectService takes its catalogue as a parameter.
    const timed: Indicator[] = CATALOGUE.filter((ind) => !ind.code.startsWith('maritime.')).map((ind) => ({
      ...ind,
      run: async (inputs, params): Promise<AlertDraft[]> => {
        if (progress.loadSeconds === null) {
          progress.loadSeconds = seconds(t0);
          progress.loadBreakdown = structuredClone(breakdown);
          save();
          say(
            `detect: inputs loaded in ${progress.loadSeconds.toFixed(1)} s: ${int(inputs.payments.length)} payments, ${int(inputs.declarations.length)} declarations, ` +
              `${int(inputs.parties.length)} registered parties, ownership graph of ${int(inputs.ownership?.graph.size ?? 0)} nodes, ` +
              `${int(inputs.ownership?.designations.length ?? 0)} designated in it`,
          );
        }
        const t = performance.now();
        const found = await ind.run(inputs, params);
        progress.indicators.push({ code: ind.code, seconds: seconds(t), alerts: found.length });
        save();
        say(`detect: ${ind.code} ${seconds(t).toFixed(2)} s, ${int(found.length)} alerts`);
        return found;
      },
    }));
    instrument(store, breakdown);
    const service = new DetectService(store, LEVELS, timed);
    say(`detect: loading inputs (${timed.length} indicators) …`);
    save();
    const saver = setInterval(save, 5000);
    saver.unref();
    const result = await service.run(scope, { profile: defaultProfile(CATALOGUE) });
    clearInterval(saver);
    const total = seconds(t0);
    process.stdout.write(
      JSON.stringify({
        analyzeSeconds,
        load: result.seconds.load,
        detect: result.seconds.detect,
        store: result.seconds.store,
        total,
        loaded: result.loaded,
        loadBreakdown: progress.loadBreakdown,
        indicators: progress.indicators,
        alerts: result.alerts.length,
        created: result.created,
        maxRssBytes: maxRssBytes(),
      }) + '\n',
    );
  } finally {
    await store.close();
  }
}

if (mode === 'world' && a && b) await runWorld(a, b);
else if (mode === 'detect' && a) await runDetect(a, b);
else if (mode === 'closure' && a && b) {
  const measure = await runClosure(JSON.parse(a) as ClosureOptions, b, say);
  process.stdout.write(JSON.stringify(measure) + '\n');
} else {
  process.stderr.write('usage: detection-worker.ts world TARGET WORLD_DIR | detect TARGET [PARTIAL_FILE] | closure OPTIONS_JSON OUT_DIR\n');
  process.exit(2);
}
