import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { LatLon } from '../../model/geo.ts';
import { haversineM, mpsToKnots } from '../../model/geo.ts';
import type { Port } from '../../model/ports.ts';
import { portByLocode } from '../../model/ports.ts';
import { Random } from '../random.ts';
import { backgroundItinerary, makeFleetVessel } from './fleet.ts';
import type { AisFix, BroadcastPlan, Itinerary, SimVessel } from './track.ts';
import { aisFixes, aisRows, buildTrajectory, DRIFT_RADIUS_M, formatRow, MARINECADASTRE_HEADER, planDeparture, positionAt, positionRecordId, travelHours } from './track.ts';
import { VESSEL_KINDS, vesselClass } from './vessel-types.ts';
import { formatBaseDateTime, formatCoord, formatTenths, RowWriter } from './ais-format.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 2, 1);
const port = (locode: string): Port => portByLocode(locode)!;

function tanker(mmsi: string, name: string): SimVessel {
  return {
    mmsi,
    imo: '9321483',
    name,
    callSign: 'D5AB7',
    flag: 'lr',
    kind: 'crude_tanker',
    length: 274,
    width: 48,
    draughtLaden: 17.1,
    draughtBallast: 8.2,
    serviceSpeedKn: 13.5,
  };
}

function collect(itinerary: Itinerary, plan: BroadcastPlan, seed: string, options = {}): AisFix[] {
  return [...aisFixes(itinerary, plan, new Random(seed), options)];
}

function sampleCsv(): string | undefined {
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const file of [`${here}../../../../shared/data/samples/ais/marinecadastre_2022-01-03_excerpt5000.csv`, '/work/shared/data/samples/ais/marinecadastre_2022-01-03_excerpt5000.csv']) {
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** Column formats of the MarineCadastre daily files. */
const FIELD_FORMATS: Array<[string, RegExp]> = [
  ['MMSI', /^\d{7,9}$/],
  ['BaseDateTime', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/],
  ['LAT', /^-?\d{1,2}(\.\d{1,5})?$/],
  ['LON', /^-?\d{1,3}(\.\d{1,5})?$/],
  ['SOG', /^-?\d{1,3}\.\d$/],
  ['COG', /^-?\d{1,3}\.\d$/],
  ['Heading', /^\d{1,3}$/],
  ['VesselName', /^.{0,20}$/],
  // The archive itself carries a few malformed IMO numbers (IMO1001301448); generated rows carry 7 digits (checked below).
  ['IMO', /^(IMO\d{7,10})?$/],
  ['CallSign', /^.{0,7}$/],
  ['VesselType', /^\d{0,2}$/],
  ['Status', /^\d{0,2}$/],
  ['Length', /^\d{0,3}$/],
  ['Width', /^\d{0,3}$/],
  ['Draft', /^(\d{1,2}\.\d)?$/],
  ['Cargo', /^\d{0,3}$/],
  ['TransceiverClass', /^[AB]$/],
];

function assertRowFormat(row: string): void {
  const fields = (parse(row) as string[][])[0]!;
  assert.equal(fields.length, FIELD_FORMATS.length, row);
  FIELD_FORMATS.forEach(([name, re], i) => assert.match(fields[i]!, re, `${name} in ${row}`));
}

test('the header and every column match the real MarineCadastre file', { skip: sampleCsv() === undefined && 'shared sample data not present' }, () => {
  const lines = readFileSync(sampleCsv()!, 'utf8').trim().split('\n');
  assert.equal(MARINECADASTRE_HEADER, lines[0]);
  // The formats are those of the real file: every real row passes them.
  for (const line of lines.slice(1)) assertRowFormat(line);
  const it: Itinerary = {
    vessel: tanker('636019825', 'MARE NOSTRUM'),
    startMs: T0,
    startAt: port('RUNVS'),
    draught: 8.2,
    activities: [{ kind: 'stay', port: port('RUNVS'), until: T0 + 20 * HOUR, draughtAfter: 17.1 }, { kind: 'sail', to: port('GRPIR') }, { kind: 'stay', port: port('GRPIR'), until: T0 + 140 * HOUR }],
  };
  const rows = [...aisRows(it, {}, new Random('format'))];
  assert.ok(rows.length > 100);
  for (const row of rows) {
    assertRowFormat(row);
    assert.match((parse(row) as string[][])[0]![8]!, /^IMO\d{7}$/);
  }
  assert.match(rows[0]!, /^636019825,2024-03-01T\d\d:\d\d:\d\d,/);
  assert.ok(rows.some((r) => r.split(',')[8] === 'IMO9321483'));
});

test('formatRow writes coordinates and tenths exactly as the archive does', () => {
  const vessel = tanker('563012340', 'ALPHA, BETA');
  const fix: AisFix = {
    t: Date.UTC(2022, 0, 3, 7, 5, 9, 700),
    lat: 30.370600001,
    lon: -88.5,
    trueLat: 0,
    trueLon: 0,
    sog: 0.04,
    cog: 359.96,
    heading: 7,
    status: 5,
    draught: 12,
    identity: { mmsi: '563012340', name: 'Alpha, Beta', callSign: '9v1234', flag: 'sg', imo: '9321483' },
    spoofed: false,
    segmentKind: 'moored',
    activity: 0,
    vessel,
  };
  assert.equal(formatRow(fix), '563012340,2022-01-03T07:05:09,30.3706,-88.5,0.0,360.0,7,"ALPHA, BETA",IMO9321483,9V1234,80,5,274,48,12.0,80,A');
  assert.equal(positionRecordId('563012340', fix.t), '563012340@2022-01-03T07:05:09');
  const b = formatRow({ ...fix, vessel: { ...vessel, transceiver: 'B' }, status: undefined, draught: undefined, heading: 511, lat: -0.000001, lon: 179.999999 });
  assert.equal(b, '563012340,2022-01-03T07:05:09,0,180,0.0,360.0,511,"ALPHA, BETA",IMO9321483,9V1234,80,,274,48,,,B');
});

test('the row writer prints coordinates and tenths exactly as formatCoord and formatTenths', () => {
  const rnd = new Random('row-writer');
  const w = new RowWriter();
  for (let i = 0; i < 20_000; i++) {
    const deg = i < 8 ? [0, -0.000004, 0.000005, 180, -179.99999, 12.3, -0.1, 89.999996][i]! : rnd.range(-180, 180);
    w.start();
    w.coord(deg);
    assert.equal(w.finish(), formatCoord(deg), String(deg));
    const v = rnd.range(0, 400);
    w.start();
    w.tenths(v);
    assert.equal(w.finish(), formatTenths(v), String(v));
  }
  const t = Date.UTC(2031, 11, 31, 23, 59, 59);
  w.start();
  w.dateTime(t);
  assert.equal(w.finish(), formatBaseDateTime(t));
  assert.equal(formatBaseDateTime(t), '2031-12-31T23:59:59');
});

test('an itinerary with an invalid activity fails with a clear error', () => {
  const it: Itinerary = { vessel: tanker('636020009', 'BAD'), startMs: T0, startAt: port('NLRTM'), draught: 8, activities: [{ kind: 'stay', port: port('NLRTM'), until: Number.NaN }] };
  assert.throws(() => buildTrajectory(it, new Random('bad')), /activity 0 \(stay\): until must be an epoch time/);
});

test('true speeds between consecutive fixes never exceed the class maximum', () => {
  const rnd = new Random('speeds');
  const window = { startMs: T0, endMs: T0 + 6 * 24 * HOUR };
  for (let i = 0; i < VESSEL_KINDS.length * 2; i++) {
    const kind = VESSEL_KINDS[i % VESSEL_KINDS.length]!;
    const r = rnd.fork(`vessel-${i}`);
    const vessel = makeFleetVessel(r, kind, 'pa', String(352000000 + i), undefined, `TEST ${i}`, `HP${i}`);
    const it = backgroundItinerary(r, vessel, window);
    const max = vesselClass(kind).maxSpeedKn;
    let previous: AisFix | undefined;
    let fixes = 0;
    for (const fix of aisFixes(it, { receptionGaps: false }, r, { density: 3, ...window })) {
      if (previous) {
        const dt = (fix.t - previous.t) / 1000;
        assert.ok(dt >= 1, `${kind}: fixes ${dt}s apart`);
        const kn = mpsToKnots(haversineM({ lat: previous.trueLat, lon: previous.trueLon }, { lat: fix.trueLat, lon: fix.trueLon }) / dt);
        assert.ok(kn <= max + 0.05, `${kind} ${vessel.mmsi}: ${kn.toFixed(2)} kn > ${max} at ${new Date(fix.t).toISOString()}`);
        assert.ok(fix.sog <= max + 0.5, `${kind}: reported ${fix.sog} kn`);
      }
      previous = fix;
      fixes++;
    }
    assert.ok(fixes > 50, `${kind}: only ${fixes} fixes`);
  }
});

test('a trans-Pacific voyage crosses the antimeridian smoothly', () => {
  const vessel: SimVessel = { ...tanker('477000001', 'PACIFIC'), kind: 'container', serviceSpeedKn: 19 };
  const it: Itinerary = { vessel, startMs: T0, startAt: port('CNSHA'), draught: 12, activities: [{ kind: 'sail', to: port('USLAX') }] };
  const fixes = collect(it, { receptionGaps: false }, 'pacific');
  assert.ok(fixes.some((f) => f.lon > 170) && fixes.some((f) => f.lon < -170), 'track on both sides of 180°');
  for (let i = 1; i < fixes.length; i++) {
    const a = fixes[i - 1]!;
    const b = fixes[i]!;
    assert.ok(b.lon >= -180 && b.lon < 180);
    const kn = mpsToKnots(haversineM({ lat: a.trueLat, lon: a.trueLon }, { lat: b.trueLat, lon: b.trueLon }) / ((b.t - a.t) / 1000));
    assert.ok(kn <= vesselClass('container').maxSpeedKn, `${kn.toFixed(1)} kn at ${b.lat.toFixed(2)},${b.lon.toFixed(2)}`);
  }
});

/** Two tankers meet at a point at sea and drift side by side: a planted ship-to-ship transfer. */
function stsPair(meetAt: LatLon, meetStart: number, meetEnd: number): [Itinerary, Itinerary] {
  const a = tanker('636020001', 'SUPPLIER');
  const b = { ...tanker('636020002', 'RECEIVER'), imo: '9400001' };
  const fromA = port('RUNVS');
  const fromB = port('GRPIR');
  const leaveA = planDeparture(fromA, meetAt, meetStart - 3 * HOUR, a.serviceSpeedKn);
  const leaveB = planDeparture(fromB, meetAt, meetStart - 2 * HOUR, b.serviceSpeedKn);
  const start = Math.min(leaveA, leaveB) - 6 * HOUR;
  return [
    {
      vessel: a,
      startMs: start,
      startAt: fromA,
      draught: a.draughtLaden,
      activities: [
        { kind: 'stay', port: fromA, until: leaveA },
        { kind: 'sail', to: meetAt },
        { kind: 'drift', at: meetAt, until: meetEnd, draughtAfter: a.draughtBallast, status: 3 },
        { kind: 'sail', to: fromA },
      ],
    },
    {
      vessel: b,
      startMs: start,
      startAt: fromB,
      draught: b.draughtBallast,
      activities: [
        { kind: 'stay', port: fromB, until: leaveB },
        { kind: 'sail', to: meetAt },
        { kind: 'drift', at: meetAt, until: meetEnd, draughtAfter: b.draughtLaden },
        { kind: 'sail', to: port('TRALI') },
      ],
    },
  ];
}

test('drift stays within 150 m of its point at under 2 kn; two drifting vessels stay within 500 m', () => {
  const meetAt = { lat: 35.2, lon: 23.6 }; // open sea south-west of Crete
  const meetStart = T0 + 5 * 24 * HOUR;
  const meetEnd = meetStart + 10 * HOUR;
  const [a, b] = stsPair(meetAt, meetStart, meetEnd);
  const ta = buildTrajectory(a, new Random('sts-a'));
  const tb = buildTrajectory(b, new Random('sts-b'));
  // Both arrive before the meeting starts (planDeparture leaves slack), and drift until its end.
  assert.ok(ta.activityEnds[1]! <= meetStart && tb.activityEnds[1]! <= meetStart, 'both on station in time');
  for (let t = meetStart; t < meetEnd; t += 60_000) {
    const pa = positionAt(ta, t)!;
    const pb = positionAt(tb, t)!;
    assert.ok(haversineM(pa, meetAt) <= 150, `A ${haversineM(pa, meetAt).toFixed(0)} m from its point`);
    assert.ok(haversineM(pb, meetAt) <= 150, `B ${haversineM(pb, meetAt).toFixed(0)} m from its point`);
    assert.ok(haversineM(pa, pb) <= 500, 'A and B within 500 m');
    assert.ok(pa.sogKn < 2 && pb.sogKn < 2, 'drifting under 2 kn');
  }
  assert.ok(DRIFT_RADIUS_M <= 150);
  const fixes = collect(a, { receptionGaps: false }, 'sts-a', { density: 4 }).filter((f) => f.t >= meetStart && f.t < meetEnd);
  assert.ok(fixes.length > 20);
  for (const f of fixes) {
    assert.ok(f.sog < 2, `broadcast SOG ${f.sog}`);
    assert.ok(haversineM(f, meetAt) <= 160, 'broadcast position near the point');
    assert.equal(f.status, 3, 'restricted manoeuvrability while transferring');
    assert.equal(f.segmentKind, 'drift');
  }
  // The draught changes at the end of the transfer: laden before, ballast after.
  const after = collect(a, { receptionGaps: false }, 'sts-a').filter((f) => f.t > meetEnd + HOUR);
  assert.ok(after.length > 0 && after.every((f) => f.draught === 8.2));
});

test('dark windows emit nothing; fixes resume after', () => {
  const it: Itinerary = { vessel: tanker('636020003', 'DARK'), startMs: T0, startAt: port('RUPRM'), draught: 17.1, activities: [{ kind: 'sail', to: port('NLRTM') }] };
  const dark = { startMs: T0 + 30 * HOUR, endMs: T0 + 52 * HOUR };
  const fixes = collect(it, { darkWindows: [dark], receptionGaps: false }, 'dark');
  assert.equal(fixes.filter((f) => f.t >= dark.startMs && f.t < dark.endMs).length, 0);
  assert.ok(fixes.some((f) => f.t < dark.startMs) && fixes.some((f) => f.t >= dark.endMs));
});

test('identity windows change what is broadcast, not where the vessel is', () => {
  const it: Itinerary = { vessel: tanker('636020004', 'ORIGINAL'), startMs: T0, startAt: port('AEFJR'), draught: 8.2, activities: [{ kind: 'sail', to: port('CNQDG') }] };
  const from = T0 + 48 * HOUR;
  const to = T0 + 96 * HOUR;
  const plan: BroadcastPlan = { identity: [{ fromMs: from, toMs: to, mmsi: '667001234', name: 'NEW DAWN', flag: 'sl' }], receptionGaps: false };
  const fixes = collect(it, plan, 'identity');
  const inside = fixes.filter((f) => f.t >= from && f.t < to);
  const outside = fixes.filter((f) => f.t < from || f.t >= to);
  assert.ok(inside.length > 10 && outside.length > 10);
  for (const f of inside) {
    assert.equal(f.identity.mmsi, '667001234');
    assert.equal(f.identity.name, 'NEW DAWN');
    assert.match(formatRow(f), /^667001234,.*,NEW DAWN,IMO9321483,/);
  }
  for (const f of outside) assert.equal(f.identity.mmsi, '636020004');
  // The true track is the same with or without the borrowed identity.
  const plain = collect(it, { receptionGaps: false }, 'identity');
  assert.deepEqual(plain.map((f) => [f.t, f.trueLat, f.trueLon]), fixes.map((f) => [f.t, f.trueLat, f.trueLon]));
});

test('jumps broadcast spoofed positions far from the true one', () => {
  const it: Itinerary = { vessel: tanker('636020005', 'SPOOF'), startMs: T0, startAt: port('SYBAN'), draught: 17.1, activities: [{ kind: 'stay', port: port('SYBAN'), until: T0 + 72 * HOUR }] };
  const jump = { atMs: T0 + 12 * HOUR, toLatLon: { lat: 34.2, lon: 24.5 }, durationMin: 36 * 60 };
  const fixes = collect(it, { jumps: [jump], receptionGaps: false }, 'jump');
  const spoofed = fixes.filter((f) => f.spoofed);
  assert.ok(spoofed.length > 10);
  for (const f of spoofed) {
    assert.ok(f.t >= jump.atMs && f.t < jump.atMs + jump.durationMin * 60_000);
    assert.ok(haversineM(f, jump.toLatLon) < 1000, 'reports the spoofed place');
    assert.ok(haversineM(f, { lat: f.trueLat, lon: f.trueLon }) > 500_000, 'while truly far away');
  }
  assert.ok(fixes.filter((f) => !f.spoofed).every((f) => haversineM(f, { lat: f.trueLat, lon: f.trueLon }) < 50));
});

test('moored in port: inside the radius, status 5, about zero speed, sparse reporting', () => {
  const p = port('SGSIN');
  const it: Itinerary = { vessel: tanker('636020006', 'MOORED'), startMs: T0, startAt: p, draught: 8.2, activities: [{ kind: 'stay', port: p, until: T0 + 48 * HOUR }] };
  const fixes = collect(it, { receptionGaps: false }, 'moored');
  assert.ok(fixes.length >= 96 && fixes.length <= 300, `${fixes.length} fixes in 48 h`);
  for (const f of fixes) {
    assert.ok(haversineM(f, p) <= p.radiusKm * 1000);
    assert.ok(f.sog <= 0.1);
    assert.equal(f.segmentKind, 'moored');
  }
  assert.ok(fixes.filter((f) => f.status === 5).length > fixes.length * 0.9);
});

test('determinism: the same seed gives identical rows, another seed different ones; one fix per second at most', () => {
  const window = { startMs: T0, endMs: T0 + 4 * 24 * HOUR };
  const rowsFor = (seed: string): string[] => {
    const r = new Random(seed);
    const vessel = makeFleetVessel(r, 'container', 'mt', '248000123', '9700001', 'CMA TEST', '9HA1');
    return [...aisRows(backgroundItinerary(r, vessel, window), {}, r, window)];
  };
  const one = rowsFor('seed-1');
  assert.deepEqual(rowsFor('seed-1'), one);
  assert.notDeepEqual(rowsFor('seed-2'), one);
  const ids = one.map((row) => row.split(',').slice(0, 2).join('@'));
  assert.equal(new Set(ids).size, ids.length, 'no two fixes of a vessel in the same second');
  const times = one.map((row) => row.split(',')[1]!);
  assert.deepEqual([...times].sort(), times, 'rows in time order');
  // A trajectory built first gives the same rows as the itinerary directly.
  const r = new Random('seed-1');
  const vessel = makeFleetVessel(r, 'container', 'mt', '248000123', '9700001', 'CMA TEST', '9HA1');
  const it = backgroundItinerary(r, vessel, window);
  assert.deepEqual([...aisRows(buildTrajectory(it, r), {}, r, window)], one);
});

test('ordinary reception gaps: mostly short, long ones rare and offshore', () => {
  const it: Itinerary = {
    vessel: tanker('636020007', 'LONG HAUL'),
    startMs: T0,
    startAt: port('BRSSZ'),
    draught: 17.1,
    activities: [{ kind: 'sail', to: port('CNQDG') }],
  };
  let gaps = 0;
  let long = 0;
  for (let s = 0; s < 6; s++) {
    const fixes = collect(it, {}, `gaps-${s}`);
    for (let i = 1; i < fixes.length; i++) {
      const h = (fixes[i]!.t - fixes[i - 1]!.t) / HOUR;
      if (h > 0.5) gaps++;
      if (h >= 12) long++;
    }
  }
  assert.ok(gaps > 20, `${gaps} gaps over six Santos → Qingdao voyages`);
  assert.ok(long <= gaps * 0.1, `${long} of ${gaps} gaps ≥ 12 h`);
  const none = collect(it, { receptionGaps: false }, 'gaps-0');
  const maxGapH = Math.max(...none.slice(1).map((f, i) => (f.t - none[i]!.t) / HOUR));
  assert.ok(maxGapH < 0.25, `without reception gaps the longest interval is ${maxGapH.toFixed(2)} h`);
});

test('travelHours predicts the trajectory within a few percent', () => {
  const from = port('RUPRM');
  const to = port('INSIK');
  const hours = travelHours(from, to, 13.5);
  const it: Itinerary = { vessel: tanker('636020008', 'ESTIMATE'), startMs: T0, startAt: from, draught: 17.1, activities: [{ kind: 'sail', to, speedKn: 13.5 }] };
  const actual = (buildTrajectory(it, new Random('estimate')).endMs - T0) / HOUR;
  assert.ok(Math.abs(actual - hours) / hours < 0.05, `estimated ${hours.toFixed(1)} h, sailed ${actual.toFixed(1)} h`);
  assert.ok(hours > 500 && hours < 620, `Primorsk → Sikka at 13.5 kn: ${hours.toFixed(0)} h`);
});
