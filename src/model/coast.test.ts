import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distanceToShoreKm, nearestShore, onLand, onLandAt } from './coast.ts';
import { destination, haversineM } from './geo.ts';
import { Random } from '../simulate/random.ts';

const near = (actual: number, expected: number, tolerance: number, what: string): void =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual.toFixed(1)} not within ${tolerance} of ${expected}`);

test('known points at sea and on land', () => {
  const sea: Array<[string, number, number]> = [
    ['mid-Atlantic', 30, -40],
    ['Point Nemo', -48.88, -123.39],
    ['Tokyo Bay', 35.5, 139.8],
    ['Bosporus', 41.12, 29.06],
    ['Dardanelles', 40.15, 26.39],
    ['Singapore Strait', 1.2, 103.85],
    ['Bering Sea', 58, -178],
    ['Caspian Sea (a lake hole in the land polygons)', 42, 51],
  ];
  for (const [name, lat, lon] of sea) assert.equal(onLand({ lat, lon }), false, `${name} should be at sea`);
  const land: Array<[string, number, number]> = [
    ['Sahara', 23, 10],
    ['London', 51.5, -0.1],
    ['Rotterdam port (harbour basins are land at 1:50m)', 51.95, 4.1],
    ['Wrangel Island, east of 180°', 71.2, 179.9],
    ['Wrangel Island, west of 180°', 71.2, -179.9],
    ['Chukotka, west of 180°', 66, -175],
    ['Fiji (Vanua Levu)', -16.5, 179.5],
    ['Antarctica', -85, 0],
    ['South Pole', -89.9, 45],
  ];
  for (const [name, lat, lon] of land) assert.equal(onLand({ lat, lon }), true, `${name} should be on land`);
});

test('distance to shore at known points', () => {
  near(distanceToShoreKm({ lat: 51.95, lon: 4.1 }), 2, 4, 'Rotterdam');
  assert.ok(distanceToShoreKm({ lat: 30, lon: -40 }) > 1000, 'mid-Atlantic is over 1000 km out');
  // Point Nemo, the oceanic pole of inaccessibility: about 2 690 km from the nearest land.
  near(distanceToShoreKm({ lat: -48.88, lon: -123.39 }), 2690, 40, 'Point Nemo');
  // 100 km due west of Cabo da Roca, Portugal's westernmost point.
  const offPortugal = destination({ lat: 38.78, lon: -9.5 }, 270, 100_000);
  near(distanceToShoreKm(offPortugal), 100, 8, '100 km off Portugal');
  // Centre of the Caspian: its own shores count.
  const caspian = distanceToShoreKm({ lat: 42, lon: 51 });
  assert.ok(caspian > 50 && caspian < 250, `Caspian centre ${caspian}`);
});

test('nearest shore point is on the coastline and consistent with the distance', () => {
  const p = { lat: 36.0, lon: -10.0 };
  const shore = nearestShore(p);
  near(haversineM(p, shore.point) / 1000, shore.distanceKm, 0.01, 'distance to returned point');
  // A point just beside the shore point is within a few km of it, from either side.
  assert.ok(distanceToShoreKm(shore.point) < 1, 'the shore point lies on the shore');
});

test('antimeridian: the same place on either side of ±180° gives the same answers', () => {
  const rnd = new Random('coast-antimeridian');
  for (let i = 0; i < 200; i++) {
    const lat = rnd.range(-70, 75);
    const lon = rnd.range(-180, 180);
    assert.equal(onLandAt(lat, lon), onLandAt(lat, lon + 360), `${lat},${lon}`);
  }
  const east = distanceToShoreKm({ lat: 65.5, lon: 179.99 });
  const west = distanceToShoreKm({ lat: 65.5, lon: -179.99 });
  assert.ok(Math.abs(east - west) < 2, `${east} vs ${west}`);
});

test('distance is zero-ish at the coast and grows away from it', () => {
  // Walk west from Cabo da Roca: distance increases monotonically (within grid noise).
  let previous = -1;
  for (let km = 10; km <= 300; km += 30) {
    const d = distanceToShoreKm(destination({ lat: 38.78, lon: -9.5 }, 270, km * 1000));
    assert.ok(d > previous - 1, `at ${km} km: ${d} after ${previous}`);
    previous = d;
  }
});
