import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  BlockedSet,
  EU_BEFORE_JULY_2024,
  OwnershipGraph,
  parsePercentage,
  RULES,
  stakeBounds,
  stakeOf,
  type Control,
  type OwnershipNode,
  type RuleConfig,
  type Stake,
  type Status,
} from './ownership.ts';

// ---------------------------------------------------------------- helpers

let stakeNo = 0;
/** A stake from a percentage string, as a reader would build it from an Ownership record. */
function own(owner: string, asset: string, percentage: string, id = `own-${++stakeNo}`): Stake {
  return stakeOf(id, owner, asset, percentage);
}
function ctl(controller: string, entity: string, kind = 'board_majority', id = `ctl-${++stakeNo}`): Control {
  return { id, controller, entity, kind };
}
function nodes(persons: string[], companies: string[]): OwnershipNode[] {
  return [...persons.map((id) => ({ id, schema: 'Person' })), ...companies.map((id) => ({ id, schema: 'Company' }))];
}
function statuses(set: BlockedSet, ids: string[]): Record<string, Status> {
  return Object.fromEntries(ids.map((id) => [id, set.status(id)]));
}

// ---------------------------------------------------------------- percentages

describe('parsePercentage', () => {
  const cases: Array<[string, number, number, boolean, boolean?, boolean?]> = [
    // text, low, high, exact, lowExclusive, highExclusive
    ['51', 51, 51, true],
    ['12.5', 12.5, 12.5, true],
    ['12,5', 12.5, 12.5, true],
    ['50%', 50, 50, true],
    [' 50 % ', 50, 50, true],
    ['100', 100, 100, true],
    ['0', 0, 0, true],
    ['25-50', 25, 50, false, false, false],
    ['25–50', 25, 50, false, false, false],
    ['25 — 50 %', 25, 50, false, false, false],
    ['25%-50%', 25, 50, false, false, false],
    ['between 25 and 50', 25, 50, false, false, false],
    ['>50', 50, 100, false, true, false],
    ['> 50%', 50, 100, false, true, false],
    ['≥50', 50, 100, false, false, false],
    ['>=50', 50, 100, false, false, false],
    ['<25', 0, 25, false, false, true],
    ['<=25', 0, 25, false, false, false],
    ['more than 25% but not more than 50%', 25, 50, false, true, false],
    ['at least 75%', 75, 100, false, false, false],
    ['less than 10 percent', 0, 10, false, false, true],
    ['ownership-of-shares-25-to-50-percent', 25, 50, false, true, false],
    ['ownership-of-shares-50-to-75-percent-as-trust', 50, 75, false, true, true],
    ['ownership-of-shares-75-to-100-percent', 75, 100, false, false, false],
    ['ownership-of-shares-more-than-25-percent-registered-overseas-entity', 25, 100, false, true, false],
    ['1/4', 25, 25, true],
    ['majority', 50, 100, false, true, false],
  ];
  for (const [text, low, high, exact, lowEx = false, highEx = false] of cases) {
    test(JSON.stringify(text), () => {
      const p = parsePercentage(text);
      assert.ok(p.ok, p.ok ? '' : p.reason);
      assert.deepEqual(
        { low: p.low, high: p.high, exact: p.exact, lowExclusive: p.lowExclusive, highExclusive: p.highExclusive },
        { low, high, exact, lowExclusive: lowEx, highExclusive: highEx },
      );
    });
  }

  test('refusals carry a reason', () => {
    const refusals: Array<[string, RegExp]> = [
      ['', /empty/],
      ['   ', /empty/],
      ['unknown', /not a percentage/],
      ['150', /above 100/],
      ['50-25', /lower bound 50 is above upper bound 25/],
      ['-5', /negative/],
      ['>100', /more than 100/],
      ['<0', /less than 0/],
      ['1/0', /zero/],
      ['25 or so', /not a percentage/],
    ];
    for (const [text, reason] of refusals) {
      const p = parsePercentage(text);
      assert.equal(p.ok, false, text);
      assert.match((p as { reason: string }).reason, reason, text);
    }
  });

  test('never throws, and bounds are always within 0..100', () => {
    const pieces = fc.constantFrom('25', '50', '100', '-', '–', '%', '>', '<', '≥', ' ', 'to', '.', ',', '5', 'more than', 'x', '0', '/', 'percent');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(pieces, { maxLength: 6 }).map((a) => a.join(''))), (text) => {
        const p = parsePercentage(text);
        if (!p.ok) return typeof p.reason === 'string' && p.reason.length > 0;
        return p.low >= 0 && p.high <= 100 && p.low <= p.high && (!p.exact || p.low === p.high);
      }),
      { numRuns: 2000 },
    );
  });

  test('stakeBounds: unknown or unreadable percentages are [0, 100], conflicting ones their hull', () => {
    assert.deepEqual(stakeBounds(undefined), { low: 0, high: 100, exact: false, lowExclusive: false, highExclusive: false, unknown: true, reason: 'no percentage recorded' });
    const bad = stakeBounds('a lot');
    assert.equal(bad.unknown, true);
    assert.match(bad.reason!, /not a percentage/);
    const hull = stakeBounds(['30', '25-50']);
    assert.deepEqual([hull.low, hull.high, hull.exact, hull.unknown], [25, 50, false, false]);
    assert.match(hull.reason!, /disagree/);
    const same = stakeBounds(['51', '51%']);
    assert.deepEqual([same.low, same.high, same.exact, same.reason], [51, 51, true, undefined]);
  });
});

// ---------------------------------------------------------------- OFAC FAQ 401

describe('OFAC 50 Percent Rule: FAQ 401', () => {
  test('example 1: X owns 50% of A, A owns 50% of B → A and B blocked', () => {
    const g = new OwnershipGraph(nodes(['X'], ['A', 'B']), [own('X', 'A', '50', 'xa'), own('A', 'B', '50', 'ab')]);
    const set = new BlockedSet(g, 'ofac', ['X']);
    assert.deepEqual(statuses(set, ['X', 'A', 'B']), { X: 'blocked', A: 'blocked', B: 'blocked' });
    const why = set.explain('B');
    assert.equal(why.bound, 'low');
    assert.deepEqual(
      why.paths.map((p) => [p.seed, ...p.steps.map((s) => `${s.owner}-${s.display}->${s.asset} [${s.records.join()}]`)]),
      [['X', 'X-50%->A [xa]', 'A-50%->B [ab]']],
    );
    assert.equal(why.holdings[0]!.low, 50);
  });

  test('example 2: X owns 50% of A and of B, A and B own 25% of C each → C blocked', () => {
    const g = new OwnershipGraph(nodes(['X'], ['A', 'B', 'C']), [own('X', 'A', '50'), own('X', 'B', '50'), own('A', 'C', '25'), own('B', 'C', '25')]);
    const set = new BlockedSet(g, 'ofac', ['X']);
    assert.equal(set.status('C'), 'blocked');
    const why = set.explain('C');
    assert.equal(why.paths.length, 2);
    assert.deepEqual(why.holdings[0]!.owners.map((o) => o.owner).sort(), ['A', 'B']);
    assert.equal(why.holdings[0]!.low, 50);
  });

  test('example 3: X owns 50% of A and 10% of C, A owns 40% of C → C blocked (A passes on its whole 40%)', () => {
    const g = new OwnershipGraph(nodes(['X'], ['A', 'C']), [own('X', 'A', '50'), own('X', 'C', '10'), own('A', 'C', '40')]);
    const set = new BlockedSet(g, 'ofac', ['X']);
    assert.equal(set.status('C'), 'blocked');
    // X's effective share in C is only 10 + 50×40% = 30%: the rule is not about effective ownership.
    const eff = g.effectiveOwnership('C').owners.find((o) => o.id === 'X')!;
    assert.equal(eff.low, 30);
    assert.deepEqual(
      set.explain('C').paths.map((p) => p.steps.map((s) => s.asset).join('>')).sort(),
      ['A>C', 'C'],
    );
  });

  test('the 49% decoy: a blocked person holding 49% does not block', () => {
    const g = new OwnershipGraph(nodes(['X', 'F'], ['D']), [own('X', 'D', '49'), own('F', 'D', '51')]);
    for (const rule of ['ofac', 'eu', 'uk'] as const) {
      const set = new BlockedSet(g, rule, ['X']);
      assert.equal(set.status('D'), 'not_blocked', rule);
      const why = set.explain('D');
      assert.equal(why.paths.length, 0);
      assert.equal(why.holdings[0]!.low, 49, 'the blocked holding is still shown');
    }
  });

  test('an unblocked intermediary passes on nothing: X owns 49% of A, A owns 100% of S → S not blocked', () => {
    const g = new OwnershipGraph(nodes(['X'], ['A', 'S']), [own('X', 'A', '49'), own('A', 'S', '100')]);
    const set = new BlockedSet(g, 'ofac', ['X']);
    assert.deepEqual(statuses(set, ['A', 'S']), { A: 'not_blocked', S: 'not_blocked' });
  });

  test('the simulator\'s layering scheme: 50% and 60% holdings passing 30% and 25% block T and its subsidiary', () => {
    const g = new OwnershipGraph(nodes(['X', 'N', 'P'], ['H1', 'H2', 'T', 'O']), [
      own('X', 'H1', '50'), own('N', 'H1', '50'), own('X', 'H2', '60'), own('P', 'H2', '40'),
      own('H1', 'T', '30'), own('H2', 'T', '25'), own('P', 'T', '45'), own('T', 'O', '100'),
    ]);
    const set = new BlockedSet(g, 'ofac', ['X']);
    assert.deepEqual(statuses(set, ['H1', 'H2', 'T', 'O', 'N', 'P']), { H1: 'blocked', H2: 'blocked', T: 'blocked', O: 'blocked', N: 'not_blocked', P: 'not_blocked' });
    assert.equal(set.explain('T').holdings[0]!.low, 55);
  });
});

// ---------------------------------------------------------------- cycles

describe('cycles', () => {
  const g = new OwnershipGraph(nodes(['X'], ['A', 'B']), [own('X', 'A', '50'), own('A', 'B', '60'), own('B', 'A', '60')]);

  test('A owns 60% of B, B owns 60% of A, X owns 50% of A: both blocked under OFAC, explained without looping', () => {
    const set = new BlockedSet(g, 'ofac', ['X']);
    assert.deepEqual(statuses(set, ['A', 'B']), { A: 'blocked', B: 'blocked' });
    const paths = set.explain('B').paths.map((p) => p.steps.map((s) => `${s.owner}>${s.asset}`).join(' '));
    assert.deepEqual(paths, ['X>A A>B']);
    assert.deepEqual(set.explain('A').paths.map((p) => p.steps.length), [1]);
  });

  test('a cycle does not block itself: under "more than 50%" X\'s 50% blocks neither', () => {
    for (const rule of ['uk', EU_BEFORE_JULY_2024] as const) {
      const set = new BlockedSet(g, rule, ['X']);
      assert.deepEqual(statuses(set, ['A', 'B']), { A: 'not_blocked', B: 'not_blocked' });
    }
  });

  test('delisting X unblocks the whole cycle, though A and B hold 60% of each other', () => {
    const set = new BlockedSet(g, 'ofac', ['X']);
    const changes = set.delist('X');
    assert.deepEqual(changes.map((c) => `${c.id}:${c.after}`).sort(), ['A:not_blocked', 'B:not_blocked', 'X:not_blocked']);
    assert.deepEqual(statuses(set, ['A', 'B']), { A: 'not_blocked', B: 'not_blocked' });
  });

  test('designating a member of the cycle blocks the other', () => {
    const set = new BlockedSet(g, 'uk', []);
    assert.deepEqual(set.designate('B').map((c) => c.id).sort(), ['A', 'B']);
  });
});

// ---------------------------------------------------------------- ranges

describe('ranges', () => {
  test('25-50 + 25-50 held by blocked persons: possibly more than 50% (UK, EU before 2024); certainly 50% or more (OFAC)', () => {
    const g = new OwnershipGraph(nodes(['X', 'Y', 'Z'], ['C']), [own('X', 'C', '25-50'), own('Y', 'C', '25–50'), own('Z', 'C', '25')]);
    for (const rule of [EU_BEFORE_JULY_2024, { ...RULES.uk, aggregation: 'aggregate' as const }]) {
      const set = new BlockedSet(g, rule, ['X', 'Y']);
      assert.equal(set.status('C'), 'possibly_blocked', rule.name);
      const why = set.explain('C');
      assert.equal(why.bound, 'high');
      assert.deepEqual([why.holdings[0]!.low, why.holdings[0]!.high], [50, 100]);
      assert.equal(why.paths.length, 2);
    }
    // A closed range's low bounds sum to exactly 50: OFAC's "50 percent or more" is met for certain.
    const ofac = new BlockedSet(g, 'ofac', ['X', 'Y']);
    assert.equal(ofac.status('C'), 'blocked');
    assert.equal(ofac.explain('C').bound, 'low');
  });

  test('the sum of low bounds decides "blocked", the sum of high bounds "possibly blocked"', () => {
    const g = new OwnershipGraph(nodes(['X', 'Y'], ['C', 'D', 'E']), [
      own('X', 'C', '20-50'), own('Y', 'C', '20-50'), // lows 40, highs 100
      own('X', 'D', '50-75'), // low 50
      own('X', 'E', '25-50'), own('Y', 'E', '25-50'), // lows 50: certain under ≥, not under >
    ]);
    const ofac = new BlockedSet(g, 'ofac', ['X', 'Y']);
    assert.deepEqual(statuses(ofac, ['C', 'D', 'E']), { C: 'possibly_blocked', D: 'blocked', E: 'blocked' });
    const uk = new BlockedSet(g, { ...RULES.uk, aggregation: 'aggregate' }, ['X', 'Y']);
    assert.deepEqual(statuses(uk, ['C', 'D', 'E']), { C: 'possibly_blocked', D: 'possibly_blocked', E: 'possibly_blocked' });
  });

  test('a range passes "possibly blocked" down a chain, and a stake of unknown size can only make an entity possibly blocked', () => {
    const g = new OwnershipGraph(nodes(['X'], ['A', 'B', 'U']), [own('X', 'A', '25-50'), own('A', 'B', '100'), own('X', 'U', '')]);
    const set = new BlockedSet(g, 'ofac', ['X']);
    assert.deepEqual(statuses(set, ['A', 'B', 'U']), { A: 'possibly_blocked', B: 'possibly_blocked', U: 'possibly_blocked' });
    const path = set.explain('B').paths[0]!;
    assert.deepEqual(path.steps.map((s) => [s.display, s.exact]), [['25–50%', false], ['100%', true]]);
  });

  test('parallel records for one holding: the largest low bound, the sum of high bounds', () => {
    const g = new OwnershipGraph(nodes(['X'], ['C']), [own('X', 'C', '30', 'r1'), own('X', 'C', '30', 'r2')]);
    const set = new BlockedSet(g, 'ofac', ['X']);
    assert.equal(set.status('C'), 'possibly_blocked', 'a duplicate report or two share classes: cannot tell');
    assert.deepEqual(set.explain('C').paths[0]!.steps[0]!.records, ['r1', 'r2']);
    assert.deepEqual([g.ownersOf('C')[0]!.low, g.ownersOf('C')[0]!.high], [30, 60]);
  });
});

// ---------------------------------------------------------------- thresholds and control

describe('EU and UK: thresholds, control, aggregation', () => {
  test('control of the board with no stake blocks under EU and UK, not under OFAC; and passes down', () => {
    const g = new OwnershipGraph(nodes(['X'], ['C', 'D']), [own('C', 'D', '60')], [ctl('X', 'C', 'board_majority', 'dir-1')]);
    for (const [rule, expected] of [['ofac', 'not_blocked'], ['eu', 'blocked'], ['uk', 'blocked']] as const) {
      const set = new BlockedSet(g, rule, ['X']);
      assert.equal(set.status('C'), expected, rule);
      assert.equal(set.status('D'), expected, rule);
    }
    const why = new BlockedSet(g, 'eu', ['X']).explain('D');
    assert.deepEqual(why.paths[0]!.steps.map((s) => [s.via, s.display, s.records[0]]), [['control', 'control (board_majority)', 'dir-1'], ['stake', '60%', why.paths[0]!.steps[1]!.records[0]]]);
  });

  test('exactly 50%: blocked under OFAC and the EU (Best Practices 2024), not under "more than 50%" (UK, EU before July 2024); >50 blocks everywhere', () => {
    const g = new OwnershipGraph(nodes(['X'], ['F', 'M']), [own('X', 'F', '50'), own('X', 'M', '>50')]);
    const at = (rule: 'ofac' | 'eu' | 'uk' | RuleConfig) => statuses(new BlockedSet(g, rule, ['X']), ['F', 'M']);
    assert.deepEqual(at('ofac'), { F: 'blocked', M: 'blocked' });
    assert.deepEqual(at('eu'), { F: 'blocked', M: 'blocked' });
    assert.deepEqual(at(EU_BEFORE_JULY_2024), { F: 'not_blocked', M: 'blocked' });
    assert.deepEqual(at('uk'), { F: 'not_blocked', M: 'blocked' });
  });

  test('two designated persons with 30% each: aggregated under OFAC and EU; not under UK (OFSI 4.14) unless configured', () => {
    const g = new OwnershipGraph(nodes(['X', 'Y'], ['C']), [own('X', 'C', '30'), own('Y', 'C', '30')]);
    assert.equal(new BlockedSet(g, 'ofac', ['X', 'Y']).status('C'), 'blocked');
    assert.equal(new BlockedSet(g, 'eu', ['X', 'Y']).status('C'), 'blocked');
    const uk = new BlockedSet(g, 'uk', ['X', 'Y']);
    assert.equal(uk.status('C'), 'not_blocked');
    assert.deepEqual(uk.explain('C').holdings.map((h) => [h.seed, h.low]), [['X', 30], ['Y', 30]]);
    assert.equal(new BlockedSet(g, { ...RULES.uk, aggregation: 'aggregate' }, ['X', 'Y']).status('C'), 'blocked');
  });

  test('UK per person: one person\'s direct and indirect holdings add up (through entities that person owns)', () => {
    const g = new OwnershipGraph(nodes(['X', 'Y'], ['A', 'C', 'B']), [own('X', 'A', '60'), own('X', 'C', '20'), own('A', 'C', '40'), own('Y', 'B', '30'), own('A', 'B', '30')]);
    const uk = new BlockedSet(g, 'uk', ['X', 'Y']);
    assert.deepEqual(statuses(uk, ['A', 'C', 'B']), { A: 'blocked', C: 'blocked', B: 'not_blocked' });
    const why = uk.explain('C');
    assert.deepEqual(why.holdings.map((h) => [h.seed, h.low]), [['X', 60]]);
    assert.deepEqual(why.paths.map((p) => p.steps.map((s) => s.asset).join('>')).sort(), ['A>C', 'C']);
    // B: X's group holds 30% (through A), Y holds 30%: not aggregated.
    assert.deepEqual(uk.explain('B').holdings.map((h) => [h.seed, h.low]), [['X', 30], ['Y', 30]]);
  });

  test('designations absent from the graph are blocked and block nothing else', () => {
    const g = new OwnershipGraph(nodes(['X'], ['A']), [own('X', 'A', '50')]);
    const set = new BlockedSet(g, 'ofac', ['Q']);
    assert.equal(set.status('Q'), 'blocked');
    assert.deepEqual(set.designate('R'), [{ id: 'R', before: 'not_blocked', after: 'blocked' }]);
    assert.deepEqual(set.delist('Q'), [{ id: 'Q', before: 'blocked', after: 'not_blocked' }]);
    assert.deepEqual([...set.blocked()], ['R']);
  });

  test('designate and delist report each status change once', () => {
    const g = new OwnershipGraph(nodes(['X', 'Y'], ['A', 'B']), [own('X', 'A', '50'), own('Y', 'A', '50'), own('A', 'B', '25-75')]);
    const set = new BlockedSet(g, 'ofac', ['X']);
    assert.deepEqual(statuses(set, ['A', 'B']), { A: 'blocked', B: 'possibly_blocked' });
    assert.deepEqual(set.designate('Y'), [{ id: 'Y', before: 'not_blocked', after: 'blocked' }]);
    assert.deepEqual(set.delist('X'), [{ id: 'X', before: 'blocked', after: 'not_blocked' }], 'A stays blocked through Y');
    assert.deepEqual(set.delist('Y').sort((a, b) => (a.id < b.id ? -1 : 1)), [
      { id: 'A', before: 'blocked', after: 'not_blocked' },
      { id: 'B', before: 'possibly_blocked', after: 'not_blocked' },
      { id: 'Y', before: 'blocked', after: 'not_blocked' },
    ]);
    assert.deepEqual(set.delist('Y'), [], 'not designated');
    assert.deepEqual(set.counts(), { designated: 0, blocked: 0, possiblyBlocked: 0 });
  });
});

test('fromColumns builds the same graph as records with string ids', () => {
  const stakes = [own('X', 'A', '50'), own('X', 'C', '10'), own('A', 'C', '40'), own('A', 'C', '<5'), own('C', 'C', '10')];
  const ids = ['X', 'A', 'C'];
  const at = (id: string) => ids.indexOf(id);
  const fromRecords = new OwnershipGraph(nodes(['X'], ['A', 'C']), stakes, [ctl('X', 'C', 'veto', 'k1')]);
  const fromColumns = OwnershipGraph.fromColumns({
    ids,
    schemata: ['Person', 'Company', 'Company'],
    stakes: {
      ids: stakes.map((s) => s.id),
      owner: Int32Array.from(stakes, (s) => at(s.owner)),
      asset: Int32Array.from(stakes, (s) => at(s.asset)),
      low: Float64Array.from(stakes, (s) => s.low),
      high: Float64Array.from(stakes, (s) => s.high),
      exact: Uint8Array.from(stakes, (s) => (s.exact ? 1 : 0)),
      highExclusive: Uint8Array.from(stakes, (s) => (s.highExclusive ? 1 : 0)),
    },
    controls: { ids: ['k1'], kinds: ['veto'], controller: Int32Array.of(0), entity: Int32Array.of(2) },
  });
  assert.equal(fromRecords.selfStakes, 1);
  for (const g of [fromRecords, fromColumns]) {
    assert.deepEqual(g.ownersOf('C').map((o) => [o.owner, o.low, o.high, o.records.length]), [['A', 40, 44.9999, 2], ['X', 10, 10, 1]]);
    const eu = new BlockedSet(g, 'eu', ['X']);
    assert.deepEqual(eu.explain('C').holdings[0]!.owners.map((o) => o.display), ['control (veto)', '40–44.9999%', '10%']);
  }
  assert.throws(() => new OwnershipGraph([], [{ id: 'bad', owner: 'X', asset: 'A', low: 60, high: 50, exact: false }]), /0 ≤ low ≤ high ≤ 100/);
});

// ---------------------------------------------------------------- effective and ultimate ownership

describe('effective ownership and ultimate owners', () => {
  //   P1 ─60%─► H ─50%─► T ◄─40%── P3
  //   P2 ─40%─► H        ▲
  //   P1 ──────10%───────┘        (T also 0-25% held by the listed fund F, whose owners are not recorded)
  const g = new OwnershipGraph(nodes(['P1', 'P2', 'P3'], ['H', 'T', 'F']), [
    own('P1', 'H', '60'), own('P2', 'H', '40'), own('H', 'T', '50'), own('P1', 'T', '10'), own('P3', 'T', '40'), own('F', 'T', '<25'),
  ]);

  test('products along paths, summed over paths', () => {
    const eff = g.effectiveOwnership('T');
    const by = Object.fromEntries(eff.owners.map((o) => [o.id, [o.low, o.high, o.paths, o.exact]]));
    assert.deepEqual(by, {
      H: [50, 50, 1, true],
      P1: [40, 40, 2, true], // 60% × 50% + 10%
      P3: [40, 40, 1, true],
      P2: [20, 20, 1, true],
      F: [0, 24.9999, 1, false],
    });
    assert.equal(eff.truncated, false);
  });

  test('ultimate owners: the natural persons at the top, and where the chain ends without one', () => {
    const u = g.ultimateOwners('T');
    assert.deepEqual(u.persons.map((o) => [o.id, o.low]), [['P1', 40], ['P3', 40], ['P2', 20]]);
    assert.deepEqual(u.unresolved.map((o) => o.id), ['F']);
  });

  test('cycles: simple paths only, each cross-holding counted once', () => {
    const c = new OwnershipGraph(nodes(['X'], ['A', 'B']), [own('X', 'A', '50'), own('A', 'B', '60'), own('B', 'A', '40')]);
    const eff = Object.fromEntries(c.effectiveOwnership('B').owners.map((o) => [o.id, o.low]));
    // X→A→B = 30%; X→A→B→A… revisits A, not counted.
    assert.deepEqual(eff, { A: 60, X: 30 });
    const effA = Object.fromEntries(c.effectiveOwnership('A').owners.map((o) => [o.id, o.low]));
    assert.deepEqual(effA, { X: 50, B: 40 });
  });

  test('the walk is bounded and says so', () => {
    const chain: Stake[] = [];
    for (let i = 0; i < 40; i++) chain.push(own(`N${i}`, `N${i + 1}`, '100'));
    const long = new OwnershipGraph([], chain);
    const eff = long.effectiveOwnership('N40', { maxDepth: 10 });
    assert.equal(eff.truncated, true);
    assert.equal(eff.owners.length, 10);
  });
});

// ---------------------------------------------------------------- incremental = from scratch

interface RandomGraph {
  n: number;
  stakes: Array<[number, number, number, number]>; // owner, asset, low, high (percent)
  controls: Array<[number, number]>;
}

const PERCENTS = [0, 5, 10, 20, 25, 30, 33.3, 16.7, 40, 49, 50, 51, 60, 75, 100];
const randomGraph: fc.Arbitrary<RandomGraph> = fc.integer({ min: 2, max: 14 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    stakes: fc.array(
      fc.tuple(
        fc.nat(n - 1),
        fc.nat(n - 1),
        fc.constantFrom(...PERCENTS),
        fc.constantFrom(...PERCENTS),
        fc.boolean(),
      ).map(([o, a, p, q, ranged]): [number, number, number, number] => (ranged ? [o, a, Math.min(p, q), Math.max(p, q)] : [o, a, p, p])),
      { maxLength: n * 3 },
    ),
    controls: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 }),
  }),
);

function buildGraph(r: RandomGraph): OwnershipGraph {
  const ns = Array.from({ length: r.n }, (_, i) => ({ id: `n${i}`, schema: i % 3 === 0 ? 'Person' : 'Company' }));
  const stakes = r.stakes.map(([o, a, low, high], i) => ({ id: `s${i}`, owner: `n${o}`, asset: `n${a}`, low, high, exact: low === high }));
  const controls = r.controls.map(([c, e], i) => ({ id: `c${i}`, controller: `n${c}`, entity: `n${e}`, kind: 'board_majority' }));
  return new OwnershipGraph(ns, stakes, controls);
}

/**
 * A second, naive reading of the rules: Kleene iteration of the definition
 * (recompute every sum from the current set until nothing changes), on the
 * raw records, in floating point with a tolerance.
 */
function naiveStatuses(r: RandomGraph, rule: RuleConfig, seeds: Set<number>): Status[] {
  // Parallel records: largest low, sum of highs (≤ 100).
  const merged = new Map<string, { o: number; a: number; low: number; high: number }>();
  for (const [o, a, low, high] of r.stakes) {
    if (o === a) continue;
    const m = merged.get(`${o}>${a}`);
    if (m) {
      m.low = Math.max(m.low, low);
      m.high = Math.min(100, m.high + high);
    } else merged.set(`${o}>${a}`, { o, a, low, high });
  }
  const edges = [...merged.values()];
  const passes = (sum: number) => (rule.inclusive ? sum >= rule.thresholdPercent - 1e-9 : sum > rule.thresholdPercent + 1e-9);
  const fixpoint = (start: number[], bound: 'low' | 'high'): Set<number> => {
    const set = new Set(start);
    for (let changed = true; changed; ) {
      changed = false;
      for (let v = 0; v < r.n; v++) {
        if (set.has(v)) continue;
        const sum = edges.filter((e) => e.a === v && set.has(e.o)).reduce((s, e) => s + e[bound], 0);
        const controlled = rule.control && r.controls.some(([c, e]) => e === v && c !== v && set.has(c));
        if (passes(sum) || controlled) {
          set.add(v);
          changed = true;
        }
      }
    }
    return set;
  };
  const layer = (bound: 'low' | 'high'): Set<number> => {
    if (rule.aggregation === 'aggregate') return fixpoint([...seeds], bound);
    const union = new Set<number>();
    for (const s of seeds) for (const v of fixpoint([s], bound)) union.add(v);
    return union;
  };
  const certain = layer('low');
  const possible = layer('high');
  return Array.from({ length: r.n }, (_, v) => (certain.has(v) ? 'blocked' : possible.has(v) ? 'possibly_blocked' : 'not_blocked'));
}

const ALL_RULES: Array<OwnershipRuleOrConfig> = ['ofac', 'eu', 'uk', EU_BEFORE_JULY_2024, { ...RULES.uk, name: 'uk_aggregate', aggregation: 'aggregate' }, { ...RULES.ofac, name: 'ofac_per_person', aggregation: 'per_person' }];
type OwnershipRuleOrConfig = 'ofac' | 'eu' | 'uk' | RuleConfig;

function allStatuses(set: BlockedSet, n: number): Status[] {
  return Array.from({ length: n }, (_, v) => set.status(`n${v}`));
}

/** Every explained path runs from a designated node down to the entity, link by link. */
function checkExplanations(set: BlockedSet, n: number): void {
  for (let v = 0; v < n; v++) {
    const id = `n${v}`;
    const why = set.explain(id);
    if (why.status === 'not_blocked') {
      assert.equal(why.paths.length, 0);
      continue;
    }
    assert.ok(why.paths.length > 0, `${id} ${why.status} has a path`);
    for (const p of why.paths) {
      assert.ok(set.isDesignated(p.seed), `${id}: path starts at a designated node`);
      let at = p.seed;
      for (const s of p.steps) {
        assert.equal(s.owner, at);
        at = s.asset;
      }
      assert.equal(at, id);
      assert.equal(new Set([p.seed, ...p.steps.map((s) => s.asset)]).size, p.steps.length + 1, 'no node twice on a path');
    }
    if (!why.designated) {
      const bound = why.bound === 'low' ? 'low' : 'high';
      const t = set.rule.thresholdPercent;
      const ok = why.holdings.some((h) => h.controlled || (set.rule.inclusive ? h[bound] >= t - 1e-9 : h[bound] > t));
      assert.ok(ok, `${id}: a holding reaches the threshold on ${bound} bounds`);
    }
  }
}

describe('incremental updates equal recomputation', () => {
  test('random graphs, random designations and delistings, every rule: incremental = from scratch = naive definition', () => {
    fc.assert(
      fc.property(
        randomGraph,
        fc.array(fc.nat(13), { maxLength: 4 }),
        fc.array(fc.tuple(fc.boolean(), fc.nat(13)), { minLength: 1, maxLength: 12 }),
        (r, seedList, ops) => {
          const g = buildGraph(r);
          for (const rule of ALL_RULES) {
            const seeds = new Set(seedList.filter((s) => s < r.n));
            const set = new BlockedSet(g, rule, [...seeds].map((s) => `n${s}`));
            const config = set.rule;
            assert.deepEqual(allStatuses(set, r.n), naiveStatuses(r, config, seeds), `${config.name}: initial`);
            for (const [add, raw] of ops) {
              const s = raw % r.n;
              const before = allStatuses(set, r.n);
              const changes = add ? set.designate(`n${s}`) : set.delist(`n${s}`);
              if (add) seeds.add(s);
              else seeds.delete(s);
              const after = allStatuses(set, r.n);
              const scratch = new BlockedSet(g, rule, [...seeds].map((x) => `n${x}`));
              assert.deepEqual(after, allStatuses(scratch, r.n), `${config.name}: ${add ? 'designate' : 'delist'} n${s}`);
              assert.deepEqual(after, naiveStatuses(r, config, seeds), `${config.name}: naive after ${add ? 'designate' : 'delist'} n${s}`);
              const expected = before.flatMap((b, v) => (b !== after[v] ? [{ id: `n${v}`, before: b, after: after[v] }] : []));
              assert.deepEqual([...changes].sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1))), expected, `${config.name}: reported changes`);
            }
            checkExplanations(set, r.n);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

