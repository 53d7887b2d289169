import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aisGap } from './ais-gap.ts';
import { H, inputsOf, runIndicator, sail, sailEnd, T0, tableOf } from './testkit.ts';

/** 110 nm off Portugal, outside every poor-reception area. */
const OFFSHORE = { lat: 39.2, lon: -11.8 };
/** Bay of Bengal (a poor-reception area), 46 nm from shore. */
const BENGAL = { lat: 19.5, lon: 87.0 };

function gapTrack(from: { lat: number; lon: number }, everyMinBefore: number, gapH: number, mmsi = '244000001') {
  const before = sail(from, 180, 12, T0, 12, everyMinBefore);
  const after = sail(sailEnd(from, 180, 12, 12 + gapH), 180, 12, T0 + (12 + gapH) * H, 6, 10);
  return { mmsi, fixes: [...before, ...after] };
}

test('a 14 h gap 100 nm offshore after dense reporting is a suspected disabling, scored high, with displacement and implied speed', async () => {
  const inputs = inputsOf(tableOf([gapTrack(OFFSHORE, 10, 14)]));
  const alerts = await runIndicator(aisGap, inputs);
  assert.equal(alerts.length, 1);
  const a = alerts[0]!;
  assert.ok(a.score >= 0.6, `score ${a.score}`);
  assert.equal(a.details!.suspectedDisabling, true);
  assert.equal(a.details!.hours, 14);
  assert.ok(Math.abs((a.details!.impliedSpeedKn as number) - 12) < 0.5, `implied speed ${a.details!.impliedSpeedKn}`);
  assert.ok((a.details!.displacementKm as number) > 300);
  assert.match(a.explanation, /AIS silent for 14\.0 h from \d+ nm offshore after \d+ fixes in the previous 12\.0 h; reappeared \d+ km away \(implied 12\.\d kn\); suspected disabling/);
  assert.equal(a.subjects[0]!.id, 'mmsi:244000001');
  assert.ok(a.evidence.length >= 2 && a.evidence.length <= 10);
  assert.equal(a.key, `244000001:${T0 + 12 * H}`);
  assert.equal(a.window.start, '2025-03-01T12:00:00Z');
});

test('a 13 h gap near shore in a poor-reception area scores low', async () => {
  const alerts = await runIndicator(aisGap, inputsOf(tableOf([gapTrack(BENGAL, 10, 13)])));
  assert.equal(alerts.length, 1);
  assert.ok(alerts[0]!.score < 0.5, `score ${alerts[0]!.score}`);
  assert.equal(alerts[0]!.details!.poorReceptionArea, 'bay-of-bengal');
  assert.match(alerts[0]!.explanation, /poor reception/);
});

test('an offshore gap after sparse reporting is an ordinary gap, below the threshold', async () => {
  const alerts = await runIndicator(aisGap, inputsOf(tableOf([gapTrack(OFFSHORE, 90, 14)])));
  assert.equal(alerts.length, 1);
  assert.ok(alerts[0]!.score < 0.5);
  assert.equal(alerts[0]!.details!.suspectedDisabling, false);
});

test('a gap shorter than 12 h is no gap; the threshold is a parameter', async () => {
  const inputs = inputsOf(tableOf([gapTrack(OFFSHORE, 10, 10)]));
  assert.equal((await runIndicator(aisGap, inputs)).length, 0);
  assert.equal((await runIndicator(aisGap, inputs, { min_gap_hours: 8 })).length, 1);
});

test('longer offshore gaps score higher', async () => {
  const short = (await runIndicator(aisGap, inputsOf(tableOf([gapTrack(OFFSHORE, 10, 13)]))))[0]!;
  const long = (await runIndicator(aisGap, inputsOf(tableOf([gapTrack(OFFSHORE, 10, 40)]))))[0]!;
  assert.ok(long.score > short.score);
});
