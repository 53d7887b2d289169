import assert from 'node:assert/strict';
import { test } from 'node:test';
import { haversineM } from '../../model/geo.ts';
import type { Port } from '../../model/ports.ts';
import { Random } from '../random.ts';
import { BACKGROUND_EXCLUDED_COUNTRIES, backgroundItinerary, makeFleetVessel } from './fleet.ts';
import { aisFixes, buildTrajectory, NAV_STATUS } from './track.ts';
import type { Itinerary } from './track.ts';
import { VESSEL_KINDS, vesselClass } from './vessel-types.ts';

const HOUR = 3_600_000;
const WINDOW = { startMs: Date.UTC(2024, 4, 1), endMs: Date.UTC(2024, 4, 15) };

function portsCalled(it: Itinerary): Port[] {
  return it.activities.flatMap((a) => (a.kind === 'stay' ? [a.port] : a.kind === 'sail' && 'locode' in a.to ? [a.to as Port] : []));
}

test('every kind gets an itinerary that covers the window and avoids comprehensively sanctioned countries', () => {
  const rnd = new Random('fleet-cover');
  for (const kind of VESSEL_KINDS) {
    for (let i = 0; i < 4; i++) {
      const r = rnd.fork(`${kind}-${i}`);
      const vessel = makeFleetVessel(r, kind, 'mh', String(538000000 + i), '9500001', `${kind} ${i}`, `V7A${i}`);
      const it = backgroundItinerary(r, vessel, WINDOW);
      assert.ok(it.activities.length > 0, kind);
      const trajectory = buildTrajectory(it, r);
      assert.ok(trajectory.endMs >= WINDOW.endMs, `${kind} ${i}: itinerary ends ${new Date(trajectory.endMs).toISOString()}`);
      for (const p of portsCalled(it)) assert.ok(!BACKGROUND_EXCLUDED_COUNTRIES.includes(p.country), `${kind} calls at ${p.locode}`);
    }
  }
});

test('fleet vessels have the dimensions and speed of their class', () => {
  const rnd = new Random('fleet-dims');
  for (const kind of VESSEL_KINDS) {
    const cls = vesselClass(kind);
    for (let i = 0; i < 20; i++) {
      const v = makeFleetVessel(rnd, kind, 'pa', '351000000', undefined, 'X', 'HO1');
      assert.ok(v.length >= cls.lengthM[0] && v.length <= cls.lengthM[1], `${kind} length ${v.length}`);
      assert.ok(v.width >= cls.widthM[0] && v.width <= cls.widthM[1], `${kind} width ${v.width}`);
      assert.ok(v.draughtBallast < v.draughtLaden, `${kind} draught`);
      assert.ok(v.serviceSpeedKn >= cls.serviceSpeedKn[0] && v.serviceSpeedKn <= cls.serviceSpeedKn[1] && v.serviceSpeedKn < cls.maxSpeedKn);
    }
  }
  assert.ok(vesselClass('crude_tanker').maxSpeedKn <= 17, 'a VLCC cannot do much over 16 kn');
  assert.ok(vesselClass('container').maxSpeedKn <= 25);
  assert.throws(() => vesselClass('submarine' as never), /unknown vessel kind/);
});

test('crude tankers sail laden from export terminals and in ballast from refineries', () => {
  const r = new Random('fleet-crude');
  const vessel = makeFleetVessel(r, 'crude_tanker', 'lr', '636000001', '9400002', 'CRUDE ONE', 'D5AA1');
  const it = backgroundItinerary(r, vessel, { startMs: WINDOW.startMs, endMs: WINDOW.startMs + 90 * 24 * HOUR });
  const stays = it.activities.filter((a) => a.kind === 'stay');
  assert.ok(stays.length >= 4);
  for (const s of stays) {
    if (s.kind !== 'stay') continue;
    const loaded = s.port.roles.includes('crude');
    assert.ok(loaded, `${s.port.locode} handles crude`);
    assert.ok(s.draughtAfter === vessel.draughtLaden || s.draughtAfter === vessel.draughtBallast);
  }
  // Alternating: laden, ballast, laden…
  const draughts = stays.map((s) => (s.kind === 'stay' ? s.draughtAfter : 0)).slice(1);
  for (let i = 1; i < draughts.length; i++) assert.notEqual(draughts[i], draughts[i - 1]);
});

test('container liners follow a rotation with short port stays', () => {
  const r = new Random('fleet-liner');
  const vessel = makeFleetVessel(r, 'container', 'dk', '219000001', '9700002', 'LINER', 'OWAA2');
  const it = backgroundItinerary(r, vessel, WINDOW);
  const stays = it.activities.filter((a) => a.kind === 'stay');
  assert.ok(stays.length >= 2);
  assert.ok(stays.every((s) => s.kind === 'stay' && s.port.roles.includes('container')));
});

test('the fleet starts in steady state: some vessels at sea, some in port', () => {
  const rnd = new Random('fleet-steady');
  let atSea = 0;
  for (let i = 0; i < 30; i++) {
    const r = rnd.fork(String(i));
    const it = backgroundItinerary(r, makeFleetVessel(r, 'product_tanker', 'pa', '351000001', undefined, 'P', 'H1'), WINDOW);
    if (!('locode' in it.startAt)) atSea++;
  }
  assert.ok(atSea > 5 && atSea < 28, `${atSea} of 30 start at sea`);
});

test('fishing vessels go out to grounds, fish slowly and drift (engaged in fishing), and come back', () => {
  const rnd = new Random('fleet-fishing');
  let fishingFixes = 0;
  let farFixes = 0;
  for (let i = 0; i < 4; i++) {
    const r = rnd.fork(String(i));
    const vessel = makeFleetVessel(r, 'fishing', 'es', String(224000000 + i), undefined, `PESCA ${i}`, `EA${i}`);
    const it = backgroundItinerary(r, vessel, WINDOW);
    const home = it.startAt as Port;
    for (const f of aisFixes(it, {}, r, WINDOW)) {
      if (f.status === NAV_STATUS.engagedInFishing || (vessel.transceiver === 'B' && f.sog < 5 && haversineM(f, home) > 30_000)) {
        fishingFixes++;
        assert.ok(f.sog < 6, `fishing at ${f.sog} kn`);
      }
      if (haversineM(f, home) > 30_000) farFixes++;
    }
  }
  assert.ok(fishingFixes > 100, `${fishingFixes} fishing fixes`);
  assert.ok(farFixes > 100, `${farFixes} fixes over 30 km from home`);
});
