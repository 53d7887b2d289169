import { test } from 'node:test';
import assert from 'node:assert/strict';
import { destination } from '../../model/geo.ts';
import { encounter } from './encounter.ts';
import { drift, H, inputsOf, moor, reported, runIndicator, sail, sailEnd, T0, tableOf, type Fix } from './testkit.ts';

/** Open Atlantic off Portugal, ~200 km from shore, no STS area. */
const OPEN_SEA = { lat: 39.2, lon: -11.8 };
/** Laconian Gulf STS area (designated), ~66 km from the nearest port area. */
const LACONIAN = { lat: 36.62, lon: 22.7 };

/** Two vessels drifting side by side (~150 m apart) for `hours` (starting at `start`), arriving and leaving under way. */
function meeting(at: { lat: number; lon: number }, start: number, hours: number, extra: Partial<Fix> = {}, mmsis = ['244000001', '636000002']) {
  const b = destination(at, 90, 150);
  const mk = (p: { lat: number; lon: number }, seed: number, mmsi: string) => ({
    mmsi,
    fixes: [
      ...sail(destination(p, 270, 12 * 1852 * 3), 90, 12, start - 3 * H, 2.9, 6, extra),
      ...drift(p, start, hours, 10, extra, 40, seed),
      ...sail(p, 0, 12, start + hours * H + 600, 3, 6, extra),
    ],
  });
  return [mk(at, 1, mmsis[0]!), mk(b, 2, mmsis[1]!)];
}

test('two vessels side by side for 5 h at sea, outside STS areas: an encounter above the threshold', async () => {
  const alerts = await runIndicator(encounter, inputsOf(tableOf(meeting(OPEN_SEA, T0 + 10 * H, 5))));
  assert.equal(alerts.length, 1);
  const a = alerts[0]!;
  assert.ok(a.score >= 0.5, `score ${a.score}`);
  assert.equal(a.subjects.length, 2);
  assert.deepEqual(a.subjects.map((s) => s.identifiers.mmsi).sort(), ['244000001', '636000002']);
  assert.match(a.explanation, /^two vessels within \d+ m for [45]\.\d h at median 0\.\d kn, \d+ km from the nearest port \(.+\); outside designated STS areas/);
  assert.ok((a.details!.hours as number) >= 4.5 && (a.details!.hours as number) <= 5.5);
  assert.ok((a.details!.maxDistanceM as number) < 300);
  assert.equal(a.details!.stsArea, null);
  assert.ok(a.evidence.length >= 4 && a.evidence.length <= 10);
  assert.equal(a.key, `244000001:636000002:${Date.parse(a.window.start) / 1000}`);
});

test('the same meeting inside a designated STS area scores below 0.5, even between tankers at night', async () => {
  const plain = await runIndicator(encounter, inputsOf(tableOf(meeting(LACONIAN, T0 + 10 * H, 5))));
  assert.equal(plain.length, 1);
  assert.ok(plain[0]!.score < 0.5, `score ${plain[0]!.score}`);
  assert.equal(plain[0]!.details!.stsArea, 'laconian-gulf');
  const tankersAtNight = await runIndicator(encounter, inputsOf(tableOf(meeting(LACONIAN, T0 + 19 * H, 8, { type: 80 }))));
  assert.equal(tankersAtNight.length, 1);
  assert.ok(tankersAtNight[0]!.score < 0.5, `score ${tankersAtNight[0]!.score}`);
});

test('inside an STS area a vessel dark just before the meeting lifts the score above the threshold', async () => {
  const [a, b] = meeting(LACONIAN, T0 + 30 * H, 5);
  // Vessel a was silent for 20 h before it arrived.
  const early = sail(destination(LACONIAN, 270, 200_000), 90, 10, T0, 4, 10);
  const tracks = [{ mmsi: a!.mmsi, fixes: [...early, ...a!.fixes] }, b!];
  const alerts = await runIndicator(encounter, inputsOf(tableOf(tracks)));
  assert.equal(alerts.length, 1);
  assert.ok(alerts[0]!.score >= 0.5, `score ${alerts[0]!.score}`);
  assert.ok(alerts[0]!.details!.gap);
});

test('tankers and night raise the score outside STS areas', async () => {
  const day = (await runIndicator(encounter, inputsOf(tableOf(meeting(OPEN_SEA, T0 + 10 * H, 5)))))[0]!;
  const nightTankers = (await runIndicator(encounter, inputsOf(tableOf(meeting(OPEN_SEA, T0 + 20 * H, 6, { type: 84 })))))[0]!;
  assert.ok(nightTankers.score > day.score);
  assert.equal(nightTankers.details!.night, true);
  assert.equal(nightTankers.details!.tanker, true);
});

test('two vessels passing each other at speed: no encounter', async () => {
  const a = sail(OPEN_SEA, 90, 12, T0, 6, 5);
  const b = sail(sailEnd(destination(OPEN_SEA, 0, 100), 90, 12, 6), 270, 12, T0, 6, 5);
  assert.equal((await runIndicator(encounter, inputsOf(tableOf([{ mmsi: '244000001', fixes: a }, { mmsi: '244000002', fixes: b }])))).length, 0);
});

test('slow vessels 2 km apart, a meeting of 1.5 h, and vessels moored together in port: no encounter', async () => {
  const far = [
    { mmsi: '244000001', fixes: drift(OPEN_SEA, T0, 6, 10) },
    { mmsi: '244000002', fixes: drift(destination(OPEN_SEA, 90, 2000), T0, 6, 10, {}, 60, 2) },
  ];
  assert.equal((await runIndicator(encounter, inputsOf(tableOf(far)))).length, 0);
  assert.equal((await runIndicator(encounter, inputsOf(tableOf(meeting(OPEN_SEA, T0 + 10 * H, 1.5))))).length, 0);
  const rotterdam = { lat: 51.955, lon: 4.08 };
  const moored = [
    { mmsi: '244000001', fixes: moor(rotterdam, T0, 12, 10) },
    { mmsi: '244000002', fixes: moor(destination(rotterdam, 90, 100), T0, 12, 10) },
  ];
  assert.equal((await runIndicator(encounter, inputsOf(tableOf(moored)))).length, 0);
});

test('tracks are not interpolated across a silence of more than an hour', async () => {
  const [a, b] = meeting(OPEN_SEA, T0 + 10 * H, 5);
  // b reports only every 90 minutes during the meeting.
  const sparse = b!.fixes.filter((f) => f.t < T0 + 10 * H || f.t > T0 + 15 * H || (f.t - T0) % (90 * 60) === 0);
  assert.equal((await runIndicator(encounter, inputsOf(tableOf([a!, { mmsi: b!.mmsi, fixes: sparse }])))).length, 0);
});

test('a fleet of drifting vessels far apart plus one meeting: exactly the meeting', async () => {
  const fleet = [];
  for (let i = 0; i < 300; i++) {
    const p = { lat: 30 + (i % 20) * 0.5, lon: -40 + Math.floor(i / 20) * 0.5 };
    fleet.push({ mmsi: String(244100000 + i), fixes: drift(p, T0, 24, 10, {}, 60, i) });
  }
  const alerts = await runIndicator(encounter, inputsOf(tableOf([...fleet, ...meeting(OPEN_SEA, T0 + 10 * H, 5)])));
  assert.equal(reported(alerts).length, 1);
  assert.equal(alerts.length, 1);
});

test('a silence of one vessel in the middle of a meeting does not split it when that vessel stayed put', async () => {
  // A 5.5 h meeting; b is unheard for 3 h in the middle (satellite AIS every few hours), so neither heard part lasts 2 h.
  const start = T0 + 10 * H;
  const [a, b] = meeting(OPEN_SEA, start, 5.5);
  const silent = (f: Fix) => f.t > start + 80 * 60 && f.t < start + 260 * 60;
  const tracks = [a!, { mmsi: b!.mmsi, fixes: b!.fixes.filter((f) => !silent(f)) }];
  const alerts = await runIndicator(encounter, inputsOf(tableOf(tracks)));
  assert.equal(alerts.length, 1);
  const hours = alerts[0]!.details!.hours as number;
  assert.ok(hours >= 5 && hours <= 6, `hours ${hours}`);
  assert.ok(alerts[0]!.score >= 0.5);
  assert.ok(Date.parse(alerts[0]!.window.start) / 1000 <= start + 80 * 60 && Date.parse(alerts[0]!.window.end) / 1000 >= start + 260 * 60, 'one encounter across the silence');
  // Both silent together at the same spot (going dark during the transfer): still one encounter.
  const both = [a!, b!].map((v) => ({ mmsi: v.mmsi, fixes: v.fixes.filter((f) => !silent(f)) }));
  const dark = await runIndicator(encounter, inputsOf(tableOf(both)));
  assert.equal(dark.length, 1);
  assert.ok((dark[0]!.details!.hours as number) >= 5);
});

test('a silence is not bridged when the silent vessel moved, or when the other sailed off meanwhile', async () => {
  const start = T0 + 10 * H;
  const [a, b] = meeting(OPEN_SEA, start, 5.5);
  const inGap = (f: Fix) => f.t > start + 80 * 60 && f.t < start + 260 * 60;
  // a sails off at 8 kn during b's silence and comes back: the other vessel did not stay slow.
  const away = sail(OPEN_SEA, 0, 8, start + 90 * 60, 1.3, 10);
  const back = sail(sailEnd(OPEN_SEA, 0, 8, 1.3), 180, 8, start + 90 * 60 + 1.3 * H, 1.3, 10);
  const aAway = { mmsi: a!.mmsi, fixes: [...a!.fixes.filter((f) => !inGap(f)), ...away, ...back].sort((x, y) => x.t - y.t) };
  const bSilent = { mmsi: b!.mmsi, fixes: b!.fixes.filter((f) => !inGap(f)) };
  assert.equal((await runIndicator(encounter, inputsOf(tableOf([aAway, bSilent])))).length, 0, 'a sailed off');
  // Both move on 12 km (a heard at 2.3 kn, b silent): b's silence implies more than the 2 kn median limit.
  const shift = (f: Fix, m: number) => ({ ...f, ...destination(f, 0, m) });
  const later = (f: Fix) => f.t >= start + 260 * 60;
  const aMoving = {
    mmsi: a!.mmsi,
    fixes: a!.fixes.map((f) => (inGap(f) ? { ...shift(f, ((f.t - start - 80 * 60) / (180 * 60)) * 12_000), sog: 2.3 } : later(f) ? shift(f, 12_000) : f)),
  };
  const bMoved = { mmsi: b!.mmsi, fixes: b!.fixes.filter((f) => !inGap(f)).map((f) => (later(f) ? shift(f, 12_000) : f)) };
  assert.equal((await runIndicator(encounter, inputsOf(tableOf([aMoving, bMoved])))).length, 0, 'b moved across its silence');
});
