/**
 * finance.pass_through — money that only passes through: an account receives
 * an amount and at least 80% of it leaves within 72 hours, and the next
 * account does the same with what it got, over three or more payments
 * (A → B → C → D). Layering through transit accounts of shell companies is
 * how sanctioned parties keep the origin of funds away from the bank that
 * finally pays out; no single bank sees more than a leg or two.
 *
 * Following "the same money" needs more than timing. A busy account (a
 * bank's settlement account, a trader with hundreds of payments a day) pays
 * out more than any one inbound amount within any 72 hours, yet its outflows
 * are not that inbound money. So an inbound payment is followed only when it is
 * at least `min_share` of everything the account received within ±window of
 * it, and only into an onward payment that carries the main part of it
 * (`follow_share` … 1 + `max_growth` of the inbound value): a payment much
 * larger than what came in is mostly other money, a small one is a split
 * (finance.typology's fan-out and scatter-gather). This also bounds the work:
 * every outgoing payment is looked at by at most about 2/min_share inbound
 * ones (the dominant inbound payments of a window cannot be many), so building
 * the links is linear in the payments, with binary searches and prefix sums
 * over each account's time-sorted runs — never a scan of every pair of an
 * account's payments.
 *
 * Chains are the longest paths of linked payments, found by one depth-first
 * pass (links go forward in time, but for the banks' clock skew).
 */
import { roundScore, type AlertDraft } from '../alert.ts';
import { num, type Indicator, type Params } from '../indicator.ts';
import type { EvidenceRef } from '../inputs.ts';
import { HOUR, iso, median, paymentGraph, POOLED, thinness, type PaymentGraph } from './graph.ts';

export interface PassThroughParams {
  passRatio: number;
  windowS: number;
  minHops: number;
  minShare: number;
  followShare: number;
  maxGrowth: number;
  minAmount: number;
  skewS: number;
}

/** The linked payments: succ[succStart[e] … succStart[e+1]) are the onward payments that carry payment e on. */
export interface PassLinks {
  succStart: Int32Array;
  succ: Int32Array;
  /** Share of each payment in what its beneficiary received around it (NaN when not followed). */
  share: Float32Array;
  /** Share of the inbound value that left within the window (the sum of all onward payments, capped at 1). */
  passed: Float32Array;
}

/** The links of pass-through: linear in the payments (see the module comment). */
export function passLinks(g: PaymentGraph, p: PassThroughParams): PassLinks {
  const E = g.edges;
  const share = g.inboundShares(p.windowS);
  const passed = new Float32Array(E);
  const succStart = new Int32Array(E + 1);
  const succ: number[] = [];
  const { outOrder, outPrefix, value, t, to, group } = g;
  for (let e = 0; e < E; e++) {
    succStart[e] = succ.length;
    const v = value[e]!;
    if (group[e] === POOLED && v < p.minAmount) continue;
    if (share[e]! < p.minShare) continue;
    const [lo0, hi0] = g.outRun(to[e]!, group[e]!);
    const lo = g.after(outOrder, lo0, hi0, t[e]! - p.skewS);
    const hi = g.after(outOrder, lo, hi0, t[e]! + p.windowS);
    if (lo === hi) continue;
    const ratio = Math.min(1, (outPrefix[hi]! - outPrefix[lo]!) / v);
    passed[e] = ratio;
    if (ratio < p.passRatio) continue;
    for (let q = lo; q < hi; q++) {
      const f = outOrder[q]!;
      if (f === e) continue;
      const w = value[f]!;
      // Money sent straight back to its sender is a refund or a return, not a pass-through.
      if (w >= p.followShare * v && w <= (1 + p.maxGrowth) * v && to[f] !== g.from[e]) succ.push(f);
    }
  }
  succStart[E] = succ.length;
  return { succStart, succ: Int32Array.from(succ), share, passed };
}

/**
 * The number of payments of the longest chain starting at each payment. Links
 * go forward in time but for the clock skew, so a link may close a loop;
 * an iterative depth-first search ignores the link that would (it is a
 * cycle's, finance.typology's business).
 */
export function longestFrom(E: number, start: Int32Array, next: Int32Array): Int32Array {
  const longest = new Int32Array(E);
  const state = new Uint8Array(E); // 0 new, 1 on the stack, 2 done
  const stack: number[] = [];
  const cursor = new Int32Array(E);
  for (let root = 0; root < E; root++) {
    if (state[root] !== 0 || start[root] === start[root + 1]) {
      if (state[root] === 0) (longest[root] = 1), (state[root] = 2);
      continue;
    }
    stack.push(root);
    state[root] = 1;
    cursor[root] = start[root]!;
    while (stack.length > 0) {
      const e = stack[stack.length - 1]!;
      if (cursor[e]! < start[e + 1]!) {
        const f = next[cursor[e]!++]!;
        if (state[f] === 0) {
          state[f] = 1;
          cursor[f] = start[f]!;
          stack.push(f);
        }
        continue;
      }
      let best = 0;
      for (let j = start[e]!; j < start[e + 1]!; j++) {
        const f = next[j]!;
        if (state[f] === 2 && longest[f]! > best) best = longest[f]!;
      }
      longest[e] = best + 1;
      state[e] = 2;
      stack.pop();
    }
  }
  return longest;
}

/** Chains of at least minHops linked payments, each as its payments in order. */
export function passChains(g: PaymentGraph, links: PassLinks, minHops: number): number[][] {
  const E = g.edges;
  const { succStart, succ } = links;
  const longest = longestFrom(E, succStart, succ);
  const hasPred = new Uint8Array(E);
  for (let j = 0; j < succ.length; j++) hasPred[succ[j]!] = 1;
  const chains: number[][] = [];
  const covered = new Uint8Array(E);
  for (let e = 0; e < E; e++) {
    if (hasPred[e] || longest[e]! < minHops) continue;
    const chain = [e];
    let cur = e;
    while (longest[cur]! > 1) {
      // The successor with the longest continuation; among equals, the one closest in amount.
      let next = -1;
      for (let j = succStart[cur]!; j < succStart[cur + 1]!; j++) {
        const f = succ[j]!;
        if (longest[f] !== longest[cur]! - 1) continue;
        if (next < 0 || Math.abs(g.value[f]! - g.value[cur]!) < Math.abs(g.value[next]! - g.value[cur]!)) next = f;
      }
      if (next < 0) break;
      chain.push(next);
      cur = next;
    }
    // A chain whose every payment is already in a reported one adds nothing.
    if (chain.every((x) => covered[x])) continue;
    for (const x of chain) covered[x] = 1;
    chains.push(chain);
  }
  return chains;
}

export function passParams(p: Params): PassThroughParams {
  return {
    passRatio: num(p, 'pass_ratio'),
    windowS: num(p, 'window_hours') * HOUR,
    minHops: num(p, 'min_hops'),
    minShare: num(p, 'min_share'),
    followShare: num(p, 'follow_share'),
    maxGrowth: num(p, 'max_growth'),
    minAmount: num(p, 'min_amount'),
    skewS: num(p, 'clock_skew_hours') * HOUR,
  };
}

export const passThrough: Indicator = {
  code: 'finance.pass_through',
  title: 'Funds passing through a chain of accounts',
  definition:
    'A chain of at least min_hops payments A → B → C → … in which each account, having received a payment, paid out at least pass_ratio of it within window_hours, ' +
    'and the chain follows the onward payment that carries it (follow_share to 1 + max_growth of the inbound value). An inbound payment is followed only when it is at least ' +
    'min_share of what the account received within ±window_hours: money mingled into a busy account (a bank\'s or a trader\'s normal throughput) cannot be traced as the same money. ' +
    'Amounts in different currencies are compared in approximate US dollars; payments below min_amount (US dollars) are not followed. ' +
    'Each bank reports its side with its own booking time, and date-only records fall at midnight: an onward payment recorded up to clock_skew_hours before the inbound one still counts as following it. ' +
    'Score: 0.17, plus 0.08 per payment beyond two (up to four), up to 0.35 for thin pass-through accounts (at most thin_degree payments in the data: ' +
    'accounts that exist for the operation), up to 0.1 for speed (median delay against the window), up to 0.05 for how dominant the followed payments are, and up to 0.05 for how much of the first amount reaches the end. ' +
    'Thinness weighs most because a short chain through accounts busy in their own right is mostly ordinary trade (a customer pays a distributor, who pays its supplier): ' +
    'three payments through busy accounts stay below 0.5; four or more through thin accounts, quickly, score far above.',
  sources: [
    { name: 'FATF: Professional Money Laundering (July 2018)', url: 'https://www.fatf-gafi.org/en/publications/Methodsandtrends/Professional-money-laundering.html', note: 'transit accounts of shell companies, funds moved on within a short time through several jurisdictions (layering)' },
    { name: 'FinCEN Alert FIN-2022-Alert001: Potential Russian Sanctions Evasion Attempts (7 March 2022)', url: 'https://www.fincen.gov/sites/default/files/2022-03/FinCEN%20Alert%20Russian%20Sanctions%20Evasion%20FINAL%20508.pdf', note: 'red flags: shell companies and third parties used to move funds and obscure their origin' },
    { name: 'Altman et al.: Realistic Synthetic Financial Transactions for Anti-Money Laundering Models (NeurIPS 2023)', url: 'https://arxiv.org/abs/2306.16424', note: 'laundering patterns as time-respecting paths in the transaction graph' },
  ],
  params: {
    pass_ratio: { type: 'number', default: 0.8, unit: 'ratio', min: 0.5, max: 1, description: 'share of an inbound amount that must leave the account within the window' },
    window_hours: { type: 'number', default: 72, unit: 'h', min: 1, max: 720, description: 'time within which the money must leave' },
    min_hops: { type: 'integer', default: 3, min: 2, max: 20, description: 'payments in the chain (A → B → C → D is three)' },
    min_share: { type: 'number', default: 0.5, unit: 'ratio', min: 0.05, max: 1, description: 'share of the account\'s inflows within ±window an inbound payment must be to be followed' },
    follow_share: { type: 'number', default: 0.5, unit: 'ratio', min: 0.1, max: 1, description: 'smallest onward payment followed, as a share of the inbound one' },
    max_growth: { type: 'number', default: 0.1, unit: 'ratio', min: 0, max: 10, description: 'largest onward payment followed: 1 + this times the inbound one' },
    min_amount: { type: 'number', default: 1000, unit: 'USD', min: 0, description: 'payments below this (approximate US dollars) are not followed' },
    thin_degree: { type: 'integer', default: 4, min: 1, max: 1000, description: 'an account with at most this many payments in the data counts as thin (set up for the operation)' },
    clock_skew_hours: { type: 'number', default: 12, unit: 'h', min: 0, max: 48, description: 'an onward payment recorded up to this long before the inbound one still follows it (banks book at their own times; date-only records are midnight)' },
  },
  inputs: ['payments'],
  run(inputs, params): AlertDraft[] {
    const g = paymentGraph(inputs.payments);
    if (g.edges === 0) return [];
    const p = passParams(params);
    const thinDegree = num(params, 'thin_degree');
    const links = passLinks(g, p);
    const out: AlertDraft[] = [];
    for (const chain of passChains(g, links, p.minHops)) {
      const accounts = [g.from[chain[0]!]!, ...chain.map((e) => g.to[e]!)];
      const through = accounts.slice(1, -1);
      const delays: number[] = [];
      let traced = 1;
      let shares = 0;
      for (let i = 0; i + 1 < chain.length; i++) {
        const [e, f] = [chain[i]!, chain[i + 1]!];
        delays.push(Math.max(0, g.t[f]! - g.t[e]!));
        traced *= Math.min(1, g.value[f]! / g.value[e]!);
        shares += links.share[e]!;
      }
      const hops = chain.length;
      const meanShare = shares / (hops - 1);
      const thin = through.reduce((s, a) => s + thinness(g, a, thinDegree), 0) / through.length;
      const speed = Math.max(0, 1 - median(delays) / p.windowS);
      const dominance = p.minShare < 1 ? (meanShare - p.minShare) / (1 - p.minShare) : 1;
      const score = Math.min(0.97, 0.17 + 0.08 * Math.min(4, hops - 2) + 0.35 * thin + 0.1 * speed + 0.05 * dominance + 0.05 * traced);
      const evidence: EvidenceRef[] = [];
      chain.forEach((e, i) => evidence.push(...g.evidence(e, `hop ${i + 1}/${hops}: ${g.label(g.from[e]!)} → ${g.label(g.to[e]!)}, ${g.money(g.value[e]!, g.group[e]!)}`)));
      const first = chain[0]!;
      const last = chain[hops - 1]!;
      const hoursList = delays.map((d) => (d / HOUR).toFixed(1)).join(', ');
      out.push({
        indicator: 'finance.pass_through',
        key: `${g.payments[first]!.dataset}:${g.payments[first]!.source_record}`,
        score: roundScore(score),
        subjects: g.subjects(through),
        window: { start: iso(g.t[first]!), end: iso(g.t[last]!) },
        evidence,
        explanation:
          `${g.money(g.value[first]!, g.group[first]!)} from ${g.label(accounts[0]!)} passed through ${through.length} account${through.length === 1 ? '' : 's'} ` +
          `(${through.map((a) => g.names[a] ?? g.accounts[a]).join(' → ')}) in ${hops} payments to ${g.label(accounts[hops]!)}, ` +
          `each moving on within ${hoursList} h; ${(traced * 100).toFixed(0)}% of the first amount arrived at the end`,
        details: {
          hops,
          accounts: accounts.map((a) => g.accounts[a]),
          amounts: chain.map((e) => g.value[e]),
          currencyGroup: g.groups[g.group[first]!],
          delaysHours: delays.map((d) => d / HOUR),
          passed: chain.slice(0, -1).map((e) => links.passed[e]),
          shares: chain.slice(0, -1).map((e) => links.share[e]),
          traced,
          thinness: thin,
        },
      });
    }
    return out;
  },
};
