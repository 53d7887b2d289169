import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loitering } from './loitering.ts';
import { drift, H, inputsOf, moor, runIndicator, sail, T0, tableOf } from './testkit.ts';

const OPEN_SEA = { lat: 39.2, lon: -11.8 };
const LACONIAN = { lat: 36.62, lon: 22.7 };

test('10 h drifting 100 nm offshore: loitering above the threshold', async () => {
  const fixes = [...sail({ lat: 39.2, lon: -13 }, 90, 12, T0, 5, 10), ...drift(OPEN_SEA, T0 + 6 * H, 10, 10), ...sail(OPEN_SEA, 0, 12, T0 + 16.2 * H, 4, 10)];
  const alerts = await runIndicator(loitering, inputsOf(tableOf([{ mmsi: '244000001', fixes }])));
  assert.equal(alerts.length, 1);
  const a = alerts[0]!;
  assert.ok(a.score >= 0.5, `score ${a.score}`);
  assert.ok((a.details!.hours as number) >= 9.5);
  assert.match(a.explanation, /^loitering for \d+\.\d h at median 0\.\d kn, \d+ nm from shore on average; outside designated STS areas/);
  assert.ok(a.evidence.length <= 10);
});

test('short drifts, drifts near shore or in port, and slow steaming are not loitering', async () => {
  const short = drift(OPEN_SEA, T0, 6, 10);
  const rotterdam = moor({ lat: 51.955, lon: 4.08 }, T0, 30, 15);
  const nearShore = drift({ lat: 38.5, lon: -9.5 }, T0, 12, 10);
  const steaming = sail(OPEN_SEA, 200, 8, T0, 12, 10);
  const inputs = inputsOf(
    tableOf([
      { mmsi: '244000001', fixes: short },
      { mmsi: '244000002', fixes: rotterdam },
      { mmsi: '244000003', fixes: nearShore },
      { mmsi: '244000004', fixes: steaming },
    ]),
  );
  assert.deepEqual(await runIndicator(loitering, inputs), []);
});

test('loitering inside a designated STS area stays below the threshold', async () => {
  const alerts = await runIndicator(loitering, inputsOf(tableOf([{ mmsi: '244000001', fixes: drift(LACONIAN, T0, 12, 10, { type: 80 }) }])), { min_shore_nm: 5 });
  assert.equal(alerts.length, 1);
  assert.ok(alerts[0]!.score < 0.5);
});
