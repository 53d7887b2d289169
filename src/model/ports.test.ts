import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distanceToShoreKm, onLand } from './coast.ts';
import { densifyGreatCircle, haversineM } from './geo.ts';
import { PORTS, portByLocode, portsWithRole } from './ports.ts';

test('at least 100 ports with unique, well-formed UN/LOCODEs matching their country', () => {
  assert.ok(PORTS.length >= 100, `${PORTS.length} ports`);
  const seen = new Set<string>();
  for (const p of PORTS) {
    assert.match(p.locode, /^[A-Z]{2}[A-Z2-9]{3}$/, p.locode);
    assert.ok(!seen.has(p.locode), `duplicate ${p.locode}`);
    seen.add(p.locode);
    assert.equal(p.locode.slice(0, 2).toLowerCase(), p.country, p.locode);
    assert.match(p.country, /^[a-z]{2}$/);
    assert.ok(p.name.length > 0);
    assert.ok(p.radiusKm > 0 && p.radiusKm <= 15, `${p.locode} radius`);
    assert.ok(p.roles.length > 0, `${p.locode} roles`);
  }
});

test('coordinates in range', () => {
  for (const p of PORTS) {
    for (const q of [p, ...p.approach, ...(p.fairway ?? [])]) {
      assert.ok(q.lat >= -90 && q.lat <= 90 && q.lon >= -180 && q.lon < 180, `${p.locode} ${q.lat},${q.lon}`);
    }
  }
});

test('approach points are at sea, the outermost clear of the coast, and legs between them stay at sea', () => {
  for (const p of PORTS) {
    assert.ok(p.approach.length >= 1, `${p.locode} has an approach`);
    p.approach.forEach((a, i) => assert.equal(onLand(a), false, `${p.locode} approach[${i}] ${a.lat},${a.lon} on land`));
    const outer = p.approach[p.approach.length - 1]!;
    assert.ok(distanceToShoreKm(outer) >= 3, `${p.locode} outer approach only ${distanceToShoreKm(outer).toFixed(1)} km from shore`);
    for (let i = 1; i < p.approach.length; i++) {
      for (const q of densifyGreatCircle(p.approach[i - 1]!, p.approach[i]!, 500)) {
        assert.equal(onLand(q), false, `${p.locode} approach leg ${i} crosses land at ${q.lat.toFixed(3)},${q.lon.toFixed(3)}`);
      }
    }
    if (!p.fairway) {
      // Without a fairway, the way from the berth to the first approach point leaves land within the port radius.
      for (const q of densifyGreatCircle(p, p.approach[0]!, 500)) {
        if (haversineM(q, p) <= p.radiusKm * 1000) continue;
        assert.equal(onLand(q), false, `${p.locode} berth → approach crosses land outside the radius at ${q.lat.toFixed(3)},${q.lon.toFixed(3)}`);
      }
    }
  }
});

test('the table covers the trade and sanctions geography the scenarios need', () => {
  for (const locode of ['NLRTM', 'SGSIN', 'RUPRM', 'RUULU', 'RUNVS', 'RUKOZ', 'INSIK', 'AEFJR', 'IRBND', 'CNQDG', 'GEPTI', 'TRAMR', 'USHOU', 'BRSSZ', 'PABLB', 'PAONX']) {
    assert.ok(portByLocode(locode), locode);
  }
  assert.equal(portByLocode('nlrtm')?.name, 'Rotterdam');
  assert.equal(portByLocode('XXXXX'), undefined);
  assert.equal(portByLocode('KZAKT')?.oceanReachable, false, 'Aktau is on the Caspian');
  for (const role of ['crude', 'products', 'lng', 'container', 'bulk', 'general', 'hub'] as const) assert.ok(portsWithRole(role).length >= 5, role);
});
