import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaults } from '../indicator.ts';
import { defaultProfile, parseProfile } from '../profile.ts';
import { MARITIME_INDICATORS } from './index.ts';
import { identity, type KnownVesselHistory } from './identity.ts';
import { inputsOf, runIndicator, sail, T0, tableOf } from './testkit.ts';

test('every maritime indicator is declared: code, title, definition, sources, typed parameters with defaults, positions as input', () => {
  const codes = MARITIME_INDICATORS.map((i) => i.code);
  assert.deepEqual(codes, [
    'maritime.ais_gap',
    'maritime.encounter',
    'maritime.loitering',
    'maritime.spoofing',
    'maritime.identity',
    'maritime.draught_change',
    'maritime.port_call_of_concern',
    'maritime.listed_vessel',
  ]);
  for (const ind of MARITIME_INDICATORS) {
    assert.ok(ind.title.length > 5 && ind.definition.length > 50, ind.code);
    assert.ok(ind.sources.length > 0 && ind.sources.every((s) => s.name.length > 0), ind.code);
    // listed_vessel also reads the registry and the lists' vessels.
    assert.deepEqual(ind.inputs, ind.code === 'maritime.listed_vessel' ? ['positions', 'entities'] : ['positions']);
    for (const [name, spec] of Object.entries(ind.params)) {
      assert.match(name, /^[a-z_]+$/);
      const d = spec.default;
      if (spec.type === 'number' || spec.type === 'integer') {
        assert.equal(typeof d, 'number', `${ind.code}.${name}`);
        assert.ok(spec.min === undefined || (d as number) >= spec.min);
        assert.ok(spec.max === undefined || (d as number) <= spec.max);
      }
      if (spec.type === 'boolean') assert.equal(typeof d, 'boolean');
    }
  }
  // The published thresholds are the defaults.
  const p = (code: string) => defaults(MARITIME_INDICATORS.find((i) => i.code === code)!);
  assert.equal(p('maritime.ais_gap').min_gap_hours, 12);
  assert.equal(p('maritime.ais_gap').offshore_nm, 50);
  assert.equal(p('maritime.ais_gap').min_fixes_before, 14);
  assert.equal(p('maritime.encounter').max_distance_m, 500);
  assert.equal(p('maritime.encounter').min_hours, 2);
  assert.equal(p('maritime.encounter').max_median_speed_kn, 2);
  assert.equal(p('maritime.encounter').min_port_distance_km, 10);
  assert.equal(p('maritime.loitering').min_hours, 8);
  assert.equal(p('maritime.loitering').min_shore_nm, 20);
  assert.equal(p('maritime.spoofing').max_speed_kn, 25);
  assert.equal(p('maritime.draught_change').min_increase_m, 1);
});

test('a community profile can set maritime parameters; a wrong one is refused with its path', () => {
  const profile = parseProfile({ indicators: { 'maritime.ais_gap': { params: { min_gap_hours: 6 } } } }, MARITIME_INDICATORS, 'test');
  assert.equal(profile.indicators['maritime.ais_gap']!.params.min_gap_hours, 6);
  assert.throws(() => parseProfile({ indicators: { 'maritime.encounter': { params: { max_distance_m: 'far' } } } }, MARITIME_INDICATORS, 'test'), /indicators\.maritime\.encounter\.params\.max_distance_m/);
  assert.ok(defaultProfile(MARITIME_INDICATORS).indicators['maritime.spoofing']!.enabled);
});

test('every indicator runs on an empty table and on a single fix', async () => {
  for (const table of [tableOf([]), tableOf([{ mmsi: '244000001', fixes: [{ t: T0, lat: 39.2, lon: -11.8 }] }])]) {
    for (const ind of MARITIME_INDICATORS) assert.deepEqual(await runIndicator(ind, inputsOf(table)), [], ind.code);
  }
});

test('earlier flags in the registry without dates are reported below the threshold', async () => {
  const known: KnownVesselHistory[] = [{ id: 've-1', name: 'OLD HULL', imo: '9635858', mmsi: '538048422', flag: 'mh', pastFlags: ['pa', 'sl'] }];
  const alerts = await runIndicator(identity, inputsOf(tableOf([{ mmsi: '538048422', fixes: sail({ lat: 39.2, lon: -11.8 }, 250, 10, T0, 4, 30, { imo: '9635858' }) }]), known));
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0]!.details!.kind, 'registry_past_flags');
  assert.ok(alerts[0]!.score < 0.5);
});
