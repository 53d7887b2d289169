/**
 * triangulate.network — the alerts of one run joined over the entity graph
 * into networks: a vessel that went dark, the company that owns it, the
 * declaration that names it as carrier and the payment for that cargo are
 * one case when each points at the next. Alerts join when their subjects are
 * the same entity or identifier (entity id, IMO, MMSI, account, registry
 * company matched from a declared or paid party's name and country), when a
 * payment and a declaration behind them cite the same invoice, or when
 * one subject directly owns 25% or more of another or controls it (stakes of
 * the ownership graph; owners of very many entities left out, their links say little). A network needs
 * legs from at least two indicator families (maritime, trade, finance,
 * ownership); every leg keeps its evidence and the agency that holds it.
 *
 * Signals too weak to be legs on their own (a price far off a heading whose
 * prices vary widely, two shell marks) still corroborate each other when they
 * come from different families and name the same registry entity: a weak
 * network of that entity, scored by the same rule (FATF: indicators are read
 * together; no one of them proves much).
 */
import type { AlertDraft, AlertSubject } from '../alert.ts';
import { alertId } from '../alert.ts';
import { num, type Indicator, type Params } from '../indicator.ts';
import type { DetectInputs, EvidenceRef } from '../inputs.ts';
import { partyIndexOf, type PartyIndex } from '../parties.ts';

/** Joins through an owner of more entities than this are not followed: a formation agent's nominee shareholder links strangers. */
const MAX_HOLDINGS_FOR_LINK = 20;
const MAX_EVIDENCE = 60;
/** Stakes below this (percent) do not join: beneficial ownership starts at 25% (FATF Recommendation 24, AMLD Art. 3(6)). */
const MIN_STAKE_FOR_LINK = 25;
const MAX_SUBJECTS = 25;

class UnionFind {
  private readonly parent: number[] = [];
  add(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }
  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]!]!;
      x = this.parent[x]!;
    }
    return x;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** The join keys of a subject: its id, its strong identifiers, and the registry company its declared name resolves to. */
function subjectKeys(s: AlertSubject, parties: PartyIndex): string[] {
  const keys: string[] = [];
  // Goods headings are shared by thousands of unrelated declarations: they join nothing.
  if (s.schema === 'Goods') return keys;
  keys.push(`id:${s.id}`);
  for (const [kind, value] of Object.entries(s.identifiers)) {
    if (kind === 'country' || kind === 'hs6' || kind === 'declaration' || kind === 'txn' || !value) continue;
    for (const v of value.split(',')) keys.push(`${kind}:${v.trim()}`);
  }
  if (s.id.startsWith('party:') && s.identifiers['country']) {
    for (const p of parties.find(s.name, s.identifiers['country'])) keys.push(`id:${p.id}`);
  }
  return keys;
}

/** An alert's own join keys (its subjects'), worked out once per alert: both passes read them. */
function directKeys(parties: PartyIndex): (a: AlertDraft) => string[] {
  const memo = new Map<AlertDraft, string[]>();
  return (a) => {
    let keys = memo.get(a);
    if (!keys) memo.set(a, (keys = a.subjects.flatMap((s) => subjectKeys(s, parties))));
    return keys;
  };
}

/** Payment references and declarations' invoice references by (dataset, record), normalised. */
function invoiceIndex(inputs: DetectInputs): Map<string, string> {
  const out = new Map<string, string>();
  const norm = (ref: string | null) => (ref ? ref.toUpperCase().replace(/[^A-Z0-9]/g, '') : '');
  for (const p of inputs.payments) {
    const ref = norm(p.reference);
    if (ref.length >= 4) out.set(`${p.dataset}\u0000${p.source_record}`, ref);
  }
  for (const d of inputs.declarations) {
    const ref = norm(d.invoice_reference);
    if (ref.length >= 4) out.set(`${d.dataset}\u0000${d.source_record}`, ref);
  }
  return out;
}

function familyOf(code: string): string {
  return code.slice(0, code.indexOf('.'));
}

export const network: Indicator = {
  code: 'triangulate.network',
  title: 'Network of alerts across streams',
  definition:
    'The alerts of the run (score at least leg_min_score) joined into connected networks by shared subjects — the same entity id, IMO, MMSI or ' +
    'account, a declared or paid party resolved to the registry by name and country, the same invoice reference on a payment and a declaration behind them — and by direct ownership of 25% or more, or control, between subjects (owners of more than ' +
    `${MAX_HOLDINGS_FOR_LINK} entities excepted). A network with legs from at least min_families indicator families is an alert. Score: ` +
    '1 − Π(1 − best leg score of each family), plus family_bonus for each family beyond the second, at most 0.99. Its evidence is every leg’s evidence. ' +
    'Alerts from corroboration_min_score up that name one registry entity (directly, or as a declared or paid party resolved to it) and span at least ' +
    'min_families families, one of them below leg_min_score, make a network of that entity by the same rule (details.corroboration), unless a network above ' +
    'already holds it; alerts of indicators that apply a rule (finance.listed_counterparty, ownership.blocked_by_aggregation) corroborate only as legs.',
  sources: [
    { name: 'FATF: Trade-Based Money Laundering — Risk Indicators (2021)', url: 'https://www.fatf-gafi.org/en/publications/Methodsandtrends/Trade-based-money-laundering-indicators.html', note: 'indicators are to be read together, across trade, finance and transport' },
    { name: 'REPO Task Force and G7 Enforcement Coordination Mechanism: joint advisories on evasion networks (2023–2024)', note: 'shipping, trade and payment legs of one scheme' },
  ],
  params: {
    leg_min_score: { type: 'number', default: 0.5, min: 0, max: 1, description: 'alerts below this are not legs' },
    corroboration_min_score: {
      type: 'number',
      default: 0.3,
      min: 0,
      max: 1,
      description: 'alerts from this score up (below leg_min_score) corroborate alerts of other families that name the same registry entity; 1 turns this off',
    },
    min_families: { type: 'integer', default: 2, min: 2, max: 4, description: 'indicator families a network must span' },
    family_bonus: { type: 'number', default: 0.05, min: 0, max: 0.5, description: 'added per family beyond the second' },
    max_legs: { type: 'integer', default: 200, min: 2, max: 10_000, description: 'a component with more legs is too diffuse to be one case and is not reported' },
  },
  inputs: ['alerts', 'registry', 'ownership', 'payments', 'declarations'],
  run(inputs: DetectInputs, params): AlertDraft[] {
    const legs = inputs.alerts.filter((a) => a.score >= num(params, 'leg_min_score') && !a.indicator.startsWith('triangulate.'));
    const parties = partyIndexOf(inputs.parties);
    const direct = directKeys(parties);
    const uf = new UnionFind();
    const keyNode = new Map<string, number>();
    const nodeOf = (key: string) => {
      let n = keyNode.get(key);
      if (n === undefined) keyNode.set(key, (n = uf.add()));
      return n;
    };
    const legNode = legs.map(() => uf.add());
    const legKeys: string[][] = [];
    const world = inputs.ownership;
    const invoices = invoiceIndex(inputs);
    legs.forEach((leg, i) => {
      const keys = new Set(direct(leg));
      // The invoice a payment or declaration behind the leg cites: the payment for a shipment meets its declaration.
      for (const e of leg.evidence) {
        const ref = invoices.get(`${e.source}\u0000${e.record}`);
        if (ref) keys.add(`invoice:${ref}`);
      }
      // Direct owners of each subject entity, unless they own so much that the link means nothing.
      if (world) {
        for (const k of [...keys]) {
          if (!k.startsWith('id:')) continue;
          const id = k.slice(3);
          if (!world.graph.has(id)) continue;
          for (const step of world.graph.ownersOf(id)) {
            // A beneficial owner's stake (25% or more, the FATF and AMLD threshold) or control; not a small holding.
            const substantial = step.via === 'control' || (step.low ?? 0) >= MIN_STAKE_FOR_LINK;
            if (substantial && world.graph.holdingsOf(step.owner).length <= MAX_HOLDINGS_FOR_LINK) keys.add(`id:${step.owner}`);
          }
        }
      }
      legKeys.push([...keys]);
      for (const k of keys) uf.union(legNode[i]!, nodeOf(k));
    });
    const components = new Map<number, number[]>();
    legs.forEach((_, i) => {
      const root = uf.find(legNode[i]!);
      const list = components.get(root);
      if (list) list.push(i);
      else components.set(root, [i]);
    });
    const out: AlertDraft[] = [];
    // Keys of the networks reported: a weak corroboration of an entity one of them holds adds nothing.
    const held = new Set<string>();
    for (const members of components.values()) {
      if (members.length < 2 || members.length > num(params, 'max_legs')) continue;
      const families = new Map<string, number>();
      for (const i of members) {
        const f = familyOf(legs[i]!.indicator);
        families.set(f, Math.max(families.get(f) ?? 0, legs[i]!.score));
      }
      if (families.size < num(params, 'min_families')) continue;
      const ordered = members.map((i) => legs[i]!);
      // The anchor: the registry entity most legs name (ties: the lowest id), so the network keeps its id as legs come and go.
      const counts = new Map<string, number>();
      for (const i of members) for (const k of new Set(legKeys[i]!.filter(isRegistryKey))) counts.set(k, (counts.get(k) ?? 0) + 1);
      const anchor = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? legKeys[members[0]!]![0]!;
      out.push(networkAlert(ordered, members.map((i) => legKeys[i]!), anchor, families, params));
      for (const i of members) for (const k of legKeys[i]!) held.add(k);
    }
    out.push(...corroborations(inputs.alerts, inputs.ruleIndicators ?? new Set(), direct, held, params));
    return out;
  },
};

/** A key naming a registry entity (not a declared party's name, an account or a bare MMSI). */
function isRegistryKey(k: string): boolean {
  return k.startsWith('id:') && !k.startsWith('id:party:') && !k.startsWith('id:account:') && !k.startsWith('id:mmsi:');
}

function networkScore(families: ReadonlyMap<string, number>, params: Params): number {
  return Math.min(0.99, 1 - [...families.values()].reduce((p, s) => p * (1 - s), 1) + num(params, 'family_bonus') * Math.max(0, families.size - 2));
}

/** One network alert from its legs (with each leg's join keys), its anchor key and its families' best scores. */
function networkAlert(members: AlertDraft[], memberKeys: string[][], anchor: string, families: ReadonlyMap<string, number>, params: Params, corroboration = false): AlertDraft {
  const ordered = members.map((leg, i) => ({ leg, keys: memberKeys[i]! })).sort((a, b) => b.leg.score - a.leg.score || a.leg.indicator.localeCompare(b.leg.indicator));
  const legsInOrder = ordered.map((o) => o.leg);
  const subjects: AlertSubject[] = [];
  const seen = new Set<string>();
  for (const leg of legsInOrder) for (const s of leg.subjects) if (s.schema !== 'Goods' && !seen.has(s.id) && subjects.length < MAX_SUBJECTS) (seen.add(s.id), subjects.push(s));
  const evidence: EvidenceRef[] = [];
  const seenEvidence = new Set<string>();
  for (const leg of legsInOrder) {
    for (const e of leg.evidence) {
      const k = `${e.source}\u0000${e.record}\u0000${e.schema}`;
      if (seenEvidence.has(k) || evidence.length >= MAX_EVIDENCE) continue;
      seenEvidence.add(k);
      evidence.push({ ...e, note: `${leg.indicator}: ${e.note}` });
    }
  }
  const start = legsInOrder.reduce((m, l) => (l.window.start < m ? l.window.start : m), legsInOrder[0]!.window.start);
  const end = legsInOrder.reduce((m, l) => (l.window.end > m ? l.window.end : m), legsInOrder[0]!.window.end);
  const agencies = [...new Set(legsInOrder.flatMap((l) => l.evidence.map((e) => e.agency)))].sort();
  // What holds the network together: the keys two or more legs share.
  const shared = new Map<string, number>();
  for (const o of ordered) for (const k of new Set(o.keys)) shared.set(k, (shared.get(k) ?? 0) + 1);
  const joins = [...shared].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 20).map(([k, n]) => ({ key: k, legs: n }));
  const lead = corroboration
    ? `${legsInOrder.length} alerts across ${[...families.keys()].sort().join(', ')}, some too weak to be legs on their own, name the same entity and corroborate each other`
    : `${legsInOrder.length} alerts across ${[...families.keys()].sort().join(', ')} on connected subjects`;
  return {
    indicator: 'triangulate.network',
    key: anchor,
    score: networkScore(families, params),
    subjects,
    window: { start, end },
    evidence,
    explanation:
      `${lead} (${agencies.length} agencies: ${agencies.join(', ')}): ` +
      legsInOrder.slice(0, 6).map((l) => `${l.indicator} ${l.score.toFixed(2)} — ${l.explanation.slice(0, 140)}`).join(' | ') +
      (legsInOrder.length > 6 ? ` | … ${legsInOrder.length - 6} more` : ''),
    details: {
      anchor: anchor.slice(3),
      families: Object.fromEntries([...families].map(([f, s]) => [f, Math.round(s * 1000) / 1000])),
      agencies,
      joins,
      ...(corroboration ? { corroboration: true } : {}),
      legs: legsInOrder.map((l) => ({ alert: alertId(l.indicator, l.key), indicator: l.indicator, score: Math.round(l.score * 1000) / 1000, subjects: l.subjects.map((s) => s.id) })),
    },
  };
}

/**
 * Weak networks: alerts from corroboration_min_score up grouped by the registry
 * entities they name directly (no ownership or invoice hops: weak signals join
 * only on the entity itself). An entity whose alerts span min_families
 * families, one of them below leg_min_score, and that no reported network
 * holds, is a network; entities that share an alert are one network. Alerts of
 * indicators that apply a rule (Indicator.appliesRule) corroborate only as legs:
 * below the threshold they are near-misses of the rule, and adding them up would
 * rebuild the aggregation the rule rejects (the 49% hard negative drew a network).
 */
function corroborations(
  alerts: readonly AlertDraft[],
  ruleIndicators: ReadonlySet<string>,
  direct: (a: AlertDraft) => string[],
  held: ReadonlySet<string>,
  params: Params,
): AlertDraft[] {
  const weakMin = num(params, 'corroboration_min_score');
  const legMin = num(params, 'leg_min_score');
  if (weakMin >= legMin) return [];
  const signals = alerts.filter((a) => (a.score >= legMin || (a.score >= weakMin && !ruleIndicators.has(a.indicator))) && !a.indicator.startsWith('triangulate.'));
  const keysOf = signals.map((a) => [...new Set(direct(a).filter(isRegistryKey))]);
  const byKey = new Map<string, number[]>();
  keysOf.forEach((keys, i) => {
    for (const k of keys) {
      const list = byKey.get(k);
      if (list) list.push(i);
      else byKey.set(k, [i]);
    }
  });
  const qualifying: string[] = [];
  for (const [key, members] of byKey) {
    if (held.has(key) || members.length < 2) continue;
    const families = new Set(members.map((i) => familyOf(signals[i]!.indicator)));
    if (families.size >= num(params, 'min_families') && members.some((i) => signals[i]!.score < legMin)) qualifying.push(key);
  }
  qualifying.sort();
  // Entities that share an alert are one network.
  const uf = new UnionFind();
  const nodeOfKey = new Map(qualifying.map((k) => [k, uf.add()]));
  const firstKeyOfAlert = new Map<number, string>();
  for (const k of qualifying) {
    for (const i of byKey.get(k)!) {
      const other = firstKeyOfAlert.get(i);
      if (other === undefined) firstKeyOfAlert.set(i, k);
      else uf.union(nodeOfKey.get(other)!, nodeOfKey.get(k)!);
    }
  }
  const groups = new Map<number, string[]>();
  for (const k of qualifying) {
    const root = uf.find(nodeOfKey.get(k)!);
    const list = groups.get(root);
    if (list) list.push(k);
    else groups.set(root, [k]);
  }
  const out: AlertDraft[] = [];
  for (const keys of groups.values()) {
    const members = [...new Set(keys.flatMap((k) => byKey.get(k)!))].sort((a, b) => a - b);
    if (members.length > num(params, 'max_legs')) continue;
    const families = new Map<string, number>();
    for (const i of members) {
      const f = familyOf(signals[i]!.indicator);
      families.set(f, Math.max(families.get(f) ?? 0, signals[i]!.score));
    }
    out.push(networkAlert(members.map((i) => signals[i]!), members.map((i) => keysOf[i]!), keys[0]!, families, params, true));
  }
  return out;
}
