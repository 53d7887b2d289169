import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSextantError } from '../../errors.ts';
import { distanceToShoreKm, onLand } from '../../model/coast.ts';
import type { LatLon } from '../../model/geo.ts';
import { densifyGreatCircle, haversineM } from '../../model/geo.ts';
import type { Port } from '../../model/ports.ts';
import { PORTS, portByLocode } from '../../model/ports.ts';
import { Random } from '../random.ts';
import { LANES, WAYPOINTS } from './lane-network.ts';
import { isOnWaterway, laneNetworkStats, ROUTE_STEP_M, routeLengthNm, seaRoute, speedLimitKnAt } from './lanes.ts';

const port = (locode: string): Port => portByLocode(locode)!;

/** Points of the route, every ≤ 5 km, that are on land outside both ports' radius and off any canal or fairway. */
function landPoints(route: LatLon[], from: Port, to: Port): LatLon[] {
  const bad: LatLon[] = [];
  for (let i = 1; i < route.length; i++) {
    for (const q of densifyGreatCircle(route[i - 1]!, route[i]!, 5000)) {
      if (haversineM(q, from) <= from.radiusKm * 1000 || haversineM(q, to) <= to.radiusKm * 1000) continue;
      if (onLand(q) && !isOnWaterway(q)) bad.push(q);
    }
  }
  return bad;
}

const passesNear = (route: LatLon[], p: LatLon, km: number): boolean => route.some((q) => haversineM(q, p) <= km * 1000);

test('every lane edge stays at sea, clear of the coast outside the straits', () => {
  for (const lane of LANES) {
    for (let i = 1; i < lane.via.length; i++) {
      const a = WAYPOINTS[lane.via[i - 1]!]!;
      const b = WAYPOINTS[lane.via[i]!]!;
      assert.ok(a && b, `${lane.name}: unknown waypoint`);
      const edge = `${lane.name} ${lane.via[i - 1]} → ${lane.via[i]}`;
      for (const q of densifyGreatCircle(a, b, 500)) {
        assert.equal(onLand(q), false, `${edge} crosses land at ${q.lat.toFixed(3)},${q.lon.toFixed(3)}`);
      }
      // Outside the narrow straits, a lane keeps a few kilometres from the coast.
      if (!lane.chokepoint) {
        for (const q of densifyGreatCircle(a, b, 4000)) {
          assert.ok(distanceToShoreKm(q) >= 1, `${edge} passes ${distanceToShoreKm(q).toFixed(1)} km from shore at ${q.lat.toFixed(3)},${q.lon.toFixed(3)}`);
        }
      }
    }
  }
  const stats = laneNetworkStats();
  assert.ok(stats.waypoints > 300 && stats.edges > 400, JSON.stringify(stats));
});

test('routes between 320 random port pairs stay at sea (outside ports, canals and fairways)', () => {
  const rnd = new Random('lanes-sample');
  const ocean = PORTS.filter((p) => p.oceanReachable);
  let checked = 0;
  while (checked < 320) {
    const a = rnd.pick(ocean);
    const b = rnd.pick(ocean);
    if (a === b) continue;
    const route = seaRoute(a, b);
    assert.deepEqual(route[0], { lat: a.lat, lon: a.lon });
    assert.deepEqual(route[route.length - 1], { lat: b.lat, lon: b.lon });
    for (let i = 1; i < route.length; i++) assert.ok(haversineM(route[i - 1]!, route[i]!) <= ROUTE_STEP_M + 1, `${a.locode}→${b.locode} step ${i}`);
    const bad = landPoints(route, a, b);
    assert.equal(bad.length, 0, `${a.locode}→${b.locode} crosses land at ${bad.slice(0, 3).map((q) => `${q.lat.toFixed(3)},${q.lon.toFixed(3)}`).join(' ')}`);
    checked++;
  }
});

test('routes between the major regions take the expected passages', () => {
  const rtmSin = seaRoute(port('NLRTM'), port('SGSIN'));
  assert.ok(passesNear(rtmSin, { lat: 30.6, lon: 32.3 }, 20), 'Rotterdam → Singapore via Suez');
  assert.ok(passesNear(rtmSin, { lat: 35.97, lon: -5.45 }, 30), '… and Gibraltar');
  const len = routeLengthNm(rtmSin);
  assert.ok(len > 8000 && len < 8900, `Rotterdam → Singapore ${len.toFixed(0)} nm (real ≈ 8 300)`);

  const prmSik = seaRoute(port('RUPRM'), port('INSIK'));
  assert.ok(passesNear(prmSik, { lat: 55.35, lon: 11.0 }, 40), 'Primorsk → Sikka through the Danish straits');
  assert.ok(passesNear(prmSik, { lat: 30.6, lon: 32.3 }, 20), '… and Suez');

  const houRtm = seaRoute(port('USHOU'), port('NLRTM'));
  assert.ok(passesNear(houRtm, { lat: 24.2, lon: -81.0 }, 120), 'Houston → Rotterdam through the Florida Strait');
  assert.ok(passesNear(houRtm, { lat: 51.02, lon: 1.5 }, 30), '… and the Dover Strait');

  const ssSantosQingdao = seaRoute(port('BRSSZ'), port('CNQDG'));
  assert.ok(ssSantosQingdao.some((q) => q.lat < -34), 'Santos → Qingdao rounds the Cape of Good Hope');
  assert.ok(!passesNear(ssSantosQingdao, { lat: 30.6, lon: 32.3 }, 300), '… not via Suez');

  const nvsPir = seaRoute(port('RUNVS'), port('GRPIR'));
  assert.ok(passesNear(nvsPir, { lat: 41.12, lon: 29.06 }, 5), 'Novorossiysk → Piraeus through the Bosporus');
  assert.ok(passesNear(nvsPir, { lat: 40.15, lon: 26.4 }, 8), '… and the Dardanelles');

  const colBal = seaRoute(port('PAONX'), port('PABLB'));
  assert.ok(routeLengthNm(colBal) < 90, 'Colón → Balboa through the Panama Canal');
});

test('avoiding a chokepoint reroutes; unreachable pairs throw a clear error', () => {
  const viaCape = seaRoute(port('NLRTM'), port('SGSIN'), { avoid: ['suez'] });
  assert.ok(viaCape.some((q) => q.lat < -34), 'Rotterdam → Singapore avoiding Suez rounds the Cape');
  assert.throws(
    () => seaRoute(port('KZAKT'), port('NLRTM')),
    (err: unknown) => isSextantError(err) && err.code === 'not_found' && /KZAKT/.test(err.message),
  );
  // Within the Caspian, routes exist.
  assert.ok(seaRoute(port('KZAKT'), port('AZBAK')).length > 2);
  assert.throws(() => seaRoute({ lat: 48.85, lon: 2.35 }, port('NLRTM')), (err: unknown) => isSextantError(err) && /on land/.test(err.message));
});

test('points at sea route directly when in open water, through the network otherwise', () => {
  const a = { lat: 36.0, lon: -20.0 };
  const b = { lat: 36.5, lon: -19.5 };
  assert.equal(seaRoute(a, b).length <= 5, true, 'a short open-water hop is (nearly) a straight line');
  const stsPoint = { lat: 36.62, lon: 22.7 };
  const r = seaRoute(port('RUNVS'), stsPoint);
  assert.deepEqual(r[r.length - 1], stsPoint);
  assert.equal(landPoints(r, port('RUNVS'), port('RUNVS')).length, 0);
});

test('speed limits apply in canals and busy straits only', () => {
  assert.equal(speedLimitKnAt({ lat: 30.6, lon: 32.3 }), 8, 'Suez Canal');
  assert.ok((speedLimitKnAt({ lat: 41.12, lon: 29.06 }) ?? 99) <= 10, 'Bosporus');
  assert.equal(speedLimitKnAt({ lat: 30, lon: -40 }), undefined, 'mid-Atlantic');
  assert.ok(isOnWaterway({ lat: 30.6, lon: 32.3 }), 'Suez is a waterway');
  assert.ok(isOnWaterway({ lat: 29.58, lon: -89.8 }), 'the Mississippi below New Orleans is a fairway');
  assert.ok(!isOnWaterway({ lat: 48.85, lon: 2.35 }), 'Paris is not');
});
