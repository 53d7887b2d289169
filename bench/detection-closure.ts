import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BlockedSet, type StatusChange } from '../src/graph/blocked-set.ts';
import { OwnershipGraph, toUnits, type GraphColumns } from '../src/graph/ownership-graph.ts';
import { RULES, type OwnershipRule } from '../src/graph/rules.ts';

/**
 * The closure part of `npm run bench -- detection`: a synthetic ownership
 * graph of C companies, 0.3·C natural persons and S stake records, built in
 * memory (OwnershipGraph.fromColumns), the blocked set computed from ~1% of
 * the nodes designated (BlockedSet: OFAC, EU, UK), then incremental
 * designations and delistings timed one by one.
 *
 * The graph imitates company registries rather than a random graph:
 *
 * - corporate groups of skewed size (discrete Pareto, α = 1.3, most companies
 *   stand alone, the largest groups hold thousands): the group's holding
 *   company is owned by persons (or, one in seven, by a company of another
 *   group); every other member is held by an earlier member (its parent),
 *   one in three by the member just before it, so that groups are trees with
 *   chains;
 * - one stake record per company, plus extra ones spread at random (mean two
 *   per company; 3% of companies have no recorded owner); the largest share
 *   goes to the parent (or the main holder), the rest to persons (half),
 *   other members of the group, companies anywhere (cross-holdings) and, one
 *   in twenty, a later member of the group (a stake against the tree: a cycle);
 * - shares skewed (weights U³), summing to 100% or, for one company in seven,
 *   to a free float of 50–100%; 50/50 and 49/51 splits planted; persons drawn
 *   with a skew, so that a few own hundreds of companies;
 * - 3% of the records give a PSC band instead of a figure ("25–50", ">50",
 *   "<25", "75–100"), 1% no percentage at all ([0, 100]), 0.5% are parallel
 *   records of a stake already there;
 * - control edges (board majority) for 0.5% of companies, which count under
 *   the EU and UK rules only;
 * - 1% of persons and 1% of companies designated.
 *
 * Deterministic in the seed (mulberry32).
 */
export interface ClosureOptions {
  companies: number;
  stakes: number;
  seed: number;
  /** Designations timed one by one, and as many delistings. */
  picks: number;
  /** Rules to compute; OFAC is the one the SQL baseline checks. */
  rules: OwnershipRule[];
}

export interface IncrementalMeasure {
  what: string;
  n: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  meanChanges: number;
  maxChanges: number;
}

export interface RuleMeasure {
  rule: string;
  closureSeconds: number;
  designated: number;
  blocked: number;
  possiblyBlocked: number;
  designate: IncrementalMeasure;
  delist: IncrementalMeasure;
  /** Designating the person who owns most, and lifting it again. */
  largest: { id: string; designateMs: number; delistMs: number; changes: number };
  /** After every pick was undone, the counts are those of the full computation. */
  restored: boolean;
}

export interface ClosureMeasure {
  nodes: number;
  persons: number;
  companies: number;
  stakeRecords: number;
  stakeEdges: number;
  controls: number;
  seeds: number;
  shape: GraphShape;
  generateSeconds: number;
  buildSeconds: number;
  rules: RuleMeasure[];
  maxRssBytes: number;
  files: { stakes: string; seeds: string; status: string };
}

export interface GraphShape {
  groups: number;
  largestGroup: number;
  deepestChain: number;
  crossGroupStakes: number;
  cycleStakes: number;
  rangedRecords: number;
  unknownRecords: number;
  parallelRecords: number;
  companiesWithoutOwner: number;
}

/** mulberry32: small, fast, seeded. */
function prng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x6d2b79f5) >>> 0;
    let t = x;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HUNDRED = 1_000_000; // 100% in units of 0.0001 percentage point (as the engine counts)
const CENT = 100; // 0.01%: registries give two decimals

export interface SyntheticGraph {
  columns: GraphColumns;
  /** Per record, the bounds in units as the engine reads them (for the SQL side). */
  lowUnits: Int32Array;
  highUnits: Int32Array;
  seeds: Int32Array;
  persons: number;
  /** The person who holds most stake records. */
  largestOwner: number;
  shape: GraphShape;
}

export function generateGraph(companies: number, stakes: number, seed: number): SyntheticGraph {
  const r = prng(seed);
  const C = companies;
  const P = Math.round(0.3 * C);
  const N = P + C;
  const S = stakes;
  const parallel = Math.round(0.005 * S);
  const slots = S - parallel;
  if (slots < C * 0.5) throw new Error(`--stakes ${S} is too few for ${C} companies (at least half a stake per company)`);

  // ---- groups: consecutive companies; group root, parent in the group, depth ----
  const group = new Int32Array(C); // root company of i's group
  const groupEnd = new Int32Array(C); // for a root: one past its last member
  const parent = new Int32Array(C).fill(-1);
  const depth = new Int32Array(C);
  let groups = 0;
  let largestGroup = 0;
  let deepestChain = 0;
  for (let i = 0; i < C; ) {
    const size = Math.min(C - i, Math.min(20_000, Math.floor(1 / Math.pow(1 - r(), 1 / 1.3))));
    groups++;
    largestGroup = Math.max(largestGroup, size);
    for (let j = 0; j < size; j++) {
      const c = i + j;
      group[c] = i;
      if (j > 0) {
        parent[c] = r() < 0.3 ? c - 1 : i + Math.floor(r() * j);
        depth[c] = depth[parent[c]!]! + 1;
        if (depth[c]! > deepestChain) deepestChain = depth[c]!;
      }
    }
    groupEnd[i] = i + size;
    i += size;
  }

  // ---- how many records each company has: one, plus extras at random; 3% none ----
  const count = new Int32Array(C);
  let unowned = 0;
  let placed = 0;
  for (let c = 0; c < C; c++) {
    if (r() < 0.03) {
      count[c] = -1;
      unowned++;
    } else {
      count[c] = 1;
      placed++;
    }
  }
  while (placed < slots) {
    const c = Math.floor(r() * C);
    if (count[c]! < 0 || count[c]! >= 12) continue;
    count[c]!++;
    placed++;
  }

  // ---- the records ----
  const owner = new Int32Array(S);
  const asset = new Int32Array(S);
  const low = new Float64Array(S);
  const high = new Float64Array(S);
  const exact = new Uint8Array(S);
  const lowEx = new Uint8Array(S);
  const highEx = new Uint8Array(S);
  const lowUnits = new Int32Array(S);
  const highUnits = new Int32Array(S);
  const held = new Int32Array(P); // records per person, for the largest owner
  const person = (): number => Math.floor(P * Math.pow(r(), 2.5));
  const company = (c: number): number => P + c;
  let k = 0;
  let crossGroup = 0;
  let cycles = 0;
  let ranged = 0;
  let unknown = 0;
  const shares: number[] = [];
  const owners: number[] = [];
  for (let c = 0; c < C; c++) {
    const n = count[c]!;
    if (n <= 0) continue;
    // shares, largest first, in units of 0.01%
    const total = r() < 0.15 ? (5000 + Math.floor(r() * 5000)) * CENT : HUNDRED;
    shares.length = 0;
    const pick = r();
    if (n === 2 && pick < 0.08) shares.push(Math.round(total / 2), total - Math.round(total / 2));
    else if (n === 2 && total === HUNDRED && pick < 0.12) shares.push(5100 * CENT, 4900 * CENT);
    else {
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const w = Math.pow(r(), 3) + 1e-3;
        shares.push(w);
        sum += w;
      }
      shares.sort((x, y) => y - x);
      let given = 0;
      for (let j = 1; j < n; j++) {
        shares[j] = Math.floor((shares[j]! / sum) * (total / CENT)) * CENT;
        given += shares[j]!;
      }
      shares[0] = total - given;
    }
    // owners: the parent (or main holder) first, then others
    owners.length = 0;
    const root = group[c]!;
    const end = groupEnd[root]!;
    for (let j = 0; j < n; j++) {
      let o = -1;
      for (let attempt = 0; attempt < 4 && (o < 0 || o === company(c) || owners.includes(o)); attempt++) {
        if (j === 0 && parent[c]! >= 0) o = company(parent[c]!);
        else if (j === 0) o = r() < 0.85 ? person() : company(Math.floor(r() * C));
        else {
          const x = r();
          if (x < 0.5) o = person();
          else if (x < 0.65 && end - root > 1) o = company(root + Math.floor(r() * (end - root)));
          else if (x < 0.95 || c + 1 >= end) o = company(Math.floor(r() * C));
          else o = company(c + 1 + Math.floor(r() * (end - c - 1))); // a later member: against the tree
        }
      }
      if (o === company(c)) o = person();
      owners.push(o);
      if (o < P) held[o]!++;
      else {
        const oc = o - P;
        if (group[oc] !== root) crossGroup++;
        else if (oc > c) cycles++;
      }
      // bounds: a figure, a PSC band or nothing
      const share = shares[j]!;
      const x = r();
      let lo = share / 10_000;
      let hi = lo;
      let le = 0;
      let he = 0;
      if (x < 0.03) {
        ranged++;
        if (share < 250_000) [lo, hi, he] = [0, 25, 1];
        else if (share <= 500_000) [lo, hi, le] = [25, 50, 1];
        else if (share < 750_000) [lo, hi, le, he] = [50, 75, 1, 1];
        else [lo, hi] = [75, 100];
      } else if (x < 0.04) {
        unknown++;
        [lo, hi] = [0, 100];
      }
      owner[k] = o;
      asset[k] = company(c);
      low[k] = lo;
      high[k] = hi;
      lowEx[k] = le;
      highEx[k] = he;
      exact[k] = lo === hi && le === 0 && he === 0 ? 1 : 0;
      lowUnits[k] = toUnits(lo, le ? 'below' : null);
      highUnits[k] = Math.max(lowUnits[k]!, toUnits(hi, he ? 'above' : null));
      k++;
    }
  }
  // parallel records: the same holding reported again (another filing)
  while (k < S) {
    const j = Math.floor(r() * k);
    owner[k] = owner[j]!;
    asset[k] = asset[j]!;
    low[k] = low[j]!;
    high[k] = high[j]!;
    lowEx[k] = lowEx[j]!;
    highEx[k] = highEx[j]!;
    exact[k] = exact[j]!;
    lowUnits[k] = lowUnits[j]!;
    highUnits[k] = highUnits[j]!;
    if (owner[k]! < P) held[owner[k]!]!++;
    k++;
  }

  // ---- control: board majority over 0.5% of companies ----
  const nControls = Math.round(0.005 * C);
  const controller = new Int32Array(nControls);
  const entity = new Int32Array(nControls);
  for (let i = 0; i < nControls; i++) {
    entity[i] = company(Math.floor(r() * C));
    do controller[i] = r() < 0.7 ? person() : company(Math.floor(r() * C));
    while (controller[i] === entity[i]);
  }

  // ---- 1% of persons and 1% of companies designated ----
  const chosen = new Uint8Array(N);
  const seeds: number[] = [];
  const draw = (from: number, size: number, want: number) => {
    while (want > 0) {
      const v = from + Math.floor(r() * size);
      if (chosen[v]) continue;
      chosen[v] = 1;
      seeds.push(v);
      want--;
    }
  };
  draw(0, P, Math.round(0.01 * P));
  draw(P, C, Math.round(0.01 * C));

  let largestOwner = 0;
  for (let p = 1; p < P; p++) if (held[p]! > held[largestOwner]!) largestOwner = p;

  const ids = new Array<string>(N);
  const schemata = new Array<string>(N);
  for (let v = 0; v < P; v++) {
    ids[v] = `P${v}`;
    schemata[v] = 'Person';
  }
  for (let c = 0; c < C; c++) {
    ids[P + c] = `C${c}`;
    schemata[P + c] = 'Company';
  }
  const stakeIds = new Array<string>(S);
  for (let i = 0; i < S; i++) stakeIds[i] = `S${i}`;
  const controlIds = new Array<string>(nControls);
  for (let i = 0; i < nControls; i++) controlIds[i] = `K${i}`;
  return {
    columns: {
      ids,
      schemata,
      stakes: { ids: stakeIds, owner, asset, low, high, exact, lowExclusive: lowEx, highExclusive: highEx },
      controls: { ids: controlIds, kinds: new Array<string>(nControls).fill('board_majority'), controller, entity },
    },
    lowUnits,
    highUnits,
    seeds: Int32Array.from(seeds),
    persons: P,
    largestOwner,
    shape: {
      groups,
      largestGroup,
      deepestChain,
      crossGroupStakes: crossGroup,
      cycleStakes: cycles,
      rangedRecords: ranged,
      unknownRecords: unknown,
      parallelRecords: parallel,
      companiesWithoutOwner: unowned,
    },
  };
}

const seconds = (since: number): number => (performance.now() - since) / 1000;
const maxRssBytes = (): number => process.resourceUsage().maxRSS * 1024;

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function summarise(what: string, ms: number[], changes: number[]): IncrementalMeasure {
  const sorted = [...ms].sort((x, y) => x - y);
  return {
    what,
    n: ms.length,
    medianMs: quantile(sorted, 0.5),
    p95Ms: quantile(sorted, 0.95),
    maxMs: sorted[sorted.length - 1] ?? 0,
    meanChanges: changes.reduce((s, x) => s + x, 0) / Math.max(1, changes.length),
    maxChanges: Math.max(0, ...changes),
  };
}

function timed(fn: () => StatusChange[]): [number, number] {
  const t = performance.now();
  const changes = fn();
  return [performance.now() - t, changes.length];
}

export async function runClosure(opts: ClosureOptions, outDir: string, say: (line: string) => void): Promise<ClosureMeasure> {
  say(`closure: generating ${opts.companies.toLocaleString('en')} companies, ${opts.stakes.toLocaleString('en')} stakes (seed ${opts.seed}) …`);
  const t0 = performance.now();
  const g = generateGraph(opts.companies, opts.stakes, opts.seed);
  const generateSeconds = seconds(t0);
  say(`closure: generated in ${generateSeconds.toFixed(1)} s; building the graph (fromColumns) …`);
  const t1 = performance.now();
  const graph = OwnershipGraph.fromColumns(g.columns);
  const buildSeconds = seconds(t1);
  say(`closure: graph of ${graph.size.toLocaleString('en')} nodes, ${graph.stakeEdgeCount.toLocaleString('en')} stake edges in ${buildSeconds.toFixed(1)} s`);
  const seedIds = Array.from(g.seeds, (v) => graph.ids[v]!);
  const N = graph.size;
  const r = prng(opts.seed ^ 0x5eed);
  const rules: RuleMeasure[] = [];
  let ofac: BlockedSet | null = null;
  for (const rule of opts.rules) {
    const t = performance.now();
    const set = new BlockedSet(graph, RULES[rule], seedIds);
    const closureSeconds = seconds(t);
    const before = set.counts();
    say(`closure: ${rule} ${closureSeconds.toFixed(2)} s: ${before.blocked.toLocaleString('en')} blocked, ${before.possiblyBlocked.toLocaleString('en')} possibly`);
    // Designate a node not designated, then lift it again (untimed): the state stays that of the full computation.
    const dMs: number[] = [];
    const dCh: number[] = [];
    for (let i = 0; i < opts.picks; i++) {
      let v: number;
      do v = Math.floor(r() * N);
      while (set.isDesignated(graph.ids[v]!));
      const id = graph.ids[v]!;
      const [ms, ch] = timed(() => set.designate(id));
      dMs.push(ms);
      dCh.push(ch);
      set.delist(id);
    }
    // Lift a designation of the seed set, then restore it (untimed).
    const lMs: number[] = [];
    const lCh: number[] = [];
    for (let i = 0; i < opts.picks; i++) {
      const id = seedIds[Math.floor(r() * seedIds.length)]!;
      const [ms, ch] = timed(() => set.delist(id));
      lMs.push(ms);
      lCh.push(ch);
      set.designate(id);
    }
    const largestId = graph.ids[g.largestOwner]!;
    const wasDesignated = set.isDesignated(largestId);
    if (wasDesignated) set.delist(largestId);
    const [designateMs, changes] = timed(() => set.designate(largestId));
    const [delistMs] = timed(() => set.delist(largestId));
    if (wasDesignated) set.designate(largestId);
    const after = set.counts();
    const restored = after.blocked === before.blocked && after.possiblyBlocked === before.possiblyBlocked && after.designated === before.designated;
    rules.push({
      rule,
      closureSeconds,
      ...before,
      designate: summarise('designate', dMs, dCh),
      delist: summarise('delist', lMs, lCh),
      largest: { id: largestId, designateMs, delistMs, changes },
      restored,
    });
    if (rule === 'ofac') ofac = set;
  }
  const rss = maxRssBytes();

  // For the SQL baseline (after the measures): node numbers, bounds in units.
  const files = { stakes: join(outDir, 'stakes.csv'), seeds: join(outDir, 'seeds.csv'), status: join(outDir, 'ofac-status.bin') };
  say('closure: writing the graph for the SQL baseline …');
  await writeLines(files.stakes, g.columns.stakes.owner.length, (i) => `${g.columns.stakes.owner[i]},${g.columns.stakes.asset[i]},${g.lowUnits[i]},${g.highUnits[i]}`);
  await writeLines(files.seeds, g.seeds.length, (i) => String(g.seeds[i]));
  if (ofac) {
    // One byte per node: 2 blocked, 1 possibly blocked, 0 not.
    const status = new Uint8Array(N);
    for (let v = 0; v < N; v++) {
      const s = ofac.status(graph.ids[v]!);
      status[v] = s === 'blocked' ? 2 : s === 'possibly_blocked' ? 1 : 0;
    }
    await writeFile(files.status, status);
  }
  return {
    nodes: N,
    persons: g.persons,
    companies: opts.companies,
    stakeRecords: opts.stakes,
    stakeEdges: graph.stakeEdgeCount,
    controls: g.columns.controls!.ids.length,
    seeds: g.seeds.length,
    shape: g.shape,
    generateSeconds,
    buildSeconds,
    rules,
    maxRssBytes: rss,
    files,
  };
}

async function writeLines(path: string, n: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  let chunk: string[] = [];
  for (let i = 0; i < n; i++) {
    chunk.push(line(i));
    if (chunk.length === 10_000 || i === n - 1) {
      if (!out.write(chunk.join('\n') + '\n')) await new Promise<void>((res) => out.once('drain', () => res()));
      chunk = [];
    }
  }
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
}
