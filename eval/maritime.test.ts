/**
 * The maritime evaluation's matching and scoring (eval/maritime.ts) on a small
 * crafted truth and alert set: no world is generated.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TruthScheme } from '../src/detect/maritime/sim-world.ts';
import { alertKeys, entryKeys, overlaps, parseMaritimeArgs, scoreWorld, summarise, type EvalAlert } from './maritime.ts';

const INDICATORS = ['maritime.ais_gap', 'maritime.encounter', 'maritime.identity', 'maritime.port_call_of_concern'];

function vessel(mmsi: string, imo: string, id: string, extra: Record<string, string> = {}) {
  return { schema: 'Vessel', identifiers: { mmsi, imo, id, ...extra } };
}

function entry(id: string, type: string, negative: boolean, subjects: TruthScheme['subjects'], start: string, end: string): TruthScheme {
  return { id, type, negative, subjects, records: [], window: { start, end } };
}

function alert(indicator: string, score: number, subjects: Array<{ id: string; mmsi?: string; imo?: string }>, start: string, end: string): EvalAlert {
  return {
    indicator,
    score,
    subjects: subjects.map((s) => ({ id: s.id, schema: 'Vessel', name: s.id, identifiers: { ...(s.mmsi ? { mmsi: s.mmsi } : {}), ...(s.imo ? { imo: s.imo } : {}) } })),
    window: { start, end },
  };
}

const TRUTH: TruthScheme[] = [
  // Two dark transfers, in February.
  entry('sts_dark_transfer-1', 'sts_dark_transfer', false, [vessel('111000001', '9000001', 'v1'), vessel('111000002', '9000002', 'v2'), { schema: 'Company', identifiers: { id: 'c1' } }], '2025-02-01T00:00:00Z', '2025-02-10T00:00:00Z'),
  entry('sts_dark_transfer-2', 'sts_dark_transfer', false, [vessel('111000003', '9000003', 'v3'), vessel('111000004', '9000004', 'v4')], '2025-02-15T00:00:00Z', '2025-02-20T00:00:00Z'),
  // A re-flagged hull: every MMSI it used.
  entry('shadow_fleet-1', 'shadow_fleet', false, [vessel('222000001,222000002,222000003', '9000005', 'v5')], '2025-01-01T00:00:00Z', '2025-04-01T00:00:00Z'),
  // A vessel broadcasting an invalid IMO number.
  entry('identity_manipulation-1', 'identity_manipulation', false, [vessel('333000001', '9000006', 'v6', { imo_broadcast: '9000007' })], '2025-01-01T00:00:00Z', '2025-04-01T00:00:00Z'),
  // The hard negative.
  entry('legit_sts-1', 'legit_sts', true, [vessel('444000001', '9000008', 'v8'), vessel('444000002', '9000009', 'v9')], '2025-03-01T00:00:00Z', '2025-03-01T12:00:00Z'),
  // A non-maritime scheme: a company.
  entry('front_company-1', 'front_company', false, [{ schema: 'Company', identifiers: { id: 'c9', registration: 'R1' } }], '2025-01-01T00:00:00Z', '2025-04-01T00:00:00Z'),
];

describe('maritime evaluation: matching', () => {
  it('keys an entry by entity id, every MMSI listed, and the registered and broadcast IMO numbers', () => {
    const keys = entryKeys(TRUTH[2]!);
    for (const k of ['id:v5', 'mmsi:222000001', 'mmsi:222000002', 'mmsi:222000003', 'imo:9000005']) assert.ok(keys.has(k), k);
    assert.ok(entryKeys(TRUTH[3]!).has('imo:9000007'));
    assert.deepEqual(alertKeys(alert('maritime.identity', 0.6, [{ id: 'mmsi:222000002', mmsi: '222000002' }], '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z')), ['id:mmsi:222000002', 'mmsi:222000002']);
  });

  it('windows overlap when they share an instant', () => {
    const w = { start: '2025-02-01T00:00:00Z', end: '2025-02-02T00:00:00Z' };
    assert.ok(overlaps(w, { start: '2025-02-02T00:00:00Z', end: '2025-02-03T00:00:00Z' }));
    assert.ok(!overlaps(w, { start: '2025-02-02T00:00:01Z', end: '2025-02-03T00:00:00Z' }));
    assert.ok(overlaps({ start: '2025-01-01T00:00:00Z', end: '2025-03-01T00:00:00Z' }, w));
  });
});

describe('maritime evaluation: scoring', () => {
  const alerts: EvalAlert[] = [
    // sts_dark_transfer-1: an encounter at the threshold, in its window, named by MMSI only.
    alert('maritime.encounter', 0.5, [{ id: 'mmsi:111000001', mmsi: '111000001' }, { id: 'x', mmsi: '111000002' }], '2025-02-05T00:00:00Z', '2025-02-05T06:00:00Z'),
    // sts_dark_transfer-2: only a port call of concern (not a signature indicator) and an encounter below the threshold.
    alert('maritime.port_call_of_concern', 0.75, [{ id: 'v3', mmsi: '111000003' }], '2025-02-16T00:00:00Z', '2025-02-17T00:00:00Z'),
    alert('maritime.encounter', 0.49, [{ id: 'v3' }, { id: 'v4' }], '2025-02-16T00:00:00Z', '2025-02-16T05:00:00Z'),
    // ... and an encounter above the threshold after its window: planted, outside window.
    alert('maritime.encounter', 0.9, [{ id: 'v3' }, { id: 'v4' }], '2025-02-21T00:00:00Z', '2025-02-21T05:00:00Z'),
    // shadow_fleet-1 under its first MMSI.
    alert('maritime.identity', 0.55, [{ id: 'mmsi:222000001', mmsi: '222000001' }], '2025-01-10T00:00:00Z', '2025-02-10T00:00:00Z'),
    // identity_manipulation-1: an AIS gap only (not a signature indicator), by the broadcast IMO.
    alert('maritime.ais_gap', 0.8, [{ id: 'mmsi:333000001', imo: '9000007' }], '2025-01-10T00:00:00Z', '2025-01-11T00:00:00Z'),
    // legit_sts-1: a port call outside its window (counted apart), an encounter below the threshold in it.
    alert('maritime.port_call_of_concern', 0.7, [{ id: 'v8', mmsi: '444000001' }], '2025-02-27T00:00:00Z', '2025-02-28T00:00:00Z'),
    alert('maritime.encounter', 0.49, [{ id: 'v8' }, { id: 'v9' }], '2025-03-01T01:00:00Z', '2025-03-01T08:00:00Z'),
    // Background: two unknown vessels; one alert below the threshold.
    alert('maritime.ais_gap', 0.7, [{ id: 'mmsi:555000001', mmsi: '555000001' }], '2025-02-01T00:00:00Z', '2025-02-02T00:00:00Z'),
    alert('maritime.ais_gap', 0.3, [{ id: 'mmsi:555000002', mmsi: '555000002' }], '2025-02-01T00:00:00Z', '2025-02-02T00:00:00Z'),
  ];
  const world = scoreWorld(7, TRUTH, alerts, 0.5, INDICATORS);
  const summary = summarise([world], 0.5, INDICATORS);
  const scheme = (type: string) => summary.schemes.find((s) => s.type === type)!;

  it('scores only maritime entries, with the highest score per indicator in their window', () => {
    assert.deepEqual(world.entries.map((e) => e.id), ['sts_dark_transfer-1', 'sts_dark_transfer-2', 'shadow_fleet-1', 'identity_manipulation-1', 'legit_sts-1']);
    const two = world.entries[1]!;
    assert.deepEqual(two.hitBy, { 'maritime.port_call_of_concern': 0.75, 'maritime.encounter': 0.49 });
    assert.deepEqual(two.strongOutside, { 'maritime.encounter': 1 });
  });

  it('detects an entry only by a signature indicator at or above the threshold in its window', () => {
    assert.deepEqual([scheme('sts_dark_transfer').entries, scheme('sts_dark_transfer').detected, scheme('sts_dark_transfer').recall], [2, 1, 0.5]);
    assert.equal(scheme('sts_dark_transfer').detectedByAny, 2, 'the port call counts for "any"');
    assert.equal(scheme('sts_dark_transfer').byIndicator['maritime.encounter']!.detected, 1);
    assert.equal(scheme('shadow_fleet').recall, 1);
    assert.equal(scheme('identity_manipulation').recall, 0, 'an AIS gap is not identity manipulation');
    assert.equal(scheme('identity_manipulation').recallByAny, 1);
    assert.deepEqual(summary.missed.map((e) => e.id), ['sts_dark_transfer-2', 'identity_manipulation-1']);
  });

  it('sorts strong alerts into background, hard negative and planted, in and outside windows', () => {
    assert.deepEqual(summary.perIndicator['maritime.ais_gap'], { all: 3, strong: 2, background: 1, hardNegative: 0, hardNegativeOutsideWindow: 0, plantedInWindow: 1, plantedOutsideWindow: 0 });
    assert.deepEqual(summary.perIndicator['maritime.encounter'], { all: 4, strong: 2, background: 0, hardNegative: 0, hardNegativeOutsideWindow: 0, plantedInWindow: 1, plantedOutsideWindow: 1 });
    assert.deepEqual(summary.perIndicator['maritime.port_call_of_concern'], { all: 2, strong: 2, background: 0, hardNegative: 0, hardNegativeOutsideWindow: 1, plantedInWindow: 1, plantedOutsideWindow: 0 });
    const legit = summary.hardNegatives.find((h) => h.type === 'legit_sts')!;
    assert.deepEqual([legit.entries, legit.alerted, legit.alerts, legit.outsideWindow, legit.weakInWindow], [1, 0, {}, { 'maritime.port_call_of_concern': 1 }, { 'maritime.encounter': 1 }]);
  });

  it('targets: recall ≥ 0.9 per planted scheme and no strong alert hitting legit_sts', () => {
    assert.deepEqual(
      summary.targets.map((t) => [t.target, t.value, t.pass]),
      [
        ['recall ≥ 0.9 on sts_dark_transfer', 0.5, false],
        ['recall ≥ 0.9 on shadow_fleet', 1, true],
        ['recall ≥ 0.9 on identity_manipulation', 0, false],
        ['0 alerts ≥ 0.5 on legit_sts', 0, true],
      ],
    );
    assert.equal(summary.pass, false);
    // One strong encounter on the transfer in its window fails the hard negative.
    const onLegit = alert('maritime.encounter', 0.6, [{ id: 'v9' }], '2025-03-01T11:00:00Z', '2025-03-01T13:00:00Z');
    const worse = summarise([scoreWorld(7, TRUTH, [...alerts, onLegit], 0.5, INDICATORS)], 0.5, INDICATORS);
    assert.deepEqual(worse.targets.at(-1), { target: '0 alerts ≥ 0.5 on legit_sts', kind: 'alerts', value: 1, pass: false });
    assert.equal(worse.perIndicator['maritime.encounter']!.hardNegative, 1);
  });

  it('adds worlds up', () => {
    const twice = summarise([world, scoreWorld(8, TRUTH, alerts.slice(0, 1), 0.5, INDICATORS)], 0.5, INDICATORS);
    assert.deepEqual([scheme('shadow_fleet').entries, twice.schemes.find((s) => s.type === 'shadow_fleet')!.entries, twice.schemes.find((s) => s.type === 'shadow_fleet')!.recall], [1, 2, 0.5]);
    assert.equal(twice.perIndicator['maritime.encounter']!.all, 5);
  });
});

describe('maritime evaluation: options', () => {
  it('parses seeds, scale, days and flags; rejects what it does not know', () => {
    assert.deepEqual(parseMaritimeArgs(['--seeds', '4,5', '--scale', '2', '--days', '30', '--json', '--keep']), { seeds: [4, 5], scale: 2, days: 30, json: true, keep: true });
    assert.deepEqual(parseMaritimeArgs([]).seeds, [1, 2, 3]);
    assert.throws(() => parseMaritimeArgs(['--seeds', '1,x']), /--seeds/);
    assert.throws(() => parseMaritimeArgs(['--scale', '0']), /--scale/);
    assert.throws(() => parseMaritimeArgs(['--days']), /--days needs a value/);
    assert.throws(() => parseMaritimeArgs(['--bogus']), /unknown option --bogus/);
  });
});
