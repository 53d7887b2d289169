import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spoofing } from './spoofing.ts';
import { H, inputsOf, moor, reported, runIndicator, sail, sailEnd, T0, tableOf, type Fix } from './testkit.ts';

const OFF_PORTUGAL = { lat: 39.2, lon: -11.8 };

function kinds(alerts: Awaited<ReturnType<typeof runIndicator>>): string[] {
  return alerts.map((a) => a.details!.kind as string).sort();
}

test('a position jump of hundreds of miles and back: spoofing, with distance and implied speed', async () => {
  const before = sail(OFF_PORTUGAL, 0, 12, T0, 5, 6);
  const far = sail({ lat: 35.2, lon: 18.2 }, 0, 12, T0 + 5 * H + 360, 1.5, 6);
  const after = sail(sailEnd(OFF_PORTUGAL, 0, 12, 7), 0, 12, T0 + 7 * H, 5, 6);
  const alerts = await runIndicator(spoofing, inputsOf(tableOf([{ mmsi: '244000001', fixes: [...before, ...far, ...after] }])));
  assert.deepEqual(kinds(alerts), ['jump']);
  const a = alerts[0]!;
  assert.ok(a.score >= 0.5);
  assert.equal(a.details!.returned, true);
  assert.ok((a.details!.distanceKm as number) > 2000);
  assert.match(a.explanation, /^position jumped \d+ km in 6 min \(implied \d+\.\d kn\) and jumped back 1\.\d h later$/);
  assert.equal(a.window.start, '2025-03-01T05:00:00Z');
});

test('an honest voyage, a high-speed craft and a long silence with a plausible displacement raise nothing', async () => {
  const voyage = sail(OFF_PORTUGAL, 250, 14, T0, 48, 5);
  const ferry = sail({ lat: 36.0, lon: -6.0 }, 270, 35, T0, 3, 2, { type: 40 });
  const silent = [...sail(OFF_PORTUGAL, 180, 12, T0 + 60, 5, 10), ...sail(sailEnd(OFF_PORTUGAL, 180, 12, 15), 180, 12, T0 + 15 * H, 5, 10)];
  const inputs = inputsOf(
    tableOf([
      { mmsi: '244000001', fixes: voyage },
      { mmsi: '244000002', fixes: ferry },
      { mmsi: '244000003', fixes: silent },
    ]),
  );
  assert.deepEqual(await runIndicator(spoofing, inputs), []);
});

test('two ships on one MMSI: one alert for the two tracks at once, naming both IMO numbers', async () => {
  const own = sail(OFF_PORTUGAL, 0, 12, T0, 24, 10, { imo: '9180700', name: 'PACIFIC VENTURE' });
  const borrower = sail({ lat: 35.2, lon: 18.2 }, 90, 12, T0 + 3 * H + 200, 12, 10, { imo: '9803481', name: 'PACIFIC VENTURE' });
  const alerts = await runIndicator(spoofing, inputsOf(tableOf([{ mmsi: '477295380', fixes: [...own, ...borrower] }])));
  assert.deepEqual(kinds(alerts), ['two_tracks']);
  const a = alerts[0]!;
  assert.ok(a.score >= 0.8);
  assert.deepEqual((a.details!.imos as string[]).sort(), ['9180700', '9803481']);
  assert.ok(a.subjects.some((s) => s.identifiers.imo === '9803481'));
  assert.match(a.explanation, /^MMSI 477295380 on 2 tracks at once for \d+\.\d h: \d+ switches between positions up to \d+ km apart/);
});

test('fixes on land far from ports and waterways, reached by a jump: spoofing on land', async () => {
  const before = sail(OFF_PORTUGAL, 0, 12, T0, 3, 6);
  const inland: Fix[] = [0, 1, 2, 3].map((i) => ({ t: T0 + 3 * H + 600 + i * 600, lat: 48.0, lon: 10.0 + i * 0.001, sog: 11 }));
  const after = sail(sailEnd(OFF_PORTUGAL, 0, 12, 4), 0, 12, T0 + 4 * H, 3, 6);
  const alerts = await runIndicator(spoofing, inputsOf(tableOf([{ mmsi: '244000001', fixes: [...before, ...inland, ...after] }])));
  const land = alerts.filter((a) => a.details!.kind === 'on_land');
  assert.equal(land.length, 1);
  assert.ok(land[0]!.score >= 0.5);
  assert.equal(land[0]!.details!.fixes, 4);
  assert.match(land[0]!.explanation, /^4 fixes on land up to \d+ km from the coast/);
});

test("fixes inside Rotterdam's port radius are on land at 1:50m but are no on-land spoofing", async () => {
  // 51.93 N 4.15 E: Natural Earth 1:50m land, 7 km from its coastline, 6 km from the port's centre.
  const alerts = await runIndicator(spoofing, inputsOf(tableOf([{ mmsi: '244000001', fixes: moor({ lat: 51.93, lon: 4.15 }, T0, 24, 15) }])));
  assert.deepEqual(alerts, []);
});

test('an on-land run without a jump (a river the table lacks) is reported below the threshold for a seagoing ship, not at all for others', async () => {
  const river = (type: number) => sail({ lat: 48.0, lon: 10.0 }, 90, 6, T0, 4, 10, { type });
  const cargo = await runIndicator(spoofing, inputsOf(tableOf([{ mmsi: '244000001', fixes: river(70) }])));
  assert.equal(cargo.length, 1);
  assert.equal(reported(cargo).length, 0);
  assert.deepEqual(await runIndicator(spoofing, inputsOf(tableOf([{ mmsi: '244000002', fixes: river(60) }]))), []);
});

test('two MMSIs reporting the identical position at the same second', async () => {
  const a = sail(OFF_PORTUGAL, 0, 12, T0, 2, 10);
  const b = a.map((f) => ({ ...f }));
  const alerts = await runIndicator(spoofing, inputsOf(tableOf([{ mmsi: '244000001', fixes: a }, { mmsi: '636000002', fixes: b }])));
  assert.deepEqual(kinds(alerts), ['identical_positions']);
  assert.equal(alerts[0]!.details!.count, a.length);
  assert.ok(alerts[0]!.score >= 0.5);
  assert.equal(alerts[0]!.subjects.length, 2);
});

test('a one-way jump seconds after the previous fix (a receiver clock or stale relayed fix, common in real feeds) stays below the threshold; minutes apart it does not', async () => {
  const before = sail(OFF_PORTUGAL, 0, 12, T0, 2, 6);
  const far = { lat: 40.6, lon: -11.8 };
  const quick = sail(far, 0, 12, T0 + 2 * H + 20, 3, 6);
  const slow = sail(far, 0, 12, T0 + 2 * H + 10 * 60, 3, 6);
  const [a] = await runIndicator(spoofing, inputsOf(tableOf([{ mmsi: '244000001', fixes: [...before, ...quick] }])));
  assert.ok(a && a.score < 0.5, String(a?.score));
  assert.match(a!.explanation, /seconds apart/);
  const [b] = await runIndicator(spoofing, inputsOf(tableOf([{ mmsi: '244000001', fixes: [...before, ...slow] }])));
  assert.ok(b && b.score >= 0.5, String(b?.score));
});
