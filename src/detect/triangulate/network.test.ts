import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OwnershipGraph, stakeOf } from '../../graph/ownership-graph.ts';
import type { OwnershipWorld } from '../../graph/service.ts';
import type { AlertDraft, AlertSubject } from '../alert.ts';
import { CATALOGUE } from '../catalogue.ts';
import { defaults } from '../indicator.ts';
import { PositionTableBuilder, type DetectInputs } from '../inputs.ts';
import type { RegisteredParty } from '../parties.ts';
import { defaultProfile } from '../profile.ts';
import { network } from './network.ts';

const PROFILE = defaultProfile([network]);
/** What DetectService gives the run: the catalogue's indicators that apply a rule. */
const RULES = new Set(CATALOGUE.filter((i) => i.appliesRule).map((i) => i.code));

function draft(indicator: string, key: string, score: number, subjects: AlertSubject[], agency: string): AlertDraft {
  return {
    indicator,
    key,
    score,
    subjects,
    window: { start: '2025-03-01T00:00:00.000Z', end: '2025-03-02T00:00:00.000Z' },
    evidence: [{ source: `${agency}_data`, record: key, agency, note: indicator, dataset: `${agency}_data`, marking: 'TLP:AMBER', schema: 'Thing' }],
    explanation: `${indicator} on ${subjects.map((s) => s.name).join(', ')}`,
  };
}

const vessel = (id: string, imo: string): AlertSubject => ({ id, schema: 'Vessel', name: id, identifiers: { imo } });
const party = (name: string, country: string): AlertSubject => ({ id: `party:${country}:${name.toLowerCase()}`, schema: 'LegalEntity', name, identifiers: { country } });
const account = (iban: string): AlertSubject => ({ id: `account:${iban}`, schema: 'BankAccount', name: iban, identifiers: { account: iban } });
const goods = (hs6: string): AlertSubject => ({ id: `hs6:${hs6}`, schema: 'Goods', name: hs6, identifiers: { hs6 } });

const FALCON: RegisteredParty = { id: 'co-f', schema: 'Company', name: 'Falcon Trading FZE', names: ['Falcon Trading FZE'], country: 'ae', incorporationDate: '2023-01-01', addresses: [], directors: [], dataset: 'registry', agency: 'registry', marking: 'TLP:GREEN' };

function world(stakes: Array<[string, string, string, string]>): OwnershipWorld {
  const ids = [...new Set(stakes.flatMap(([, o, a]) => [o, a]))];
  return {
    graph: new OwnershipGraph(ids.map((id) => ({ id, schema: id.startsWith('ve') ? 'Vessel' : 'Company' })), stakes.map(([r, o, a, p]) => stakeOf(r, o, a, [p])), []),
    designations: [],
    sources: new Map(),
    names: new Map(),
    schemata: new Map(),
    blocked: () => {
      throw new Error('not used');
    },
  };
}

function run(alerts: AlertDraft[], more: Partial<DetectInputs> = {}): AlertDraft[] {
  const inputs: DetectInputs = { profile: PROFILE, positions: new PositionTableBuilder(1).build(), payments: [], declarations: [], vesselsByMmsi: new Map(), vesselsByImo: new Map(), listedVessels: [], listedParties: [], parties: [FALCON], alerts, ownership: null, ruleIndicators: RULES, ...more };
  return network.run(inputs, defaults(network)) as AlertDraft[];
}

describe('triangulate.network', () => {
  it('joins a dark vessel, the declaration that names it, and a payment by the declared party into one network across three families and agencies', () => {
    const gap = draft('maritime.ais_gap', 'gap', 0.9, [vessel('ve-1', '9187629')], 'coast');
    const origin = draft('trade.origin_mismatch', 'decl', 0.7, [party('Falcon Trading FZE', 'ae'), goods('270900'), { id: 'mmsi:244000001', schema: 'Vessel', name: 'NORTH STAR', identifiers: { imo: '9187629', mmsi: '244000001' } }], 'customs');
    const money = draft('finance.pass_through', 'chain', 0.6, [account('AE070331234567890123456'), party('FALCON TRADING F.Z.E.', 'ae')], 'bank');
    const stranger = draft('finance.typology', 'fan', 0.8, [account('DE89370400440532013000'), party('Somebody GmbH', 'de')], 'bank');
    const sameGoods = draft('trade.chpl_item', 'chpl', 0.9, [party('Other Importer', 'nl'), goods('270900')], 'customs');
    const out = run([gap, origin, money, stranger, sameGoods]);
    assert.equal(out.length, 1, 'the stranger and the declaration sharing only a heading stay out');
    const n = out[0]!;
    assert.equal(n.indicator, 'triangulate.network');
    assert.equal(n.key, 'id:co-f', 'anchored on the registry company two legs name');
    assert.deepEqual(Object.keys(n.details!['families'] as object).sort(), ['finance', 'maritime', 'trade']);
    assert.deepEqual(n.details!['agencies'], ['bank', 'coast', 'customs']);
    assert.ok(n.score >= 0.95 && n.score <= 0.99, String(n.score));
    assert.deepEqual(n.evidence.map((e) => e.record).sort(), ['chain', 'decl', 'gap']);
    assert.ok(n.evidence.every((e) => /^(maritime|trade|finance)\./.test(e.note)));
    assert.ok((n.details!['joins'] as Array<{ key: string }>).some((j) => j.key === 'imo:9187629'));
  });

  it('one family alone is not a network, and alerts below leg_min_score are not legs', () => {
    const a = draft('maritime.ais_gap', 'a', 0.9, [vessel('ve-1', '9187629')], 'coast');
    const b = draft('maritime.encounter', 'b', 0.9, [vessel('ve-1', '9187629'), vessel('ve-2', '9074729')], 'coast');
    assert.deepEqual(run([a, b]), []);
    const weak = draft('trade.origin_mismatch', 'w', 0.2, [{ id: 'x', schema: 'Vessel', name: 'x', identifiers: { imo: '9187629' } }], 'customs');
    assert.deepEqual(run([a, b, weak]), []);
  });

  it('joins the payment for a shipment to its declaration through the invoice they both cite', () => {
    const decl = { ...draft('trade.price_anomaly', 'd1', 0.7, [party('Alpha GmbH', 'de'), goods('847130')], 'customs'), evidence: [{ source: 'customs_x', record: '12', agency: 'customs', note: 'price', dataset: 'customs_x', marking: 'TLP:AMBER', schema: 'CustomsDeclaration' }] };
    const pay = { ...draft('finance.typology', 'p1', 0.6, [account('DE89370400440532013000')], 'bank'), evidence: [{ source: 'bank_x', record: '7', agency: 'bank', note: 'fan', dataset: 'bank_x', marking: 'TLP:AMBER', schema: 'Payment' }] };
    const declarations = [{ dataset: 'customs_x', source_record: '12', invoice_reference: 'INV-2025/0042' }] as unknown as DetectInputs['declarations'];
    const payments = [{ dataset: 'bank_x', source_record: '7', reference: 'inv 2025 0042' }] as unknown as DetectInputs['payments'];
    const out = run([decl, pay], { declarations, payments });
    assert.equal(out.length, 1);
    assert.ok((out[0]!.details!['joins'] as Array<{ key: string }>).some((j) => j.key === 'invoice:INV20250042'));
    assert.equal(run([decl, pay]).length, 0, 'without the records, nothing joins them');
  });

  it('joins through a substantial direct stake (owner of the vessel), not through a 10% holding', () => {
    const identity = draft('maritime.identity', 'id', 0.8, [vessel('ve-2', '9074729')], 'coast');
    const shellCo = draft('ownership.shell', 'sh', 0.6, [{ id: 'co-h', schema: 'Company', name: 'Holder', identifiers: {} }], 'registry');
    assert.equal(run([identity, shellCo], { ownership: world([['o1', 'co-h', 've-2', '100']]) }).length, 1);
    assert.equal(run([identity, shellCo], { ownership: world([['o1', 'co-h', 've-2', '10']]) }).length, 0);
    assert.equal(run([identity, shellCo]).length, 0, 'no ownership world: no link');
  });

  it('weak alerts of two families naming the same registry entity corroborate each other into a weak network', () => {
    const price = draft('trade.price_anomaly', 'price', 0.35, [party('FALCON TRADING F.Z.E.', 'ae'), party('Buyer Ltd', 'gb'), goods('847330')], 'customs');
    const shellCo = draft('ownership.shell', 'shell', 0.45, [{ id: 'co-f', schema: 'Company', name: 'Falcon Trading FZE', identifiers: {} }], 'registry');
    const out = run([price, shellCo]);
    assert.equal(out.length, 1);
    const n = out[0]!;
    assert.equal(n.key, 'id:co-f');
    assert.equal(n.details!['corroboration'], true);
    assert.ok(Math.abs(n.score - (1 - 0.65 * 0.55)) < 1e-9, String(n.score));
    assert.deepEqual(n.evidence.map((e) => e.record).sort(), ['price', 'shell']);
    assert.match(n.explanation, /corroborate/);
  });

  it('refused: weak alerts of one family, on different entities, below corroboration_min_score, or on an entity a network already holds', () => {
    const shellCo = draft('ownership.shell', 'shell', 0.45, [{ id: 'co-f', schema: 'Company', name: 'Falcon Trading FZE', identifiers: {} }], 'registry');
    const blocked = draft('ownership.blocked_by_aggregation', 'b', 0.4, [{ id: 'co-f', schema: 'Company', name: 'Falcon Trading FZE', identifiers: {} }], 'registry');
    assert.deepEqual(run([shellCo, blocked]), [], 'one family');
    const elsewhere = draft('trade.price_anomaly', 'p', 0.35, [party('Somebody GmbH', 'de'), goods('847330')], 'customs');
    assert.deepEqual(run([shellCo, elsewhere]), [], 'another entity (an unresolved party)');
    const faint = draft('trade.price_anomaly', 'p', 0.25, [party('Falcon Trading FZE', 'ae'), goods('847330')], 'customs');
    assert.deepEqual(run([shellCo, faint]), [], 'below corroboration_min_score');
    const price = draft('trade.price_anomaly', 'p', 0.35, [party('Falcon Trading FZE', 'ae'), goods('847330')], 'customs');
    const off = network.run({ profile: PROFILE, positions: new PositionTableBuilder(1).build(), payments: [], declarations: [], vesselsByMmsi: new Map(), vesselsByImo: new Map(), listedVessels: [], listedParties: [], parties: [FALCON], alerts: [shellCo, price], ownership: null }, { ...defaults(network), corroboration_min_score: 1 });
    assert.deepEqual(off, [], 'turned off with corroboration_min_score 1');
    // A near-miss of a rule (a listed owner's stake under 50%) does not corroborate.
    const nearMiss = draft('finance.listed_counterparty', 'lc', 0.4, [party('Falcon Trading FZE', 'ae')], 'bank');
    assert.deepEqual([...RULES].sort(), ['finance.listed_counterparty', 'ownership.blocked_by_aggregation']);
    assert.deepEqual(run([shellCo, nearMiss]), [], 'a rule near-miss');
    // Held by a strong network already: no second, weak one on the same entity.
    const strongA = draft('finance.pass_through', 'chain', 0.8, [party('Falcon Trading FZE', 'ae')], 'bank');
    const strongB = draft('maritime.identity', 'id', 0.8, [{ id: 'co-f', schema: 'Company', name: 'Falcon Trading FZE', identifiers: {} }], 'coast');
    const out = run([strongA, strongB, shellCo, price]);
    assert.equal(out.length, 1);
    assert.notEqual(out[0]!.details!['corroboration'], true);
  });
});
