/**
 * The ownership graph in memory: nodes (entities with their FtM schema),
 * stakes (owner → asset, with low and high bounds) and control relationships
 * (controller → entity), held as compressed adjacency arrays (CSR) over
 * integer node numbers, forward and reverse.
 *
 * Percentages are stored as integer units of 0.0001 percentage point
 * (100% = 1,000,000), so that sums of stakes compare exactly against a
 * threshold — 33.3 + 16.7 is 50, not 49.99999999. An excluded bound (">50")
 * moves one unit inwards: the smallest value above 50 on that grid.
 *
 * Parallel stakes — several records for the same owner and asset — are merged
 * into one edge, conservatively both ways, because two records may be the same
 * holding reported twice (two registries, two filings) or two holdings (two
 * share classes): the merged low bound is the largest low bound, the merged
 * high bound the sum of the high bounds (at most 100%). The edge keeps every
 * record id for explanations. A stake of an entity in itself (treasury shares)
 * gives no one any ownership and is left out.
 *
 * The graph is immutable; designations change (see blocked-set.ts), the graph
 * does not.
 */
import { SextantError } from '../errors.ts';
import { formatPercentage, stakeBounds } from './percentage.ts';

export interface OwnershipNode {
  id: string;
  /** FtM schema: Person, Company, Organization, LegalEntity, Vessel… */
  schema: string;
}

/** One ownership record (an FtM Ownership entity): bounds in percent. */
export interface Stake {
  /** The source record, e.g. the Ownership entity's id. */
  id: string;
  owner: string;
  asset: string;
  low: number;
  high: number;
  exact: boolean;
  lowExclusive?: boolean;
  highExclusive?: boolean;
}

/**
 * Control without (or beyond) ownership: the power to appoint or remove a
 * majority of the board, control of a majority of the voting rights by
 * agreement, and the like. Being a director is not control; the reader that
 * builds these edges decides what evidence amounts to control.
 */
export interface Control {
  id: string;
  controller: string;
  entity: string;
  /** e.g. "board_majority", "voting_rights", "dominant_influence". */
  kind: string;
}

export interface GraphOptions {
  /** Schemata of natural persons (ultimate owners). Default: Person. */
  naturalPersonSchemata?: readonly string[];
}

/** One step of an ownership or control chain, as explanations show it. */
export interface Step {
  owner: string;
  asset: string;
  via: 'stake' | 'control';
  /** Bounds in percent (null for control). */
  low: number | null;
  high: number | null;
  exact: boolean;
  /** "51%", "25–50%", ">50%"; the control kind for control. */
  display: string;
  /** The source records: Ownership ids (several when parallel records were merged) or the Control id. */
  records: string[];
}

export interface EffectiveOwner {
  id: string;
  schema: string;
  naturalPerson: boolean;
  /** Effective ownership in percent: the sum over paths of the product of stakes along each path, from low and from high bounds. */
  low: number;
  high: number;
  /** Every stake on every path is exact. */
  exact: boolean;
  /** How many paths lead from this owner to the entity. */
  paths: number;
}

export interface EffectiveOwnership {
  entity: string;
  /** Every direct and indirect owner, largest share first. */
  owners: EffectiveOwner[];
  /** Paths walked. */
  paths: number;
  /** The walk stopped at maxPaths or maxDepth: low values are still lower bounds; high values may be too low. */
  truncated: boolean;
}

export interface UltimateOwners {
  entity: string;
  /** Natural persons among the direct and indirect owners, with their effective share. */
  persons: EffectiveOwner[];
  /** Legal entities at the top of a chain (no recorded owner): ownership that does not resolve to a person. */
  unresolved: EffectiveOwner[];
  truncated: boolean;
}

export interface TraversalOptions {
  /** Longest chain followed (default 32). */
  maxDepth?: number;
  /** Most paths walked (default 100,000). */
  maxPaths?: number;
}

/**
 * The graph as columns over dense node numbers 0..ids.length-1: for loaders
 * that read millions of stakes (e.g. from PostgreSQL with entity numbers
 * assigned in SQL) and want to skip string-id lookups. Bounds are in percent.
 */
export interface GraphColumns {
  ids: readonly string[];
  /** Per node; '' when unknown. */
  schemata: readonly string[];
  stakes: {
    ids: readonly string[];
    owner: Int32Array;
    asset: Int32Array;
    low: Float64Array;
    high: Float64Array;
    /** 1 when exact. */
    exact: Uint8Array;
    lowExclusive?: Uint8Array;
    highExclusive?: Uint8Array;
  };
  controls?: {
    ids: readonly string[];
    kinds: readonly string[];
    controller: Int32Array;
    entity: Int32Array;
  };
}

/**
 * A stake from an Ownership record's fields: the percentage values are read by
 * stakeBounds (unreadable or missing → [0, 100], flagged `unknown`, with the
 * reason), so that readers and loaders treat them the same way.
 */
export function stakeOf(
  id: string,
  owner: string,
  asset: string,
  percentage: string | readonly string[] | null | undefined,
): Stake & { unknown: boolean; reason?: string } {
  const b = stakeBounds(percentage);
  const stake: Stake & { unknown: boolean; reason?: string } = {
    id, owner, asset, low: b.low, high: b.high, exact: b.exact, lowExclusive: b.lowExclusive, highExclusive: b.highExclusive, unknown: b.unknown,
  };
  if (b.reason !== undefined) stake.reason = b.reason;
  return stake;
}

export const UNITS_PER_PERCENT = 10_000;
export const FULL_UNITS = 100 * UNITS_PER_PERCENT;

/** Percent to integer units; an excluded bound moves one unit inwards. */
export function toUnits(percent: number, excludedFrom: 'below' | 'above' | null = null): number {
  const u = Math.round(percent * UNITS_PER_PERCENT);
  if (excludedFrom === 'below') return Math.min(FULL_UNITS, u + 1);
  if (excludedFrom === 'above') return Math.max(0, u - 1);
  return u;
}

export function toPercent(units: number): number {
  return units / UNITS_PER_PERCENT;
}

const DEFAULT_MAX_DEPTH = 32;
const DEFAULT_MAX_PATHS = 100_000;

export class OwnershipGraph {
  /** Number of nodes. */
  readonly size: number;
  /** Stake edges after merging parallel records. */
  readonly stakeEdgeCount: number;
  /** Stake records left out because owner = asset. */
  readonly selfStakes: number;

  // ---- internal arrays, read by BlockedSet (same package) ----
  /** @internal node number → id */
  readonly ids: readonly string[];
  /** @internal node number → schema ('' when only seen in a stake or control) */
  readonly schemata: readonly string[];
  /** @internal 1 for natural persons */
  readonly natural: Uint8Array;
  /** @internal stake edges by owner: edges outStart[u]..outStart[u+1] */
  readonly outStart: Int32Array;
  /** @internal */
  readonly edgeOwner: Int32Array;
  /** @internal */
  readonly edgeAsset: Int32Array;
  /** @internal bounds in units */
  readonly edgeLow: Int32Array;
  /** @internal */
  readonly edgeHigh: Int32Array;
  /** @internal */
  readonly edgeExact: Uint8Array;
  /** @internal records of edge e: stakeIds[recStakes[edgeRecStart[e]..edgeRecStart[e+1]]] */
  readonly edgeRecStart: Int32Array;
  /** @internal */
  readonly recStakes: Int32Array;
  /** @internal */
  readonly stakeIds: readonly string[];
  /** @internal stake edges by asset: inEdges[inStart[v]..inStart[v+1]] are edge numbers */
  readonly inStart: Int32Array;
  /** @internal */
  readonly inEdges: Int32Array;
  /** @internal control edges by controller */
  readonly ctlStart: Int32Array;
  /** @internal */
  readonly ctlController: Int32Array;
  /** @internal */
  readonly ctlEntity: Int32Array;
  /** @internal control edge → index into controlIds/controlKinds */
  readonly ctlRecord: Int32Array;
  /** @internal */
  readonly controlIds: readonly string[];
  /** @internal */
  readonly controlKinds: readonly string[];
  /** @internal control edges by entity */
  readonly ctlInStart: Int32Array;
  /** @internal */
  readonly ctlInEdges: Int32Array;

  private readonly index: Map<string, number>;
  private mark: Uint8Array | null = null;

  /**
   * From records with string ids (nodes may be omitted for ids that only
   * appear in stakes or controls: their schema is then unknown), or from
   * columns with dense node numbers (see GraphColumns; `OwnershipGraph.fromColumns`).
   */
  constructor(nodes: Iterable<OwnershipNode> | GraphColumns, stakes: readonly Stake[] = [], controls: readonly Control[] = [], options: GraphOptions = {}) {
    const columns = isColumns(nodes) ? nodes : toColumns(nodes, stakes, controls);
    const { ids, schemata } = columns;
    const n = ids.length;
    if (schemata.length !== n) throw new SextantError('validation_failed', `ownership graph: ${n} ids but ${schemata.length} schemata`);
    let index = (columns as { index?: Map<string, number> }).index;
    if (!index) {
      index = new Map();
      for (let v = 0; v < n; v++) {
        if (index.has(ids[v]!)) throw new SextantError('validation_failed', `ownership graph: node id ${ids[v]} appears twice`);
        index.set(ids[v]!, v);
      }
    }
    const naturalSchemata = new Set(options.naturalPersonSchemata ?? ['Person']);

    // ---- stakes: validate, convert to units ----
    const st = columns.stakes;
    const S = st.ids.length;
    for (const [name, col] of [['owner', st.owner], ['asset', st.asset], ['low', st.low], ['high', st.high], ['exact', st.exact]] as const) {
      if (col.length !== S) throw new SextantError('validation_failed', `ownership graph: ${S} stake ids but ${col.length} stake ${name} values`);
    }
    const so = new Int32Array(S);
    const sa = st.asset;
    const sl = new Int32Array(S);
    const sh = new Int32Array(S);
    const sx = new Uint8Array(S);
    let selfStakes = 0;
    for (let i = 0; i < S; i++) {
      const o = st.owner[i]!;
      const a = sa[i]!;
      if (!(o >= 0 && o < n && a >= 0 && a < n)) throw new SextantError('validation_failed', `stake ${st.ids[i]}: owner or asset is not a node`, { stake: st.ids[i] });
      const low = st.low[i]!;
      const high = st.high[i]!;
      if (!(low >= 0 && high <= 100 && low <= high)) {
        throw new SextantError('validation_failed', `stake ${st.ids[i]}: bounds must satisfy 0 ≤ low ≤ high ≤ 100, got ${low}..${high}`, { stake: st.ids[i], low, high });
      }
      const lowEx = st.lowExclusive?.[i] === 1;
      const highEx = st.highExclusive?.[i] === 1;
      sl[i] = toUnits(low, lowEx ? 'below' : null);
      sh[i] = Math.max(sl[i]!, toUnits(high, highEx ? 'above' : null));
      sx[i] = st.exact[i] === 1 && low === high && !lowEx && !highEx ? 1 : 0;
      if (o === a) {
        selfStakes++;
        so[i] = -1;
      } else so[i] = o;
    }

    // ---- group stakes by owner (one counting sort, reading the input in order) ----
    const kept = S - selfStakes;
    const cursor = new Int32Array(n + 1);
    for (let i = 0; i < S; i++) if (so[i]! >= 0) cursor[so[i]! + 1]!++;
    for (let v = 0; v < n; v++) cursor[v + 1]! += cursor[v]!;
    const byOwnerStart = cursor.slice();
    const pAsset = new Int32Array(kept);
    const pLow = new Int32Array(kept);
    const pHigh = new Int32Array(kept);
    const pExact = new Uint8Array(kept);
    const pRec = new Int32Array(kept);
    for (let i = 0; i < S; i++) {
      const o = so[i]!;
      if (o < 0) continue;
      const p = cursor[o]!++;
      pAsset[p] = sa[i]!;
      pLow[p] = sl[i]!;
      pHigh[p] = sh[i]!;
      pExact[p] = sx[i]!;
      pRec[p] = i;
    }

    // ---- merge parallel stakes (same owner, same asset) into one edge ----
    // Within an owner's run, stamp[asset] = owner + 1 marks an asset already
    // seen and where[asset] its edge. Edges are compacted in place.
    const stamp = new Int32Array(n);
    const where = new Int32Array(n);
    const edgeOf = new Int32Array(kept);
    const recCount = new Int32Array(kept + 1);
    const outStart = new Int32Array(n + 1);
    let m = 0;
    for (let u = 0; u < n; u++) {
      outStart[u] = m;
      for (let p = byOwnerStart[u]!, end = byOwnerStart[u + 1]!; p < end; p++) {
        const a = pAsset[p]!;
        if (stamp[a] === u + 1) {
          const e = where[a]!;
          if (pLow[p]! > pLow[e]!) pLow[e] = pLow[p]!;
          pHigh[e] = Math.min(FULL_UNITS, pHigh[e]! + pHigh[p]!);
          pExact[e] = 0;
          edgeOf[p] = e;
          recCount[e + 1]!++;
          continue;
        }
        stamp[a] = u + 1;
        where[a] = m;
        // m ≤ p: compaction never overwrites an unread position.
        pAsset[m] = a;
        pLow[m] = pLow[p]!;
        pHigh[m] = pHigh[p]!;
        pExact[m] = pExact[p]!;
        edgeOf[p] = m;
        recCount[m + 1]!++;
        m++;
      }
    }
    outStart[n] = m;
    for (let e = 0; e < m; e++) recCount[e + 1]! += recCount[e]!;
    const recStart = recCount.slice(0, m + 1);
    const recStakes = new Int32Array(kept);
    for (let p = 0; p < kept; p++) recStakes[recCount[edgeOf[p]!]!++] = pRec[p]!;
    const edgeOwner = new Int32Array(m);
    for (let u = 0; u < n; u++) edgeOwner.fill(u, outStart[u]!, outStart[u + 1]!);

    this.outStart = outStart;
    this.edgeOwner = edgeOwner;
    this.edgeAsset = m === kept ? pAsset : pAsset.slice(0, m);
    this.edgeLow = m === kept ? pLow : pLow.slice(0, m);
    this.edgeHigh = m === kept ? pHigh : pHigh.slice(0, m);
    this.edgeExact = m === kept ? pExact : pExact.slice(0, m);
    this.edgeRecStart = recStart;
    this.recStakes = recStakes;
    this.stakeIds = st.ids;
    [this.inStart, this.inEdges] = reverse(n, this.edgeAsset);

    // ---- controls ----
    const ct = columns.controls ?? { ids: [], kinds: [], controller: new Int32Array(0), entity: new Int32Array(0) };
    const C = ct.ids.length;
    if (ct.controller.length !== C || ct.entity.length !== C || ct.kinds.length !== C) {
      throw new SextantError('validation_failed', `ownership graph: control columns have different lengths`);
    }
    const ctlCount = new Int32Array(n + 1);
    let k = 0;
    for (let i = 0; i < C; i++) {
      const a = ct.controller[i]!;
      const b = ct.entity[i]!;
      if (!(a >= 0 && a < n && b >= 0 && b < n)) throw new SextantError('validation_failed', `control ${ct.ids[i]}: controller or entity is not a node`, { control: ct.ids[i] });
      if (a === b) continue;
      ctlCount[a + 1]!++;
      k++;
    }
    for (let v = 0; v < n; v++) ctlCount[v + 1]! += ctlCount[v]!;
    this.ctlStart = ctlCount.slice();
    this.ctlController = new Int32Array(k);
    this.ctlEntity = new Int32Array(k);
    this.ctlRecord = new Int32Array(k);
    for (let i = 0; i < C; i++) {
      const a = ct.controller[i]!;
      const b = ct.entity[i]!;
      if (a === b) continue;
      const pos = ctlCount[a]!++;
      this.ctlController[pos] = a;
      this.ctlEntity[pos] = b;
      this.ctlRecord[pos] = i;
    }
    [this.ctlInStart, this.ctlInEdges] = reverse(n, this.ctlEntity);
    this.controlIds = ct.ids;
    this.controlKinds = ct.kinds;

    this.size = n;
    this.ids = ids;
    this.schemata = schemata;
    this.index = index;
    this.natural = new Uint8Array(n);
    for (let v = 0; v < n; v++) if (naturalSchemata.has(schemata[v]!)) this.natural[v] = 1;
    this.stakeEdgeCount = m;
    this.selfStakes = selfStakes;
  }

  /**
   * From columns with dense node numbers: skips turning millions of string
   * ids into numbers (≈ 0.5–1 µs per lookup at a million nodes), for loaders
   * that already number their entities.
   */
  static fromColumns(columns: GraphColumns, options: GraphOptions = {}): OwnershipGraph {
    return new OwnershipGraph(columns, [], [], options);
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  /** @internal node number of an id, or -1. */
  indexOf(id: string): number {
    return this.index.get(id) ?? -1;
  }

  schemaOf(id: string): string | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.schemata[i];
  }

  /** Direct stakes held in an entity (merged edges), largest first. */
  ownersOf(id: string): Step[] {
    const v = this.indexOf(id);
    if (v < 0) return [];
    const out: Step[] = [];
    for (let j = this.inStart[v]!; j < this.inStart[v + 1]!; j++) out.push(this.stakeStep(this.inEdges[j]!));
    return out.sort((a, b) => b.high! - a.high! || b.low! - a.low!);
  }

  /** Direct stakes an owner holds (merged edges). */
  holdingsOf(id: string): Step[] {
    const u = this.indexOf(id);
    if (u < 0) return [];
    const out: Step[] = [];
    for (let e = this.outStart[u]!; e < this.outStart[u + 1]!; e++) out.push(this.stakeStep(e));
    return out;
  }

  /** @internal the explanation step of stake edge e. */
  stakeStep(e: number): Step {
    const low = toPercent(this.edgeLow[e]!);
    const high = toPercent(this.edgeHigh[e]!);
    const records: string[] = [];
    for (let r = this.edgeRecStart[e]!; r < this.edgeRecStart[e + 1]!; r++) records.push(this.stakeIds[this.recStakes[r]!]!);
    return {
      owner: this.ids[this.edgeOwner[e]!]!,
      asset: this.ids[this.edgeAsset[e]!]!,
      via: 'stake',
      low,
      high,
      exact: this.edgeExact[e] === 1,
      display: formatPercentage({ low, high }),
      records,
    };
  }

  /** @internal the explanation step of control edge c. */
  controlStep(c: number): Step {
    const rec = this.ctlRecord[c]!;
    return {
      owner: this.ids[this.ctlController[c]!]!,
      asset: this.ids[this.ctlEntity[c]!]!,
      via: 'control',
      low: null,
      high: null,
      exact: true,
      display: `control (${this.controlKinds[rec]})`,
      records: [this.controlIds[rec]!],
    };
  }

  /**
   * Effective ownership of every direct and indirect owner of an entity: for
   * each path owner → … → entity, the product of the stakes along it; summed
   * over paths. Low and high bounds are carried separately.
   *
   * Cycles: only simple paths count — a path never revisits a node — so a
   * cross-holding (A owns 60% of B, B owns 60% of A) contributes its direct
   * chain once and is not compounded around the loop. This is the reading a
   * person checks by hand, path by path; the "integrated ownership" of
   * economics (summing every walk, (I − A)⁻¹) would attribute more to owners
   * of circular structures. The walk is bounded by maxDepth and maxPaths;
   * `truncated` says when a bound was hit.
   */
  effectiveOwnership(entity: string, options: TraversalOptions = {}): EffectiveOwnership {
    const t = this.indexOf(entity);
    if (t < 0) return { entity, owners: [], paths: 0, truncated: false };
    const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    const maxPaths = options.maxPaths ?? DEFAULT_MAX_PATHS;
    const onPath = this.scratchMark();
    const acc = new Map<number, { low: number; high: number; paths: number; inexact: boolean }>();
    const nodes: number[] = [t];
    const cursor: number[] = [this.inStart[t]!];
    const lows: number[] = [1];
    const highs: number[] = [1];
    const inexact: boolean[] = [false];
    onPath[t] = 1;
    let paths = 0;
    let truncated = false;
    walk: while (nodes.length > 0) {
      const top = nodes.length - 1;
      const x = nodes[top]!;
      if (cursor[top]! >= this.inStart[x + 1]!) {
        onPath[x] = 0;
        nodes.pop();
        cursor.pop();
        lows.pop();
        highs.pop();
        inexact.pop();
        continue;
      }
      const e = this.inEdges[cursor[top]!++]!;
      const u = this.edgeOwner[e]!;
      if (onPath[u]) continue;
      if (top + 1 > maxDepth) {
        truncated = true;
        continue;
      }
      const low = (lows[top]! * this.edgeLow[e]!) / FULL_UNITS;
      const high = (highs[top]! * this.edgeHigh[e]!) / FULL_UNITS;
      const inex = inexact[top]! || this.edgeExact[e] === 0;
      let a = acc.get(u);
      if (!a) acc.set(u, (a = { low: 0, high: 0, paths: 0, inexact: false }));
      a.low += low;
      a.high += high;
      a.paths++;
      a.inexact ||= inex;
      if (++paths >= maxPaths) {
        truncated = true;
        break walk;
      }
      nodes.push(u);
      cursor.push(this.inStart[u]!);
      lows.push(low);
      highs.push(high);
      inexact.push(inex);
      onPath[u] = 1;
    }
    for (const x of nodes) onPath[x] = 0;
    const owners: EffectiveOwner[] = [];
    for (const [u, a] of acc) {
      owners.push({
        id: this.ids[u]!,
        schema: this.schemata[u]!,
        naturalPerson: this.natural[u] === 1,
        low: roundPercent(Math.min(1, a.low) * 100),
        high: roundPercent(Math.min(1, a.high) * 100),
        exact: !a.inexact,
        paths: a.paths,
      });
    }
    owners.sort((a, b) => b.high - a.high || b.low - a.low || (a.id < b.id ? -1 : 1));
    return { entity, owners, paths, truncated };
  }

  /**
   * The natural persons at the top of an entity's ownership chains, with their
   * effective share (see effectiveOwnership for paths and cycles), and the
   * legal entities at which a chain ends without reaching a person.
   */
  ultimateOwners(entity: string, options: TraversalOptions = {}): UltimateOwners {
    const eff = this.effectiveOwnership(entity, options);
    const persons: EffectiveOwner[] = [];
    const unresolved: EffectiveOwner[] = [];
    for (const o of eff.owners) {
      if (o.naturalPerson) persons.push(o);
      else {
        const u = this.index.get(o.id)!;
        if (this.inStart[u] === this.inStart[u + 1]) unresolved.push(o);
      }
    }
    return { entity, persons, unresolved, truncated: eff.truncated };
  }

  /** A zeroed mark array, reused between calls (each caller leaves it zeroed). */
  private scratchMark(): Uint8Array {
    this.mark ??= new Uint8Array(this.size);
    return this.mark;
  }
}

function isColumns(x: Iterable<OwnershipNode> | GraphColumns): x is GraphColumns {
  return !(Symbol.iterator in x) && typeof (x as GraphColumns).stakes === 'object';
}

/** Records with string ids → columns, numbering nodes in order of first appearance. */
function toColumns(nodes: Iterable<OwnershipNode>, stakes: readonly Stake[], controls: readonly Control[]): GraphColumns & { index: Map<string, number> } {
  const ids: string[] = [];
  const schemata: string[] = [];
  const index = new Map<string, number>();
  const intern = (id: string, what: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      if (typeof id !== 'string' || id === '') throw new SextantError('validation_failed', `ownership graph: ${what} has no id`);
      i = ids.length;
      index.set(id, i);
      ids.push(id);
      schemata.push('');
    }
    return i;
  };
  for (const node of nodes) {
    const i = intern(node.id, 'a node');
    if (schemata[i] === '' && node.schema) schemata[i] = node.schema;
  }
  const S = stakes.length;
  const col = {
    ids: new Array<string>(S),
    owner: new Int32Array(S),
    asset: new Int32Array(S),
    low: new Float64Array(S),
    high: new Float64Array(S),
    exact: new Uint8Array(S),
    lowExclusive: new Uint8Array(S),
    highExclusive: new Uint8Array(S),
  };
  for (let i = 0; i < S; i++) {
    const s = stakes[i]!;
    col.ids[i] = s.id;
    col.owner[i] = intern(s.owner, `the owner of stake ${s.id}`);
    col.asset[i] = intern(s.asset, `the asset of stake ${s.id}`);
    col.low[i] = s.low;
    col.high[i] = s.high;
    col.exact[i] = s.exact ? 1 : 0;
    col.lowExclusive[i] = s.lowExclusive ? 1 : 0;
    col.highExclusive[i] = s.highExclusive ? 1 : 0;
  }
  const C = controls.length;
  const ctl = { ids: new Array<string>(C), kinds: new Array<string>(C), controller: new Int32Array(C), entity: new Int32Array(C) };
  for (let i = 0; i < C; i++) {
    const c = controls[i]!;
    ctl.ids[i] = c.id;
    ctl.kinds[i] = c.kind;
    ctl.controller[i] = intern(c.controller, `the controller of control ${c.id}`);
    ctl.entity[i] = intern(c.entity, `the entity of control ${c.id}`);
  }
  return { ids, schemata, stakes: col, controls: ctl, index };
}

/** Reverse CSR: for targets[e] = v, lists the e of each v. */
function reverse(n: number, targets: Int32Array): [Int32Array, Int32Array] {
  const start = new Int32Array(n + 1);
  for (let e = 0; e < targets.length; e++) start[targets[e]! + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, n);
  const edges = new Int32Array(targets.length);
  for (let e = 0; e < targets.length; e++) edges[fill[targets[e]!]!++] = e;
  return [start, edges];
}

function roundPercent(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
