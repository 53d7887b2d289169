/**
 * Which entities are blocked under one rule (rules.ts), given the designated
 * ones, with the chain of stakes that makes each so; kept up to date as
 * designations are added and lifted.
 *
 * Two layers are computed side by side over the same graph:
 * - *certain*: every stake at its low bound. An entity in it is `blocked`.
 * - *possible*: every stake at its high bound. An entity in it but not in the
 *   certain layer is `possibly_blocked` — blocked if the ranged or unknown
 *   stakes are at the top of their ranges, not otherwise.
 * Blocking is monotone in the stakes, so whatever the true values within the
 * ranges, the truly blocked set lies between the two layers.
 *
 * Aggregate rules (OFAC, EU): the blocked set is the least fixpoint of
 *   blocked(v) ⇔ designated(v)
 *             ∨ Σ { stake(u→v) : u blocked } ≥ threshold   (or > threshold)
 *             ∨ (rule counts control ∧ ∃ u blocked controlling v)
 * A blocked intermediary passes on its whole stake (OFAC FAQ 401); an
 * unblocked one passes on nothing, however much of it blocked persons own.
 * The least fixpoint is what makes cycles safe: two companies owning 60% of
 * each other do not block each other unless something outside the cycle
 * blocks one of them.
 *
 * The fixpoint is computed by a worklist: when a node becomes blocked, its
 * stakes are added to its assets' running sums, and an asset whose sum reaches
 * the threshold is blocked in turn. Each node enters the worklist once, each
 * edge is read once: O(nodes + edges).
 *
 * Incremental updates:
 * - designate(id): the new seed is pushed through the same worklist; only what
 *   it reaches is touched.
 * - delist(id): delete and re-derive, guided by the blocking order. A blocked
 *   node keeps its status if owners blocked *before* it, and still blocked,
 *   reach the threshold (that support cannot depend on it, so cycles cannot
 *   keep each other alive); judging nodes in blocking order from the delisted
 *   one settles every earlier owner first. The nodes that lose that support
 *   are demoted, then re-blocked by the ordinary worklist if what remains
 *   (owners blocked later, other designations) still reaches the threshold.
 *   Only the demoted nodes and their direct assets are touched, not the
 *   whole blocked component downstream.
 * Both return the entities whose status changed.
 *
 * Explanations: every blocked node records the order in which it was blocked.
 * The blocked owners blocked *before* it always sum to the threshold (they
 * were the ones counted when it crossed), so following only earlier owners
 * upwards is well-founded, even around cycles, and ends at designated nodes:
 * those are the paths reported, seed first.
 *
 * Per-person rules (UK by default, OFSI guidance 4.14): each designated person
 * is assessed on their own. Their *group* is the least fixpoint from that
 * person alone (the entities they own or control, directly or through entities
 * in their group); an entity is blocked if it is in at least one group. A
 * count per node of the groups containing it makes designate/delist exact:
 * the group of the person is recomputed (the graph does not change) and the
 * counts adjusted.
 */
import { OwnershipGraph, toPercent, UNITS_PER_PERCENT, type Step } from './ownership-graph.ts';
import { resolveRule, type OwnershipRule, type RuleConfig } from './rules.ts';

export type Status = 'blocked' | 'possibly_blocked' | 'not_blocked';

export interface StatusChange {
  id: string;
  before: Status;
  after: Status;
}

/** A chain from a designated node down to the entity: steps[0].owner is the seed, the last step's asset the entity. */
export interface Path {
  seed: string;
  steps: Step[];
}

/** A direct owner or controller of the entity that is itself blocked or possibly blocked. */
export interface Contribution extends Step {
  /** The owner's own status under this rule. */
  ownerStatus: Status;
}

/**
 * The blocked holdings in the entity that the rule adds up: one holding for
 * all blocked owners together (aggregate rules, seed = null), or one per
 * designated person (per-person rules).
 */
export interface Holding {
  seed: string | null;
  /** Sum of the low bounds of the stakes of certainly blocked owners, in percent. */
  low: number;
  /** Sum of the high bounds of the stakes of blocked and possibly blocked owners, in percent. */
  high: number;
  /** A blocked owner controls the entity (rules that count control). */
  controlled: boolean;
  owners: Contribution[];
}

export interface Explanation {
  id: string;
  rule: string;
  status: Status;
  designated: boolean;
  /** "≥ 50%" or "> 50%". */
  threshold: string;
  /** Which bounds the status rests on: low bounds for blocked, high bounds for possibly blocked. */
  bound: 'low' | 'high' | null;
  holdings: Holding[];
  /** Chains of stakes (and control) from designated nodes down to the entity that make it blocked (or possibly blocked). */
  paths: Path[];
  /** More paths exist than were listed. */
  truncated: boolean;
}

export interface ExplainOptions {
  /** Most paths listed (default 100). */
  maxPaths?: number;
}

const CERTAIN = 0;
const POSSIBLE = 1;
type Layer = typeof CERTAIN | typeof POSSIBLE;
const LAYERS: readonly Layer[] = [CERTAIN, POSSIBLE];

interface Engine {
  isBlocked(layer: Layer, v: number): boolean;
  /** Adds seed s (seed flag already set); returns, per layer, the nodes whose membership flipped. */
  add(s: number): [number[], number[]];
  /** Removes seed s (seed flag already cleared); same. */
  remove(s: number): [number[], number[]];
}

function weights(g: OwnershipGraph, layer: Layer): Int32Array {
  return layer === CERTAIN ? g.edgeLow : g.edgeHigh;
}

/** Aggregate rules: one fixpoint per layer over all seeds. */
class AggregateEngine implements Engine {
  readonly blocked: [Uint8Array, Uint8Array];
  readonly order: [Float64Array, Float64Array];
  private readonly sum: [Float64Array, Float64Array];
  private readonly ctl: [Int32Array, Int32Array];
  private readonly clock: [number, number] = [0, 0];
  private readonly queue: Int32Array;
  /** Nodes waiting in remove's heap. */
  private readonly pending: Uint8Array;

  constructor(
    private readonly g: OwnershipGraph,
    private readonly threshold: number,
    private readonly control: boolean,
    private readonly seed: Uint8Array,
  ) {
    const n = g.size;
    this.blocked = [new Uint8Array(n), new Uint8Array(n)];
    this.order = [new Float64Array(n), new Float64Array(n)];
    this.sum = [new Float64Array(n), new Float64Array(n)];
    this.ctl = [new Int32Array(n), new Int32Array(n)];
    this.queue = new Int32Array(n);
    this.pending = new Uint8Array(n);
    for (const layer of LAYERS) {
      let tail = 0;
      for (let v = 0; v < n; v++) if (seed[v]) tail = this.block(layer, v, tail);
      this.propagate(layer, 0, tail);
    }
  }

  isBlocked(layer: Layer, v: number): boolean {
    return this.blocked[layer][v] === 1;
  }

  private block(layer: Layer, v: number, tail: number): number {
    this.blocked[layer][v] = 1;
    this.order[layer][v] = ++this.clock[layer];
    this.queue[tail] = v;
    return tail + 1;
  }

  /** Pushes the stakes of queue[head..tail) to their assets until nothing more crosses; returns the new tail. */
  private propagate(layer: Layer, head: number, tail: number): number {
    const { g, threshold, control, queue } = this;
    const w = weights(g, layer);
    const blocked = this.blocked[layer];
    const sum = this.sum[layer];
    const ctl = this.ctl[layer];
    while (head < tail) {
      const u = queue[head++]!;
      for (let e = g.outStart[u]!, end = g.outStart[u + 1]!; e < end; e++) {
        const v = g.edgeAsset[e]!;
        const s = (sum[v]! += w[e]!);
        if (blocked[v] === 0 && s >= threshold) tail = this.block(layer, v, tail);
      }
      for (let c = g.ctlStart[u]!, end = g.ctlStart[u + 1]!; c < end; c++) {
        const v = g.ctlEntity[c]!;
        ctl[v]!++;
        if (control && blocked[v] === 0) tail = this.block(layer, v, tail);
      }
    }
    return tail;
  }

  add(s: number): [number[], number[]] {
    const flips: [number[], number[]] = [[], []];
    for (const layer of LAYERS) {
      if (this.blocked[layer][s]) continue;
      const tail = this.propagate(layer, 0, this.block(layer, s, 0));
      for (let i = 0; i < tail; i++) flips[layer].push(this.queue[i]!);
    }
    return flips;
  }

  /**
   * Lifts seed s (its flag already cleared). Phase 1 finds the nodes that lose
   * their support: in blocking order, starting from s, a node keeps its status
   * if it is designated or if owners blocked *before* it and still blocked
   * reach the threshold (or control it); otherwise it is demoted, its
   * contributions are taken out of its assets' sums, and those of its assets
   * blocked after it become candidates. Processing in blocking order means
   * every earlier owner is settled when a node is judged. Phase 2 runs the
   * worklist from the demoted nodes whose remaining sums (from owners blocked
   * later, which may not depend on s at all) still reach the threshold.
   * Only the demoted nodes and their direct assets are touched.
   */
  remove(s: number): [number[], number[]] {
    const flips: [number[], number[]] = [[], []];
    for (const layer of LAYERS) {
      if (!this.blocked[layer][s]) continue;
      const demoted = this.demote(layer, s);
      let tail = 0;
      const sum = this.sum[layer];
      const ctl = this.ctl[layer];
      for (const u of demoted) {
        if (this.seed[u] || sum[u]! >= this.threshold || (this.control && ctl[u]! > 0)) tail = this.block(layer, u, tail);
      }
      this.propagate(layer, 0, tail);
      for (const u of demoted) if (!this.blocked[layer][u]) flips[layer].push(u);
    }
    return flips;
  }

  /** Phase 1 of remove: the nodes that lost their well-founded support, demoted. */
  private demote(layer: Layer, s: number): number[] {
    const { g, threshold, control, pending } = this;
    const w = weights(g, layer);
    const blocked = this.blocked[layer];
    const order = this.order[layer];
    const sum = this.sum[layer];
    const ctl = this.ctl[layer];
    const heap = new OrderHeap(order);
    const demoted: number[] = [];
    heap.push(s);
    pending[s] = 1;
    while (heap.size > 0) {
      const v = heap.pop();
      pending[v] = 0;
      if (this.seed[v]) continue;
      const rank = order[v]!;
      let support = 0;
      for (let j = g.inStart[v]!, end = g.inStart[v + 1]!; j < end; j++) {
        const e = g.inEdges[j]!;
        const u = g.edgeOwner[e]!;
        if (blocked[u] && order[u]! < rank) support += w[e]!;
      }
      let kept = support >= threshold;
      if (!kept && control) {
        for (let j = g.ctlInStart[v]!, end = g.ctlInStart[v + 1]!; j < end && !kept; j++) {
          const u = g.ctlController[g.ctlInEdges[j]!]!;
          if (blocked[u] && order[u]! < rank) kept = true;
        }
      }
      if (kept) continue;
      blocked[v] = 0;
      demoted.push(v);
      for (let e = g.outStart[v]!, end = g.outStart[v + 1]!; e < end; e++) {
        const a = g.edgeAsset[e]!;
        sum[a]! -= w[e]!;
        if (blocked[a] && order[a]! > rank && !pending[a]) {
          pending[a] = 1;
          heap.push(a);
        }
      }
      for (let c = g.ctlStart[v]!, end = g.ctlStart[v + 1]!; c < end; c++) {
        const a = g.ctlEntity[c]!;
        ctl[a]!--;
        if (control && blocked[a] && order[a]! > rank && !pending[a]) {
          pending[a] = 1;
          heap.push(a);
        }
      }
    }
    return demoted;
  }
}

/** A binary min-heap of node numbers keyed by their blocking order. */
class OrderHeap {
  private readonly items: number[] = [];
  constructor(private readonly key: Float64Array) {}

  get size(): number {
    return this.items.length;
  }

  push(v: number): void {
    const { items, key } = this;
    let i = items.length;
    items.push(v);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (key[items[parent]!]! <= key[v]!) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = v;
  }

  pop(): number {
    const { items, key } = this;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= items.length) break;
        const r = l + 1;
        const c = r < items.length && key[items[r]!]! < key[items[l]!]! ? r : l;
        if (key[items[c]!]! >= key[last]!) break;
        items[i] = items[c]!;
        i = c;
      }
      items[i] = last;
    }
    return top;
  }
}

/** Per-person rules: one group per designated node, and per node the number of groups containing it. */
class PerPersonEngine implements Engine {
  private readonly count: [Int32Array, Int32Array];
  private readonly sum: Float64Array;
  private readonly pos: Int32Array;

  constructor(
    private readonly g: OwnershipGraph,
    private readonly threshold: number,
    private readonly control: boolean,
    seed: Uint8Array,
  ) {
    const n = g.size;
    this.count = [new Int32Array(n), new Int32Array(n)];
    this.sum = new Float64Array(n);
    this.pos = new Int32Array(n).fill(-1);
    for (let v = 0; v < n; v++) if (seed[v]) this.add(v);
  }

  isBlocked(layer: Layer, v: number): boolean {
    return this.count[layer][v]! > 0;
  }

  /**
   * The group of s in a layer: s, then every node whose stakes held by group
   * members reach the threshold or that a member controls, in the order they
   * joined.
   */
  group(s: number, layer: Layer): number[] {
    const { g, threshold, control, sum, pos } = this;
    const w = weights(g, layer);
    const members = [s];
    const touched: number[] = [];
    pos[s] = 0;
    for (let i = 0; i < members.length; i++) {
      const u = members[i]!;
      for (let e = g.outStart[u]!, end = g.outStart[u + 1]!; e < end; e++) {
        const v = g.edgeAsset[e]!;
        if (pos[v]! >= 0) continue;
        if (sum[v] === 0) touched.push(v);
        sum[v]! += w[e]!;
        if (sum[v]! >= threshold) {
          pos[v] = members.length;
          members.push(v);
        }
      }
      if (!control) continue;
      for (let c = g.ctlStart[u]!, end = g.ctlStart[u + 1]!; c < end; c++) {
        const v = g.ctlEntity[c]!;
        if (pos[v]! >= 0) continue;
        pos[v] = members.length;
        members.push(v);
      }
    }
    for (const v of touched) sum[v] = 0;
    for (const v of members) pos[v] = -1;
    return members;
  }

  add(s: number): [number[], number[]] {
    const flips: [number[], number[]] = [[], []];
    for (const layer of LAYERS) {
      const count = this.count[layer];
      for (const v of this.group(s, layer)) if (count[v]!++ === 0) flips[layer].push(v);
    }
    return flips;
  }

  remove(s: number): [number[], number[]] {
    const flips: [number[], number[]] = [[], []];
    for (const layer of LAYERS) {
      const count = this.count[layer];
      for (const v of this.group(s, layer)) if (--count[v]! === 0) flips[layer].push(v);
    }
    return flips;
  }
}

function statusOf(certain: boolean, possible: boolean): Status {
  return certain ? 'blocked' : possible ? 'possibly_blocked' : 'not_blocked';
}

/**
 * The blocked set of one rule. Seeds (designated ids) not in the graph are
 * accepted: they are blocked and block nothing else.
 */
export class BlockedSet {
  readonly rule: RuleConfig;
  private readonly seed: Uint8Array;
  private readonly outside = new Set<string>();
  private readonly engine: AggregateEngine | PerPersonEngine;
  /** The threshold in units: the smallest aggregate that blocks. */
  private readonly threshold: number;

  constructor(
    readonly graph: OwnershipGraph,
    rule: OwnershipRule | RuleConfig = 'ofac',
    seeds: Iterable<string> = [],
  ) {
    this.rule = resolveRule(rule);
    const units = Math.round(this.rule.thresholdPercent * UNITS_PER_PERCENT);
    this.threshold = this.rule.inclusive ? units : units + 1;
    this.seed = new Uint8Array(graph.size);
    for (const id of seeds) {
      const v = graph.indexOf(id);
      if (v >= 0) this.seed[v] = 1;
      else this.outside.add(id);
    }
    this.engine =
      this.rule.aggregation === 'aggregate'
        ? new AggregateEngine(graph, this.threshold, this.rule.control, this.seed)
        : new PerPersonEngine(graph, this.threshold, this.rule.control, this.seed);
  }

  status(id: string): Status {
    const v = this.graph.indexOf(id);
    if (v < 0) return this.outside.has(id) ? 'blocked' : 'not_blocked';
    return this.statusAt(v);
  }

  isDesignated(id: string): boolean {
    const v = this.graph.indexOf(id);
    return v < 0 ? this.outside.has(id) : this.seed[v] === 1;
  }

  /** Adds a designation; returns the entities whose status changed. */
  designate(id: string): StatusChange[] {
    const v = this.graph.indexOf(id);
    if (v < 0) {
      if (this.outside.has(id)) return [];
      this.outside.add(id);
      return [{ id, before: 'not_blocked', after: 'blocked' }];
    }
    if (this.seed[v]) return [];
    this.seed[v] = 1;
    return this.changes(this.engine.add(v));
  }

  /** Lifts a designation; returns the entities whose status changed. */
  delist(id: string): StatusChange[] {
    const v = this.graph.indexOf(id);
    if (v < 0) return this.outside.delete(id) ? [{ id, before: 'blocked', after: 'not_blocked' }] : [];
    if (!this.seed[v]) return [];
    this.seed[v] = 0;
    return this.changes(this.engine.remove(v));
  }

  /** Entities certainly blocked (designated ones included). */
  *blocked(): IterableIterator<string> {
    for (let v = 0; v < this.graph.size; v++) if (this.engine.isBlocked(CERTAIN, v)) yield this.graph.ids[v]!;
    yield* this.outside;
  }

  /** Entities possibly, but not certainly, blocked. */
  *possiblyBlocked(): IterableIterator<string> {
    for (let v = 0; v < this.graph.size; v++) {
      if (this.engine.isBlocked(POSSIBLE, v) && !this.engine.isBlocked(CERTAIN, v)) yield this.graph.ids[v]!;
    }
  }

  *designated(): IterableIterator<string> {
    for (let v = 0; v < this.graph.size; v++) if (this.seed[v]) yield this.graph.ids[v]!;
    yield* this.outside;
  }

  counts(): { designated: number; blocked: number; possiblyBlocked: number } {
    let designated = this.outside.size;
    let blocked = this.outside.size;
    let possiblyBlocked = 0;
    for (let v = 0; v < this.graph.size; v++) {
      if (this.seed[v]) designated++;
      if (this.engine.isBlocked(CERTAIN, v)) blocked++;
      else if (this.engine.isBlocked(POSSIBLE, v)) possiblyBlocked++;
    }
    return { designated, blocked, possiblyBlocked };
  }

  /** Why an entity has its status: the blocked holdings in it, and the paths from designated nodes. */
  explain(id: string, options: ExplainOptions = {}): Explanation {
    const maxPaths = options.maxPaths ?? 100;
    const status = this.status(id);
    const base = {
      id,
      rule: this.rule.name,
      status,
      designated: this.isDesignated(id),
      threshold: `${this.rule.inclusive ? '≥' : '>'} ${this.rule.thresholdPercent}%`,
      bound: status === 'blocked' ? ('low' as const) : status === 'possibly_blocked' ? ('high' as const) : null,
    };
    const v = this.graph.indexOf(id);
    if (v < 0) {
      return { ...base, holdings: [], paths: base.designated ? [{ seed: id, steps: [] }] : [], truncated: false };
    }
    const layer = status === 'blocked' ? CERTAIN : POSSIBLE;
    if (this.engine instanceof AggregateEngine) {
      const engine = this.engine;
      const holding = this.holding(v, null, (u) => engine.isBlocked(CERTAIN, u), (u) => engine.isBlocked(POSSIBLE, u));
      const holdings = holding.owners.length > 0 ? [holding] : [];
      if (status === 'not_blocked') return { ...base, holdings, paths: [], truncated: false };
      const blocked = engine.blocked[layer];
      const order = engine.order[layer];
      const { paths, truncated } = this.paths(v, (x) => this.seed[x] === 1, (p, x) => blocked[p] === 1 && order[p]! < order[x]!, maxPaths);
      return { ...base, holdings, paths, truncated };
    }
    // Per person: the groups of the designated nodes upstream of the entity.
    const engine = this.engine;
    const holdings: Holding[] = [];
    const paths: Path[] = [];
    let truncated = false;
    for (const s of this.upstreamSeeds(v)) {
      const certain = positions(engine.group(s, CERTAIN));
      const possible = positions(engine.group(s, POSSIBLE));
      const holding = this.holding(v, this.graph.ids[s]!, (u) => u !== v && certain.has(u), (u) => u !== v && possible.has(u));
      if (holding.owners.length > 0) holdings.push(holding);
      const group = layer === CERTAIN ? certain : possible;
      if (status === 'not_blocked' || !group.has(v) || truncated) continue;
      const found = this.paths(v, (x) => x === s, (p, x) => group.has(p) && group.get(p)! < group.get(x)!, maxPaths - paths.length);
      paths.push(...found.paths);
      truncated = found.truncated || paths.length >= maxPaths;
    }
    return { ...base, holdings, paths, truncated };
  }

  private statusAt(v: number): Status {
    return statusOf(this.engine.isBlocked(CERTAIN, v), this.engine.isBlocked(POSSIBLE, v));
  }

  private changes([certainFlips, possibleFlips]: [number[], number[]]): StatusChange[] {
    const flippedCertain = new Set(certainFlips);
    const flippedPossible = new Set(possibleFlips);
    const out: StatusChange[] = [];
    for (const v of new Set([...certainFlips, ...possibleFlips])) {
      const certain = this.engine.isBlocked(CERTAIN, v);
      const possible = this.engine.isBlocked(POSSIBLE, v);
      const before = statusOf(certain !== flippedCertain.has(v), possible !== flippedPossible.has(v));
      const after = statusOf(certain, possible);
      if (before !== after) out.push({ id: this.graph.ids[v]!, before, after });
    }
    return out;
  }

  /** The direct owners and controllers of v that count, with the sums of their stakes. */
  private holding(v: number, seed: string | null, certain: (u: number) => boolean, possible: (u: number) => boolean): Holding {
    const g = this.graph;
    let low = 0;
    let high = 0;
    let controlled = false;
    const owners: Contribution[] = [];
    for (let j = g.inStart[v]!; j < g.inStart[v + 1]!; j++) {
      const e = g.inEdges[j]!;
      const u = g.edgeOwner[e]!;
      if (!possible(u)) continue;
      if (certain(u)) low += g.edgeLow[e]!;
      high += g.edgeHigh[e]!;
      owners.push({ ...g.stakeStep(e), ownerStatus: this.statusAt(u) });
    }
    if (this.rule.control) {
      for (let j = g.ctlInStart[v]!; j < g.ctlInStart[v + 1]!; j++) {
        const c = g.ctlInEdges[j]!;
        const u = g.ctlController[c]!;
        if (!possible(u)) continue;
        controlled = true;
        owners.push({ ...g.controlStep(c), ownerStatus: this.statusAt(u) });
      }
    }
    owners.sort((a, b) => (b.high ?? 101) - (a.high ?? 101) || (a.owner < b.owner ? -1 : 1));
    return { seed, low: toPercent(low), high: toPercent(high), controlled, owners };
  }

  /**
   * Paths from leaves (designated nodes) down to v, following only the
   * predecessors `allowed` admits (which must decrease along a strict order,
   * so the walk ends). Depth-first, at most maxPaths.
   */
  private paths(v: number, isLeaf: (x: number) => boolean, allowed: (p: number, x: number) => boolean, maxPaths: number): { paths: Path[]; truncated: boolean } {
    const g = this.graph;
    if (isLeaf(v)) return { paths: [{ seed: g.ids[v]!, steps: [] }], truncated: false };
    const paths: Path[] = [];
    const frames = [{ x: v, j: g.inStart[v]!, k: g.ctlInStart[v]! }];
    const steps: Step[] = [];
    while (frames.length > 0) {
      const f = frames[frames.length - 1]!;
      let next = -1;
      let step: Step | null = null;
      while (f.j < g.inStart[f.x + 1]!) {
        const e = g.inEdges[f.j++]!;
        const p = g.edgeOwner[e]!;
        if (allowed(p, f.x)) {
          next = p;
          step = g.stakeStep(e);
          break;
        }
      }
      if (next < 0 && this.rule.control) {
        while (f.k < g.ctlInStart[f.x + 1]!) {
          const c = g.ctlInEdges[f.k++]!;
          const p = g.ctlController[c]!;
          if (allowed(p, f.x)) {
            next = p;
            step = g.controlStep(c);
            break;
          }
        }
      }
      if (next < 0) {
        frames.pop();
        steps.pop();
        continue;
      }
      steps.push(step!);
      if (isLeaf(next)) {
        if (paths.length === maxPaths) return { paths, truncated: true };
        paths.push({ seed: g.ids[next]!, steps: steps.slice().reverse() });
        steps.pop();
        continue;
      }
      frames.push({ x: next, j: g.inStart[next]!, k: g.ctlInStart[next]! });
    }
    return { paths, truncated: false };
  }

  /** Designated nodes from which v can be reached by stakes (or control), v included; sorted by id. */
  private upstreamSeeds(v: number): number[] {
    const g = this.graph;
    const seen = new Set([v]);
    const queue = [v];
    for (let i = 0; i < queue.length; i++) {
      const x = queue[i]!;
      for (let j = g.inStart[x]!; j < g.inStart[x + 1]!; j++) {
        const u = g.edgeOwner[g.inEdges[j]!]!;
        if (!seen.has(u)) seen.add(u), queue.push(u);
      }
      if (!this.rule.control) continue;
      for (let j = g.ctlInStart[x]!; j < g.ctlInStart[x + 1]!; j++) {
        const u = g.ctlController[g.ctlInEdges[j]!]!;
        if (!seen.has(u)) seen.add(u), queue.push(u);
      }
    }
    return queue.filter((x) => this.seed[x] === 1).sort((a, b) => (g.ids[a]! < g.ids[b]! ? -1 : 1));
  }
}

function positions(members: number[]): Map<number, number> {
  const m = new Map<number, number>();
  members.forEach((v, i) => m.set(v, i));
  return m;
}

