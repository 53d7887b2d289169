import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KnownVessel } from '../inputs.ts';
import { identity, type KnownVesselHistory } from './identity.ts';
import { H, inputsOf, reported, runIndicator, sail, sailEnd, T0, tableOf } from './testkit.ts';

const AT = { lat: 39.2, lon: -11.8 };
const DAY = 24 * H;

function kinds(alerts: Awaited<ReturnType<typeof runIndicator>>): string[] {
  return alerts.map((a) => a.details!.kind as string).sort();
}

test('an IMO number failing its check digit, broadcast: identity alert; a valid one: nothing', async () => {
  const bad = sail(AT, 250, 12, T0, 6, 30, { imo: '9466990', name: 'SEA LIAR' });
  const good = sail({ lat: 38, lon: -13 }, 250, 12, T0, 6, 30, { imo: '9466996', name: 'SEA TRUTH' });
  const alerts = await runIndicator(identity, inputsOf(tableOf([{ mmsi: '636000001', fixes: bad }, { mmsi: '636000002', fixes: good }])));
  assert.deepEqual(kinds(alerts), ['invalid_imo']);
  assert.equal(alerts[0]!.subjects[0]!.identifiers.mmsi, '636000001');
  assert.ok(alerts[0]!.score >= 0.5);
  assert.match(alerts[0]!.explanation, /IMO number 9466990, which fails its check digit/);
});

test('default and unallocated MMSIs', async () => {
  const alerts = await runIndicator(
    identity,
    inputsOf(
      tableOf([
        { mmsi: '123456789', fixes: sail(AT, 250, 10, T0, 2, 30) },
        { mmsi: '299000001', fixes: sail({ lat: 38, lon: -13 }, 250, 10, T0, 2, 30) },
        { mmsi: '244000001', fixes: sail({ lat: 37, lon: -13 }, 250, 10, T0, 2, 30) },
      ]),
    ),
  );
  assert.deepEqual(kinds(alerts), ['default_mmsi', 'invalid_mmsi']);
});

test('an MMSI whose MID is not the registered flag', async () => {
  const known: KnownVessel[] = [
    { id: 've-1', name: 'PACIFIC VENTURE', imo: '9180700', mmsi: '477295380', flag: 'pa' },
    { id: 've-2', name: 'CAPE WIND', imo: '9982914', mmsi: '237612786', flag: 'gr' },
  ];
  const table = tableOf([
    { mmsi: '477295380', fixes: sail(AT, 250, 10, T0, 2, 30) },
    { mmsi: '237612786', fixes: sail({ lat: 38, lon: -13 }, 250, 10, T0, 2, 30) },
  ]);
  const alerts = await runIndicator(identity, inputsOf(table, known));
  assert.deepEqual(kinds(alerts), ['mid_flag_mismatch']);
  assert.equal(alerts[0]!.subjects[0]!.id, 've-1');
  assert.deepEqual(alerts[0]!.subjects[0]!.identifiers, { mmsi: '477295380', imo: '9180700' });
});

test('one name change is reported low; names alternating on one MMSI high', async () => {
  const once = [...sail(AT, 250, 10, T0, 3, 30, { name: 'OLD NAME' }), ...sail(AT, 250, 10, T0 + 10 * DAY, 3, 30, { name: 'NEW NAME' })];
  const flip = [0, 1, 2, 3, 4].flatMap((i) => sail({ lat: 38, lon: -13 }, 250, 10, T0 + i * DAY, 2, 30, { name: i % 2 ? 'BRAVO' : 'ALPHA' }));
  const alerts = await runIndicator(identity, inputsOf(tableOf([{ mmsi: '244000001', fixes: once }, { mmsi: '244000002', fixes: flip }])));
  const byMmsi = new Map(alerts.map((a) => [a.subjects[0]!.identifiers.mmsi, a]));
  assert.ok(byMmsi.get('244000001')!.score < 0.5);
  assert.ok(byMmsi.get('244000002')!.score >= 0.5);
  assert.match(byMmsi.get('244000002')!.explanation, /alternating/);
});

test('a hull re-flagged twice in two months under new MMSIs: MMSI change and flag hopping', async () => {
  const imo = '8174479';
  const legs = [
    { mmsi: '626980043', name: 'ARCTIC BRIDGE', from: 0 },
    { mmsi: '620313728', name: 'POLAR HARMONY', from: 25 },
    { mmsi: '374385630', name: 'PACIFIC PRIDE', from: 50 },
  ];
  const tracks = legs.map((l, i) => ({
    mmsi: l.mmsi,
    fixes: sail(sailEnd(AT, 250, 10, i * 30), 250, 10, T0 + l.from * DAY, 24, 60, { imo, name: l.name, type: 80 }),
  }));
  const known: KnownVesselHistory[] = [{ id: 've-on', name: 'PACIFIC PRIDE', imo, mmsi: '374385630', flag: 'pa', pastFlags: ['ga', 'km'] }];
  const alerts = await runIndicator(identity, inputsOf(tableOf(tracks), known));
  const ks = kinds(alerts);
  assert.ok(ks.includes('mmsi_change'), ks.join());
  assert.ok(ks.includes('flag_hopping'), ks.join());
  const hop = alerts.find((a) => a.details!.kind === 'flag_hopping')!;
  assert.ok(hop.score >= 0.5);
  assert.equal(hop.subjects[0]!.id, 've-on');
  assert.match(hop.explanation, /changed flag 2 times within 1 month \(GA → KM → PA\)/);
  assert.deepEqual(hop.details!.mmsis, ['626980043', '620313728', '374385630']);
});

test("flag hopping from the registry's dated flag history", async () => {
  const known: KnownVesselHistory[] = [
    {
      id: 've-9',
      name: 'MARE SPIRIT',
      imo: '9654608',
      mmsi: '636000009',
      flag: 'lr',
      flagHistory: [
        { flag: 'mh', from: '2024-01-10' },
        { flag: 'cm', from: '2024-06-01' },
        { flag: 'lr', from: '2024-11-20' },
      ],
    },
  ];
  const alerts = await runIndicator(identity, inputsOf(tableOf([{ mmsi: '636000009', fixes: sail(AT, 250, 10, T0, 6, 30, { imo: '9654608' }) }]), known));
  assert.deepEqual(kinds(alerts), ['flag_hopping']);
  assert.ok(alerts[0]!.score >= 0.5);
  // Two changes more than 12 months apart are not hopping.
  const slow: KnownVesselHistory[] = [{ ...known[0]!, flagHistory: [{ flag: 'mh', from: '2020-01-10' }, { flag: 'cm', from: '2022-06-01' }, { flag: 'lr', from: '2024-11-20' }] }];
  assert.deepEqual(await runIndicator(identity, inputsOf(tableOf([{ mmsi: '636000009', fixes: sail(AT, 250, 10, T0, 6, 30, { imo: '9654608' }) }]), slow)), []);
});

test('one IMO broadcast by another MMSI in the middle of its own period (a borrowed MMSI)', async () => {
  const imo = '9803481';
  const own = [...sail(AT, 250, 10, T0, 24, 60, { imo }), ...sail(sailEnd(AT, 250, 10, 24 * 6), 250, 10, T0 + 6 * DAY, 24, 60, { imo })];
  const borrowed = sail(sailEnd(AT, 250, 10, 48), 250, 10, T0 + 2 * DAY, 48, 60, { imo, name: 'PACIFIC VENTURE' });
  const alerts = reported(await runIndicator(identity, inputsOf(tableOf([{ mmsi: '637338033', fixes: own }, { mmsi: '477295380', fixes: borrowed }]))));
  assert.deepEqual(kinds(alerts), ['imo_shared']);
  const mmsis = new Set(alerts[0]!.subjects.map((s) => s.identifiers.mmsi));
  assert.ok(mmsis.has('477295380') && mmsis.has('637338033'));
  assert.ok(alerts[0]!.subjects.every((s) => s.identifiers.imo === imo));
});
