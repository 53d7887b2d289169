/**
 * AIS broadcasts from a true trajectory: when a vessel reports, what an archive
 * feed keeps, and what the vessel says about itself.
 *
 * - Reporting: an archive-like feed, downsampled from the raw 2–10 s class A
 *   rate — by default one fix every 2–6 min underway within terrestrial range,
 *   4–12 min offshore (satellite), 10–30 min moored or at anchor; `density`
 *   scales all rates (the benchmark world is dense, the demo world sparse).
 *   Times are whole seconds with random spacing, so one vessel never reports
 *   twice in a second (record ids are `${mmsi}@${BaseDateTime}`).
 * - Ordinary reception gaps: a gap starts with a rate and lasts a log-normal
 *   time that depend on reception where the vessel is — rare and short near the
 *   coast, more frequent offshore, long in poor-reception areas (sea-areas.ts).
 *   Legitimate gaps of 12 h or more occur, rarely, and mostly there: true
 *   negatives for gap detection.
 * - The broadcast plan plants the schemes: dark windows (no fixes at all),
 *   identity windows (another vessel's MMSI, a new name after a re-flag) and
 *   jumps (spoofed positions far from the true one).
 * - Small sensor noise on position, speed, course and heading; some vessels
 *   never send a heading (511), some are slow to update their navigational status.
 */
import type { LatLon } from '../../model/geo.ts';
import { normalizeLon } from '../../model/geo.ts';
import { distanceToShoreKm } from '../../model/coast.ts';
import { areasContaining } from '../../model/sea-areas.ts';
import type { Random } from '../random.ts';
import { aisText, ascii, csvField, formatImo, latin1, writeClock, writeCoordOf, writeTenthsOf, writeUint } from './ais-format.ts';
import type { Itinerary, SegmentKind, Segments, SimVessel, Trajectory, TruePoint } from './trajectory.ts';
import { buildTrajectory, DRIFT, MOORED, MOVE, positionAt, SEGMENT_KINDS, stateAt } from './trajectory.ts';
import { vesselClass } from './vessel-types.ts';

export { MARINECADASTRE_HEADER, positionRecordId } from './ais-format.ts';
export type { Activity, Itinerary, Segment, Segments, SimVessel, Trajectory, TruePoint } from './trajectory.ts';
export { buildTrajectory, DRIFT_RADIUS_M, NAV_STATUS, planDeparture, positionAt, travelHours } from './trajectory.ts';

export interface BroadcastIdentity {
  mmsi: string;
  imo?: string;
  name: string;
  callSign: string;
  flag: string;
}

export interface BroadcastPlan {
  /** Transponder off: no fixes at all inside these windows. */
  darkWindows?: Array<{ startMs: number; endMs: number }>;
  /** What the vessel broadcasts inside each window (fields not given stay the vessel's own). */
  identity?: Array<{ fromMs: number; toMs?: number; mmsi?: string; imo?: string; name?: string; callSign?: string; flag?: string }>;
  /** Spoofed positions: from atMs for durationMin the vessel reports toLatLon (moved as it truly moves). */
  jumps?: Array<{ atMs: number; toLatLon: LatLon; durationMin: number }>;
  /** Ordinary reception gaps; default true. */
  receptionGaps?: boolean;
}

export interface AisOptions {
  /** Multiplies every reporting rate (2 → twice as many fixes). Default 1. */
  density?: number;
  /** Only fixes in [startMs, endMs]. */
  startMs?: number;
  endMs?: number;
  /** Seconds between fixes underway within terrestrial range. Default [120, 360]. */
  underwayIntervalSec?: readonly [number, number];
  /** Seconds between fixes underway offshore (satellite). Default [240, 720]. */
  offshoreIntervalSec?: readonly [number, number];
  /** Seconds between fixes moored or at anchor. Default [600, 1800]. */
  stationaryIntervalSec?: readonly [number, number];
  /** Standard deviation of the position noise, metres. Default 4. */
  positionNoiseM?: number;
}

export interface AisFix {
  /** Epoch ms, whole seconds. */
  t: number;
  /** Position as broadcast (noise and spoofing applied). */
  lat: number;
  lon: number;
  /** Where the vessel truly was. */
  trueLat: number;
  trueLon: number;
  sog: number;
  cog: number;
  /** 511 when not available. */
  heading: number;
  /** Navigational status; undefined for class B (empty in the file). */
  status: number | undefined;
  draught: number | undefined;
  identity: BroadcastIdentity;
  spoofed: boolean;
  segmentKind: SegmentKind;
  /** Index of the itinerary activity under way. */
  activity: number;
  vessel: SimVessel;
}

/** Reception where a vessel is: terrestrial range, offshore (satellite), or an area of poor reception. */
export type Reception = 0 | 1 | 2;
const COASTAL: Reception = 0;
const OFFSHORE: Reception = 1;
const POOR: Reception = 2;

/** Terrestrial AIS receivers hear ships to about 40 nm. */
const TERRESTRIAL_RANGE_KM = 74;
const RECEPTION_CELL_DEG = 0.25;
const RECEPTION_COLS = 360 / RECEPTION_CELL_DEG;
let receptionGrid: Int8Array | undefined;

/** Reception class at a position, memoised on a 0.25° grid (pure: the memo does not change results). */
export function receptionAt(lat: number, lon: number): Reception {
  if (!receptionGrid) receptionGrid = new Int8Array(RECEPTION_COLS * (180 / RECEPTION_CELL_DEG)).fill(-1);
  const r = Math.min(179 / RECEPTION_CELL_DEG, Math.max(0, Math.floor((lat + 90) / RECEPTION_CELL_DEG)));
  const c = Math.min(RECEPTION_COLS - 1, Math.max(0, Math.floor((normalizeLon(lon) + 180) / RECEPTION_CELL_DEG)));
  const cell = r * RECEPTION_COLS + c;
  let v = receptionGrid[cell]!;
  if (v < 0) {
    const centre = { lat: -90 + (r + 0.5) * RECEPTION_CELL_DEG, lon: -180 + (c + 0.5) * RECEPTION_CELL_DEG };
    if (distanceToShoreKm(centre) < TERRESTRIAL_RANGE_KM) v = COASTAL;
    else v = areasContaining(centre, 'poor-reception').length > 0 ? POOR : OFFSHORE;
    receptionGrid[cell] = v;
  }
  return v as Reception;
}

/** Ordinary gaps by reception: starts per hour, median length (h), log-normal spread, cap (h). */
const GAP_MODEL: ReadonlyArray<{ ratePerHour: number; medianH: number; sigma: number; capH: number }> = [
  { ratePerHour: 0.03, medianH: 0.2, sigma: 0.9, capH: 4 },
  { ratePerHour: 0.08, medianH: 0.7, sigma: 0.9, capH: 10 },
  { ratePerHour: 0.06, medianH: 2.5, sigma: 0.85, capH: 30 },
];

const M_PER_DEG = 111_195;

interface IdentityWindow {
  fromMs: number;
  toMs: number;
  identity: BroadcastIdentity;
}

/**
 * Sensor noise, approximately normal with mean 0 and sd 1: a triangular
 * distribution from the two 16-bit halves of one random word, bounded to ±2.45.
 * One draw per noise term instead of the two logarithms and a cosine of Box–Muller.
 */
function noiseOf(x: number): number {
  return (((x & 0xffff) + (x >>> 16) - 65535) / 65536) * 2.449;
}

/** Random.next() from a 32-bit draw (signed or unsigned). */
function unitOf(x: number): number {
  return (x >>> 0) / 4294967296;
}

/** Draws the sampler takes from its stream at a time (see FixSampler.bits). */
const DRAW_BLOCK = 256;

/**
 * ((deg % 360) + 360) % 360, to the last bit, without the floating-point
 * remainders (a library call each, and the costliest step of a fix): for
 * |deg| < 360, deg % 360 is deg itself, and the second remainder of a sum in
 * (0, 720] is a subtraction (exact, Sterbenz).
 */
export function wrap360(deg: number): number {
  const a = deg >= 360 || deg <= -360 ? deg % 360 : deg;
  const y = a + 360;
  return y >= 720 ? y - 720 : y >= 360 ? y - 360 : y;
}

function isTrajectory(x: Itinerary | Trajectory): x is Trajectory {
  return (x as Trajectory).segments !== undefined && (x as Itinerary).activities === undefined;
}

/**
 * The fixes a vessel broadcasts, in time order. The same (itinerary, plan,
 * random state, options) always gives the same fixes; a trajectory already
 * built with buildTrajectory from the same random gives the same fixes too.
 */
export function* aisFixes(source: Itinerary | Trajectory, plan: BroadcastPlan, random: Random, options: AisOptions = {}): Generator<AisFix> {
  const sampler = new FixSampler(source, plan, random, options);
  for (let fix = sampler.next(); fix; fix = sampler.next()) yield { ...fix };
}

/**
 * The fixes a vessel broadcasts, as aisFixes gives them, without a copy per
 * fix: next() returns the same object, refilled, until undefined. For writers
 * that use each fix before asking for the next (the world's AIS file).
 */
export function aisFixSource(source: Itinerary | Trajectory, plan: BroadcastPlan, random: Random, options: AisOptions = {}): { next(): AisFix | undefined } {
  return new FixSampler(source, plan, random, options);
}

/** MarineCadastre CSV lines (no header), in time order. */
export function* aisRows(source: Itinerary | Trajectory, plan: BroadcastPlan, random: Random, options: AisOptions = {}): Generator<string> {
  const sampler = new FixSampler(source, plan, random, options);
  for (let fix = sampler.next(); fix; fix = sampler.next()) yield formatRow(fix);
}

interface IdentityText {
  /** "MMSI," */
  head: string;
  /** ",NAME,IMO,CALLSIGN,TYPE," */
  middle: string;
}

interface VesselText {
  /** ",LENGTH,WIDTH," */
  dims: string;
  /** ",CARGO,CLASS" */
  tail: string;
}

const identityText = new WeakMap<BroadcastIdentity, IdentityText>();
const vesselText = new WeakMap<SimVessel, VesselText>();
const MS_PER_DAY = 86_400_000;

/**
 * A row is a prefix, the fix's own numbers and a suffix. The prefix
 * ("MMSI,YYYY-MM-DDT") changes with the identity and the day, the suffix
 * (",NAME,IMO,CALLSIGN,TYPE,STATUS,LENGTH,WIDTH,DRAFT,CARGO,CLASS") with the
 * identity, the status and the draught: consecutive rows almost always share
 * both, so each is encoded once and copied into the row in one piece.
 */
let prefixIdentity: BroadcastIdentity | undefined;
let prefixDay = Number.NaN;
let prefix: Uint8Array = new Uint8Array(0);
let suffixIdentity: BroadcastIdentity | undefined;
let suffixVessel: SimVessel | undefined;
let suffixStatus: number | undefined;
let suffixDraught: number | undefined;
let suffix: Uint8Array = new Uint8Array(0);

/** One MarineCadastre CSV line for a fix. */
export function formatRow(fix: AisFix): string {
  return latin1(ROW, 0, writeRow(ROW, 0, fix));
}

const ROW = Buffer.allocUnsafe(1024);

/** The line formatRow gives, written as bytes into `buffer` from `pos` (with room for a row); returns where it ends. */
export function formatRowInto(fix: AisFix, buffer: Buffer, pos: number): number {
  return writeRow(buffer, pos, fix);
}

function writeRow(out: Buffer, p: number, fix: AisFix): number {
  const day = Math.floor(fix.t / MS_PER_DAY);
  if (fix.identity !== prefixIdentity || day !== prefixDay) {
    prefixIdentity = fix.identity;
    prefixDay = day;
    prefix = ascii(identityTextOf(fix.identity, fix.vessel).head + new Date(day * MS_PER_DAY).toISOString().slice(0, 11));
  }
  if (fix.identity !== suffixIdentity || fix.vessel !== suffixVessel || fix.status !== suffixStatus || fix.draught !== suffixDraught) {
    suffixIdentity = fix.identity;
    suffixVessel = fix.vessel;
    suffixStatus = fix.status;
    suffixDraught = fix.draught;
    const v = vesselTextOf(fix.vessel);
    const draught = fix.draught === undefined ? '' : tenthsText(fix.draught);
    suffix = ascii(identityTextOf(fix.identity, fix.vessel).middle + (fix.status === undefined ? '' : String(fix.status)) + v.dims + draught + v.tail);
  }
  out.set(prefix, p);
  // Every number passed on is a whole one (see writeTenthsOf).
  p = writeClock(out, p + prefix.length, fix.t - day * MS_PER_DAY);
  out[p] = COMMA;
  p = writeCoordOf(out, p + 1, Math.round(fix.lat * 1e5));
  out[p] = COMMA;
  p = writeCoordOf(out, p + 1, Math.round(fix.lon * 1e5));
  out[p] = COMMA;
  p = writeTenthsOf(out, p + 1, Math.round(fix.sog * 10));
  out[p] = COMMA;
  p = writeTenthsOf(out, p + 1, Math.round(fix.cog * 10));
  out[p] = COMMA;
  p = writeUint(out, p + 1, fix.heading);
  out.set(suffix, p);
  return p + suffix.length;
}

const COMMA = 44;

/** As RowWriter.tenths writes it. */
function tenthsText(value: number): string {
  const t = Math.round(value * 10);
  return `${Math.floor(t / 10)}.${t % 10}`;
}

function identityTextOf(identity: BroadcastIdentity, vessel: SimVessel): IdentityText {
  let text = identityText.get(identity);
  if (!text) {
    const type = vessel.aisType ?? vesselClass(vessel.kind).aisType;
    text = {
      head: `${identity.mmsi},`,
      middle: `,${csvField(aisText(identity.name))},${formatImo(identity.imo)},${csvField(aisText(identity.callSign, 7))},${type},`,
    };
    identityText.set(identity, text);
  }
  return text;
}

function vesselTextOf(vessel: SimVessel): VesselText {
  let text = vesselText.get(vessel);
  if (!text) {
    const classB = vessel.transceiver === 'B';
    const cargo = vesselClass(vessel.kind).cargoCode;
    text = { dims: `,${Math.round(vessel.length)},${Math.round(vessel.width)},`, tail: `,${classB ? '' : cargo},${classB ? 'B' : 'A'}` };
    vesselText.set(vessel, text);
  }
  return text;
}

/**
 * The core sampler: next() fills and returns one reused fix object, or
 * undefined at the end. A plain object rather than a generator, so the public
 * generators (aisFixes, aisRows) are the only generator layer per fix.
 */
class FixSampler {
  private readonly segs: Segments;
  private readonly rng: Random;
  private readonly density: number;
  private readonly underway: readonly [number, number];
  private readonly offshore: readonly [number, number];
  private readonly stationary: readonly [number, number];
  private readonly noiseM: number;
  private readonly gapsOn: boolean;
  private readonly classB: boolean;
  private readonly sendsHeading: boolean;
  private readonly statusLagMaxMs: number;
  private readonly headingOffset: number;
  private readonly own: BroadcastIdentity;
  private readonly windows: IdentityWindow[];
  private readonly dark: Array<{ startMs: number; endMs: number }>;
  private readonly jumps: Array<{ startMs: number; endMs: number; to: LatLon; baseLat: number; baseLon: number }>;
  private readonly endMs: number;
  private readonly tp: TruePoint = { lat: 0, lon: 0, sogKn: 0, cog: 0, heading: 0 };
  /** The time being sampled, held in a field so that it is not boxed on every call that needs it. */
  private readonly clock = { t: 0.5 };
  /**
   * The broadcast stream's draws, taken DRAW_BLOCK at a time after the
   * constructor's own draws. The stream belongs to this sampler alone, so
   * drawing ahead changes nothing in what is drawn; the draws are read as
   * int32 (a small integer for the engine, never boxed) and turned into
   * uniforms and noise where they are used.
   */
  private readonly draws = new Int32Array(DRAW_BLOCK);
  private drawAt = DRAW_BLOCK;
  private readonly fix: AisFix;
  private reportedStatus = -1;
  private pendingStatus = -1;
  // Numbers written at every fix start as numbers (0.5: a double from the start), not as the
  // undefined a bare class field begins with: a field that has held undefined boxes every number stored in it.
  private pendingUntil = 0.5;
  private holdCog = 0.5;
  private segIndex = 0;
  private darkIndex = 0;
  private t = 0.5;
  /** Reception and longitude scale of the current segment (legs are at most 25 km: one lookup per segment). */
  private cachedSeg = -1;
  private segReception: Reception = COASTAL;
  private segCosLat = 1;

  constructor(source: Itinerary | Trajectory, plan: BroadcastPlan, random: Random, options: AisOptions) {
    const trajectory = isTrajectory(source) ? source : buildTrajectory(source, random);
    this.segs = trajectory.segments;
    const vessel = trajectory.vessel;
    const rng = (this.rng = random.fork('broadcast'));
    this.density = options.density ?? 1;
    this.underway = options.underwayIntervalSec ?? [120, 360];
    this.offshore = options.offshoreIntervalSec ?? [240, 720];
    this.stationary = options.stationaryIntervalSec ?? [600, 1800];
    this.noiseM = options.positionNoiseM ?? 4;
    this.gapsOn = plan.receptionGaps ?? true;
    this.classB = vessel.transceiver === 'B';
    this.sendsHeading = vessel.sendsHeading ?? (this.classB ? rng.chance(0.15) : rng.chance(0.9));
    // A few crews update the navigational status late (hours after arriving or leaving).
    this.statusLagMaxMs = !this.classB && rng.chance(0.15) ? rng.range(0.5, 4) * 3_600_000 : 0;
    this.headingOffset = rng.range(-3, 3);
    this.holdCog = rng.range(0, 360);
    const own: BroadcastIdentity = (this.own = {
      mmsi: vessel.mmsi,
      name: vessel.name,
      callSign: vessel.callSign,
      flag: vessel.flag,
      ...(vessel.imo ? { imo: vessel.imo } : {}),
    });
    this.windows = (plan.identity ?? [])
      .map((w) => {
        const imo = w.imo ?? own.imo;
        const identity: BroadcastIdentity = {
          mmsi: w.mmsi ?? own.mmsi,
          name: w.name ?? own.name,
          callSign: w.callSign ?? own.callSign,
          flag: w.flag ?? own.flag,
          ...(imo ? { imo } : {}),
        };
        return { fromMs: w.fromMs, toMs: w.toMs ?? Infinity, identity };
      })
      .sort((a, b) => a.fromMs - b.fromMs);
    this.dark = (plan.darkWindows ?? []).slice().sort((a, b) => a.startMs - b.startMs);
    this.jumps = (plan.jumps ?? []).map((j) => {
      const base = positionAt(trajectory, j.atMs);
      return { startMs: j.atMs, endMs: j.atMs + j.durationMin * 60_000, to: j.toLatLon, baseLat: base?.lat ?? j.toLatLon.lat, baseLon: base?.lon ?? j.toLatLon.lon };
    });
    const startMs = Math.max(trajectory.startMs, options.startMs ?? -Infinity);
    this.endMs = this.segs.length === 0 ? -Infinity : Math.min(trajectory.endMs, options.endMs ?? Infinity);
    this.fix = {
      t: 0,
      lat: 0,
      lon: 0,
      trueLat: 0,
      trueLon: 0,
      sog: 0,
      cog: 0,
      heading: 511,
      status: undefined,
      draught: undefined,
      identity: own,
      spoofed: false,
      segmentKind: 'move',
      activity: 0,
      vessel,
    };
    // First fix a random fraction of an interval after the start, on a whole second.
    this.t = Math.ceil((startMs + rng.range(0, 120_000) / this.density) / 1000) * 1000;
  }

  /** The stream's next 32-bit draw, as an int32. */
  private bits(): number {
    if (this.drawAt === DRAW_BLOCK) {
      this.rng.fillInt32(this.draws);
      this.drawAt = 0;
    }
    return this.draws[this.drawAt++]!;
  }

  next(): AisFix | undefined {
    const segs = this.segs;
    const tp = this.tp;
    const clock = this.clock;
    let t = this.t;
    while (t <= this.endMs) {
      while (this.segIndex < segs.length - 1 && segs.t1[this.segIndex]! < t) this.segIndex++;
      const seg = this.segIndex;
      const t0 = segs.t0[seg]!;
      if (t < t0) {
        t = Math.ceil(t0 / 1000) * 1000;
        continue;
      }
      while (this.darkIndex < this.dark.length && this.dark[this.darkIndex]!.endMs <= t) this.darkIndex++;
      const w = this.dark[this.darkIndex];
      if (w && w.startMs <= t) {
        // rng.range(0, 60_000)
        t = Math.ceil((w.endMs + (0 + unitOf(this.bits()) * (60_000 - 0))) / 1000) * 1000;
        continue;
      }
      clock.t = t;
      stateAt(segs, seg, clock, tp);
      if (seg !== this.cachedSeg) {
        this.cachedSeg = seg;
        this.segReception = receptionAt(segs.lat[seg]!, segs.lon[seg]!);
        this.segCosLat = Math.cos((segs.lat[seg]! * Math.PI) / 180);
      }
      const reception = this.segReception;
      const kind = segs.kind[seg]!;
      const moving = kind === MOVE || kind === DRIFT;
      const range = !moving ? this.stationary : reception === COASTAL ? this.underway : this.offshore;
      let intervalS = (range[0] + unitOf(this.bits()) * (range[1] - range[0])) / this.density;
      if (this.classB && moving) intervalS *= 1.5;
      const stepMs = Math.max(1000, Math.round(intervalS) * 1000);

      if (this.gapsOn) {
        const model = GAP_MODEL[reception]!;
        if (unitOf(this.bits()) < (model.ratePerHour * stepMs) / 3_600_000) {
          const hours = Math.min(model.capH, model.medianH * Math.exp(model.sigma * noiseOf(this.bits())));
          t += Math.max(stepMs, Math.round(hours * 3600) * 1000);
          continue;
        }
      }
      this.t = t + stepMs;
      clock.t = t;
      return this.fill(seg);
    }
    this.t = t;
    return undefined;
  }

  /** The fix at time t: what the vessel says (identity, noisy sensors, spoofing) about where it truly is. */
  private fill(seg: number): AisFix {
    const t = this.clock.t;
    const tp = this.tp;
    const segs = this.segs;
    const kind = segs.kind[seg]!;
    const segStatus = segs.status[seg]!;
    let identity = this.own;
    for (let i = this.windows.length - 1; i >= 0; i--) {
      const win = this.windows[i]!;
      if (win.fromMs <= t && t < win.toMs) {
        identity = win.identity;
        break;
      }
    }

    let lat = tp.lat + (noiseOf(this.bits()) * this.noiseM) / M_PER_DEG;
    let lon = tp.lon + (noiseOf(this.bits()) * this.noiseM) / (M_PER_DEG * this.segCosLat);
    let spoofed = false;
    for (let i = 0; i < this.jumps.length; i++) {
      const j = this.jumps[i]!;
      if (j.startMs <= t && t < j.endMs) {
        lat = j.to.lat + (lat - j.baseLat);
        lon = j.to.lon + (lon - j.baseLon);
        spoofed = true;
        break;
      }
    }

    let sog: number;
    let cog: number;
    let heading: number;
    if (kind === MOVE) {
      sog = Math.max(0, tp.sogKn + noiseOf(this.bits()) * 0.12);
      cog = tp.cog + noiseOf(this.bits()) * 1.0;
      heading = tp.cog + this.headingOffset + noiseOf(this.bits()) * 1.0;
    } else if (kind === MOORED) {
      sog = unitOf(this.bits()) < 0.85 ? 0 : 0.1;
      this.holdCog += noiseOf(this.bits()) * 15;
      cog = this.holdCog;
      heading = tp.heading + noiseOf(this.bits()) * 0.5;
    } else {
      sog = Math.min(1.9, Math.max(0, tp.sogKn + noiseOf(this.bits()) * 0.08));
      cog = sog < 0.2 ? this.holdCog + noiseOf(this.bits()) * 20 : tp.cog + noiseOf(this.bits()) * 4;
      heading = tp.heading + noiseOf(this.bits()) * 1.0;
    }

    let status: number | undefined;
    if (!this.classB) {
      if (segStatus !== this.reportedStatus) {
        if (this.reportedStatus < 0 || this.statusLagMaxMs === 0) this.reportedStatus = segStatus;
        else if (this.pendingStatus !== segStatus) {
          this.pendingStatus = segStatus;
          this.pendingUntil = t + unitOf(this.bits()) * this.statusLagMaxMs;
        } else if (t >= this.pendingUntil) this.reportedStatus = segStatus;
      }
      status = this.reportedStatus;
    }

    const fix = this.fix;
    fix.t = t;
    fix.lat = lat;
    fix.lon = lon >= -180 && lon < 180 ? lon : normalizeLon(lon);
    fix.trueLat = tp.lat;
    fix.trueLon = tp.lon;
    fix.sog = sog;
    // Course to a tenth in [0, 360): 360.0 means "not available" in AIS.
    // wrap360, its usual case (|x| < 360) written out here: no call per fix.
    const cy = cog + 360;
    const cogWrapped = cog > -360 && cog < 360 ? (cy >= 720 ? cy - 720 : cy >= 360 ? cy - 360 : cy) : wrap360(cog);
    const cogTenths = Math.round(cogWrapped * 10);
    fix.cog = (cogTenths === 3600 ? 0 : cogTenths) / 10;
    const hy = heading + 360;
    const headingWrapped = heading > -360 && heading < 360 ? (hy >= 720 ? hy - 720 : hy >= 360 ? hy - 360 : hy) : wrap360(heading);
    const headingDeg = this.sendsHeading ? Math.round(headingWrapped) : 511;
    fix.heading = headingDeg === 360 ? 0 : headingDeg;
    fix.status = status;
    // Stored only when it changes: the field also holds undefined (class B), and storing a number in it boxes the number.
    const draught = this.classB ? undefined : segs.draught[seg]!;
    if (fix.draught !== draught) fix.draught = draught;
    fix.identity = identity;
    fix.spoofed = spoofed;
    fix.segmentKind = SEGMENT_KINDS[kind]!;
    fix.activity = segs.activity[seg]!;
    return fix;
  }
}
