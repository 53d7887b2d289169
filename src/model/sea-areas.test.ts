import assert from 'node:assert/strict';
import { test } from 'node:test';
import { onLand } from './coast.ts';
import { areasContaining, containsPoint, SEA_AREAS, seaAreaById, stsAreaCentres } from './sea-areas.ts';

test('areas have unique ids, a kind, a note; centres lie inside their area and at sea', () => {
  const ids = new Set<string>();
  for (const a of SEA_AREAS) {
    assert.ok(!ids.has(a.id), a.id);
    ids.add(a.id);
    assert.ok(a.note.length > 20, a.id);
    if (a.centre) {
      assert.ok(containsPoint(a, a.centre), `${a.id} centre outside`);
      assert.equal(onLand(a.centre), false, `${a.id} centre on land`);
    }
  }
  for (const kind of ['sts', 'poor-reception', 'concern'] as const) assert.ok(SEA_AREAS.some((a) => a.kind === kind), kind);
});

test('known places fall in the right areas', () => {
  assert.ok(areasContaining({ lat: 36.6, lon: 22.7 }, 'sts').some((a) => a.id === 'laconian-gulf'));
  assert.ok(areasContaining({ lat: 26.55, lon: 56.4 }, 'concern').some((a) => a.id === 'strait-of-hormuz'));
  assert.ok(areasContaining({ lat: 45.3, lon: 36.6 }, 'concern').some((a) => a.id === 'kerch-strait'));
  assert.ok(areasContaining({ lat: -25, lon: -15 }, 'poor-reception').some((a) => a.id === 'south-atlantic-mid'));
  assert.deepEqual(areasContaining({ lat: 51.9, lon: 3.5 }), [], 'off Rotterdam: nothing special');
});

test('polygons across the antimeridian and latitude bands', () => {
  const pacific = seaAreaById('north-pacific-mid')!;
  assert.ok(containsPoint(pacific, { lat: 35, lon: 179.5 }));
  assert.ok(containsPoint(pacific, { lat: 35, lon: -170 }));
  assert.ok(!containsPoint(pacific, { lat: 35, lon: 140 }));
  const southern = seaAreaById('southern-ocean')!;
  assert.ok(containsPoint(southern, { lat: -55, lon: -179.9 }));
  assert.ok(!containsPoint(southern, { lat: -35, lon: 0 }));
});

test('every STS area has a transfer point and a home port', () => {
  const centres = stsAreaCentres();
  assert.equal(centres.length, SEA_AREAS.filter((a) => a.kind === 'sts').length);
  for (const c of centres) {
    assert.ok(c.port, c.area.id);
    assert.ok(containsPoint(c.area, c.at), c.area.id);
  }
});
