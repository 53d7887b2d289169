import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig } from '../config.ts';
import { CATALOGUE } from '../detect/catalogue.ts';
import { defaultProfile } from '../detect/profile.ts';
import { DetectService } from '../detect/service.ts';
import type { Ladder } from '../policy/markings.ts';
import type { ReadScope } from '../policy/scope.ts';
import { ScreeningService } from '../screen/service.ts';
import type { QueryEntity } from '../screen/query.ts';
import { buildApp } from '../server/app.ts';
import type { Manifest } from '../simulate/index.ts';
import { formTaskForce, ingestWorld } from '../simulate/load.ts';
import type { TruthScheme } from '../simulate/truth.ts';
import type { Store } from '../store/index.ts';
import { demoDirectory, generateWorld } from './simulate.ts';
import { openGoverned, type CliContext } from './session.ts';

export interface DemoFlags {
  out?: string;
  seed: number;
  scale: number;
  days?: number;
  serve: boolean;
  port?: number;
  host?: string;
  /** The user named a store (--data, DATABASE_URL): use it rather than a fresh one beside the world. */
  storeGiven: boolean;
}

const SCREEN_THRESHOLD = 0.7;

/**
 * `sextant demo`: simulate a small world, load every agency's files under that
 * agency into a fresh embedded store, run the analysis Sextant has (screening
 * the registry against the exercise's sanctions list), print a briefing and
 * serve the API.
 */
export async function runDemo(ctx: CliContext, flags: DemoFlags): Promise<void> {
  const dir = await demoDirectory(flags.out);
  const say = (line: string) => process.stdout.write(line + '\n');
  say(`sextant demo: simulating a world (seed ${flags.seed}, scale ${flags.scale}) in ${dir}`);
  const manifest = await generateWorld(dir, { seed: flags.seed, scale: flags.scale, ...(flags.days ? { days: flags.days } : {}) }, true);
  const config = flags.storeGiven ? ctx.config : loadConfig({ data: join(dir, 'store') });
  const { store, gov } = await openGoverned({ ...ctx, config, open: () => import('../store/index.ts').then((m) => m.openStore(config.db)) });
  try {
    const operator = await gov.identity.cliViewer(ctx.as, ctx.purpose);
    say('\nLoaded (each file under the agency that holds it):');
    const { files: held, rejected } = await ingestWorld(store, gov, operator, dir, manifest, {
      ladder: config.governance.levels,
      quarantineDir: config.quarantineDir,
      auditDetails: { demo: dir },
      onFile: ({ path, agency, marking, summary }) =>
        say(`  ${path.padEnd(34)} ${agency.padEnd(20)} ${String(summary.accepted).padStart(9)} records  ${marking ?? ''}${summary.rejected ? `  (${summary.rejected} rejected: ${summary.quarantine})` : ''}`),
    });

    const truth = JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8')) as { schemes: TruthScheme[] };
    say(`\nPlanted in this world (truth.json): ${summariseTruth(truth.schemes)}`);
    const taskForce = await formTaskForce(gov, operator, held, config.governance.levels);
    if (taskForce) {
      say(
        `\nTask force agreement ${taskForce.agreementId}: ${taskForce.holders.join(', ')} share ${taskForce.datasets.join(', ')} with ${operator.agencyId} for ${operator.purpose} (approved by each holder's supervisor; see sextant agreement show)`,
      );
    }
    const scope = await gov.scope(operator);
    await briefScreening(store, scope, dir, manifest, truth.schemes, say);
    await briefDetection(store, scope, config.governance.levels, truth.schemes, say);
    if (rejected > 0) process.exitCode = 3;
    if (!flags.serve) return;
    const app = await buildApp(gov, { bodyLimit: config.bodyLimit, logLevel: config.logLevel });
    const address = await app.listen({ port: flags.port ?? config.port, host: flags.host ?? config.host });
    say(`\nsextant API on ${address} — OpenAPI ${address}/openapi.json, docs ${address}/docs`);
    say(`try: curl -s -X POST ${address}/match/exercise_list -H 'content-type: application/json' (after signing in; see docs/GOVERNANCE.md)`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await app.close();
  } finally {
    await store.close();
  }
}

function summariseTruth(schemes: TruthScheme[]): string {
  const counts = new Map<string, { n: number; negative: boolean }>();
  for (const s of schemes) counts.set(s.type, { n: (counts.get(s.type)?.n ?? 0) + 1, negative: s.negative });
  return [...counts].map(([type, c]) => `${c.n} ${type}${c.negative ? ' (negative)' : ''}`).join(', ');
}

/** Screen every registry person and company against the exercise's list and say what was found. */
async function briefScreening(store: Store, scope: ReadScope, dir: string, manifest: Manifest, truth: TruthScheme[], say: (l: string) => void): Promise<void> {
  const registry = manifest.files.find((f) => f.path.startsWith('registry/'));
  const list = manifest.files.find((f) => f.path.startsWith('sanctions/'));
  if (!registry || !list) return;
  const listDataset = list.path.replace(/^.*\//, '').replace(/\.ftm\.json$/, '');
  const screening = new ScreeningService(store);
  const queries: Array<[string, QueryEntity]> = [];
  const lines = createInterface({ input: createReadStream(join(dir, registry.path)) });
  for await (const line of lines) {
    const e = JSON.parse(line) as { id: string; schema: string; properties: Record<string, string[]> };
    if (e.schema !== 'Person' && e.schema !== 'Company') continue;
    const keep = ['name', 'alias', 'birthDate', 'nationality', 'jurisdiction', 'registrationNumber'];
    queries.push([e.id, { schema: e.schema, properties: Object.fromEntries(Object.entries(e.properties).filter(([k]) => keep.includes(k))) }]);
  }
  const hits: Array<{ id: string; caption: string; listed: string; score: number }> = [];
  for (let i = 0; i < queries.length; i += 100) {
    const batch = Object.fromEntries(queries.slice(i, i + 100));
    const res = await screening.match(listDataset, batch, { limit: 1, threshold: SCREEN_THRESHOLD }, scope);
    for (const [id, r] of Object.entries(res)) {
      const top = r.results[0];
      if (top && top.match) hits.push({ id, caption: batch[id]!.properties.name?.[0] ?? id, listed: top.caption, score: top.score });
    }
  }
  const subjectIds = (type: string, schema: string) => new Set(truth.filter((s) => s.type === type).flatMap((s) => s.subjects.filter((x) => x.schema === schema).map((x) => x.identifiers.id)));
  const fronts = subjectIds('front_company', 'Company');
  const namesakes = subjectIds('common_names', 'Person');
  const frontsFound = [...fronts].filter((id) => hits.some((h) => h.id === id)).length;
  const namesakesFlagged = hits.filter((h) => namesakes.has(h.id)).length;
  say(`\nScreening: ${queries.length} registry people and companies against ${listDataset} (threshold ${SCREEN_THRESHOLD}):`);
  say(`  ${hits.length} possible matches; planted front companies found ${frontsFound} of ${fronts.size}; namesakes (hard negatives) above threshold ${namesakesFlagged} of ${namesakes.size}`);
  for (const h of hits.sort((a, b) => b.score - a.score).slice(0, 8)) say(`  ${h.score.toFixed(2)}  ${h.caption}  ~  ${h.listed}  (${h.id})`);
}

/** Run every indicator of the catalogue and say, per indicator, what it found and what truth.json planted. */
async function briefDetection(store: Store, scope: ReadScope, ladder: Ladder, truth: TruthScheme[], say: (l: string) => void): Promise<void> {
  if (CATALOGUE.length === 0) return;
  const profile = defaultProfile(CATALOGUE);
  const result = await new DetectService(store, ladder).run(scope, { profile });
  const above = result.alerts.filter((a) => a.score >= profile.alertThreshold);
  say(`\nDetection (${CATALOGUE.length} indicators, ${result.loaded.positions.toLocaleString('en')} positions, ${result.seconds.detect.toFixed(1)} s): ${above.length} alerts at or above ${profile.alertThreshold}`);
  for (const [code, n] of Object.entries(result.byIndicator)) {
    const strong = above.filter((a) => a.indicator === code).length;
    say(`  ${code.padEnd(32)} ${String(strong).padStart(5)} alerts  (${n - strong} below threshold)`);
  }
  for (const a of above.slice(0, 5)) say(`  ${a.score.toFixed(2)}  ${a.indicator}  ${a.subjects.map((x) => x.name || x.id).join(' / ')}: ${a.explanation}`);
  const planted = truth.filter((t) => !t.negative && ['sts_dark_transfer', 'shadow_fleet', 'identity_manipulation'].includes(t.type));
  const hit = planted.filter((t) =>
    t.subjects.some((s) =>
      above.some((a) => a.window.end >= t.window.start && a.window.start <= t.window.end && a.subjects.some((x) => Object.values(s.identifiers).some((v) => Object.values(x.identifiers).includes(v)))),
    ),
  );
  say(`  planted maritime schemes with an alert on a subject in their window: ${hit.length} of ${planted.length}; see \`sextant alerts\` and GET /alerts`);
}
