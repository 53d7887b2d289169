/**
 * The detection evaluation's matching and scoring (eval/detection.ts) on a
 * small crafted truth and alert set: no world is generated, no store opened.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  alertEvidenceKeys,
  alertSubjectKeys,
  clampWindow,
  classify,
  entryKeys,
  HARD_NEGATIVES,
  NETWORK,
  parseDetectionArgs,
  sampleFalsePositives,
  scoreWorld,
  SCOPE_SCHEMES,
  summarise,
  type EvalAlert,
  type FalsePositive,
  type ScoreOptions,
  type TruthEntry,
} from './detection.ts';

const SPAN = { start: '2025-01-06T00:00:00Z', end: '2025-04-06T00:00:00Z' };
const FILE_OF = { bank_alpha: 'payments/bank-alpha.csv', customs_hub: 'customs/customs-hub.csv', customs_dest: 'customs/customs-dest.csv', registry: 'registry/registry.ftm.json' };
const OPTS: ScoreOptions = { threshold: 0.5, fileOf: FILE_OF, span: SPAN };

function company(id: string, extra: Record<string, string> = {}) {
  return { schema: 'Company', identifiers: { id, ...extra } };
}

function entry(id: string, negative: boolean, subjects: TruthEntry['subjects'], records: string[], start = SPAN.start, end = SPAN.end): TruthEntry {
  return { id, type: id.replace(/-\d+$/, ''), negative, subjects, records, window: { start, end } };
}

function alert(
  indicator: string,
  score: number,
  subjects: Array<{ id: string; identifiers?: Record<string, string> }>,
  start: string,
  end: string,
  evidence: Array<[string, string]> = [],
): EvalAlert {
  return {
    indicator,
    score,
    subjects: subjects.map((s) => ({ id: s.id, name: s.id, identifiers: s.identifiers ?? {} })),
    window: { start, end },
    evidence: evidence.map(([source, record]) => ({ source, record })),
    explanation: `${indicator} on ${subjects.map((s) => s.id).join(', ')}`,
  };
}

const FEB = ['2025-02-01T00:00:00Z', '2025-02-02T00:00:00Z'] as const;

describe('detection evaluation: matching', () => {
  it('keys an entry by ids and strong identifiers, never by heading or country; records by file:record and by record id', () => {
    const e = entry(
      'chpl_transshipment-1',
      false,
      [company('co-1', { registration: 'ae:CN-1', lei: '5299001', account: 'de89 3704 0044 0532 0130 00' }), { schema: 'Vessel', identifiers: { id: 've-1', imo: 'IMO9000001', mmsi: '111000001,111000002' } }, { schema: 'Goods', identifiers: { hs6: '854232' } }],
      ['customs/customs-hub.csv:25AE000000000168'],
    );
    const { subject, evidence } = entryKeys(e);
    for (const k of ['id:co-1', 'registration:AE:CN-1', 'lei:5299001', 'account:DE89370400440532013000', 'id:ve-1', 'imo:9000001', 'mmsi:111000001', 'mmsi:111000002', 'recid:25AE000000000168']) assert.ok(subject.has(k), k);
    assert.ok(![...subject].some((k) => k.includes('854232')), 'hs6 is no key');
    assert.deepEqual([...evidence], ['rec:customs/customs-hub.csv:25AE000000000168']);
    const a = alert('trade.price_anomaly', 0.9, [{ id: 'party:ae:x', identifiers: { country: 'ae', declaration: '25AE1' } }, { id: 'co-2', identifiers: { registry: 'co-2', account: 'DE89370400440532013000' } }, { id: 'hs6:854232', identifiers: { hs6: '854232' } }], ...FEB, [['customs_hub', '25AE1'], ['elsewhere', '7']]);
    assert.deepEqual(alertSubjectKeys(a), ['id:party:ae:x', 'recid:25AE1', 'id:co-2', 'id:co-2', 'account:DE89370400440532013000', 'id:hs6:854232']);
    assert.deepEqual(alertEvidenceKeys(a, FILE_OF), ['rec:customs/customs-hub.csv:25AE1', 'rec:elsewhere:7']);
  });

  it('clamps an alert window into the world span: a status as of the run reads as of the last day', () => {
    assert.deepEqual(clampWindow({ start: '2026-11-24T00:00:00Z', end: '2026-11-24T00:00:00Z' }, SPAN), { start: SPAN.end, end: SPAN.end });
    assert.deepEqual(clampWindow({ start: '1950-01-01T00:00:00Z', end: '2025-02-01T00:00:00Z' }, SPAN), { start: SPAN.start, end: '2025-02-01T00:00:00Z' });
    assert.deepEqual(clampWindow({ start: '1950-01-01T00:00:00Z', end: '1951-01-01T00:00:00Z' }, undefined), { start: '1950-01-01T00:00:00Z', end: '1951-01-01T00:00:00Z' });
  });

  it('classifies a strong alert by the best of what it hits', () => {
    assert.equal(classify([]), 'background');
    assert.equal(classify([{ negative: true, inWindow: false }]), 'negative_outside');
    assert.equal(classify([{ negative: true, inWindow: true }, { negative: false, inWindow: false }]), 'planted_outside');
    assert.equal(classify([{ negative: true, inWindow: true }, { negative: false, inWindow: true }]), 'planted');
  });
});

/** One entry per scheme in scope and per hard negative, each with its own subjects. */
function world(): TruthEntry[] {
  return [
    entry('ownership_layering-1', false, [company('co-t', { registration: 'tr:1' }), company('co-o', { account: 'NL01BANK0000000001' }), { schema: 'Person', identifiers: { id: 'pe-x' } }], ['registry/registry.ftm.json:ow-1']),
    entry('front_company-1', false, [company('co-f', { account: 'NL01BANK0000000002' }), { schema: 'Person', identifiers: { id: 'pe-y' } }], []),
    entry('chpl_transshipment-1', false, [company('co-h'), company('co-e'), { schema: 'Goods', identifiers: { hs6: '854232' } }], ['customs/customs-hub.csv:25AE1', 'customs/customs-hub.csv:25AE2'], '2025-02-01T00:00:00Z', '2025-02-20T00:00:00Z'),
    entry('mis_invoicing-1', false, [company('co-m'), company('co-n'), { schema: 'Goods', identifiers: { hs6: '040210' } }], ['customs/customs-dest.csv:25NL9'], '2025-03-01T00:00:00Z', '2025-03-21T00:00:00Z'),
    entry('pass_through-1', false, [company('co-p1', { account: 'DE01' }), company('co-p2', { account: 'DE02' })], ['payments/bank-alpha.csv:ALP1'], '2025-02-01T10:00:00Z', '2025-02-03T10:00:00Z'),
    entry('payment_cycle-1', false, [company('co-c1', { account: 'DE11' }), company('co-c2', { account: 'DE12' })], [], '2025-03-01T00:00:00Z', '2025-03-05T00:00:00Z'),
    entry('sts_dark_transfer-1', false, [{ schema: 'Vessel', identifiers: { id: 've-s', imo: '9000001', mmsi: '111000001' } }, company('co-trader')], ['customs/customs-dest.csv:25NL7'], '2025-02-10T00:00:00Z', '2025-02-25T00:00:00Z'),
    entry('stake_49-1', true, [company('co-d'), { schema: 'Person', identifiers: { id: 'pe-z' } }], []),
    entry('licensed_dual_use-1', true, [company('co-l'), company('co-u'), { schema: 'Goods', identifiers: { hs6: '854232' } }], ['customs/customs-dest.csv:25NL5'], '2025-02-01T00:00:00Z', '2025-02-21T00:00:00Z'),
    entry('common_names-1', true, [{ schema: 'Person', identifiers: { id: 'pe-n', account: 'CY01' } }], []),
    entry('legit_sts-1', true, [{ schema: 'Vessel', identifiers: { id: 've-l', imo: '9000009', mmsi: '222000001' } }], [], '2025-03-01T00:00:00Z', '2025-03-01T12:00:00Z'),
  ];
}

/** A strong alert of a fitting indicator on each planted entry in scope. */
function detectingAlerts(): EvalAlert[] {
  return [
    // A status as of the run, after the world's end: clamped to its last day.
    alert('ownership.blocked_by_aggregation', 0.9, [{ id: 'co-t' }, { id: 'pe-x' }], '2026-11-24T00:00:00Z', '2026-11-24T00:00:00Z', [['registry', 'ow-1']]),
    alert('finance.listed_counterparty', 0.85, [{ id: 'account:NL01BANK0000000002', identifiers: { account: 'NL01BANK0000000002' } }], '2025-02-14T13:00:00Z', '2025-02-14T13:00:00Z'),
    // Declared parties carry no registry id: named by the evidence records only.
    alert('trade.reexport', 0.95, [{ id: 'party:ae:hub co', identifiers: { country: 'ae' } }], '2025-02-03T00:00:00Z', '2025-02-10T23:59:59Z', [['customs_hub', '25AE1'], ['customs_hub', '25AE2']]),
    // Named by the declaration id a subject carries.
    alert('trade.price_anomaly', 1, [{ id: 'party:nl:m', identifiers: { country: 'nl', declaration: '25NL9' } }, { id: 'hs6:040210', identifiers: { hs6: '040210' } }], '2025-03-01T00:00:00Z', '2025-03-01T23:59:59Z'),
    alert('finance.pass_through', 0.97, [{ id: 'account:DE01', identifiers: { account: 'DE01' } }, { id: 'account:DE02', identifiers: { account: 'DE02' } }], '2025-02-01T10:00:00Z', '2025-02-03T10:00:00Z'),
    alert('finance.typology', 0.83, [{ id: 'account:DE11', identifiers: { account: 'DE11' } }], '2025-03-01T00:00:00Z', '2025-03-04T00:00:00Z'),
    alert('trade.origin_mismatch', 0.65, [{ id: 've-s', identifiers: { imo: '9000001', mmsi: '111000001' } }, { id: 'party:ae:trader', identifiers: { country: 'ae', declaration: '25NL7' } }], '2025-02-12T00:00:00Z', '2025-03-20T00:00:00Z'),
  ];
}

function run(alerts: EvalAlert[], truth = world()) {
  const score = scoreWorld(1, truth, alerts, OPTS);
  return summarise([score], OPTS.threshold, [...new Set(alerts.map((a) => a.indicator))]);
}

describe('detection evaluation: scoring', () => {
  it('passes when every planted scheme is detected, precision holds and no network alert touches a hard negative', () => {
    const s = run(detectingAlerts());
    for (const f of s.schemes) assert.equal(f.recall, 1, f.type);
    assert.equal(s.overall.strong, 7);
    assert.equal(s.overall.planted, 7);
    assert.equal(s.overall.plantedByEvidence, 1, 'the re-export is named by its evidence only');
    assert.equal(s.overall.precision, 1);
    assert.deepEqual(
      s.targets.map((t) => t.pass),
      s.targets.map(() => true),
    );
    assert.equal(s.targets.length, SCOPE_SCHEMES.length + 1 + HARD_NEGATIVES.length);
    assert.equal(s.pass, true);
    assert.deepEqual(s.missed, []);
  });

  it('without the span, the as-of-run status falls outside the world and misses ownership_layering', () => {
    const score = scoreWorld(1, world(), detectingAlerts(), { ...OPTS, span: undefined });
    const s = summarise([score], 0.5, []);
    assert.equal(s.schemes.find((f) => f.type === 'ownership_layering')!.recall, 0);
    assert.equal(s.perIndicator['ownership.blocked_by_aggregation']!.plantedOutside, 1);
    assert.equal(s.pass, false);
    assert.deepEqual(
      s.missed.map((e) => e.id),
      ['ownership_layering-1'],
    );
  });

  it('fails recall on a scheme no in-scope alert hits: a maritime alert, a weak alert, an alert outside the window or on the heading alone do not count', () => {
    const alerts = detectingAlerts().filter((a) => a.indicator !== 'trade.origin_mismatch' && a.indicator !== 'trade.price_anomaly');
    alerts.push(
      alert('maritime.ais_gap', 0.9, [{ id: 've-s', identifiers: { mmsi: '111000001' } }], '2025-02-12T00:00:00Z', '2025-02-13T00:00:00Z'),
      alert('trade.origin_mismatch', 0.4, [{ id: 've-s', identifiers: { imo: '9000001' } }], '2025-02-12T00:00:00Z', '2025-03-20T00:00:00Z'),
      alert('trade.price_anomaly', 0.9, [{ id: 'party:nl:m', identifiers: { declaration: '25NL9' } }], '2025-01-10T00:00:00Z', '2025-01-10T23:59:59Z'),
      alert('trade.price_anomaly', 0.9, [{ id: 'hs6:040210', identifiers: { hs6: '040210' } }], '2025-03-02T00:00:00Z', '2025-03-02T23:59:59Z'),
    );
    const s = run(alerts);
    const sts = s.schemes.find((f) => f.type === 'sts_dark_transfer')!;
    assert.equal(sts.recall, 0);
    assert.equal(sts.byIndicator['maritime.ais_gap']!.recall, 1, 'shown in the table, not counted');
    assert.equal(s.schemes.find((f) => f.type === 'mis_invoicing')!.recall, 0);
    const pa = s.perIndicator['trade.price_anomaly']!;
    assert.equal(pa.plantedOutside, 1);
    assert.equal(pa.background, 1, 'the heading alone names nothing');
    assert.equal(pa.precision, 0);
    assert.equal(s.pass, false);
    assert.deepEqual(s.missed.map((e) => e.id).sort(), ['mis_invoicing-1', 'sts_dark_transfer-1']);
    const missedSts = s.missed.find((e) => e.id === 'sts_dark_transfer-1')!;
    assert.equal(missedSts.hitBy['trade.origin_mismatch'], 0.4);
    assert.equal(s.targets.find((t) => t.target.includes('sts_dark_transfer'))!.pass, false);
  });

  it('counts background and hard-negative alerts against precision, and fails on a network alert touching a hard negative', () => {
    const alerts = detectingAlerts();
    // Two background CHPL exports, true by the indicator's definition but not planted.
    alerts.push(alert('trade.chpl_item', 0.95, [{ id: 'party:ae:orsys', identifiers: { declaration: '25AE99' } }], ...FEB, [['customs_hub', '25AE99']]));
    alerts.push(alert('trade.chpl_item', 0.95, [{ id: 'party:ae:iyer', identifiers: { declaration: '25AE98' } }], ...FEB, [['customs_hub', '25AE98']]));
    // The licensed export: a hard negative by its declaration.
    alerts.push(alert('trade.chpl_item', 0.6, [{ id: 'party:nl:l', identifiers: { declaration: '25NL5' } }], '2025-02-01T00:00:00Z', '2025-02-01T23:59:59Z'));
    // A network joining the 49 % company to a planted pass-through: a true positive, and still a network alert on a hard negative.
    alerts.push(alert(NETWORK, 0.9, [{ id: 'co-d' }, { id: 'account:DE01', identifiers: { account: 'DE01' } }], '2025-02-01T00:00:00Z', '2025-02-05T00:00:00Z'));
    // A namesake's payment, below the threshold: reported, not counted.
    alerts.push(alert('finance.listed_counterparty', 0.45, [{ id: 'account:CY01', identifiers: { account: 'CY01' } }], ...FEB));
    const s = run(alerts);
    assert.equal(s.overall.strong, 11);
    assert.equal(s.overall.planted, 8);
    assert.equal(s.overall.precision, Math.round((8 / 11) * 10000) / 10000);
    const chpl = s.perIndicator['trade.chpl_item']!;
    assert.deepEqual([chpl.strong, chpl.planted, chpl.background, chpl.hardNegative], [3, 0, 2, 1]);
    const stake = s.hardNegatives.find((h) => h.type === 'stake_49')!;
    assert.deepEqual([stake.network, stake.alerted], [1, 1]);
    assert.equal(s.hardNegatives.find((h) => h.type === 'licensed_dual_use')!.alerts['trade.chpl_item'], 1);
    assert.deepEqual(s.hardNegatives.find((h) => h.type === 'common_names')!.weak, { 'finance.listed_counterparty': 1 });
    assert.equal(s.targets.find((t) => t.target.includes('stake_49'))!.pass, false);
    assert.equal(s.targets.find((t) => t.target.includes('licensed_dual_use'))!.pass, true, 'only network alerts are the target');
    assert.equal(s.pass, false);
    assert.ok(s.falsePositiveSamples['trade.chpl_item']!.some((f) => f.class === 'hard_negative' && f.names.includes('licensed_dual_use-1')));
  });

  it("sorts a network's legs by what they hit", () => {
    const legs = [
      { ...alert('finance.pass_through', 0.97, [{ id: 'account:DE01', identifiers: { account: 'DE01' } }], '2025-02-01T10:00:00Z', '2025-02-03T10:00:00Z'), id: 'al-1' },
      { ...alert('trade.chpl_item', 0.95, [{ id: 'party:ae:orsys', identifiers: { declaration: '25AE99' } }], ...FEB), id: 'al-2' },
      { ...alert('trade.chpl_item', 0.6, [{ id: 'party:nl:l', identifiers: { declaration: '25NL5' } }], '2025-02-01T00:00:00Z', '2025-02-01T23:59:59Z'), id: 'al-3' },
    ];
    const network: EvalAlert = {
      ...alert(NETWORK, 0.99, [{ id: 'account:DE01', identifiers: { account: 'DE01' } }, { id: 'party:ae:orsys' }], '2025-02-01T00:00:00Z', '2025-02-05T00:00:00Z'),
      id: 'al-9',
      details: { legs: legs.map((l) => ({ alert: l.id, indicator: l.indicator, score: l.score })) },
    };
    const s = run([network, ...legs]);
    assert.equal(s.networks.length, 1);
    const n = s.networks[0]!;
    assert.deepEqual([n.class, n.legs, n.legsPlanted, n.legsHardNegative, n.legsOther], ['planted', 3, 1, 1, 1]);
    assert.deepEqual(n.hits, ['pass_through-1']);
    assert.deepEqual(n.legIndicators, { 'finance.pass_through': 1, 'trade.chpl_item': 2 });
  });

  it('fails precision below 0.6 and adds worlds up', () => {
    const noise = Array.from({ length: 12 }, (_, i) => alert('trade.transshipment_hub', 0.8, [{ id: `co-bg${i}` }], ...FEB));
    const a = scoreWorld(1, world(), [...detectingAlerts(), ...noise], OPTS);
    const b = scoreWorld(2, world(), detectingAlerts(), OPTS);
    const s = summarise([a, b], 0.5, []);
    assert.equal(s.schemes.find((f) => f.type === 'pass_through')!.entries, 2);
    assert.equal(s.overall.strong, 26);
    assert.equal(s.overall.planted, 14);
    const p = s.targets.find((t) => t.kind === 'precision')!;
    assert.equal(p.value, 0.5385);
    assert.equal(p.pass, false);
    assert.equal(s.pass, false);
  });

  it('fails a target for a scheme or hard negative the worlds did not plant', () => {
    const truth = world().filter((e) => e.type !== 'payment_cycle' && e.type !== 'legit_sts');
    const s = run(detectingAlerts(), truth);
    assert.equal(s.targets.find((t) => t.target.includes('payment_cycle'))!.pass, false);
    assert.equal(s.targets.find((t) => t.target.includes('legit_sts'))!.pass, false);
  });

  it('samples one false positive of each class first, then by score', () => {
    const fp = (cls: FalsePositive['class'], score: number): FalsePositive => ({ seed: 1, indicator: 'x', score, class: cls, names: [], subjects: '', explanation: `${cls} ${score}` });
    const got = sampleFalsePositives([fp('background', 0.6), fp('background', 0.9), fp('background', 0.7), fp('hard_negative', 0.55)], 3);
    assert.deepEqual(
      got.map((f) => f.explanation),
      ['background 0.9', 'hard_negative 0.55', 'background 0.7'],
    );
  });
});

describe('detection evaluation: options', () => {
  it('parses seeds, scale, days and flags, and refuses the rest', () => {
    assert.deepEqual(parseDetectionArgs(['--seeds', '3,1,3', '--scale', '2', '--days', '60', '--json', '--keep']), { seeds: [3, 1], scale: 2, days: 60, json: true, keep: true });
    assert.deepEqual(parseDetectionArgs([]).seeds, [1, 2, 3, 4, 5]);
    assert.throws(() => parseDetectionArgs(['--seeds']), /needs a value/);
    assert.throws(() => parseDetectionArgs(['--seeds', 'a']), /whole numbers/);
    assert.throws(() => parseDetectionArgs(['--scale', '0']), /above 0/);
    assert.throws(() => parseDetectionArgs(['--days', '3']), /7 to 365/);
    assert.throws(() => parseDetectionArgs(['--fast']), /unknown option/);
    assert.throws(() => parseDetectionArgs(['maritime']), /unexpected argument/);
  });
});
