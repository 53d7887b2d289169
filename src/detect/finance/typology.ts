/**
 * finance.typology — the shapes laundering leaves in a payment graph, found
 * within time windows: fan-in (many senders to one account), fan-out (one
 * account to many), cycle (money back at its origin), scatter-gather (one
 * account pays several intermediaries who all pay the same account) and
 * gather-scatter (many pay one account, which pays many).
 *
 * The shapes alone are common in honest business: payroll is a monthly
 * fan-out, a marketplace or a utility is a permanent fan-in, a marketplace
 * pays its sellers out of its buyers' money (gather-scatter). What sets
 * laundering apart is the context the shape is seen in, so each is scored on:
 *
 * - speed: the gathered money leaves again within hop_hours (a funnel
 *   account), the scattered money had just come in; for cycles and
 *   scatter-gather, how quickly the hops follow each other;
 * - burst: the pattern is an episode, not the account's permanent rhythm
 *   (a marketplace's fan-in never ends, a mule's lasts days);
 * - novelty: the counterparties do not recur outside the episode (payroll pays
 *   the same employees every month) and the accounts are thin (few payments
 *   in the data besides the pattern: set up for the operation);
 * - amount similarity: hops within amount_margin of each other (structured
 *   amounts, the same money passed on).
 *
 * A pure fan-in or fan-out scores at most 0.45 — below the community
 * threshold of 0.5 — and rises above it only with speed in a burst of
 * non-recurring counterparties. Scatter-gather and cycles carry the speed
 * and the amount similarity in their definition (each hop passes on the
 * previous amount within the margin and within hop_hours), so they start at
 * 0.45 and reach the threshold with similarity alone; a cycle repeated with
 * the same accounts (a treasury sweep, cash pooling) is discounted.
 *
 * Cycles and scatter-gather follow payments through an account only when the
 * payment is at least min_share of what the account received within
 * ±hop_hours (as finance.pass_through does): money mingled into a busy account
 * cannot be followed, and the bound keeps the work linear in the payments.
 */
import { SextantError } from '../../errors.ts';
import { roundScore, type AlertDraft, type AlertSubject } from '../alert.ts';
import { num, strings, type Indicator } from '../indicator.ts';
import type { EvidenceRef } from '../inputs.ts';
import { DAY, HOUR, iso, median, paymentGraph, POOLED, similarity, thinness, type PaymentGraph } from './graph.ts';

export const PATTERNS = ['fan_in', 'fan_out', 'cycle', 'scatter_gather', 'gather_scatter'] as const;
export type Pattern = (typeof PATTERNS)[number];

interface TypologyParams {
  patterns: Set<string>;
  windowS: number;
  minCounterparties: number;
  hopS: number;
  margin: number;
  cycleWindowS: number;
  cycleMin: number;
  cycleMax: number;
  minIntermediaries: number;
  passRatio: number;
  minShare: number;
  minAmount: number;
  thinDegree: number;
  skewS: number;
}

/** Most payments an alert cites one by one; one more per evidence class left out keeps the alert's marking right. */
const EVIDENCE_CAP = 200;

/** Links for cycles and scatter-gather: f carries e on (within hop_hours, within the margin of its amount). */
function similarLinks(g: PaymentGraph, p: TypologyParams): { start: Int32Array; next: Int32Array } {
  const E = g.edges;
  const share = g.inboundShares(p.hopS);
  const start = new Int32Array(E + 1);
  const next: number[] = [];
  const { outOrder, value, t, to, from, group } = g;
  for (let e = 0; e < E; e++) {
    start[e] = next.length;
    const v = value[e]!;
    if ((group[e] === POOLED && v < p.minAmount) || share[e]! < p.minShare) continue;
    const [lo0, hi0] = g.outRun(to[e]!, group[e]!);
    const lo = g.after(outOrder, lo0, hi0, t[e]! - p.skewS);
    const hi = g.after(outOrder, lo, hi0, t[e]! + p.hopS);
    for (let q = lo; q < hi; q++) {
      const f = outOrder[q]!;
      if (f === e) continue;
      // Straight back to the sender is a refund or a loan repaid, not a hop.
      if (Math.abs(value[f]! - v) <= p.margin * v && to[f] !== from[e] && to[f] !== to[e]) next.push(f);
    }
  }
  start[E] = next.length;
  return { start, next: Int32Array.from(next) };
}

interface Found {
  pattern: Pattern;
  key: string;
  score: number;
  edges: number[];
  accounts: number[];
  explanation: string;
  details: Record<string, unknown>;
}

function findCycles(g: PaymentGraph, links: { start: Int32Array; next: Int32Array }, p: TypologyParams): Found[] {
  const found: Array<{ edges: number[] }> = [];
  const path: number[] = [];
  const onPath = new Uint8Array(g.size);
  // A bound on the search from one payment: links are sparse, this only guards against pathological data.
  const BUDGET = 5000;
  for (let e0 = 0; e0 < g.edges; e0++) {
    if (links.start[e0] === links.start[e0 + 1]) continue;
    const origin = g.from[e0]!;
    const deadline = g.t[e0]! + p.cycleWindowS;
    let budget = BUDGET;
    path.length = 0;
    path.push(e0);
    onPath[origin] = 1;
    onPath[g.to[e0]!] = 1;
    const walk = (e: number): void => {
      for (let j = links.start[e]!; j < links.start[e + 1]! && budget > 0; j++) {
        budget--;
        const f = links.next[j]!;
        if (g.t[f]! > deadline) continue;
        const w = g.to[f]!;
        if (w === origin) {
          if (path.length + 1 >= p.cycleMin) found.push({ edges: [...path, f] });
          continue;
        }
        if (onPath[w] || path.length + 1 >= p.cycleMax) continue;
        onPath[w] = 1;
        path.push(f);
        walk(f);
        path.pop();
        onPath[w] = 0;
      }
    };
    walk(e0);
    onPath[origin] = 0;
    onPath[g.to[e0]!] = 0;
  }
  // The same ring of accounts cycling again and again is routine (a sweep, cash pooling): count repeats per ring.
  const ringKey = (edges: number[]) => edges.map((e) => g.from[e]!).sort((a, b) => a - b).join(',');
  const repeats = new Map<string, number>();
  // One cycle per set of payments (the same payments closing at two points are one cycle).
  const unique = new Map<string, number[]>();
  for (const c of found) {
    const k = [...c.edges].sort((a, b) => a - b).join(',');
    if (!unique.has(k)) unique.set(k, c.edges);
  }
  for (const edges of unique.values()) repeats.set(ringKey(edges), (repeats.get(ringKey(edges)) ?? 0) + 1);
  const out: Found[] = [];
  for (const edges of unique.values()) {
    const accounts = edges.map((e) => g.from[e]!);
    const first = edges[0]!;
    const last = edges[edges.length - 1]!;
    const n = repeats.get(ringKey(edges))!;
    const recurrence = 1 - 1 / n;
    const thin = accounts.reduce((s, a) => s + thinness(g, a, p.thinDegree), 0) / accounts.length;
    const novelty = thin * (1 - recurrence);
    const speed = Math.max(0, 1 - (g.t[last]! - g.t[first]!) / p.cycleWindowS);
    const sim = similarity(edges.map((e) => g.value[e]!));
    const score = (0.45 + 0.1 * sim + 0.2 * novelty + 0.1 * speed) * (1 - 0.4 * recurrence);
    const days = (g.t[last]! - g.t[first]!) / DAY;
    out.push({
      pattern: 'cycle',
      key: `cycle:${pid(g, first)}:${pid(g, last)}`,
      score,
      edges,
      accounts,
      explanation:
        `${g.money(g.value[first]!, g.group[first]!)} left ${g.label(accounts[0]!)} and came back ${g.money(g.value[last]!, g.group[last]!)} after ${days.toFixed(1)} days ` +
        `through ${accounts.length - 1} account${accounts.length > 2 ? 's' : ''} (${accounts.slice(1).map((a) => g.names[a] ?? g.accounts[a]).join(' → ')}), each hop within ${Math.round(p.margin * 100)}% of the previous amount` +
        (n > 1 ? `; the same ring cycled ${n} times in the data (routine sweeps look like this)` : ''),
      details: { length: edges.length, amounts: edges.map((e) => g.value[e]), days, similarity: sim, thinness: thin, repeats: n },
    });
  }
  return out;
}

function findScatterGather(g: PaymentGraph, links: { start: Int32Array; next: Int32Array }, p: TypologyParams): Found[] {
  // (source, sink, group) → the pairs of payments source → intermediary → sink.
  const pairs = new Map<string, Array<[number, number]>>();
  for (let e = 0; e < g.edges; e++) {
    for (let j = links.start[e]!; j < links.start[e + 1]!; j++) {
      const f = links.next[j]!;
      const k = `${g.from[e]},${g.to[f]},${g.group[e]}`;
      let list = pairs.get(k);
      if (!list) pairs.set(k, (list = []));
      list.push([e, f]);
    }
  }
  const out: Found[] = [];
  for (const list of pairs.values()) {
    if (list.length < p.minIntermediaries) continue;
    list.sort((x, y) => x[0] - y[0]);
    // Clusters: scatter payments within window_hours of the cluster's first.
    let i = 0;
    while (i < list.length) {
      let j = i;
      while (j < list.length && g.t[list[j]![0]]! - g.t[list[i]![0]]! <= p.windowS) j++;
      const cluster = list.slice(i, j);
      const mids = new Set(cluster.map(([e]) => g.to[e]!));
      if (mids.size < p.minIntermediaries) {
        i++;
        continue;
      }
      i = j;
      const source = g.from[cluster[0]![0]]!;
      const sink = g.to[cluster[0]![1]]!;
      const edges = [...new Set(cluster.flat())].sort((a, b) => a - b);
      const intermediaries = [...mids];
      const thin = intermediaries.reduce((s, a) => s + thinness(g, a, p.thinDegree), 0) / intermediaries.length;
      const delays = cluster.map(([e, f]) => Math.max(0, g.t[f]! - g.t[e]!));
      const speed = Math.max(0, 1 - median(delays) / p.hopS);
      const sim = similarity(cluster.map(([e]) => g.value[e]!));
      const size = Math.min(1, (mids.size - p.minIntermediaries) / p.minIntermediaries);
      const score = 0.45 + 0.1 * sim + 0.2 * thin + 0.1 * speed + 0.05 * size;
      const total = cluster.reduce((s, [e]) => s + g.value[e]!, 0);
      const back = cluster.reduce((s, [, f]) => s + g.value[f]!, 0);
      const grp = g.group[cluster[0]![0]]!;
      out.push({
        pattern: 'scatter_gather',
        key: `scatter_gather:${pid(g, cluster[0]![0])}:${g.accounts[sink]}`,
        score,
        edges,
        accounts: [source, ...intermediaries, sink],
        explanation:
          `${g.label(source)} paid ${g.money(total, grp)} to ${mids.size} intermediaries (${intermediaries.map((a) => g.names[a] ?? g.accounts[a]).join(', ')}), ` +
          `who paid ${g.money(back, grp)} on to ${g.label(sink)}, each within ${(median(delays) / HOUR).toFixed(1)} h (median) and ${Math.round(p.margin * 100)}% of what they received`,
        details: { intermediaries: mids.size, scattered: total, gathered: back, delaysHours: delays.map((d) => d / HOUR), similarity: sim, thinness: thin },
      });
    }
  }
  return out;
}

interface Episode {
  account: number;
  group: number;
  direction: 'in' | 'out';
  edges: number[];
  counterparties: number[];
  total: number;
  first: number;
  last: number;
  recurrence: number;
  burst: number;
  /** The episode's share of what the account moved in this direction (and currency group) in the data. */
  share: number;
  novelty: number;
  similarity: number;
}

/**
 * Fan episodes of one direction: maximal stretches of an account's payments
 * in which some window_hours window holds at least min_counterparties
 * distinct counterparties. A sliding window over each time-sorted run, with a
 * counter per counterparty: linear.
 */
function fanEpisodes(g: PaymentGraph, direction: 'in' | 'out', p: TypologyParams): Episode[] {
  const order = direction === 'in' ? g.inOrder : g.outOrder;
  const starts = direction === 'in' ? g.inStart : g.outStart;
  const other = direction === 'in' ? g.from : g.to;
  const G = g.groups.length;
  const count = new Int32Array(g.size);
  const total = new Int32Array(g.size);
  const episodes: Episode[] = [];
  const elig: number[] = [];
  for (let k = 0; k + 1 < starts.length; k++) {
    const lo0 = starts[k]!;
    const hi0 = starts[k + 1]!;
    if (hi0 - lo0 < p.minCounterparties) continue;
    const account = Math.floor(k / G);
    const group = k % G;
    elig.length = 0;
    for (let q = lo0; q < hi0; q++) {
      const e = order[q]!;
      if (group !== POOLED || g.value[e]! >= p.minAmount) elig.push(e);
    }
    if (elig.length < p.minCounterparties) continue;
    let runTotal = 0;
    for (const e of elig) {
      total[other[e]!]!++;
      runTotal += g.value[e]!;
    }
    const spans: Array<[number, number]> = [];
    let l = 0;
    let distinct = 0;
    for (let r = 0; r < elig.length; r++) {
      const e = elig[r]!;
      if (count[other[e]!]!++ === 0) distinct++;
      while (g.t[e]! - g.t[elig[l]!]! > p.windowS) {
        if (--count[other[elig[l]!]!]! === 0) distinct--;
        l++;
      }
      if (distinct >= p.minCounterparties) {
        const cur = spans[spans.length - 1];
        if (cur && l <= cur[1]) cur[1] = r;
        else spans.push([l, r]);
      }
    }
    for (let q = l; q < elig.length; q++) count[other[elig[q]!]!] = 0;
    for (const [s, t] of spans) {
      const edges = elig.slice(s, t + 1);
      const perCp = new Map<number, number>();
      for (const e of edges) perCp.set(other[e]!, (perCp.get(other[e]!) ?? 0) + 1);
      let recurring = 0;
      for (const [cp, n] of perCp) if (total[cp]! > n) recurring++;
      const first = g.t[edges[0]!]!;
      const last = g.t[edges[edges.length - 1]!]!;
      const recurrence = recurring / perCp.size;
      const value = edges.reduce((sum, e) => sum + g.value[e]!, 0);
      // The hub's own activity: mostly this episode, or a busy account of which this is a slice.
      const hubThin = Math.min(1, (edges.length + p.thinDegree) / g.degree[account]!);
      episodes.push({
        account,
        group,
        direction,
        edges,
        counterparties: [...perCp.keys()],
        total: value,
        first,
        last,
        recurrence,
        // An episode, not the account's rhythm: short (a marketplace's fan-in never ends), and most of what the account moves in
        // this direction in the data (for a busy trader, three days of many counterparties is a slice of an ordinary quarter).
        burst: Math.min(1, (2 * p.windowS) / Math.max(1, last - first), value / runTotal),
        share: value / runTotal,
        novelty: 0.5 * (1 - recurrence) + 0.5 * hubThin,
        similarity: similarity(edges.map((e) => g.value[e]!)),
      });
    }
    for (const e of elig) total[other[e]!] = 0;
  }
  return episodes;
}

function fanFound(g: PaymentGraph, ep: Episode, p: TypologyParams): Found {
  const inbound = ep.direction === 'in';
  // Speed: the gathered money leaves within hop_hours of the last inbound payment; the scattered money came in within hop_hours before.
  const moved = inbound ? g.outflow(ep.account, ep.group, ep.first, ep.last + p.hopS) : g.inflow(ep.account, ep.group, ep.first - p.hopS, ep.last);
  const ratio = Math.min(1, moved / ep.total);
  const fast = ratio >= p.passRatio ? 1 : 0;
  const k = ep.counterparties.length;
  const size = Math.min(1, (k - p.minCounterparties) / p.minCounterparties);
  const speedTerm = 0.3 * fast * ep.burst * (1 - ep.recurrence);
  const score = 0.15 + 0.1 * size + 0.1 * ep.similarity + 0.1 * ep.novelty + speedTerm;
  const pattern: Pattern = inbound ? 'fan_in' : 'fan_out';
  const hours = (ep.last - ep.first) / HOUR;
  return {
    pattern,
    key: `${pattern}:${g.accounts[ep.account]}:${pid(g, ep.edges[0]!)}`,
    score,
    edges: ep.edges,
    accounts: [ep.account, ...(k <= 10 ? ep.counterparties : [])],
    explanation:
      `${k} ${inbound ? 'senders paid' : 'recipients were paid by'} ${g.label(ep.account)} ${g.money(ep.total, ep.group)} in ${ep.edges.length} payments over ${hours.toFixed(1)} h; ` +
      (inbound ? `${Math.round(ratio * 100)}% of it left within ${p.hopS / HOUR} h` : `inflows within ${p.hopS / HOUR} h before covered ${Math.round(ratio * 100)}% of it`) +
      `; ${Math.round(ep.recurrence * 100)}% of the counterparties recur outside the episode, amount similarity ${ep.similarity.toFixed(2)}` +
      (fast ? '' : ' (a fan alone is ordinary business: payroll, a marketplace)'),
    details: { counterparties: k, payments: ep.edges.length, total: ep.total, hours, moved: ratio, recurrence: ep.recurrence, burst: ep.burst, similarity: ep.similarity, novelty: ep.novelty },
  };
}

function gatherScatter(g: PaymentGraph, fanIn: Episode, fanOut: Episode, p: TypologyParams): Found {
  const recurrence = (fanIn.recurrence + fanOut.recurrence) / 2;
  const burst = Math.min(1, (2 * p.windowS) / Math.max(1, fanOut.last - fanIn.first), fanIn.share, fanOut.share);
  const novelty = (fanIn.novelty + fanOut.novelty) / 2;
  const sim = (fanIn.similarity + fanOut.similarity) / 2;
  const speed = Math.max(0, 1 - (fanOut.first - fanIn.last) / p.hopS);
  const score = 0.2 + 0.1 * sim + 0.15 * novelty + 0.3 * burst * (1 - recurrence) + 0.1 * Math.min(1, speed);
  const edges = [...fanIn.edges, ...fanOut.edges].sort((a, b) => a - b);
  const counterparties = [...fanIn.counterparties, ...fanOut.counterparties];
  return {
    pattern: 'gather_scatter',
    key: `gather_scatter:${g.accounts[fanIn.account]}:${pid(g, fanIn.edges[0]!)}`,
    score,
    edges,
    accounts: [fanIn.account, ...(counterparties.length <= 10 ? counterparties : [])],
    explanation:
      `${fanIn.counterparties.length} senders paid ${g.label(fanIn.account)} ${g.money(fanIn.total, fanIn.group)}, which paid ${g.money(fanOut.total, fanOut.group)} ` +
      `to ${fanOut.counterparties.length} recipients, starting ${((fanOut.first - fanIn.first) / HOUR).toFixed(1)} h after the first inbound payment; ` +
      `${Math.round(recurrence * 100)}% of the counterparties recur outside the episode`,
    details: { senders: fanIn.counterparties.length, recipients: fanOut.counterparties.length, gathered: fanIn.total, scattered: fanOut.total, recurrence, burst, novelty, similarity: sim },
  };
}

/** A payment's stable id for alert keys. */
function pid(g: PaymentGraph, e: number): string {
  const p = g.payments[e]!;
  return `${p.dataset}:${p.source_record}`;
}

/** Evidence of a pattern's payments, at most EVIDENCE_CAP one by one, and one more payment per evidence class beyond them. */
function evidenceOf(g: PaymentGraph, edges: number[], pattern: Pattern): EvidenceRef[] {
  const out: EvidenceRef[] = [];
  const classes = new Set<string>();
  edges.forEach((e, i) => {
    const refs = g.evidence(e, `${pattern.replace('_', '-')}: ${g.label(g.from[e]!)} → ${g.label(g.to[e]!)}, ${g.money(g.value[e]!, g.group[e]!)}`);
    const fresh = refs.some((r) => !classes.has(`${r.dataset}\u0000${r.agency}\u0000${r.marking}`));
    if (i < EVIDENCE_CAP || fresh) {
      out.push(...refs);
      for (const r of refs) classes.add(`${r.dataset}\u0000${r.agency}\u0000${r.marking}`);
    }
  });
  return out;
}

export const typology: Indicator = {
  code: 'finance.typology',
  title: 'Laundering shapes in the payment graph',
  definition:
    'Fan-in: at least min_counterparties distinct senders pay one account within window_hours. Fan-out: one account pays at least min_counterparties distinct recipients within window_hours. ' +
    'Cycle: cycle_min_length to cycle_max_length payments that bring money back to the account it left within cycle_window_days, each hop within hop_hours of the previous one and within amount_margin of its amount. ' +
    'Scatter-gather: one account pays at least min_intermediaries accounts within window_hours, and each passes the amount (within amount_margin) on to the same account within hop_hours. ' +
    'Gather-scatter: a fan-in followed, within hop_hours of its end, by a fan-out of the same account paying out at least pass_ratio of what it gathered. ' +
    'Payments below min_amount (approximate US dollars) are left out; cycles and scatter-gather follow a payment only when it is at least min_share of what its beneficiary received within ±hop_hours, ' +
    'into a payment recorded at most hop_hours after it (or up to clock_skew_hours before: banks book at their own times). ' +
    'Score: the shapes are ordinary business by themselves (payroll is a monthly fan-out, a marketplace a permanent fan-in and a gather-scatter), so a fan scores 0.15 + up to 0.1 for size, ' +
    '0.1 for amount similarity and 0.1 for novelty (counterparties that do not recur outside the episode, a hub with little other activity) — at most 0.45, below the threshold — ' +
    'and 0.3 more only when the money moves on fast (pass_ratio of it leaves within hop_hours, or came in within hop_hours before) in a burst of non-recurring counterparties. ' +
    'Gather-scatter: 0.2 + 0.1 similarity + 0.15 novelty + 0.3 burst × non-recurrence + 0.1 speed. Scatter-gather: 0.45 + 0.1 similarity + 0.2 thin intermediaries + 0.1 speed + 0.05 size. ' +
    'Cycle: (0.45 + 0.1 similarity + 0.2 novelty + 0.1 speed), discounted by up to 40% when the same ring of accounts cycles repeatedly (treasury sweeps, cash pooling). ' +
    'A burst is an episode that is both short (within twice window_hours) and most of what the account moved in that direction in the data. Shapes scoring below min_score are not reported.',
  sources: [
    { name: 'Altman et al.: Realistic Synthetic Financial Transactions for Anti-Money Laundering Models (NeurIPS 2023)', url: 'https://arxiv.org/abs/2306.16424', note: 'fan-in, fan-out, cycle, scatter-gather and gather-scatter as the laundering patterns of a transaction graph' },
    { name: 'FinCEN Advisory FIN-2014-A005: Funnel Accounts and Trade-Based Money Laundering (28 May 2014)', url: 'https://www.fincen.gov/resources/advisories/fincen-advisory-fin-2014-a005', note: 'funnel accounts: many deposits from different places, withdrawn soon after' },
    { name: 'FATF: Professional Money Laundering (July 2018)', url: 'https://www.fatf-gafi.org/en/publications/Methodsandtrends/Professional-money-laundering.html', note: 'money mule networks, collection and dispersal accounts, round-tripping' },
    { name: 'FATF–Egmont Group: Trade-Based Money Laundering — Risk Indicators (March 2021)', url: 'https://www.fatf-gafi.org/en/publications/Methodsandtrends/Trade-based-money-laundering-indicators.html', note: 'account and transaction indicators: funds received from many sources and sent on quickly, circular payments' },
  ],
  params: {
    patterns: { type: 'string[]', default: [...PATTERNS], description: `patterns to look for (${PATTERNS.join(', ')})` },
    window_hours: { type: 'number', default: 72, unit: 'h', min: 1, max: 2160, description: 'window of a fan (and of a scatter-gather\'s scatter payments)' },
    min_counterparties: { type: 'integer', default: 5, min: 2, max: 1000, description: 'distinct senders (fan-in) or recipients (fan-out) within the window' },
    hop_hours: { type: 'number', default: 72, unit: 'h', min: 1, max: 720, description: 'longest time between a payment in and the payment that carries it on' },
    amount_margin: { type: 'number', default: 0.1, unit: 'ratio', min: 0, max: 0.5, description: 'largest difference between an amount and the previous hop\'s (cycles, scatter-gather)' },
    cycle_window_days: { type: 'number', default: 14, unit: 'days', min: 1, max: 365, description: 'time within which the money must come back' },
    cycle_min_length: { type: 'integer', default: 3, min: 2, max: 10, description: 'fewest payments in a cycle (two is a loan and its repayment)' },
    cycle_max_length: { type: 'integer', default: 6, min: 2, max: 12, description: 'most payments in a cycle' },
    min_intermediaries: { type: 'integer', default: 3, min: 2, max: 100, description: 'intermediaries of a scatter-gather' },
    pass_ratio: { type: 'number', default: 0.8, unit: 'ratio', min: 0.5, max: 1, description: 'share of the gathered money that must move on (fans, gather-scatter)' },
    min_share: { type: 'number', default: 0.2, unit: 'ratio', min: 0.05, max: 1, description: 'share of its beneficiary\'s inflows (±hop_hours) a payment must be to be followed (cycles, scatter-gather)' },
    min_amount: { type: 'number', default: 1000, unit: 'USD', min: 0, description: 'payments below this (approximate US dollars) are left out' },
    thin_degree: { type: 'integer', default: 4, min: 1, max: 1000, description: 'an account with at most this many payments in the data counts as thin' },
    clock_skew_hours: { type: 'number', default: 12, unit: 'h', min: 0, max: 48, description: 'a payment carrying another on may be recorded up to this long before it (banks book at their own times; date-only records are midnight)' },
    min_score: { type: 'number', default: 0.3, unit: 'ratio', min: 0, max: 1, description: 'shapes scoring below this are not reported at all (the fans of ordinary business would fill the alert store)' },
  },
  inputs: ['payments'],
  run(inputs, params): AlertDraft[] {
    const g = paymentGraph(inputs.payments);
    if (g.edges === 0) return [];
    const unknown = strings(params, 'patterns').filter((x) => !(PATTERNS as readonly string[]).includes(x));
    if (unknown.length > 0) {
      throw new SextantError('validation_failed', `finance.typology: unknown pattern ${unknown.map((x) => JSON.stringify(x)).join(', ')} in params.patterns (known: ${PATTERNS.join(', ')})`, { field: 'indicators.finance.typology.params.patterns' });
    }
    const p: TypologyParams = {
      patterns: new Set(strings(params, 'patterns')),
      windowS: num(params, 'window_hours') * HOUR,
      minCounterparties: num(params, 'min_counterparties'),
      hopS: num(params, 'hop_hours') * HOUR,
      margin: num(params, 'amount_margin'),
      cycleWindowS: num(params, 'cycle_window_days') * DAY,
      cycleMin: num(params, 'cycle_min_length'),
      cycleMax: Math.max(num(params, 'cycle_min_length'), num(params, 'cycle_max_length')),
      minIntermediaries: num(params, 'min_intermediaries'),
      passRatio: num(params, 'pass_ratio'),
      minShare: num(params, 'min_share'),
      minAmount: num(params, 'min_amount'),
      thinDegree: num(params, 'thin_degree'),
      skewS: num(params, 'clock_skew_hours') * HOUR,
    };
    const found: Found[] = [];
    if (p.patterns.has('cycle') || p.patterns.has('scatter_gather')) {
      const links = similarLinks(g, p);
      if (p.patterns.has('cycle')) found.push(...findCycles(g, links, p));
      if (p.patterns.has('scatter_gather')) found.push(...findScatterGather(g, links, p));
    }
    const fans = p.patterns.has('fan_in') || p.patterns.has('fan_out') || p.patterns.has('gather_scatter');
    if (fans) {
      const ins = fanEpisodes(g, 'in', p);
      const outs = fanEpisodes(g, 'out', p);
      const used = new Set<Episode>();
      if (p.patterns.has('gather_scatter')) {
        const outsBy = new Map<string, Episode[]>();
        for (const o of outs) {
          const k = `${o.account},${o.group}`;
          outsBy.set(k, [...(outsBy.get(k) ?? []), o]);
        }
        for (const i of ins) {
          const o = (outsBy.get(`${i.account},${i.group}`) ?? []).find((x) => !used.has(x) && x.first >= i.first && x.first <= i.last + p.hopS && x.total >= p.passRatio * i.total);
          if (!o) continue;
          used.add(i).add(o);
          found.push(gatherScatter(g, i, o, p));
        }
      }
      for (const ep of [...ins, ...outs]) {
        if (used.has(ep) || !p.patterns.has(ep.direction === 'in' ? 'fan_in' : 'fan_out')) continue;
        found.push(fanFound(g, ep, p));
      }
    }
    const minScore = num(params, 'min_score');
    return found.filter((f) => f.score >= minScore).map((f) => {
      const first = f.edges[0]!;
      const last = f.edges[f.edges.length - 1]!;
      const subjects: AlertSubject[] = g.subjects(f.accounts);
      return {
        indicator: 'finance.typology',
        key: f.key,
        score: roundScore(Math.min(0.97, f.score)),
        subjects,
        window: { start: iso(g.t[first]!), end: iso(g.t[last]!) },
        evidence: evidenceOf(g, f.edges, f.pattern),
        explanation: `${f.pattern.replace('_', '-')}: ${f.explanation}`,
        details: { pattern: f.pattern, ...f.details },
      };
    });
  },
};
