import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bearingDeg,
  densifyGreatCircle,
  destination,
  haversineM,
  interpolateGreatCircle,
  knotsToMps,
  lonDelta,
  M_PER_NM,
  mpsToKnots,
  normalizeLon,
} from './geo.ts';

const near = (actual: number, expected: number, tolerance: number, what = ''): void =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} ${actual} not within ${tolerance} of ${expected}`);

test('haversine: one degree of latitude, London–Paris, across the antimeridian', () => {
  near(haversineM({ lat: 0, lon: 0 }, { lat: 1, lon: 0 }), 111_195, 1, '1° lat');
  near(haversineM({ lat: 51.5074, lon: -0.1278 }, { lat: 48.8566, lon: 2.3522 }) / 1000, 343.5, 1, 'London–Paris km');
  near(haversineM({ lat: 0, lon: 179.5 }, { lat: 0, lon: -179.5 }), 111_195, 1, 'across 180°');
});

test('bearings: the four cardinal directions and across the antimeridian', () => {
  near(bearingDeg({ lat: 0, lon: 0 }, { lat: 1, lon: 0 }), 0, 1e-9, 'north');
  near(bearingDeg({ lat: 0, lon: 0 }, { lat: 0, lon: 1 }), 90, 1e-9, 'east');
  near(bearingDeg({ lat: 1, lon: 0 }, { lat: 0, lon: 0 }), 180, 1e-9, 'south');
  near(bearingDeg({ lat: 0, lon: 1 }, { lat: 0, lon: 0 }), 270, 1e-9, 'west');
  near(bearingDeg({ lat: 0, lon: 179.5 }, { lat: 0, lon: -179.5 }), 90, 1e-9, 'east across 180°');
});

test('destination is the inverse of distance and bearing', () => {
  const start = { lat: 38.78, lon: -9.5 };
  const p = destination(start, 263, 100_000);
  near(haversineM(start, p), 100_000, 0.5, 'distance');
  near(bearingDeg(start, p), 263, 1e-6, 'bearing');
  const wrapped = destination({ lat: 10, lon: 179.9 }, 90, 50_000);
  assert.ok(wrapped.lon < -179 && wrapped.lon >= -180, `wrapped lon ${wrapped.lon}`);
});

test('great-circle interpolation: endpoints, midpoint, antimeridian', () => {
  const a = { lat: 10, lon: 20 };
  const b = { lat: 30, lon: 60 };
  near(interpolateGreatCircle(a, b, 0).lat, 10, 1e-9);
  near(interpolateGreatCircle(a, b, 1).lon, 60, 1e-9);
  const mid = interpolateGreatCircle(a, b, 0.5);
  near(haversineM(a, mid), haversineM(mid, b), 0.01, 'midpoint equidistant');
  const across = interpolateGreatCircle({ lat: 0, lon: 179 }, { lat: 0, lon: -179 }, 0.5);
  near(Math.abs(across.lon), 180, 1e-9, 'midpoint on the antimeridian');
  const pts = densifyGreatCircle({ lat: 0, lon: 170 }, { lat: 0, lon: -170 }, 10_000);
  for (let i = 1; i < pts.length; i++) assert.ok(haversineM(pts[i - 1]!, pts[i]!) <= 10_000.01);
  assert.ok(pts.every((p) => p.lon >= 170 || p.lon <= -170), 'stays on the short side');
});

test('units and longitude helpers', () => {
  assert.equal(M_PER_NM, 1852);
  near(knotsToMps(1), 0.514444, 1e-6);
  near(mpsToKnots(knotsToMps(13.7)), 13.7, 1e-12);
  assert.equal(normalizeLon(180), -180);
  assert.equal(normalizeLon(-190), 170);
  assert.equal(normalizeLon(540), -180);
  assert.equal(lonDelta(179, -179), 2);
  assert.equal(lonDelta(-179, 179), -2);
});
