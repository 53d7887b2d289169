/**
 * The payment graph in memory (DESIGN.md idea 4): accounts are integer nodes,
 * payments are edges held as typed-array columns, and each account's incoming
 * and outgoing payments are contiguous runs sorted by time (compressed
 * adjacency, like the ownership graph), with prefix sums of their values so
 * that "how much came in or went out of this account between t0 and t1" is two
 * binary searches and a subtraction.
 *
 * Amounts are compared in one currency: every currency with a reference rate
 * is pooled in approximate US dollars (model/normalize/currencies); a currency
 * without one forms its own group, compared only with itself. Runs are per
 * (account, currency group), so window sums never mix the two.
 *
 * The same payment often reaches a node twice — the originator's bank and the
 * beneficiary's bank both report it. Payments with the same accounts, amount,
 * currency and time are one edge; every record stays in its evidence.
 */
import { approxUsd } from '../../model/normalize/currencies.ts';
import { foldName } from '../../model/normalize/names.ts';
import { identifierKey } from '../../screen/compare.ts';
import type { StoredPayment } from '../../store/events.ts';
import type { AlertSubject } from '../alert.ts';
import type { EvidenceRef } from '../inputs.ts';

/** The group of currencies valued in approximate US dollars. */
export const POOLED = 0;

export class PaymentGraph {
  /** Distinct payments in time order: edge e is payments[e]. */
  readonly payments: StoredPayment[];
  /** Further records of the same payment (another bank's report of it), by edge. */
  readonly copies = new Map<number, StoredPayment[]>();
  /** Account keys (compact upper-case IBAN or number), by node. */
  readonly accounts: string[] = [];
  /** The name most often written with the account, by node (null when never named). */
  readonly names: Array<string | null> = [];
  /** The country written with the account, by node. */
  readonly countries: Array<string | null> = [];
  /** Payments in and out of each account, all currencies. */
  readonly degree: Int32Array;
  readonly from: Int32Array;
  readonly to: Int32Array;
  /** Seconds since the epoch. */
  readonly t: Float64Array;
  /** Approximate US dollars (group POOLED), otherwise the amount in its own currency. */
  readonly value: Float64Array;
  readonly group: Int32Array;
  /** Group names: groups[0] is the pooled group ("USD"), then the currencies without a reference rate. */
  readonly groups: string[] = ['USD'];
  /** Edges by (beneficiary, group, time); run of key k = account × groups + group is inOrder[inStart[k] … inStart[k+1]). */
  readonly inOrder: Int32Array;
  readonly inStart: Int32Array;
  /** inPrefix[p] = sum of values at inOrder positions before p. */
  readonly inPrefix: Float64Array;
  readonly outOrder: Int32Array;
  readonly outStart: Int32Array;
  readonly outPrefix: Float64Array;
  private readonly accountIndex = new Map<string, number>();
  private readonly byValue = new Map<number, Int32Array>();

  constructor(input: readonly StoredPayment[]) {
    // Distinct payments, then time order (ties: source and record, for stable edge numbers).
    const seen = new Map<string, number>();
    const unique: Array<{ p: StoredPayment; t: number; amount: number }> = [];
    const extra = new Map<number, StoredPayment[]>();
    for (const p of input) {
      const t = Date.parse(p.ts) / 1000;
      const amount = Number(p.amount);
      if (!Number.isFinite(t) || !(amount > 0)) continue;
      const key = `${identifierKey(p.originator_account)}\u0000${identifierKey(p.beneficiary_account)}\u0000${amount}\u0000${p.currency}\u0000${t}`;
      const at = seen.get(key);
      if (at !== undefined) {
        const list = extra.get(at) ?? [];
        list.push(p);
        extra.set(at, list);
        continue;
      }
      seen.set(key, unique.length);
      unique.push({ p, t, amount });
    }
    const order = unique.map((_, i) => i);
    order.sort((a, b) => unique[a]!.t - unique[b]!.t || cmp(unique[a]!.p.dataset, unique[b]!.p.dataset) || cmp(unique[a]!.p.source_record, unique[b]!.p.source_record));
    const E = order.length;
    this.payments = new Array<StoredPayment>(E);
    this.from = new Int32Array(E);
    this.to = new Int32Array(E);
    this.t = new Float64Array(E);
    this.value = new Float64Array(E);
    this.group = new Int32Array(E);
    const groupIndex = new Map<string, number>();
    const nameCounts = new Map<number, Map<string, number>>();
    const noteName = (a: number, name: string | null, country: string | null) => {
      if (country && !this.countries[a]) this.countries[a] = country;
      if (!name) return;
      const first = this.names[a];
      if (first === null || first === undefined) {
        this.names[a] = name;
        return;
      }
      if (first === name && !nameCounts.has(a)) return;
      // A second spelling: count them all from here on and keep the most frequent.
      let counts = nameCounts.get(a);
      if (!counts) nameCounts.set(a, (counts = new Map([[first, 1]])));
      counts.set(name, (counts.get(name) ?? 0) + 1);
    };
    for (let e = 0; e < E; e++) {
      const u = unique[order[e]!]!;
      const p = u.p;
      this.payments[e] = p;
      const copies = extra.get(order[e]!);
      if (copies) this.copies.set(e, copies);
      const a = this.intern(p.originator_account);
      const b = this.intern(p.beneficiary_account);
      this.from[e] = a;
      this.to[e] = b;
      this.t[e] = u.t;
      noteName(a, p.originator_name, p.originator_country);
      noteName(b, p.beneficiary_name, p.beneficiary_country);
      const usd = approxUsd(u.amount, p.currency);
      if (usd !== undefined) {
        this.value[e] = usd;
        this.group[e] = POOLED;
      } else {
        let g = groupIndex.get(p.currency);
        if (g === undefined) {
          g = this.groups.length;
          groupIndex.set(p.currency, g);
          this.groups.push(p.currency);
        }
        this.value[e] = u.amount;
        this.group[e] = g;
      }
    }
    for (const [a, counts] of nameCounts) {
      let best = this.names[a]!;
      for (const [n, c] of counts) if (c > (counts.get(best) ?? 0)) best = n;
      this.names[a] = best;
    }
    const A = this.accounts.length;
    this.degree = new Int32Array(A);
    for (let e = 0; e < E; e++) {
      this.degree[this.from[e]!]!++;
      this.degree[this.to[e]!]!++;
    }
    // Counting sort by (account, group): edges are numbered in time order, so each run comes out sorted by time.
    const G = this.groups.length;
    [this.inOrder, this.inStart, this.inPrefix] = runs(this.to, this.group, this.value, A * G, G);
    [this.outOrder, this.outStart, this.outPrefix] = runs(this.from, this.group, this.value, A * G, G);
  }

  get edges(): number {
    return this.t.length;
  }

  get size(): number {
    return this.accounts.length;
  }

  /** The node of an account as written (any spacing or case), or -1. */
  accountOf(account: string): number {
    return this.accountIndex.get(identifierKey(account)) ?? -1;
  }

  /** Positions [lo, hi) in inOrder of account a's incoming payments of group g. */
  inRun(a: number, g: number): [number, number] {
    const k = a * this.groups.length + g;
    return [this.inStart[k]!, this.inStart[k + 1]!];
  }

  outRun(a: number, g: number): [number, number] {
    const k = a * this.groups.length + g;
    return [this.outStart[k]!, this.outStart[k + 1]!];
  }

  /**
   * Account a's incoming payments of group g sorted by value (edge ids), built
   * on first use and kept: lookups by amount ("payments of about 50,000 to
   * this exporter") are two binary searches instead of a scan of its run.
   */
  inByValue(a: number, g: number): Int32Array {
    const k = a * this.groups.length + g;
    let sorted = this.byValue.get(k);
    if (!sorted) {
      const value = this.value;
      sorted = this.inOrder.slice(this.inStart[k]!, this.inStart[k + 1]!).sort((x, y) => value[x]! - value[y]! || x - y);
      this.byValue.set(k, sorted);
    }
    return sorted;
  }

  /** Edges of account a's incoming payments of group g with a value in [min, max], in value order. */
  inValueRange(a: number, g: number, min: number, max: number): Int32Array {
    const sorted = this.inByValue(a, g);
    const value = this.value;
    const bound = (x: number, strict: boolean) => {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const v = value[sorted[mid]!]!;
        if (v < x || (strict && v === x)) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return sorted.subarray(bound(min, false), bound(max, true));
  }

  /** First position in [lo, hi) of `order` whose payment is later than `time` (strictly), or hi. */
  after(order: Int32Array, lo: number, hi: number, time: number): number {
    const t = this.t;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (t[order[mid]!]! <= time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First position in [lo, hi) of `order` whose payment is at or after `time`, or hi. */
  atOrAfter(order: Int32Array, lo: number, hi: number, time: number): number {
    const t = this.t;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (t[order[mid]!]! < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Value account a received in group g at times in (t0, t1]. */
  inflow(a: number, g: number, t0: number, t1: number): number {
    const [lo, hi] = this.inRun(a, g);
    return this.inPrefix[this.after(this.inOrder, lo, hi, t1)]! - this.inPrefix[this.after(this.inOrder, lo, hi, t0)]!;
  }

  /** Value account a paid out in group g at times in (t0, t1]. */
  outflow(a: number, g: number, t0: number, t1: number): number {
    const [lo, hi] = this.outRun(a, g);
    return this.outPrefix[this.after(this.outOrder, lo, hi, t1)]! - this.outPrefix[this.after(this.outOrder, lo, hi, t0)]!;
  }

  /**
   * For every payment, the share its value is of everything its beneficiary
   * received in the same group within ±window seconds of it (itself included).
   * A payment that is a small part of what an account takes in cannot be
   * followed through it: the money leaving may be anyone's. Linear: one
   * two-pointer pass over each run.
   */
  inboundShares(window: number): Float32Array {
    const out = new Float32Array(this.edges);
    const { inOrder, inStart, inPrefix, t, value } = this;
    for (let k = 0; k + 1 < inStart.length; k++) {
      const start = inStart[k]!;
      const end = inStart[k + 1]!;
      let lo = start;
      let hi = start;
      for (let p = start; p < end; p++) {
        const e = inOrder[p]!;
        const te = t[e]!;
        while (t[inOrder[lo]!]! < te - window) lo++;
        while (hi < end && t[inOrder[hi]!]! <= te + window) hi++;
        const total = inPrefix[hi]! - inPrefix[lo]!;
        out[e] = total > 0 ? Math.min(1, value[e]! / total) : 1;
      }
    }
    return out;
  }

  /** The payment's records as evidence (every bank's copy). */
  evidence(e: number, note: string): EvidenceRef[] {
    const list = [this.payments[e]!, ...(this.copies.get(e) ?? [])];
    return list.map((p) => ({ source: p.dataset, record: p.source_record, agency: p.agency, note, dataset: p.dataset, marking: p.marking, schema: 'Payment' }));
  }

  /** The account as a subject. */
  accountSubject(a: number): AlertSubject {
    const key = this.accounts[a]!;
    return { id: `account:${key}`, schema: 'BankAccount', name: key, identifiers: { account: key } };
  }

  /** The account's holder as named on the payments (no registry id is known from a payment), or null. */
  holderSubject(a: number): AlertSubject | null {
    const name = this.names[a];
    if (!name) return null;
    const country = this.countries[a] ?? '';
    const identifiers: Record<string, string> = { account: this.accounts[a]! };
    if (country) identifiers.country = country;
    return { id: `party:${country}:${foldName(name)}`, schema: 'LegalEntity', name, identifiers };
  }

  /** Account and holder subjects of several accounts, each once. */
  subjects(accounts: Iterable<number>): AlertSubject[] {
    const out: AlertSubject[] = [];
    const seen = new Set<string>();
    for (const a of accounts) {
      for (const s of [this.accountSubject(a), this.holderSubject(a)]) {
        if (s && !seen.has(s.id)) {
          seen.add(s.id);
          out.push(s);
        }
      }
    }
    return out;
  }

  /** "CY12… (Acme Ltd)". */
  label(a: number): string {
    const name = this.names[a];
    return name ? `${name} (${this.accounts[a]})` : this.accounts[a]!;
  }

  /** An amount as a person reads it: "250,000 USD≈" for pooled values, "1,200 XAF" otherwise. */
  money(value: number, g: number): string {
    return `${Math.round(value).toLocaleString('en-US')} ${g === POOLED ? 'USD≈' : this.groups[g]}`;
  }

  private intern(account: string): number {
    const key = identifierKey(account);
    let a = this.accountIndex.get(key);
    if (a === undefined) {
      a = this.accounts.length;
      this.accountIndex.set(key, a);
      this.accounts.push(key);
      this.names.push(null);
      this.countries.push(null);
    }
    return a;
  }
}

/** CSR runs of edges by key = node × G + group, in edge (time) order within a run, with prefix sums of values. */
function runs(node: Int32Array, group: Int32Array, value: Float64Array, keys: number, G: number): [Int32Array, Int32Array, Float64Array] {
  const E = node.length;
  const start = new Int32Array(keys + 1);
  for (let e = 0; e < E; e++) start[node[e]! * G + group[e]! + 1]!++;
  for (let k = 0; k < keys; k++) start[k + 1]! += start[k]!;
  const fill = start.slice(0, keys);
  const order = new Int32Array(E);
  for (let e = 0; e < E; e++) order[fill[node[e]! * G + group[e]!]!++] = e;
  const prefix = new Float64Array(E + 1);
  for (let p = 0; p < E; p++) prefix[p + 1] = prefix[p]! + value[order[p]!]!;
  return [order, start, prefix];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Seconds in an hour and a day. */
export const HOUR = 3600;
export const DAY = 86_400;

/** ISO time of seconds since the epoch. */
export function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** Median of a list of numbers (0 for none). */
export function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** How alike a set of amounts is: 1 − coefficient of variation, floored at 0. */
export function similarity(values: number[]): number {
  if (values.length < 2) return 1;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  if (!(mean > 0)) return 0;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return Math.max(0, 1 - Math.sqrt(variance) / mean);
}

/**
 * How "thin" an account is: 1 when it made or received at most `thinDegree`
 * payments in the data (an account that exists for one operation), falling
 * as thinDegree / degree for busier ones.
 */
export function thinness(graph: PaymentGraph, a: number, thinDegree: number): number {
  const d = graph.degree[a]!;
  return d <= thinDegree ? 1 : thinDegree / d;
}

/** Cache of a PaymentGraph per payments array: the finance indicators of one run share one graph. */
const graphs = new WeakMap<readonly StoredPayment[], PaymentGraph>();

export function paymentGraph(payments: readonly StoredPayment[]): PaymentGraph {
  let g = graphs.get(payments);
  if (!g) graphs.set(payments, (g = new PaymentGraph(payments)));
  return g;
}
