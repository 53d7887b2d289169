import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { SextantError } from '../src/errors.ts';
import { Governance } from '../src/policy/index.ts';
import { ReadScope, type SeeableRow } from '../src/policy/scope.ts';
import type { Viewer } from '../src/policy/viewer.ts';
import { ingest } from '../src/readers/ingest.ts';
import { assemble, EntityService, groupByEntity } from '../src/store/entity-service.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { generateFtm } from './generate-ftm.ts';

/**
 * `npm run bench -- policy [--entities N] [--rounds N] [--page N] [--sample N] [--database-url URL] [--verbose]`
 *
 * The cost of the policy module on entity assembly: the same entities
 * assembled without policy and through a viewer's ReadScope, in the same
 * process and run, alternating, repeated; the median round is reported.
 * Target (governance issue): overhead under 30% for 10,000 entities.
 *
 * The data makes the policy do real work: the entities are split over three
 * datasets held by `local` — TLP:CLEAR (open to everyone), TLP:AMBER (open to
 * customs-be under an agreement that masks birthDate and hashes
 * registrationNumber/idNumber) and TLP:AMBER//REL TO NL (refused to customs-be,
 * a Belgian agency). Viewers: an analyst of customs-be, and the home
 * administrator (who holds everything, so every decision is "open").
 *
 * PGlite in a temporary directory by default; `--database-url` (or env
 * DATABASE_URL) for PostgreSQL, which must be an empty scratch database.
 */

const DATASETS = [
  { name: 'bench_clear', marking: 'TLP:CLEAR' },
  { name: 'bench_amber', marking: 'TLP:AMBER' },
  { name: 'bench_rel_nl', marking: 'TLP:AMBER//REL TO NL' },
] as const;
const TARGET = 0.3;

interface Options {
  entities: number;
  rounds: number;
  page: number;
  sample: number;
  databaseUrl: string | null;
  verbose: boolean;
}

function parseOptions(argv: string[]): Options {
  const int = (flag: string, dflt: number): number => {
    const i = argv.indexOf(flag);
    if (i < 0) return dflt;
    const n = Number(argv[i + 1]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive whole number`);
    return n;
  };
  const u = argv.indexOf('--database-url');
  const databaseUrl = u >= 0 ? (argv[u + 1] ?? null) : (process.env.DATABASE_URL ?? null);
  if (u >= 0 && !databaseUrl) throw new Error('--database-url needs a URL');
  return { entities: int('--entities', 10_000), rounds: int('--rounds', 5), page: int('--page', 500), sample: int('--sample', 500), databaseUrl, verbose: argv.includes('--verbose') };
}

/** One pass over a set of entities: wall time and where it went. */
interface Pass {
  total: number;
  fetch: number;
  policy: number;
  assemble: number;
  /** Entities that came out (an entity the viewer sees nothing of does not). */
  visible: number;
  /** Values in the assembled entities (consumed so that nothing is optimised away). */
  values: number;
}

interface Case {
  section: 'pages' | 'memory' | 'get';
  name: string;
  entities: number;
  /** Whose scope the statements pass through; null: none (or, for EntityService.get, a pass-through scope). */
  viewer: Viewer | null;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const peakRss = (): string => `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`;
const countValues = (props: Record<string, string[]>): number => {
  let n = 0;
  for (const k in props) n += props[k]!.length;
  return n;
};

/** Split the generated file into one file per dataset, by blocks of 10 (a block's references stay inside it). */
async function split(source: string, targets: string[]): Promise<void> {
  const outs = targets.map((t) => createWriteStream(t));
  let i = 0;
  for await (const line of createInterface({ input: createReadStream(source), crlfDelay: Infinity })) {
    if (line === '') continue;
    const out = outs[Math.floor(i++ / 10) % outs.length]!;
    if (!out.write(line + '\n')) await once(out, 'drain');
  }
  await Promise.all(
    outs.map(async (o) => {
      o.end();
      await once(o, 'finish');
    }),
  );
}

/** A scope that lets everything through unchanged: EntityService.get with the same queries and no policy. */
class NoPolicyScope extends ReadScope {
  override see<T extends SeeableRow>(row: T): T | null {
    return row;
  }
  override seeAll<T extends SeeableRow>(rows: T[]): T[] {
    return rows;
  }
}

async function describePostgres(url: string): Promise<{ label: string; empty: boolean }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const v = await c.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    const t = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`);
    const shown = new URL(url);
    shown.password = '';
    return { label: `PostgreSQL ${v.rows[0]!.v} (${shown.host}${shown.pathname})`, empty: t.rows[0]!.n === 0 };
  } finally {
    await c.end();
  }
}

export async function runPolicyBench(argv: string[]): Promise<number> {
  let opts: Options;
  try {
    opts = parseOptions(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  const tmp = await mkdtemp(join(tmpdir(), 'sextant-bench-policy-'));
  let store: Store | null = null;
  try {
    let dbLabel: string;
    if (opts.databaseUrl) {
      const d = await describePostgres(opts.databaseUrl);
      if (!d.empty) {
        process.stderr.write(`the policy benchmark writes its own data: give it an empty scratch database (${d.label} has tables)\n`);
        return 2;
      }
      dbLabel = d.label;
      store = await openStore({ kind: 'postgres', url: opts.databaseUrl });
    } else {
      dbLabel = 'PGlite (embedded, temporary directory)';
      store = await openStore({ kind: 'pglite', dataDir: join(tmp, 'db') });
    }
    process.stdout.write(`database: ${dbLabel}\n`);
    const s = store;

    // ---- data ----
    const t0 = performance.now();
    const generated = join(tmp, 'generated.ftm.json');
    await generateFtm(generated, opts.entities);
    const parts = DATASETS.map((d) => join(tmp, `${d.name}.ftm.json`));
    await split(generated, parts);
    await rm(generated);
    const quarantineDir = join(tmp, 'quarantine');
    let statements = 0;
    for (const [i, d] of DATASETS.entries()) {
      const r = await ingest(s, { path: parts[i]!, quarantineDir, agency: 'local', marking: d.marking, dataset: d.name });
      if (r.rejected > 0) throw new Error(`ingest of ${d.name} rejected ${r.rejected} records`);
      statements += r.statements;
      await rm(parts[i]!);
    }
    const ids: string[] = [];
    for (let after = ''; ; ) {
      const page = await s.statements.entityIdsPage(null, after, 5000);
      if (page.length === 0) break;
      ids.push(...page);
      after = page[page.length - 1]!;
    }

    // ---- governance: a second agency, its analyst and supervisor, an agreement both approved ----
    const gov = new Governance(s, loadConfig({}, {}).governance);
    await gov.identity.bootstrap();
    const admin = await gov.identity.cliViewer('admin', 'sanctions');
    await gov.identity.createAgency(admin, { id: 'customs-be', name: 'Customs Belgium', country: 'BE', sector: 'customs' });
    await gov.identity.createUser(admin, { username: 'customs-analyst', agency: 'customs-be', roles: ['analyst'] });
    await gov.identity.createUser(admin, { username: 'customs-supervisor', agency: 'customs-be', roles: ['supervisor'] });
    const agreement = await gov.agreements.create(admin, {
      name: 'bench: local and customs-be',
      parties: ['local', 'customs-be'],
      categories: [{ dataset: 'bench_amber' }, { dataset: 'bench_rel_nl' }],
      purposes: ['sanctions'],
      maxTlp: 'AMBER',
      minimisation: [
        { property: 'birthDate', action: 'mask' },
        { property: 'registrationNumber', action: 'hash' },
        { property: 'idNumber', action: 'hash' },
      ],
    });
    await gov.agreements.approve(admin, agreement.id);
    await gov.agreements.approve(await gov.identity.cliViewer('customs-supervisor', 'sanctions'), agreement.id);
    const customs = await gov.identity.cliViewer('customs-analyst', 'sanctions');
    const setupSeconds = (performance.now() - t0) / 1000;

    // What the policy does with these statements, for each viewer (not timed).
    const work = async (viewer: Viewer) => {
      const policy = await gov.policy();
      const w = { open: 0, mask: 0, hash: 0, refused: 0 };
      for (let i = 0; i < ids.length; i += opts.page) {
        for (const r of await s.statements.forEntities(ids.slice(i, i + opts.page))) {
          const a = policy.read(viewer, r);
          if (!a.allow) w.refused++;
          else if (a.transform === null) w.open++;
          else w[a.transform]++;
        }
      }
      return w;
    };
    const wc = await work(customs);
    const wa = await work(admin);
    process.stdout.write(
      `data: ${ids.length} entities, ${statements} statements, in ${DATASETS.map((d) => `${d.name} (${d.marking})`).join(', ')}; ` +
        `set up in ${setupSeconds.toFixed(1)} s, peak RSS so far ${peakRss()}\n` +
        `policy decisions per statement: customs-be analyst ${wc.open} open, ${wc.mask} masked, ${wc.hash} hashed, ${wc.refused} refused; ` +
        `local admin ${wa.open} open, ${wa.mask + wa.hash} minimised, ${wa.refused} refused\n`,
    );

    // ---- the passes ----
    // The host may be busy (other processes, database caches): so that drift
    // does not favour one case, the cases are interleaved at the finest grain —
    // every page (and, one by one, every entity) is read by each case in turn,
    // in an order that rotates — and a round's total per case is compared.
    const empty = (): Pass => ({ total: 0, fetch: 0, policy: 0, assemble: 0, visible: 0, values: 0 });

    /** (a)/(b): every entity, in pages: one query per page, then (policy), group, assemble. */
    const pageCases: Case[] = [
      { section: 'pages', name: 'assemble, no policy (baseline)', entities: ids.length, viewer: null },
      { section: 'pages', name: 'assemble + policy, customs-be analyst', entities: ids.length, viewer: customs },
      { section: 'pages', name: 'assemble + policy, local admin', entities: ids.length, viewer: admin },
    ];
    const pageRound = async (): Promise<Pass[]> => {
      const out = pageCases.map(empty);
      // A fresh scope per round: decisions are made (and cached) anew, as for a new request.
      const scopes: Array<ReadScope | null> = [];
      for (const [k, c] of pageCases.entries()) {
        const t = performance.now();
        scopes.push(c.viewer ? await gov.scope(c.viewer) : null);
        out[k]!.policy += performance.now() - t;
        out[k]!.total += performance.now() - t;
      }
      for (let i = 0, n = 0; i < ids.length; i += opts.page, n++) {
        const pageIds = ids.slice(i, i + opts.page);
        for (let j = 0; j < pageCases.length; j++) {
          const k = (j + n) % pageCases.length;
          const p = out[k]!;
          const scope = scopes[k]!;
          const start = performance.now();
          let rows = await s.statements.forEntities(pageIds);
          let t = performance.now();
          p.fetch += t - start;
          if (scope) {
            rows = scope.seeAll(rows);
            const u = performance.now();
            p.policy += u - t;
            t = u;
          }
          for (const [id, rs] of groupByEntity(rows)) {
            p.visible++;
            p.values += countValues(assemble(id, rs).properties);
          }
          const end = performance.now();
          p.assemble += end - t;
          p.total += end - start;
        }
      }
      for (const sc of scopes) sc?.takeMarkedCount();
      return out;
    };

    /** The same without the database: each page is fetched once, untimed, then assembled by each case. */
    const memoryCases: Case[] = pageCases.map((c) => ({ ...c, section: 'memory', name: c.name.replace('assemble', 'in memory: assemble') }));
    const memoryRound = async (): Promise<Pass[]> => {
      const out = memoryCases.map(empty);
      const scopes = await Promise.all(memoryCases.map((c) => (c.viewer ? gov.scope(c.viewer) : null)));
      for (let i = 0, n = 0; i < ids.length; i += opts.page, n++) {
        const fetched = await s.statements.forEntities(ids.slice(i, i + opts.page));
        for (let j = 0; j < memoryCases.length; j++) {
          const k = (j + n) % memoryCases.length;
          const p = out[k]!;
          const scope = scopes[k]!;
          const start = performance.now();
          let rows = fetched;
          let t = start;
          if (scope) {
            rows = scope.seeAll(rows);
            t = performance.now();
            p.policy += t - start;
          }
          for (const [id, rs] of groupByEntity(rows)) {
            p.visible++;
            p.values += countValues(assemble(id, rs).properties);
          }
          const end = performance.now();
          p.assemble += end - t;
          p.total += end - start;
        }
      }
      return out;
    };

    // (c): a sample, one entity at a time.
    const step = Math.max(1, Math.floor(ids.length / opts.sample));
    const sample = ids.filter((_, i) => i % step === 0).slice(0, opts.sample);
    const service = new EntityService(s);
    const getCases: Case[] = [
      { section: 'get', name: 'forEntities([id]) + assemble, no policy', entities: sample.length, viewer: null },
      { section: 'get', name: 'EntityService.get, pass-through scope', entities: sample.length, viewer: null },
      { section: 'get', name: 'EntityService.get, customs-be analyst', entities: sample.length, viewer: customs },
      { section: 'get', name: 'EntityService.get, local admin', entities: sample.length, viewer: admin },
    ];
    const getRound = async (): Promise<Pass[]> => {
      const out = getCases.map(empty);
      const scopes: Array<ReadScope | null> = [];
      for (const [k, c] of getCases.entries()) {
        const t = performance.now();
        scopes.push(k === 0 ? null : c.viewer ? await gov.scope(c.viewer) : new NoPolicyScope(admin, await gov.policy()));
        out[k]!.total += performance.now() - t;
      }
      for (const [n, id] of sample.entries()) {
        for (let j = 0; j < getCases.length; j++) {
          const k = (j + n) % getCases.length;
          const p = out[k]!;
          const scope = scopes[k]!;
          const start = performance.now();
          if (scope === null) {
            const rows = await s.statements.forEntities([id]);
            if (rows.length > 0) {
              p.visible++;
              p.values += countValues(assemble(id, rows).properties);
            }
          } else {
            try {
              const e = await service.get(id, scope);
              p.visible++;
              p.values += countValues(e.properties) + e.related.length;
            } catch (err) {
              if (!(err instanceof SextantError && err.code === 'not_found')) throw err;
            }
          }
          p.total += performance.now() - start;
        }
      }
      for (const sc of scopes) sc?.takeMarkedCount();
      return out;
    };

    const cases = [...pageCases, ...memoryCases, ...getCases];
    const results = new Map<Case, Pass[]>(cases.map((c) => [c, []]));
    await pageRound(); // warm-up: JIT, database caches
    await memoryRound();
    await getRound();
    const rss: number[] = [];
    for (let round = 0; round < opts.rounds; round++) {
      for (const [k, p] of (await pageRound()).entries()) results.get(pageCases[k]!)!.push(p);
      for (const [k, p] of (await memoryRound()).entries()) results.get(memoryCases[k]!)!.push(p);
      for (const [k, p] of (await getRound()).entries()) results.get(getCases[k]!)!.push(p);
      rss.push(process.memoryUsage().rss);
    }

    // ---- report ----
    const med = (c: Case, key: keyof Pass) => median(results.get(c)!.map((p) => p[key]));
    const base = pageCases[0]!;
    const baseGet = getCases[0]!;
    const passThrough = getCases[1]!;
    const pct = (x: number, b: number) => `${x >= b ? '+' : ''}${(((x - b) / b) * 100).toFixed(1)}%`;
    const header =
      `${'case'.padEnd(48)} ${'entities'.padStart(8)} ${'visible'.padStart(7)} ${'ms'.padStart(8)} ${'entities/s'.padStart(10)}` +
      ` ${'fetch ms'.padStart(8)} ${'policy ms'.padStart(9)} ${'asm ms'.padStart(7)}  overhead`;
    const lines = [
      '',
      `median of ${opts.rounds} rounds (after one warm-up), cases interleaved page by page and entity by entity; pages of ${opts.page} ids; sample of ${sample.length} ids for one-by-one reads`,
      header,
      '-'.repeat(header.length + 40),
    ];
    for (const c of cases) {
      const ms = med(c, 'total');
      const rate = Math.round(c.entities / (ms / 1000));
      let overhead = '';
      if (c === base || c === baseGet || c === memoryCases[0]) overhead = '(baseline)';
      else if (c.section === 'memory') overhead = `${pct(ms, med(memoryCases[0]!, 'total'))} vs in-memory baseline (no database: the policy's own cost against assembly alone)`;
      else if (c.section === 'pages') {
        const o = ms / med(base, 'total') - 1;
        overhead = `${pct(ms, med(base, 'total'))} vs baseline  target < 30%: ${o < TARGET ? 'met' : 'NOT met'}`;
      } else if (c === passThrough) overhead = `${pct(ms, med(baseGet, 'total'))} vs forEntities+assemble (no policy: extra queries for provenance and related)`;
      else {
        const o = ms / med(passThrough, 'total') - 1;
        overhead = `${pct(ms, med(baseGet, 'total'))} vs forEntities+assemble; ${pct(ms, med(passThrough, 'total'))} vs pass-through scope (policy alone; < 30%: ${o < TARGET ? 'met' : 'NOT met'})`;
      }
      const phase = (k: keyof Pass) => (c.section === 'get' ? '' : med(c, k).toFixed(1));
      if (c === memoryCases[0] || c === baseGet) lines.push('');
      lines.push(
        `${c.name.padEnd(48)} ${String(c.entities).padStart(8)} ${String(results.get(c)![0]!.visible).padStart(7)} ${med(c, 'total').toFixed(1).padStart(8)} ${String(rate).padStart(10)}` +
          ` ${phase('fetch').padStart(8)} ${phase('policy').padStart(9)} ${phase('assemble').padStart(7)}  ${overhead}`,
      );
    }
    const polCustoms = med(pageCases[1]!, 'policy');
    const perRound = (c: Case) =>
      results
        .get(c)!
        .map((p, i) => pct(p.total, results.get(base)![i]!.total))
        .join(' ');
    lines.push(
      '',
      `policy work alone (customs-be analyst, all ${ids.length} entities): ${polCustoms.toFixed(1)} ms = ${((polCustoms / med(base, 'total')) * 100).toFixed(1)}% of the baseline time\n` +
        `overhead per round: customs-be analyst ${perRound(pageCases[1]!)}; local admin ${perRound(pageCases[2]!)}`,
      'EntityService.get also reads provenance, referencing statements and related entities (3 queries per entity instead of 1): compare it with the pass-through scope for the cost of policy.',
      'For customs-be, a refused entity stops at the first query (not_found) and hidden related entities drop out, so its get can be faster than the pass-through scope.',
      `memory: RSS after each round ${rss.map(mb).join(', ')}; heap used ${mb(process.memoryUsage().heapUsed)}; peak RSS ${peakRss()}`,
      `database: ${dbLabel}`,
    );
    if (opts.verbose) {
      lines.push('', 'per round, ms:');
      for (const c of cases) lines.push(`  ${c.name.padEnd(48)} ${results.get(c)!.map((p) => p.total.toFixed(1).padStart(7)).join(' ')}`);
    }
    process.stdout.write(lines.join('\n') + '\n');
    if (opts.databaseUrl) process.stdout.write('the scratch database now holds the benchmark data; drop it when done\n');
    return 0;
  } catch (err) {
    process.stderr.write(`policy benchmark failed: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  } finally {
    if (store) await store.close().catch(() => undefined);
    await rm(tmp, { recursive: true, force: true });
  }
}
