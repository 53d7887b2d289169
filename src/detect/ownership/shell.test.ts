import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OwnershipGraph, stakeOf } from '../../graph/ownership-graph.ts';
import type { OwnershipWorld } from '../../graph/service.ts';
import type { StoredPayment } from '../../store/events.ts';
import { defaults } from '../indicator.ts';
import { PositionTableBuilder, type DetectInputs } from '../inputs.ts';
import type { RegisteredParty } from '../parties.ts';
import { defaultProfile } from '../profile.ts';
import { shell } from './shell.ts';

const PROFILE = defaultProfile([shell]);

function company(id: string, over: Partial<RegisteredParty> = {}): RegisteredParty {
  return { id, schema: 'Company', name: `Company ${id}`, names: [`Company ${id}`], country: 'gb', incorporationDate: '2010-01-01', addresses: [], directors: [], dataset: 'registry', agency: 'reg', marking: 'TLP:GREEN', ...over };
}

const director = (id: string) => ({ id, record: `dir-${id}-${Math.random().toString(36).slice(2, 8)}`, dataset: 'registry', agency: 'reg', marking: 'TLP:GREEN' });

function world(stakes: Array<[string, string, string, string]>, designated: string[]): OwnershipWorld {
  const ids = [...new Set(stakes.flatMap(([, o, a]) => [o, a]))];
  const schemata = new Map(ids.map((id) => [id, id.startsWith('p') ? 'Person' : 'Company']));
  const graph = new OwnershipGraph(ids.map((id) => ({ id, schema: schemata.get(id)! })), stakes.map(([rec, o, a, pct]) => stakeOf(rec, o, a, [pct])), []);
  return {
    graph,
    designations: designated.map((id) => ({ id, listed: `l-${id}`, reason: 'test' })),
    sources: new Map(stakes.map(([rec]) => [rec, { dataset: 'registry', agency: 'reg', marking: 'TLP:GREEN', record: rec }])),
    names: new Map(ids.map((id) => [id, id])),
    schemata,
    blocked: () => {
      throw new Error('not used');
    },
  };
}

function run(parties: RegisteredParty[], more: Partial<DetectInputs> = {}) {
  const inputs: DetectInputs = { profile: PROFILE, positions: new PositionTableBuilder(1).build(), payments: [], declarations: [], vesselsByMmsi: new Map(), vesselsByImo: new Map(), listedVessels: [], listedParties: [], parties, alerts: [], ownership: null, ...more };
  return shell.run(inputs, defaults(shell)) as ReturnType<typeof shell.run> & Array<{ key: string; score: number; explanation: string; evidence: Array<{ schema: string; record: string }> }>;
}

describe('ownership.shell', () => {
  const MASS = 'Office 12, Floor 3, 20 Wenlock Road, London';
  const crowd = Array.from({ length: 12 }, (_, i) => company(`c${i}`, { addresses: [i % 2 ? MASS : MASS.toUpperCase().replace(/,/g, '')], directors: [director('nominee')] }));

  it('a mass-registration address with a nominee director is a shell above the threshold; the marks are named and evidenced', () => {
    const alerts = run(crowd);
    assert.equal(alerts.length, 12);
    const a = alerts[0]!;
    assert.ok(a.score >= 0.5, String(a.score));
    assert.match(a.explanation, /shared by 12 companies/);
    assert.match(a.explanation, /holds 12 directorships/);
    assert.ok(a.evidence.some((e) => e.schema === 'Directorship'));
  });

  it('one mark alone is not an alert: a professional director, or a formation agent\'s address, or a secrecy jurisdiction', () => {
    const directorOnly = Array.from({ length: 12 }, (_, i) => company(`d${i}`, { addresses: [`${i} High Street`], directors: [director('pro')] }));
    const addressOnly = Array.from({ length: 12 }, (_, i) => company(`e${i}`, { addresses: [MASS], directors: [director(`own${i}`)] }));
    const secrecyOnly = [company('s1', { country: 'vg' })];
    assert.deepEqual(run([...directorOnly, ...addressOnly, ...secrecyOnly]), []);
  });

  it('a designated owner just below 50% and ownership ending in companies; heavy payments soon after incorporation', () => {
    const target = company('t', { incorporationDate: '2025-01-10', country: 'ae', names: ['Target Trading LLC'], name: 'Target Trading LLC' });
    const w = world([['o1', 'cx', 't', '49'], ['o2', 'hold', 't', '51']], ['cx']);
    const pay = (i: number, amount: string): StoredPayment => ({
      type: 'payment', txn_id: `T${i}`, ts: `2025-02-0${i}T10:00:00Z`, amount, currency: 'USD', originator_account: 'AE070331234567890123456', originator_name: 'Target Trading L.L.C.', originator_bank: null, originator_country: 'ae',
      beneficiary_account: 'DE89370400440532013000', beneficiary_name: 'Someone GmbH', beneficiary_bank: null, beneficiary_country: 'de', purpose: null, reference: null, extra: null,
      dataset: 'bank', source_record: String(i), agency: 'bank', marking: 'TLP:AMBER', first_seen: '', last_seen: '',
    }) as StoredPayment;
    const alerts = run([target], { ownership: w, payments: [pay(1, '90000'), pay(2, '60000')] });
    assert.equal(alerts.length, 1);
    const a = alerts[0]!;
    assert.match(a.explanation, /designated, holds 49%/);
    assert.match(a.explanation, /ends in (hold, cx|cx, hold)/);
    assert.match(a.explanation, /150,000 USD/);
    assert.ok(a.score >= 0.6, String(a.score));
    assert.ok(a.evidence.some((e) => e.schema === 'Payment') && a.evidence.some((e) => e.schema === 'Ownership' && e.record === 'o1'));
    // The same company owned by people, no designated holder, and quiet: nothing.
    const clean = world([['o3', 'pa', 't', '100']], []);
    assert.deepEqual(run([target], { ownership: clean }), []);
  });
});
