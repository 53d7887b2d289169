import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildScreeningSet, type LabelledPair } from '../eval/screening-set.ts';
import { foldName } from '../src/model/normalize/names.ts';
import { describeInput, detectReader, expandPaths } from '../src/readers/index.ts';
import { defaultDatasetName, ingest } from '../src/readers/ingest.ts';
import type { IndexEntry } from '../src/screen/candidate-index.ts';
import { prepareSubject, type Subject } from '../src/screen/compare.ts';
import { ScreeningService, toSubject, type QueryEntity } from '../src/screen/service.ts';
import { buildApp } from '../src/server/app.ts';
import { assemble, groupByEntity } from '../src/store/entity-service.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { governed } from '../test/support/governance.ts';
import { TEST_DATABASE_URL } from '../test/support/stores.ts';

/**
 * `npm run bench -- screening [--queries N] [--seconds S] [--clients N] [--database-url URL]`
 *
 * Screening speed and recall against every official list in
 * ../shared/data/lists, ingested into PostgreSQL, on the query subjects of the
 * labelled screening set (eval/screening-set.ts), next to two baselines
 * measured in the same run on the same queries:
 *  - pg_trgm: the statements' GIN trigram index on folded names (what a
 *    database user reaches for), one SQL query per query name, sequentially;
 *  - a Watchman-style brute force: every stored name scored against the query
 *    with token Jaro-Winkler (best pairs, length-weighted, length and first
 *    letter penalties, after moov-io/watchman), top 5 entities kept.
 * Sextant itself: the candidate index in-process, one query at a time (and the
 * service call that also fetches and assembles the results), then the HTTP
 * API (POST /match/default, one query per request) under 1 and N concurrent
 * clients driven from a worker thread.
 *
 * Recall@5 = share of positive pairs whose list entity is in the first 5
 * results: for Sextant with score ≥ 0.7 (its `match`), for the baselines at
 * any score (their scores are on other scales). Figures only: nothing here
 * asserts a time.
 *
 * Store: a scratch database sextant_bench_screen_<pid> on the test server
 * (created through the `test` database, dropped at the end), or
 * --database-url / DATABASE_URL (empty, or a previous run's: only list
 * datasets; the lists are ingested again, which is idempotent).
 */

const HERE = dirname(fileURLToPath(import.meta.url));
const LISTS = resolve(HERE, '..', '..', 'shared', 'data', 'lists');
const LIMIT = 5;
const THRESHOLD = 0.7;
const TARGET_SPEEDUP = 5;
const TARGET_P99_MS = 10;
const TARGET_CLIENTS = 8;

interface Options {
  queries: number;
  seconds: number;
  clients: number;
  databaseUrl: string | null;
}

function parseOptions(argv: string[]): Options {
  const num = (flag: string, dflt: number, integer: boolean): number => {
    const i = argv.indexOf(flag);
    if (i < 0) return dflt;
    const n = Number(argv[i + 1]);
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new Error(`${flag} needs a positive ${integer ? 'whole ' : ''}number`);
    return n;
  };
  const u = argv.indexOf('--database-url');
  const databaseUrl = u >= 0 ? (argv[u + 1] ?? null) : (process.env.DATABASE_URL ?? null);
  if (u >= 0 && !databaseUrl) throw new Error('--database-url needs a URL');
  const known = new Set(['--queries', '--seconds', '--clients', '--database-url']);
  for (let i = 0; i < argv.length; i += 2) if (!known.has(argv[i]!)) throw new Error(`unknown option ${argv[i]}`);
  return { queries: num('--queries', 2000, true), seconds: num('--seconds', 10, false), clients: num('--clients', TARGET_CLIENTS, true), databaseUrl };
}

// ---------------------------------------------------------------------------
// Figures

const sortedOf = (xs: ArrayLike<number>): number[] => Array.from(xs).sort((a, b) => a - b);
/** Nearest-rank percentile of sorted values. */
const pct = (sorted: number[], p: number): number => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!);
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const peakRssMB = (): number => process.resourceUsage().maxRSS / 1024;
const ms = (x: number): string => (Number.isNaN(x) ? '-' : x < 10 ? x.toFixed(2) : x.toFixed(1));
const share = (k: number, n: number): string => (n === 0 ? '-' : `${((100 * k) / n).toFixed(1)}%`);
const say = (line: string): void => void process.stdout.write(line + '\n');

/** A full collection when the runtime lets us have one (heap figures are noise without it). */
const gc: (() => void) | null = (() => {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
})();

// ---------------------------------------------------------------------------
// Watchman-style baseline: token Jaro-Winkler, brute force over every name

const FLAGS_A = new Uint8Array(256);
const FLAGS_B = new Uint8Array(256);

/** Jaro-Winkler similarity (prefix scale 0.1 on up to 4 characters, boosted only above 0.7, as Watchman configures it). */
export function jaroWinkler(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (a === b) return 1;
  const fa = la <= 256 ? FLAGS_A.fill(0, 0, la) : new Uint8Array(la);
  const fb = lb <= 256 ? FLAGS_B.fill(0, 0, lb) : new Uint8Array(lb);
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let m = 0;
  for (let i = 0; i < la; i++) {
    const c = a.charCodeAt(i);
    const hi = Math.min(lb - 1, i + window);
    for (let j = Math.max(0, i - window); j <= hi; j++) {
      if (fb[j] === 0 && b.charCodeAt(j) === c) {
        fa[i] = 1;
        fb[j] = 1;
        m++;
        break;
      }
    }
  }
  if (m === 0) return 0;
  let half = 0;
  for (let i = 0, j = 0; i < la; i++) {
    if (fa[i] === 0) continue;
    while (fb[j] === 0) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) half++;
    j++;
  }
  const jaro = (m / la + m / lb + (m - half / 2) / m) / 3;
  if (jaro < 0.7) return jaro;
  let prefix = 0;
  const lim = Math.min(4, la, lb);
  while (prefix < lim && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Jaro-Winkler of two tokens, lowered when their lengths differ a lot and when their first letters differ. */
function tokenScore(a: string, b: string): number {
  let s = jaroWinkler(a, b);
  const ratio = Math.min(a.length, b.length) / Math.max(a.length, b.length);
  if (ratio < 0.9) s *= 1 - (1 - ratio) * 0.3;
  if (a.charCodeAt(0) !== b.charCodeAt(0)) s *= 0.9;
  return s;
}

/** First-letter sound class (Soundex groups; vowels, h, w, y together): only tokens of one class are compared, as Watchman's phonetic filter does. */
const SOUND = (() => {
  const t = new Uint8Array(128);
  const groups = ['aeiouyhw', 'bfpv', 'cgjkqsxz', 'dt', 'l', 'mn', 'r'];
  groups.forEach((g, k) => {
    for (const ch of g) t[ch.charCodeAt(0)] = k + 1;
  });
  return t;
})();
const soundOf = (token: string): number => {
  const c = token.charCodeAt(0);
  return c < 128 && SOUND[c]! > 0 ? SOUND[c]! : 100 + c;
};

interface WName {
  entity: number;
  tokens: string[];
  sounds: Uint16Array;
  length: number;
}

const MAX_TOKENS = 64;
const PAIRS = new Float64Array(MAX_TOKENS * MAX_TOKENS);
const USED_Q = new Uint8Array(MAX_TOKENS);
const USED_C = new Uint8Array(MAX_TOKENS);

/**
 * Best pairs: each query token takes its best remaining candidate token (each
 * used once), highest scores first; scores averaged weighted by the tokens'
 * lengths, then lowered by the share of the candidate name left unmatched.
 */
function bestPairs(q: string[], qs: Uint16Array, qLength: number, c: WName): number {
  const nq = Math.min(q.length, MAX_TOKENS);
  const nc = Math.min(c.tokens.length, MAX_TOKENS);
  let any = false;
  for (let i = 0; i < nq; i++) {
    for (let j = 0; j < nc; j++) {
      const s = qs[i] === c.sounds[j] ? tokenScore(q[i]!, c.tokens[j]!) : 0;
      PAIRS[i * nc + j] = s;
      if (s > 0) any = true;
    }
  }
  if (!any) return 0;
  USED_Q.fill(0, 0, nq);
  USED_C.fill(0, 0, nc);
  let weighted = 0;
  let matchedLength = 0;
  for (let round = Math.min(nq, nc); round > 0; round--) {
    let best = 0;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < nq; i++) {
      if (USED_Q[i]) continue;
      for (let j = 0; j < nc; j++) {
        const s = PAIRS[i * nc + j]!;
        if (s > best && !USED_C[j]) {
          best = s;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0) break;
    USED_Q[bi] = 1;
    USED_C[bj] = 1;
    weighted += best * (q[bi]!.length + c.tokens[bj]!.length);
    matchedLength += c.tokens[bj]!.length;
  }
  const average = weighted / (qLength + matchedLength);
  return average * (1 - (1 - matchedLength / c.length) * 0.15);
}

class WatchmanBaseline {
  private readonly names: WName[] = [];
  readonly entityIds: string[] = [];
  private best: Float64Array = new Float64Array(0);

  static async load(client: pg.Client): Promise<WatchmanBaseline> {
    const w = new WatchmanBaseline();
    const rows = await client.query<{ entity_id: string; match: string }>(
      `SELECT entity_id, match FROM statements WHERE prop_type = 'name' AND match IS NOT NULL AND match <> '' GROUP BY entity_id, match ORDER BY entity_id, match`,
    );
    const ids = new Map<string, number>();
    for (const r of rows.rows) {
      let e = ids.get(r.entity_id);
      if (e === undefined) {
        e = w.entityIds.length;
        w.entityIds.push(r.entity_id);
        ids.set(r.entity_id, e);
      }
      const tokens = r.match.split(' ').filter(Boolean);
      if (tokens.length === 0) continue;
      w.names.push({ entity: e, tokens, sounds: Uint16Array.from(tokens.map(soundOf)), length: tokens.reduce((n, t) => n + t.length, 0) });
    }
    w.best = new Float64Array(w.entityIds.length);
    return w;
  }

  get size(): number {
    return this.names.length;
  }

  search(names: string[], limit: number): Array<{ id: string; score: number }> {
    const touched: number[] = [];
    for (const name of names) {
      const q = foldName(name).split(' ').filter(Boolean);
      if (q.length === 0) continue;
      const qs = Uint16Array.from(q.map(soundOf));
      const qLength = q.reduce((n, t) => n + t.length, 0);
      for (const c of this.names) {
        const s = bestPairs(q, qs, qLength, c);
        if (s <= 0) continue;
        const prev = this.best[c.entity]!;
        if (prev === 0) touched.push(c.entity);
        if (s > prev) this.best[c.entity] = s;
      }
    }
    touched.sort((a, b) => this.best[b]! - this.best[a]! || a - b);
    const out = touched.slice(0, limit).map((e) => ({ id: this.entityIds[e]!, score: this.best[e]! }));
    for (const e of touched) this.best[e] = 0;
    return out;
  }
}

// ---------------------------------------------------------------------------
// Queries and recall

interface Query {
  pair: LabelledPair;
  entity: QueryEntity;
  /** The stored entities the pair's list entity is (empty when it could not be found). */
  expected: Set<string>;
}

/** A set subject as a yente-style query entity (the same shape the API takes). */
function queryEntity(s: Subject): QueryEntity {
  const properties: Record<string, string[]> = { name: s.names };
  if (s.birthDates?.length) properties.birthDate = s.birthDates;
  if (s.countries?.length) properties.country = s.countries;
  if (s.genders?.length) properties.gender = s.genders;
  for (const [prop, values] of Object.entries(s.identifiers ?? {})) if (values.length) properties[prop] = values;
  return { schema: s.schema, properties };
}

interface Hit {
  id: string;
  score: number;
}

interface EngineRun {
  name: string;
  /** Per query, in query order (undefined: not run). */
  hits: Array<Hit[] | undefined>;
  latencies: number[];
  wallMs: number;
  /** Whether the scores mean a match at THRESHOLD (Sextant). */
  thresholded: boolean;
}

interface Recall {
  n: number;
  atAny: number;
  atThreshold: number;
}

function recallOf(run: EngineRun, queries: Query[], keep: (q: Query) => boolean): Recall {
  const r: Recall = { n: 0, atAny: 0, atThreshold: 0 };
  for (const [i, q] of queries.entries()) {
    const hits = run.hits[i];
    if (!hits || !q.pair.label || q.expected.size === 0 || !keep(q)) continue;
    r.n++;
    const h = hits.slice(0, LIMIT).find((x) => q.expected.has(x.id));
    if (h) r.atAny++;
    if (h && h.score >= THRESHOLD) r.atThreshold++;
  }
  return r;
}

// ---------------------------------------------------------------------------
// HTTP load, from a worker thread so that the clients do not share the server's event loop

const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, token, bodies, clients, warmupMs, measureMs } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
function post(body) {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/match/default', method: 'POST', agent,
      headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let n = 0;
      res.on('data', (c) => { n += c.length; });
      res.on('end', () => resolve({ status: res.statusCode, bytes: n }));
    });
    req.on('error', (e) => resolve({ status: 0, error: String(e) }));
    req.end(body);
  });
}
async function phase(durationMs, record) {
  const latencies = [];
  const statuses = {};
  let next = 0;
  let bytes = 0;
  const end = performance.now() + durationMs;
  const client = async () => {
    while (performance.now() < end) {
      const body = bodies[next++ % bodies.length];
      const t = performance.now();
      const r = await post(body);
      const dt = performance.now() - t;
      statuses[r.status] = (statuses[r.status] || 0) + 1;
      if (r.status === 200) { latencies.push(dt); bytes += r.bytes; }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, client));
  return record ? { latencies, statuses, bytes, wallMs: performance.now() - t0 } : null;
}
(async () => {
  await phase(warmupMs, false);
  parentPort.postMessage({ measuring: true });
  const r = await phase(measureMs, true);
  agent.destroy();
  parentPort.postMessage(r);
})().catch((e) => parentPort.postMessage({ error: String((e && e.stack) || e) }));
`;

interface LoadResult {
  latencies: number[];
  statuses: Record<string, number>;
  bytes: number;
  wallMs: number;
}

/** Drive the server from a worker; `onMeasure` runs when the warm-up ends. */
function runLoad(port: number, token: string, bodies: string[], clients: number, warmupMs: number, measureMs: number, onMeasure: () => void): Promise<LoadResult> {
  return new Promise((resolvePromise, reject) => {
    const w = new Worker(LOAD_WORKER, { eval: true, execArgv: [], workerData: { port, token, bodies, clients, warmupMs, measureMs } });
    w.on('message', (m: LoadResult | { error: string } | { measuring: true }) => {
      if ('measuring' in m) return onMeasure();
      void w.terminate();
      if ('error' in m) reject(new Error(m.error));
      else resolvePromise(m);
    });
    w.once('error', reject);
  });
}

/**
 * Server-side time per request under load, by step: the route's calls into
 * governance and screening are wrapped (in this process only) and summed.
 * Each span includes waiting for a pooled connection and, for the audit, for
 * the appends before it.
 */
class Spans {
  readonly total = new Map<string, number>();
  requests: number[] = [];
  reset(): void {
    this.total.clear();
    this.requests = [];
  }
  wrap<T extends object, K extends keyof T>(target: T, key: K, label: string): void {
    const original = target[key] as unknown as (...a: unknown[]) => Promise<unknown>;
    const spans = this.total;
    (target as Record<K, unknown>)[key] = async function (this: unknown, ...a: unknown[]) {
      const t = performance.now();
      try {
        return await original.apply(this, a);
      } finally {
        spans.set(label, (spans.get(label) ?? 0) + performance.now() - t);
      }
    };
  }
  report(): string {
    const n = Math.max(1, this.requests.length);
    const sorted = sortedOf(this.requests);
    const total = this.requests.reduce((a, b) => a + b, 0) / n;
    const parts = [...this.total].map(([k, v]) => `${k} ${ms(v / n)}`);
    const rest = total - [...this.total.values()].reduce((a, b) => a + b, 0) / n;
    return `server time per request: mean ${ms(total)} ms (p50 ${ms(pct(sorted, 0.5))}, p99 ${ms(pct(sorted, 0.99))}) = ${parts.join(' + ')} + rest (routing, validation, JSON, event-loop waits) ${ms(rest)}`;
  }
}

/** One request from this thread (the first one builds the server's own index). */
function postOnce(port: number, token: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolvePromise, reject) => {
    const agent = new Agent({ keepAlive: false });
    const req = httpRequest(
      { host: '127.0.0.1', port, path: '/match/default', method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

// ---------------------------------------------------------------------------
// The store

interface Database {
  url: string;
  label: string;
  drop: (() => Promise<void>) | null;
}

async function scratchDatabase(): Promise<Database> {
  const name = `sextant_bench_screen_${process.pid}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    label: `scratch database ${name} on ${url.host} (dropped at the end)`,
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      try {
        // A closed pool's connections may still be going away: wait for them rather than cut them.
        for (let i = 0; i < 50; i++) {
          const [row] = (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name])).rows;
          if (row!.n === 0) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A given database must be empty or hold only the list datasets this benchmark writes (a previous run's). */
async function checkGivenDatabase(url: string, datasets: Set<string>): Promise<string | null> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const t = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`);
    if (t.rows[0]!.n === 0) return null;
    const has = await c.query<{ r: string | null }>(`SELECT to_regclass('datasets')::text AS r`);
    if (!has.rows[0]!.r) return 'it has tables but no Sextant schema';
    const others = (await c.query<{ name: string }>('SELECT name FROM datasets')).rows.map((r) => r.name).filter((n) => !datasets.has(n));
    return others.length > 0 ? `it holds other datasets (${others.slice(0, 5).join(', ')})` : null;
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------------------

export async function runScreeningBench(argv: string[]): Promise<number> {
  let opts: Options;
  try {
    opts = parseOptions(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  say(`machine: ${availableParallelism()} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (other work on the machine shows in every figure)`);

  // The official lists: every input under LISTS that a list reader takes.
  const inputs: Array<{ path: string; dataset: string }> = [];
  const skipped: string[] = [];
  for (const path of await expandPaths((await readdir(LISTS)).sort().map((d) => join(LISTS, d)))) {
    const reader = detectReader(await describeInput(path));
    if (reader.isList) inputs.push({ path, dataset: defaultDatasetName(reader.format, true, path) });
    else skipped.push(path.slice(LISTS.length + 1));
  }

  let db: Database;
  if (opts.databaseUrl) {
    const refused = await checkGivenDatabase(opts.databaseUrl, new Set(inputs.map((i) => i.dataset)));
    if (refused) {
      process.stderr.write(`the screening benchmark ingests the lists itself: give it an empty scratch database (${refused})\n`);
      return 2;
    }
    const shown = new URL(opts.databaseUrl);
    shown.password = '';
    db = { url: opts.databaseUrl, label: `${shown.host}${shown.pathname} (given; kept)`, drop: null };
  } else {
    db = await scratchDatabase();
  }

  const tmp = await mkdtemp(join(tmpdir(), 'sextant-bench-screen-'));
  let store: Store | null = null;
  let client: pg.Client | null = null;
  let app: FastifyInstance | null = null;
  let cleaned = false;
  const cleanup = async (): Promise<void> => {
    if (cleaned) return;
    cleaned = true;
    await app?.close().catch(() => undefined);
    await client?.end().catch(() => undefined);
    await store?.close().catch(() => undefined);
    if (db.drop) await db.drop().catch((err: Error) => process.stderr.write(`could not drop the scratch database: ${err.message}\n`));
    await rm(tmp, { recursive: true, force: true });
  };
  const onSignal = (): void => {
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    store = await openStore({ kind: 'postgres', url: db.url });
    const s = store;
    const version = (await s.db.query<{ v: string }>(`SELECT current_setting('server_version') AS v`))[0]!.v;
    say(`database: PostgreSQL ${version}, ${db.label}`);

    // ---- ingest ----
    let t = performance.now();
    let statements = 0;
    let entities = 0;
    for (const input of inputs) {
      const r = await ingest(s, { path: input.path, quarantineDir: join(tmp, 'quarantine') });
      statements += r.statements;
      entities += r.entities;
    }
    const ingestSeconds = (performance.now() - t) / 1000;
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const c = client;
    await c.query('ANALYZE statements');
    const nameRows = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM statements WHERE prop_type = 'name'`)).rows[0]!.n;
    say(
      `lists: ${inputs.map((i) => i.path.slice(LISTS.length + 1)).join(', ')} → ${entities} entities, ${statements} statements (${nameRows} name statements), ingested in ${ingestSeconds.toFixed(1)} s` +
        (skipped.length ? `; not lists, left out: ${skipped.join(', ')}` : ''),
    );

    // ---- queries: the labelled set's query subjects ----
    t = performance.now();
    const set = await buildScreeningSet({ limit: opts.queries });
    const { gov, admin } = await governed(s);
    const scope = await gov.scope(admin);
    const svc = new ScreeningService(s);

    // ---- Sextant: index build ----
    gc?.();
    const before = process.memoryUsage();
    const tb = performance.now();
    const index = await svc.ensureIndex();
    const buildMs = performance.now() - tb;
    gc?.();
    const after = process.memoryUsage();
    const stats = index.stats();

    // Which stored entity each pair's list entity is: by id, else by its exact primary name.
    const byId = { id: 0, name: 0, none: 0 };
    const queries: Query[] = [];
    for (const pair of set.pairs) {
      let expected = new Set<string>();
      if (index.get(pair.entityId)) {
        expected.add(pair.entityId);
        byId.id++;
      } else {
        const primary = foldName(pair.candidate.names[0] ?? '');
        const rows = primary ? (await c.query<{ entity_id: string }>(`SELECT DISTINCT entity_id FROM statements WHERE prop = 'name' AND match = $1`, [primary])).rows : [];
        expected = new Set(rows.map((r) => r.entity_id));
        if (expected.size > 0) byId.name++;
        else byId.none++;
      }
      queries.push({ pair, entity: queryEntity(pair.query), expected });
    }
    const positives = queries.filter((q) => q.pair.label);
    const negatives = queries.filter((q) => !q.pair.label);
    say(
      `queries: ${queries.length} from the labelled set (seed ${set.seed}; ${positives.length} positive, ${negatives.length} negative), prepared in ${((performance.now() - t) / 1000).toFixed(1)} s; ` +
        `list entity found in the store by id for ${byId.id}, by exact primary name for ${byId.name}, not found for ${byId.none} (left out of recall)`,
    );
    say(
      `Sextant index: ${stats.entries} entries, ${stats.keys} keys, ${stats.postings} postings; built from the store in ${buildMs.toFixed(0)} ms; ` +
        `heap +${mb(after.heapUsed - before.heapUsed)}, RSS +${mb(after.rss - before.rss)} (${gc ? 'each after a full GC' : 'no GC could be forced: noisy'})`,
    );

    const visibleClasses = index.classList.map((cl) => {
      const a = scope.policy.read(scope.viewer, cl);
      return a.allow && a.transform === null;
    });
    const visible = (cls: number): boolean => visibleClasses[cls] === true;
    const searchOne = (q: Query, k: number): Hit[] =>
      index.search(prepareSubject(toSubject(q.entity, `q${k}`)), { limit: LIMIT, visible }).map((h: { entry: IndexEntry; score: number }) => ({ id: h.entry.id, score: h.score }));

    const runs: EngineRun[] = [];
    const timed = async (name: string, thresholded: boolean, warm: number, one: (q: Query, k: number) => Hit[] | Promise<Hit[]>): Promise<EngineRun> => {
      process.stderr.write(`running ${name} …\n`);
      for (let k = 0; k < Math.min(warm, queries.length); k++) await one(queries[k]!, k);
      const run: EngineRun = { name, hits: new Array(queries.length), latencies: [], wallMs: 0, thresholded };
      const start = performance.now();
      for (const [k, q] of queries.entries()) {
        const t0 = performance.now();
        run.hits[k] = await one(q, k);
        run.latencies.push(performance.now() - t0);
      }
      run.wallMs = performance.now() - start;
      runs.push(run);
      return run;
    };

    // ---- Sextant in-process ----
    const sextant = await timed('Sextant index.search (in-process)', true, 300, (q, k) => searchOne(q, k));
    const sextantService = await timed('Sextant ScreeningService.match (+ store fetch)', true, 100, async (q, k) => {
      const r = await svc.match('default', { [`q${k}`]: q.entity }, { limit: LIMIT, threshold: THRESHOLD }, scope);
      return r[`q${k}`]!.results.map((x) => ({ id: x.id, score: x.score }));
    });

    // ---- pg_trgm ----
    const plan = (await c.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT entity_id, max(similarity(match, $1)) FROM statements WHERE prop_type = 'name' AND match % $1 GROUP BY entity_id ORDER BY 2 DESC LIMIT 5`,
      ['ali hassan'],
    )).rows.map((r) => r['QUERY PLAN']).join('\n');
    const trgmThreshold = (await c.query<{ v: string }>(`SELECT current_setting('pg_trgm.similarity_threshold') AS v`)).rows[0]!.v;
    const trgm = await timed('pg_trgm', false, 100, async (q) => {
      const best = new Map<string, number>();
      for (const name of q.pair.query.names) {
        const folded = foldName(name);
        if (!folded) continue;
        const rows = await c.query<{ entity_id: string; score: number }>(
          `SELECT entity_id, max(similarity(match, $1))::float8 AS score FROM statements WHERE prop_type = 'name' AND match % $1 GROUP BY entity_id ORDER BY 2 DESC, 1 LIMIT ${LIMIT}`,
          [folded],
        );
        for (const r of rows.rows) best.set(r.entity_id, Math.max(best.get(r.entity_id) ?? 0, r.score));
      }
      return [...best].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score).slice(0, LIMIT);
    });

    // ---- Watchman-style ----
    t = performance.now();
    const watchman = await WatchmanBaseline.load(c);
    const watchmanLoadMs = performance.now() - t;
    const wm = await timed('Watchman-style token Jaro-Winkler (brute force)', false, 20, (q) => watchman.search(q.pair.query.names, LIMIT));

    // ---- HTTP ----
    const token = (await gov.identity.createToken(admin, { name: 'bench-screening', scopes: ['data:read'] })).token;
    app = await buildApp(gov, { bodyLimit: 1024 * 1024, logLevel: 'silent' });
    const spans = new Spans();
    let measuring = false;
    app.addHook('onResponse', async (request, reply) => {
      if (measuring && request.url.startsWith('/match/')) spans.requests.push(reply.elapsedTime);
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const bodies = queries.map((q) => JSON.stringify({ queries: { q: q.entity } }));
    t = performance.now();
    const first = await postOnce(port, token, bodies[0]!);
    const firstMs = performance.now() - t;
    if (first.status !== 200) throw new Error(`POST /match/default answered ${first.status}: ${first.body.slice(0, 300)}`);
    const measureMs = opts.seconds * 1000;
    const warmupMs = Math.min(3000, Math.max(1000, measureMs / 5));
    process.stderr.write(`HTTP: 1 client for ${(measureMs / 2000).toFixed(1)} s, then ${opts.clients} clients for ${opts.seconds} s (each after ${(warmupMs / 1000).toFixed(1)} s of warm-up) …\n`);
    // Where a request's time goes on the server, by step (wrapped only now: the figures above are unwrapped).
    const identity = gov.identity;
    spans.wrap(s.changes, 'read', 'counts');
    spans.wrap(identity, 'resolveToken', 'token');
    spans.wrap(gov, 'scope', 'scope');
    spans.wrap(ScreeningService.prototype, 'match', 'screen');
    spans.wrap(gov, 'auditRead', 'audit');
    const startMeasuring = (): void => {
      spans.reset();
      measuring = true;
    };
    const http1 = await runLoad(port, token, bodies, 1, warmupMs, measureMs / 2, startMeasuring);
    measuring = false;
    const spans1 = spans.report();
    const httpN = await runLoad(port, token, bodies, opts.clients, warmupMs, measureMs, startMeasuring);
    measuring = false;
    const spansN = spans.report();

    // ---- where a request's time goes: its steps one at a time, in-process ----
    // As the route runs them: the change counts read once, then the token, the decision point, the index and the
    // hit entities taken from memory while the counts stand (search and a fresh store fetch shown apart for scale).
    const steps = {
      changeCounts: [] as number[],
      resolveToken: [] as number[],
      viewerAndScope: [] as number[],
      match: [] as number[],
      '(search alone)': [] as number[],
      '(uncached fetch)': [] as number[],
      audit: [] as number[],
      inject: [] as number[],
    };
    const sample = queries.slice(0, Math.min(300, queries.length));
    for (const [k, q] of sample.entries()) {
      let t0 = performance.now();
      const counts = await s.changes.read();
      steps.changeCounts.push(performance.now() - t0);
      t0 = performance.now();
      const resolved = (await gov.identity.resolveToken(token, counts))!;
      steps.resolveToken.push(performance.now() - t0);
      t0 = performance.now();
      const viewer = await gov.identity.viewerOf(resolved.user, gov.config.defaultPurpose, 'token', resolved.scopes, resolved.agency);
      const sc = await gov.scope(viewer, counts);
      steps.viewerAndScope.push(performance.now() - t0);
      t0 = performance.now();
      const r = await svc.match('default', { q: q.entity }, { limit: LIMIT, threshold: THRESHOLD }, sc, counts);
      steps.match.push(performance.now() - t0);
      const hits = r.q!.results;
      t0 = performance.now();
      searchOne(q, k);
      steps['(search alone)'].push(performance.now() - t0);
      t0 = performance.now();
      const rows = groupByEntity(sc.seeAll(await s.statements.forEntities(hits.map((h) => h.id))));
      for (const h of hits) if (rows.has(h.id)) assemble(h.id, rows.get(h.id)!);
      steps['(uncached fetch)'].push(performance.now() - t0);
      t0 = performance.now();
      await gov.auditRead(viewer, 'screen.match', { dataset: 'default', queries: 1, entities: hits.map((h) => h.id) });
      steps.audit.push(performance.now() - t0);
      t0 = performance.now();
      const res = await app.inject({ method: 'POST', url: '/match/default', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: bodies[k]! });
      if (res.statusCode !== 200) throw new Error(`inject answered ${res.statusCode}`);
      steps.inject.push(performance.now() - t0);
    }

    // ---- report ----
    const qps = (r: EngineRun): number => (1000 * r.latencies.length) / r.wallMs;
    const headline = (q: Query): boolean => q.pair.headline;
    const rows: string[][] = [];
    const header = ['engine', 'queries/s', 'p50 ms', 'p99 ms', 'recall@5 ≥0.7', 'recall@5 any'];
    for (const r of runs) {
      const rec = recallOf(r, queries, headline);
      const sorted = sortedOf(r.latencies);
      rows.push([r.name, qps(r).toFixed(0), ms(pct(sorted, 0.5)), ms(pct(sorted, 0.99)), r.thresholded ? share(rec.atThreshold, rec.n) : '(n/a)', share(rec.atAny, rec.n)]);
    }
    const httpRow = (label: string, l: LoadResult): string[] => {
      const sorted = sortedOf(l.latencies);
      return [label, ((1000 * l.latencies.length) / l.wallMs).toFixed(0), ms(pct(sorted, 0.5)), ms(pct(sorted, 0.99)), '', ''];
    };
    rows.push(httpRow('HTTP POST /match/default, 1 client', http1));
    rows.push(httpRow(`HTTP POST /match/default, ${opts.clients} clients`, httpN));
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const fmt = (r: string[]): string => r.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
    const hp = recallOf(sextant, queries, headline).n;
    say('');
    say(`${queries.length} queries, one at a time (HTTP: one query per request); recall over the ${hp} headline positives whose entity was found in the store`);
    say(fmt(header));
    say('-'.repeat(fmt(header).length));
    for (const r of rows) say(fmt(r));
    say(
      `recall@5 ≥0.7: the entity among the first ${LIMIT} with score ≥ ${THRESHOLD} (Sextant's match); recall@5 any: among the first ${LIMIT} at any score — ` +
        `the only figure for the baselines, whose scores are on other scales (pg_trgm similarity over trigrams, Jaro-Winkler) and have no comparable threshold`,
    );
    say(`pg_trgm: similarity threshold of %: ${trgmThreshold} (the default); plan: ${plan.includes('statements_name_trgm') ? 'GIN index statements_name_trgm' : 'NO trigram index in the plan'}`);
    say(`Watchman-style: ${watchman.size} distinct (entity, folded name) pairs of ${watchman.entityIds.length} entities, loaded in ${watchmanLoadMs.toFixed(0)} ms`);
    const statusText = (l: LoadResult): string =>
      Object.entries(l.statuses)
        .map(([k, v]) => `${v}×${k === '0' ? 'error' : k}`)
        .join(', ');
    say(
      `HTTP: first request ${firstMs.toFixed(0)} ms (builds the server's own index); 1 client: ${statusText(http1)}; ${opts.clients} clients: ${statusText(httpN)}; ` +
        `${(httpN.bytes / 1024 / Math.max(1, httpN.latencies.length)).toFixed(1)} kB per response (mean); latency measured at the client, in a worker thread of this process`,
    );
    say(`  1 client: ${spans1}`);
    say(`  ${opts.clients} clients: ${spansN}`);

    // Recall by kind and subtype, every engine.
    say('');
    say('recall@5 by subtype (positives, headline and not), false alerts on negatives:');
    const groups = new Map<string, Query[]>();
    for (const q of positives) {
      if (q.expected.size === 0) continue;
      const key = `${q.pair.kind}/${q.pair.subtype}${q.pair.headline ? '' : ' (not headline)'}`;
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(q);
    }
    const subHeader = ['positives', 'n', 'Sextant ≥0.7', 'Sextant any', 'pg_trgm', 'Watchman'];
    const subRows: string[][] = [];
    const inGroup = (list: Query[]) => {
      const ids = new Set(list.map((q) => q.pair.id));
      return (q: Query) => ids.has(q.pair.id);
    };
    for (const [key, list] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
      const keep = inGroup(list);
      const sx = recallOf(sextant, queries, keep);
      subRows.push([key, String(sx.n), share(sx.atThreshold, sx.n), share(sx.atAny, sx.n), share(recallOf(trgm, queries, keep).atAny, sx.n), share(recallOf(wm, queries, keep).atAny, sx.n)]);
    }
    const all = recallOf(sextant, queries, () => true);
    subRows.push(['all positives', String(all.n), share(all.atThreshold, all.n), share(all.atAny, all.n), share(recallOf(trgm, queries, () => true).atAny, all.n), share(recallOf(wm, queries, () => true).atAny, all.n)]);
    const sw = subHeader.map((h, i) => Math.max(h.length, ...subRows.map((r) => r[i]!.length)));
    const sfmt = (r: string[]): string => r.map((x, i) => (i === 0 ? x.padEnd(sw[i]!) : x.padStart(sw[i]!))).join('  ');
    say(sfmt(subHeader));
    for (const r of subRows) say(sfmt(r));

    // Negatives: Sextant at the threshold.
    const position = new Map(queries.map((q, k) => [q, k]));
    const negFigures = (list: Query[]) => {
      let pairFp = 0;
      let alerts = 0;
      let n = 0;
      for (const q of list) {
        const k = position.get(q)!;
        const hits = sextant.hits[k]!;
        n++;
        if (hits.some((h) => h.score >= THRESHOLD)) alerts++;
        if (hits.some((h) => h.score >= THRESHOLD && q.expected.has(h.id))) pairFp++;
      }
      return { n, pairFp, alerts };
    };
    for (const [label, list] of [
      ['negative', negatives.filter((q) => q.pair.kind === 'negative')],
      ['hard_negative', negatives.filter((q) => q.pair.kind === 'hard_negative')],
      ['all negatives', negatives],
    ] as const) {
      const f = negFigures(list);
      say(
        `Sextant on ${label} (${f.n}): false-positive rate at ${THRESHOLD} ${share(f.pairFp, f.n)} (the paired list entity matched), ` +
          `alert rate ${share(f.alerts, f.n)} (any result ≥ ${THRESHOLD})`,
      );
    }

    // Steps of a request.
    say('');
    say(`a request's steps one at a time, in-process (${sample.length} queries; median / p99 ms):`);
    for (const [name, xs] of Object.entries(steps)) {
      const sorted = sortedOf(xs);
      say(`  ${name.padEnd(16)} ${ms(pct(sorted, 0.5)).padStart(7)} ${ms(pct(sorted, 0.99)).padStart(7)}${name === 'inject' ? '   (the whole route through app.inject, no socket)' : ''}`);
    }
    say(`  (in parentheses: parts of match, or what it saves; the store's pool holds 4 connections; the audit append is serialised across requests)`);

    // Targets.
    const trgmQps = qps(trgm);
    const sxQps = qps(sextant);
    const sxRecall = recallOf(sextant, queries, headline);
    const trgmRecall = recallOf(trgm, queries, headline);
    const sxR = sxRecall.atThreshold / Math.max(1, sxRecall.n);
    const trR = trgmRecall.atAny / Math.max(1, trgmRecall.n);
    const p99 = pct(sortedOf(httpN.latencies), 0.99);
    const svcQps = qps(sextantService);
    say('');
    say('targets (screening issue):');
    say(
      `  Sextant ≥ ${TARGET_SPEEDUP}× pg_trgm throughput: index.search ${sxQps.toFixed(0)} q/s = ${(sxQps / trgmQps).toFixed(1)}× pg_trgm's ${trgmQps.toFixed(0)} q/s → ${sxQps >= TARGET_SPEEDUP * trgmQps ? 'met' : 'NOT met'}` +
        ` (ScreeningService.match with its store fetch: ${(svcQps / trgmQps).toFixed(1)}×)`,
    );
    say(`  at higher recall: Sextant ${(100 * sxR).toFixed(1)}% (≥ ${THRESHOLD}) vs pg_trgm ${(100 * trR).toFixed(1)}% (any score) → ${sxR > trR ? 'met' : 'NOT met'}`);
    if (opts.clients === TARGET_CLIENTS) say(`  HTTP p99 < ${TARGET_P99_MS} ms at ${TARGET_CLIENTS} clients: ${ms(p99)} ms → ${p99 < TARGET_P99_MS ? 'met' : 'NOT met'}`);
    else say(`  HTTP p99 < ${TARGET_P99_MS} ms at ${TARGET_CLIENTS} clients: not measured (--clients ${opts.clients}); p99 at ${opts.clients} clients ${ms(p99)} ms`);
    say(`peak RSS ${peakRssMB().toFixed(0)} MB (this process: ingest, labelled set, two Sextant indexes — the bench's and the server's — the Watchman names, the HTTP server and its load worker); load average now ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
  }
}
