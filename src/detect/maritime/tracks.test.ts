import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPortCalls } from './port-calls.ts';
import { buildTracks, SEG_AFTER_GAP, SEG_AFTER_JUMP, SEG_FIRST, segmentSwitches } from './tracks.ts';
import { H, moor, sail, sailEnd, T0, tableOf } from './testkit.ts';

const OFF_PORTUGAL = { lat: 39.2, lon: -11.8 };

test('a steady voyage is one segment, its speed the reported SOG', () => {
  const table = tableOf([{ mmsi: '244000001', fixes: sail(OFF_PORTUGAL, 10, 12, T0, 24, 5) }]);
  const tr = buildTracks(table);
  assert.equal(tr.segments, 1);
  assert.equal(tr.segReason[0], SEG_FIRST);
  assert.equal(tr.segCount[0], table.length);
  assert.equal(tr.speed[3], 12);
  assert.equal(tr.next[table.length - 1], -1);
  assert.equal(tr.prev[0], -1);
});

test('a silence longer than 8 h starts a new segment; a shorter one does not', () => {
  const a = sail(OFF_PORTUGAL, 0, 10, T0, 6, 10);
  const b = sail(sailEnd(OFF_PORTUGAL, 0, 10, 15), 0, 10, T0 + 15 * H, 6, 10);
  const c = sail(sailEnd(OFF_PORTUGAL, 0, 10, 28), 0, 10, T0 + 28 * H, 6, 10);
  const tr = buildTracks(tableOf([{ mmsi: '244000001', fixes: [...a, ...b, ...c] }]));
  assert.equal(tr.segments, 2);
  assert.equal(tr.segReason[1], SEG_AFTER_GAP);
  assert.deepEqual(segmentSwitches(tr, 0), []);
});

test('a position jump and its return make a second segment and two switches', () => {
  const before = sail(OFF_PORTUGAL, 0, 12, T0, 5, 6);
  const far = sail({ lat: 35.2, lon: 18.2 }, 0, 12, T0 + 5 * H + 360, 1, 6);
  const after = sail(sailEnd(OFF_PORTUGAL, 0, 12, 6.5), 0, 12, T0 + 6.5 * H, 5, 6);
  const tr = buildTracks(tableOf([{ mmsi: '244000001', fixes: [...before, ...far, ...after] }]));
  assert.equal(tr.segments, 2);
  assert.equal(tr.segReason[1], SEG_AFTER_JUMP);
  const sw = segmentSwitches(tr, 0);
  assert.equal(sw.length, 1);
  assert.equal(sw[0]!.switches, 2);
});

test('two ships on one MMSI interleave as two live segments with many switches', () => {
  const a = sail(OFF_PORTUGAL, 0, 12, T0, 12, 10);
  const b = sail({ lat: 35.2, lon: 18.2 }, 90, 12, T0 + 300, 12, 10);
  const tr = buildTracks(tableOf([{ mmsi: '477000001', fixes: [...a, ...b] }]));
  assert.equal(tr.segments, 2);
  const sw = segmentSwitches(tr, 0);
  assert.equal(sw.length, 1);
  assert.ok(sw[0]!.switches > 100);
});

test('port calls: a stop inside the port radius is a call with arrival and departure; sailing through is not', () => {
  const rotterdam = { lat: 51.955, lon: 4.08 };
  const seaward = { lat: 52.02, lon: 3.6 };
  const inbound = sail(seaward, 103, 8, T0, 2.4, 10);
  const stay = moor(rotterdam, T0 + 2.5 * H, 10, 15);
  const outbound = sail(rotterdam, 283, 8, T0 + 12.6 * H, 3, 10);
  const passing = sail({ lat: 51.99, lon: 3.9 }, 200, 12, T0, 2, 5);
  const table = tableOf([
    { mmsi: '244000001', fixes: [...inbound, ...stay, ...outbound] },
    { mmsi: '244000002', fixes: passing },
  ]);
  const { calls } = buildPortCalls(buildTracks(table));
  assert.equal(calls.length, 1);
  const c = calls[0]!;
  assert.equal(c.port.locode, 'NLRTM');
  assert.equal(table.mmsi[c.vessel], '244000001');
  assert.ok(c.arrival <= T0 + 2.5 * H && c.departure >= T0 + 12.5 * H, 'the call spans the stay');
  assert.ok(c.hours >= 10 && c.hours < 14);
});
