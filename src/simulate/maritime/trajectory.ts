/**
 * A vessel's true motion: an itinerary (sail here, stay in port until then,
 * drift at that point…) turned into a continuous trajectory of segments, each
 * giving position, speed and course as a function of time. The AIS layer
 * (track.ts) samples it; the ground truth reads it directly.
 *
 * Realism that detection depends on: speeds vary around the service speed,
 * slower leaving and entering port and in canals and busy straits, never above
 * the class maximum; moored vessels sit still at a berth inside the port;
 * anchored vessels swing round their anchor; drifting vessels move at under
 * 2 kn and stay within 150 m of their point, so two vessels drifting at the
 * same point stay within 500 m of each other — which is how a ship-to-ship
 * transfer is planted.
 */
import type { LatLon } from '../../model/geo.ts';
import { bearingDeg, destination, haversineM, knotsToMps, lonDelta, M_PER_NM, mpsToKnots, normalizeLon } from '../../model/geo.ts';
import type { Port } from '../../model/ports.ts';
import { SextantError } from '../../errors.ts';
import type { Random } from '../random.ts';
import type { RouteOptions } from './lanes.ts';
import { routePoint, sharedSeaRoute, speedLimitKnAt, type PackedRoute } from './lanes.ts';
import type { VesselKind } from './vessel-types.ts';
import { vesselClass } from './vessel-types.ts';

export interface SimVessel {
  mmsi: string;
  imo?: string;
  name: string;
  callSign: string;
  /** ISO alpha-2, lower case. */
  flag: string;
  kind: VesselKind;
  length: number;
  width: number;
  draughtLaden: number;
  draughtBallast: number;
  serviceSpeedKn: number;
  /** AIS transceiver class; class A unless given. */
  transceiver?: 'A' | 'B';
  /** AIS ship type code broadcast; the class's usual code unless given. */
  aisType?: number;
  /** False for a vessel whose heading sensor is not connected (broadcasts 511). */
  sendsHeading?: boolean;
}

/** AIS navigational status codes used here. */
export const NAV_STATUS = Object.freeze({
  underWayUsingEngine: 0,
  atAnchor: 1,
  restrictedManoeuvrability: 3,
  moored: 5,
  engagedInFishing: 7,
});

export type Activity =
  | { kind: 'sail'; to: Port | LatLon; speedKn?: number; status?: number; route?: RouteOptions }
  | { kind: 'stay'; port: Port; until: number; draughtAfter?: number }
  | { kind: 'anchor'; at: LatLon; until: number; draughtAfter?: number }
  | { kind: 'drift'; at: LatLon; until: number; draughtAfter?: number; status?: number };

export interface Itinerary {
  vessel: SimVessel;
  startMs: number;
  startAt: Port | LatLon;
  /** Draught at the start, metres. */
  draught: number;
  activities: Activity[];
}

export type SegmentKind = 'move' | 'moored' | 'anchored' | 'drift';

/**
 * One piece of the trajectory. Moves are straight (short) legs at constant
 * speed; holds are motion about a point with closed-form position and velocity.
 */
export interface Segment {
  kind: SegmentKind;
  t0: number;
  t1: number;
  /** Position at t0. */
  lat: number;
  lon: number;
  /** Moves: displacement over the segment, degrees (longitude unwrapped). */
  dLat: number;
  dLon: number;
  /** Moves: speed over ground and course, knots and degrees. */
  sogKn: number;
  cog: number;
  /** Holds: parameters of the motion about the point (see holdOffset). */
  hold?: HoldMotion;
  status: number;
  draught: number;
  /** Index of the itinerary activity this segment belongs to. */
  activity: number;
  /** The port the vessel is in, for moored segments and harbour legs. */
  port?: Port;
}

/** Closed-form motion about a point: offsets in metres east (x) and north (y). */
export interface HoldMotion {
  /** Anchored: the anchor position and the swing. */
  anchorLat?: number;
  anchorLon?: number;
  radiusM?: number;
  theta0?: number;
  swingRad?: number;
  swingPeriodS?: number;
  /** Drift: three sinusoids per axis, zero at t0. */
  ax?: number[];
  wx?: number[];
  px?: number[];
  ay?: number[];
  wy?: number[];
  py?: number[];
  /** Heading while holding: base and slow yaw. */
  heading: number;
  yawDeg: number;
  yawPeriodS: number;
}

/** Segment kinds by their code in Segments.kind. */
export const SEGMENT_KINDS: readonly SegmentKind[] = Object.freeze(['move', 'moored', 'anchored', 'drift']);
export const MOVE = 0;
export const MOORED = 1;
export const ANCHORED = 2;
export const DRIFT = 3;

/**
 * A trajectory's segments, column by column: a vessel's thousands of
 * segments are a dozen typed arrays instead of thousands of objects with a
 * boxed number per field (the benchmark world builds millions of them, and
 * as objects they filled the heap faster than anything else). Holds and
 * ports, which few segments have, are kept beside them.
 */
export class Segments {
  length = 0;
  kind = new Uint8Array(64);
  t0 = new Float64Array(64);
  t1 = new Float64Array(64);
  lat = new Float64Array(64);
  lon = new Float64Array(64);
  dLat = new Float64Array(64);
  dLon = new Float64Array(64);
  sogKn = new Float64Array(64);
  cog = new Float64Array(64);
  draught = new Float64Array(64);
  status = new Int32Array(64);
  activity = new Int32Array(64);
  hold: Array<HoldMotion | undefined> = [];
  port: Array<Port | undefined> = [];

  /** Index of a new segment, its columns to be filled by the caller (a move: see buildTrajectory). */
  reserve(): number {
    const i = this.length;
    if (i === this.t0.length) this.grow();
    this.length = i + 1;
    return i;
  }

  /** Appends a segment; returns its index. */
  add(
    kind: number,
    t0: number,
    t1: number,
    lat: number,
    lon: number,
    dLat: number,
    dLon: number,
    sogKn: number,
    cog: number,
    status: number,
    draught: number,
    activity: number,
    hold: HoldMotion | undefined,
    port: Port | undefined,
  ): number {
    const i = this.length;
    if (i === this.t0.length) this.grow();
    this.kind[i] = kind;
    this.t0[i] = t0;
    this.t1[i] = t1;
    this.lat[i] = lat;
    this.lon[i] = lon;
    this.dLat[i] = dLat;
    this.dLon[i] = dLon;
    this.sogKn[i] = sogKn;
    this.cog[i] = cog;
    this.status[i] = status;
    this.draught[i] = draught;
    this.activity[i] = activity;
    this.hold[i] = hold;
    this.port[i] = port;
    this.length = i + 1;
    return i;
  }

  /** Segment i as an object. */
  at(i: number): Segment {
    const seg: Segment = {
      kind: SEGMENT_KINDS[this.kind[i]!]!,
      t0: this.t0[i]!,
      t1: this.t1[i]!,
      lat: this.lat[i]!,
      lon: this.lon[i]!,
      dLat: this.dLat[i]!,
      dLon: this.dLon[i]!,
      sogKn: this.sogKn[i]!,
      cog: this.cog[i]!,
      status: this.status[i]!,
      draught: this.draught[i]!,
      activity: this.activity[i]!,
    };
    const hold = this.hold[i];
    if (hold) seg.hold = hold;
    const port = this.port[i];
    if (port) seg.port = port;
    return seg;
  }

  private grow(): void {
    const n = this.t0.length * 2;
    const more = <A extends Float64Array | Int32Array | Uint8Array>(a: A, make: new (n: number) => A): A => {
      const b = new make(n);
      b.set(a);
      return b;
    };
    this.kind = more(this.kind, Uint8Array);
    this.t0 = more(this.t0, Float64Array);
    this.t1 = more(this.t1, Float64Array);
    this.lat = more(this.lat, Float64Array);
    this.lon = more(this.lon, Float64Array);
    this.dLat = more(this.dLat, Float64Array);
    this.dLon = more(this.dLon, Float64Array);
    this.sogKn = more(this.sogKn, Float64Array);
    this.cog = more(this.cog, Float64Array);
    this.draught = more(this.draught, Float64Array);
    this.status = more(this.status, Int32Array);
    this.activity = more(this.activity, Int32Array);
  }
}

export interface Trajectory {
  vessel: SimVessel;
  segments: Segments;
  startMs: number;
  endMs: number;
  /** When each activity ended (epoch ms), in itinerary order. */
  activityEnds: number[];
}

export interface TruePoint {
  lat: number;
  lon: number;
  sogKn: number;
  cog: number;
  heading: number;
}

const M_PER_DEG = 111_195;
/** Drift stays within this distance of its point (the planted STS pair within 2× of each other). */
export const DRIFT_RADIUS_M = 140;

function isPort(x: Port | LatLon): x is Port {
  return typeof (x as Port).locode === 'string';
}

/**
 * A berth inside the port: near the terminal position, a little way along the
 * channel out (so the way out is the port's checked channel), a few hundred
 * metres to one side.
 */
function berthFor(port: Port, random: Random): LatLon {
  const toward = port.fairway?.[0] ?? port.approach[0]!;
  const bearing = bearingDeg(port, toward);
  const along = random.range(0, Math.min(1000, 0.3 * haversineM(port, toward)));
  return destination(destination({ lat: port.lat, lon: port.lon }, bearing, along), bearing + 90, random.range(-300, 300));
}

/** Turns an itinerary into its true trajectory. Uses `random.fork('trajectory')`, so aisFixes sees the same motion. */
export function buildTrajectory(itinerary: Itinerary, random: Random): Trajectory {
  const rng = random.fork('trajectory');
  const { vessel } = itinerary;
  const cls = vesselClass(vessel.kind);
  const maxKn = cls.maxSpeedKn;
  const segments = new Segments();
  const activityEnds: number[] = [];
  let now = itinerary.startMs;
  let draught = itinerary.draught;
  let inPort: Port | undefined = isPort(itinerary.startAt) ? itinerary.startAt : undefined;
  let here: LatLon = inPort ? berthFor(inPort, rng) : { lat: itinerary.startAt.lat, lon: itinerary.startAt.lon };
  let heading = rng.range(0, 360);

  const sail = (to: Port | LatLon, activity: number, speedKn?: number, status?: number, routeOptions?: RouteOptions): void => {
    const route = sharedSeaRoute(inPort ?? here, to, routeOptions);
    const profile = routeProfile(route);
    const arrivalPort = isPort(to) ? to : undefined;
    // The route runs port to port (or point to point); the ship leaves from and arrives at a berth.
    const first: LatLon = { lat: here.lat, lon: here.lon };
    const last: LatLon = arrivalPort ? berthFor(arrivalPort, rng) : routePoint(route, route.length - 1);
    const fromPort = inPort;
    const cruise = Math.min(speedKn ?? vessel.serviceSpeedKn * rng.range(0.92, 1.03), maxKn * 0.97);
    const legs = route.length - 1;
    // Route points are read into these (the route is packed); the legs' own ends, a and b, use two more.
    const la: LatLon = { lat: 0, lon: 0 };
    const lb: LatLon = { lat: 0, lon: 0 };
    const sa: LatLon = { lat: 0, lon: 0 };
    const sb: LatLon = { lat: 0, lon: 0 };
    const legLength = (i: number): number =>
      i === 0 || i === legs - 1
        ? haversineM(i === 0 ? first : routePoint(route, i, la), i === legs - 1 ? last : routePoint(route, i + 1, lb))
        : profile.legM[i]!;
    let total = profile.total - profile.legM[0]! + legLength(0);
    if (legs > 1) total += legLength(legs - 1) - profile.legM[legs - 1]!;
    let travelled = 0;
    let wobble = 0;
    for (let i = 0; i < legs; i++) {
      const a = i === 0 ? first : routePoint(route, i, sa);
      const b = i === legs - 1 ? last : routePoint(route, i + 1, sb);
      const legM = legLength(i);
      if (legM < 0.5) continue;
      const cog = i === 0 || i === legs - 1 ? bearingDeg(a, b) : profile.legCog[i]!;
      const limit = profile.legLimit[i]!;
      const dLon = lonDelta(a.lon, b.lon);
      const dLat = b.lat - a.lat;
      // Near either end the speed ramps, so split legs finely there.
      const nearEnd = travelled < 12 * M_PER_NM || total - travelled - legM < 12 * M_PER_NM;
      const pieces = Math.max(1, Math.ceil(legM / (nearEnd ? 2000 : 25_000)));
      const pieceM = legM / pieces;
      for (let k = 0; k < pieces; k++) {
        const f0 = k / pieces;
        const fromStart = travelled + pieceM / 2;
        const toEnd = total - fromStart;
        const target = Math.min(cruise, rampKn(fromStart, fromPort !== undefined, cruise), rampKn(toEnd, arrivalPort !== undefined, cruise), limit);
        wobble = 0.85 * wobble + rng.normal(0, 0.015);
        const sog = Math.max(Math.min(target, 3), Math.min(maxKn * 0.98, target * (1 + wobble)));
        const durationMs = (pieceM / knotsToMps(sog)) * 1000;
        // Written column by column (numbers passed to a call would be boxed, millions of times).
        const at = segments.reserve();
        segments.kind[at] = MOVE;
        segments.t0[at] = now;
        segments.t1[at] = now + durationMs;
        segments.lat[at] = a.lat + dLat * f0;
        segments.lon[at] = normalizeLon(a.lon + dLon * f0);
        segments.dLat[at] = dLat / pieces;
        segments.dLon[at] = dLon / pieces;
        segments.sogKn[at] = sog;
        segments.cog[at] = cog;
        segments.status[at] = status ?? NAV_STATUS.underWayUsingEngine;
        segments.draught[at] = draught;
        segments.activity[at] = activity;
        segments.hold[at] = undefined;
        // The harbour legs know their port.
        segments.port[at] = fromStart < 3 * M_PER_NM && fromPort ? fromPort : toEnd < 3 * M_PER_NM && arrivalPort ? arrivalPort : undefined;
        now += durationMs;
        travelled += pieceM;
      }
    }
    here = last;
    heading = segments.length > 0 ? segments.cog[segments.length - 1]! : heading;
    inPort = arrivalPort;
  };

  const hold = (kind: 'moored' | 'anchored' | 'drift', until: number, activity: number, status: number): void => {
    if (until <= now) return;
    let motion: HoldMotion;
    if (kind === 'moored') {
      motion = { heading: heading, yawDeg: 0.5, yawPeriodS: 3600 };
    } else if (kind === 'anchored') {
      // The ship lies downstream of its anchor and swings with the tide.
      const radiusM = Math.min(150, 40 + vessel.length * 0.35);
      const theta0 = (rng.range(0, 360) * Math.PI) / 180;
      const anchor = offsetPoint(here, -radiusM * Math.sin(theta0), -radiusM * Math.cos(theta0));
      motion = {
        anchorLat: anchor.lat,
        anchorLon: anchor.lon,
        radiusM,
        theta0,
        swingRad: rng.range(0.4, 1.4),
        swingPeriodS: 12.42 * 3600 * rng.range(0.8, 1.2),
        heading: 0,
        yawDeg: 0,
        yawPeriodS: 3600,
      };
    } else {
      motion = driftMotion(rng);
      motion.heading = rng.range(0, 360);
    }
    segments.add(kind === 'moored' ? MOORED : kind === 'anchored' ? ANCHORED : DRIFT, now, until, here.lat, here.lon, 0, 0, 0, 0, status, draught, activity, motion, kind === 'moored' && inPort ? inPort : undefined);
    now = until;
  };

  itinerary.activities.forEach((act, index) => {
    checkActivity(act, index);
    switch (act.kind) {
      case 'sail':
        sail(act.to, index, act.speedKn, act.status, act.route);
        break;
      case 'stay': {
        if (inPort?.locode !== act.port.locode) {
          if (haversineM(here, act.port) > act.port.radiusKm * 1000) sail(act.port, index);
          inPort = act.port;
        }
        hold('moored', act.until, index, NAV_STATUS.moored);
        if (act.draughtAfter !== undefined) draught = act.draughtAfter;
        break;
      }
      case 'anchor':
      case 'drift': {
        if (haversineM(here, act.at) > 1000) sail(act.at, index);
        else if (inPort) inPort = undefined;
        here = { lat: act.at.lat, lon: act.at.lon };
        const status = act.kind === 'anchor' ? NAV_STATUS.atAnchor : (act.status ?? NAV_STATUS.underWayUsingEngine);
        hold(act.kind === 'anchor' ? 'anchored' : 'drift', act.until, index, status);
        if (act.draughtAfter !== undefined) draught = act.draughtAfter;
        break;
      }
      default:
        throw new SextantError('validation_failed', `unknown activity ${(act as { kind: string }).kind}`);
    }
    activityEnds.push(now);
  });
  return { vessel, segments, startMs: itinerary.startMs, endMs: now, activityEnds };
}

/** Fails fast, naming the activity, on what would otherwise corrupt the trajectory silently (NaN times, bad speeds). */
function checkActivity(act: Activity, index: number): void {
  const bad = (what: string): never => {
    throw new SextantError('validation_failed', `itinerary activity ${index} (${act.kind}): ${what}`, { index, kind: act.kind });
  };
  if (act.kind === 'sail') {
    if (!Number.isFinite(act.to.lat) || !Number.isFinite(act.to.lon)) bad('destination has no valid position');
    if (act.speedKn !== undefined && !(act.speedKn > 0)) bad(`speedKn must be positive, got ${act.speedKn}`);
    return;
  }
  if (!Number.isFinite(act.until)) bad(`until must be an epoch time in ms, got ${act.until}`);
  if (act.draughtAfter !== undefined && !(act.draughtAfter > 0)) bad(`draughtAfter must be positive, got ${act.draughtAfter}`);
  if (act.kind !== 'stay' && (!Number.isFinite(act.at.lat) || !Number.isFinite(act.at.lon))) bad('position is not valid');
}

/** Speed allowed at a distance from a port (harbour speed, then a ramp over ten miles), or at sea from a rendezvous point. */
function rampKn(distanceM: number, isPortEnd: boolean, cruise: number): number {
  const nm = distanceM / M_PER_NM;
  if (isPortEnd) {
    if (nm < 2) return Math.min(cruise, 5 + nm);
    if (nm < 10) return Math.min(cruise, 7 + ((cruise - 7) * (nm - 2)) / 8);
    return cruise;
  }
  // Approaching or leaving a point at sea (a rendezvous): manoeuvring speed over the last mile or two.
  if (nm < 2) return Math.min(cruise, 4 + 2 * nm);
  return cruise;
}

/** Per-leg facts about a route, computed once per (cached) route and shared by every voyage on it. */
interface RouteProfile {
  legM: Float64Array;
  legCog: Float64Array;
  /** Speed limit at the leg's middle, knots (Infinity where none). */
  legLimit: Float64Array;
  total: number;
}

const profiles = new WeakMap<PackedRoute, RouteProfile>();

function routeProfile(route: PackedRoute): RouteProfile {
  let p = profiles.get(route);
  if (p) return p;
  const n = Math.max(0, route.length - 1);
  const legM = new Float64Array(n);
  const legCog = new Float64Array(n);
  const legLimit = new Float64Array(n);
  let total = 0;
  const a: LatLon = { lat: 0, lon: 0 };
  const b: LatLon = { lat: 0, lon: 0 };
  for (let i = 0; i < n; i++) {
    routePoint(route, i, a);
    routePoint(route, i + 1, b);
    legM[i] = haversineM(a, b);
    legCog[i] = bearingDeg(a, b);
    legLimit[i] = speedLimitKnAt(lerp(a, b, 0.5)) ?? Infinity;
    total += legM[i]!;
  }
  p = { legM, legCog, legLimit, total };
  profiles.set(route, p);
  return p;
}

function lerp(a: LatLon, b: LatLon, f: number): LatLon {
  return { lat: a.lat + (b.lat - a.lat) * f, lon: normalizeLon(a.lon + lonDelta(a.lon, b.lon) * f) };
}

function offsetPoint(p: LatLon, eastM: number, northM: number): LatLon {
  const lat = p.lat + northM / M_PER_DEG;
  const lon = normalizeLon(p.lon + eastM / (M_PER_DEG * Math.cos((p.lat * Math.PI) / 180)));
  return { lat, lon };
}

/**
 * Drift as a sum of three sinusoids per axis, each zero at the start: bounded
 * (Σ amplitudes ≤ 48 m per axis, so within 2·48·√2 ≈ 136 m of the point) and
 * slow (Σ amplitude × angular speed ≤ 0.6 m/s per axis, so under 1.7 kn).
 */
function driftMotion(rng: Random): HoldMotion {
  const axis = (): { a: number[]; w: number[]; p: number[] } => {
    const a = [rng.range(6, 20), rng.range(6, 20), rng.range(3, 10)];
    const w = [rng.range(8, 25), rng.range(20, 60), rng.range(60, 180)].map((minutes) => (2 * Math.PI) / (minutes * 60));
    const p = [rng.range(0, 2 * Math.PI), rng.range(0, 2 * Math.PI), rng.range(0, 2 * Math.PI)];
    const sumA = a[0]! + a[1]! + a[2]!;
    if (sumA > DRIFT_RADIUS_M / (2 * Math.SQRT2)) {
      const k = DRIFT_RADIUS_M / (2 * Math.SQRT2) / sumA;
      for (let i = 0; i < 3; i++) a[i]! *= k;
    }
    const sumV = a[0]! * w[0]! + a[1]! * w[1]! + a[2]! * w[2]!;
    if (sumV > 0.6) for (let i = 0; i < 3; i++) a[i]! *= 0.6 / sumV;
    return { a, w, p };
  };
  const x = axis();
  const y = axis();
  return { ax: x.a, wx: x.w, px: x.p, ay: y.a, wy: y.w, py: y.p, heading: 0, yawDeg: rng.range(5, 25), yawPeriodS: rng.range(1800, 7200) };
}

/**
 * Fills `out` with the true state within segment i at the time in
 * `clock.t` (a sampler calls it for every fix: a time passed in a field is not
 * boxed as an argument would be).
 */
export function stateAt(g: Segments, i: number, clock: { t: number }, out: TruePoint): TruePoint {
  const t = clock.t;
  const kind = g.kind[i]!;
  const t0 = g.t0[i]!;
  const lat = g.lat[i]!;
  const lon = g.lon[i]!;
  if (kind === MOVE) {
    const span = g.t1[i]! - t0;
    const f = span > 0 ? (t - t0) / span : 1;
    out.lat = lat + g.dLat[i]! * f;
    out.lon = normalizeLon(lon + g.dLon[i]! * f);
    out.sogKn = g.sogKn[i]!;
    out.cog = g.cog[i]!;
    out.heading = g.cog[i]!;
    return out;
  }
  const m = g.hold[i]!;
  const tau = (t - t0) / 1000;
  const yaw = m.yawDeg * Math.sin((2 * Math.PI * tau) / m.yawPeriodS);
  if (kind === MOORED) {
    out.lat = lat;
    out.lon = lon;
    out.sogKn = 0;
    out.cog = 0;
    out.heading = wrapDeg(m.heading + yaw);
    return out;
  }
  const cosLat = Math.cos((lat * Math.PI) / 180);
  if (kind === ANCHORED) {
    const phase = (2 * Math.PI * tau) / m.swingPeriodS!;
    const theta = m.theta0! + m.swingRad! * Math.sin(phase);
    const dTheta = (m.swingRad! * 2 * Math.PI * Math.cos(phase)) / m.swingPeriodS!;
    const r = m.radiusM!;
    out.lat = m.anchorLat! + (r * Math.cos(theta)) / M_PER_DEG;
    out.lon = normalizeLon(m.anchorLon! + (r * Math.sin(theta)) / (M_PER_DEG * cosLat));
    // Velocity is tangential to the swing circle.
    const vx = r * Math.cos(theta) * dTheta;
    const vy = -r * Math.sin(theta) * dTheta;
    out.sogKn = mpsToKnots(Math.hypot(vx, vy));
    out.cog = wrapDeg((Math.atan2(vx, vy) * 180) / Math.PI);
    out.heading = wrapDeg((theta * 180) / Math.PI + 180);
    return out;
  }
  let x = 0;
  let y = 0;
  let vx = 0;
  let vy = 0;
  for (let k = 0; k < 3; k++) {
    x += m.ax![k]! * (Math.sin(m.wx![k]! * tau + m.px![k]!) - Math.sin(m.px![k]!));
    vx += m.ax![k]! * m.wx![k]! * Math.cos(m.wx![k]! * tau + m.px![k]!);
    y += m.ay![k]! * (Math.sin(m.wy![k]! * tau + m.py![k]!) - Math.sin(m.py![k]!));
    vy += m.ay![k]! * m.wy![k]! * Math.cos(m.wy![k]! * tau + m.py![k]!);
  }
  out.lat = lat + y / M_PER_DEG;
  out.lon = normalizeLon(lon + x / (M_PER_DEG * cosLat));
  out.sogKn = mpsToKnots(Math.hypot(vx, vy));
  out.cog = wrapDeg((Math.atan2(vx, vy) * 180) / Math.PI);
  out.heading = wrapDeg(m.heading + yaw);
  return out;
}

function wrapDeg(d: number): number {
  const r = d % 360;
  return r < 0 ? r + 360 : r;
}

/** Index of the segment containing t (binary search), or -1 outside the trajectory. */
export function segmentIndexAt(trajectory: Trajectory, t: number): number {
  const segs = trajectory.segments;
  if (segs.length === 0 || t < segs.t0[0]! || t > segs.t1[segs.length - 1]!) return -1;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs.t0[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The true state at time t, or undefined outside the trajectory. */
export function positionAt(trajectory: Trajectory, t: number): TruePoint | undefined {
  const i = segmentIndexAt(trajectory, t);
  if (i < 0) return undefined;
  return stateAt(trajectory.segments, i, { t }, { lat: 0, lon: 0, sogKn: 0, cog: 0, heading: 0 });
}

/**
 * Hours to sail from one place to another at a cruising speed, with the
 * harbour and strait slow-downs the trajectory applies (but not its small
 * random speed variation, ±3 % — leave slack when scheduling a rendezvous).
 */
export function travelHours(from: Port | LatLon, to: Port | LatLon, speedKn: number, options: RouteOptions = {}): number {
  const profile = routeProfile(sharedSeaRoute(from, to, options));
  const fromPort = isPort(from);
  const toPort = isPort(to);
  const total = profile.total;
  let seconds = 0;
  let travelled = 0;
  for (let i = 0; i < profile.legM.length; i++) {
    const legM = profile.legM[i]!;
    const limit = profile.legLimit[i]!;
    const nearEnd = travelled < 12 * M_PER_NM || total - travelled - legM < 12 * M_PER_NM;
    const pieces = nearEnd ? Math.max(1, Math.ceil(legM / 2000)) : 1;
    const pieceM = legM / pieces;
    for (let k = 0; k < pieces; k++) {
      const fromStart = travelled + pieceM / 2;
      const target = Math.min(speedKn, rampKn(fromStart, fromPort, speedKn), rampKn(total - fromStart, toPort, speedKn), limit);
      seconds += pieceM / knotsToMps(Math.max(target, Math.min(speedKn, 3)));
      travelled += pieceM;
    }
  }
  return seconds / 3600;
}

/** When to leave `from` to arrive at `to` by arriveByMs at speedKn (epoch ms). */
export function planDeparture(from: Port | LatLon, to: Port | LatLon, arriveByMs: number, speedKn: number, options: RouteOptions = {}): number {
  return Math.floor(arriveByMs - travelHours(from, to, speedKn, options) * 3_600_000);
}
