import { test } from 'node:test';
import assert from 'node:assert/strict';
import { draughtChange } from './draught.ts';
import { portCallOfConcern } from './port-call-of-concern.ts';
import { drift, H, inputsOf, moor, runIndicator, sail, sailEnd, T0, tableOf, type Fix } from './testkit.ts';

const OPEN_SEA = { lat: 39.2, lon: -11.8 };
const LACONIAN = { lat: 36.62, lon: 22.7 };

/** A voyage at sea whose draught goes from `before` to `after` half-way. */
function voyage(before: number, after: number): Fix[] {
  return [...sail(OPEN_SEA, 250, 12, T0, 10, 10, { draft: before }), ...sail(sailEnd(OPEN_SEA, 250, 12, 10.2), 250, 12, T0 + 10.2 * H, 10, 10, { draft: after })];
}

test('a 0.5 m draught change at sea raises nothing', async () => {
  assert.deepEqual(await runIndicator(draughtChange, inputsOf(tableOf([{ mmsi: '244000001', fixes: voyage(10, 10.5) }]))), []);
});

test('a 2 m draught increase at sea without a port call: alert', async () => {
  const alerts = await runIndicator(draughtChange, inputsOf(tableOf([{ mmsi: '244000001', fixes: voyage(9, 11) }])));
  assert.equal(alerts.length, 1);
  assert.ok(alerts[0]!.score >= 0.5);
  assert.equal(alerts[0]!.details!.changeM, 2);
  assert.match(alerts[0]!.explanation, /^draught rose from 9\.0 m to 11\.0 m \(\+2\.0 m\) without a port call/);
  assert.equal(alerts[0]!.evidence.length, 2);
});

test('10 % of a small draught is enough; a decrease is reported lower, or not at all when switched off', async () => {
  const small = await runIndicator(draughtChange, inputsOf(tableOf([{ mmsi: '244000001', fixes: voyage(6, 6.7) }])));
  assert.equal(small.length, 1);
  const fall = await runIndicator(draughtChange, inputsOf(tableOf([{ mmsi: '244000001', fixes: voyage(12, 9) }])));
  assert.equal(fall.length, 1);
  assert.ok(fall[0]!.score < 0.5);
  assert.deepEqual(await runIndicator(draughtChange, inputsOf(tableOf([{ mmsi: '244000001', fixes: voyage(12, 9) }])), { include_decrease: false }), []);
});

test('loading in Rotterdam explains the change, even when the crew updates the draught hours after leaving', async () => {
  const rotterdam = { lat: 51.955, lon: 4.08 };
  const fixes = [
    ...sail({ lat: 52.02, lon: 3.6 }, 103, 8, T0, 2.4, 10, { draft: 8 }),
    ...moor(rotterdam, T0 + 2.5 * H, 20, 15, { draft: 8 }),
    ...sail(rotterdam, 283, 10, T0 + 23 * H, 2, 10, { draft: 8 }),
    ...sail(sailEnd(rotterdam, 283, 10, 2.2), 283, 10, T0 + 25.2 * H, 6, 10, { draft: 14 }),
  ];
  assert.deepEqual(await runIndicator(draughtChange, inputsOf(tableOf([{ mmsi: '244000001', fixes }]))), []);
});

test('a rise after stopping at sea and a dark period scores higher; after a stop in a designated STS area it stays low', async () => {
  const atSea = [
    ...sail({ lat: 39.2, lon: -13 }, 90, 12, T0, 5, 10, { draft: 8 }),
    ...drift(OPEN_SEA, T0 + 6 * H, 8, 10, { draft: 8 }),
    ...drift(OPEN_SEA, T0 + 26 * H, 2, 10, { draft: 15 }),
    ...sail(OPEN_SEA, 0, 12, T0 + 28.2 * H, 5, 10, { draft: 15 }),
  ];
  const high = await runIndicator(draughtChange, inputsOf(tableOf([{ mmsi: '244000001', fixes: atSea }])));
  assert.equal(high.length, 1);
  assert.ok(high[0]!.score >= 0.85, `score ${high[0]!.score}`);
  assert.match(high[0]!.explanation, /stopped at sea .* across a 1\d\.\d h AIS gap/);
  const sts = [
    ...sail({ lat: 36.62, lon: 23.5 }, 270, 12, T0, 3, 10, { draft: 8 }),
    ...drift(LACONIAN, T0 + 4 * H, 8, 10, { draft: 8 }),
    ...drift(LACONIAN, T0 + 12.2 * H, 1, 10, { draft: 15 }),
    ...sail(LACONIAN, 180, 12, T0 + 13.4 * H, 5, 10, { draft: 15 }),
  ];
  const low = await runIndicator(draughtChange, inputsOf(tableOf([{ mmsi: '244000001', fixes: sts }])));
  assert.equal(low.length, 1);
  assert.ok(low[0]!.score < 0.5);
  assert.equal(low[0]!.details!.stsArea, 'laconian-gulf');
});

test('a call at a port of concern (Primorsk) alerts; a call at Rotterdam and sailing past do not', async () => {
  const primorsk = { lat: 60.35, lon: 28.67 };
  const table = tableOf([
    { mmsi: '244000001', fixes: moor(primorsk, T0, 20, 15, { type: 80 }) },
    { mmsi: '244000002', fixes: moor({ lat: 51.955, lon: 4.08 }, T0, 20, 15) },
    { mmsi: '244000003', fixes: sail({ lat: 60.3, lon: 28.4 }, 90, 12, T0, 1, 5) },
  ]);
  const alerts = await runIndicator(portCallOfConcern, inputsOf(table));
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0]!.details!.port, 'RUPRM');
  assert.ok(alerts[0]!.score >= 0.6);
  assert.match(alerts[0]!.explanation, /^called at Primorsk \(RUPRM, RU\), a port of concern, for 20\.0 h/);
});
