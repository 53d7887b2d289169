/**
 * maritime.encounter — two vessels side by side, slow, for hours, away from
 * ports: the AIS signature of a ship-to-ship transfer (Global Fishing Watch's
 * encounter events; Miller et al. 2018).
 *
 * Each track (tracks.ts) is resampled to 10-minute times by linear
 * interpolation between consecutive fixes of the same segment, never across a
 * silence of more than an hour. Only resampled points that could belong to an
 * encounter are kept — slower than twice the median-speed threshold and at
 * least the minimum distance from every port — and, bucket by bucket of time,
 * put in a grid of 0.01° cells; each point meets only the points of its own
 * and neighbouring cells. The work grows with the number of positions, not
 * with the square of the fleet. A pair of vessels within the distance in
 * consecutive buckets (a missed hour is bridged) forms a run; a run of at
 * least the minimum duration at median speeds under the threshold is an
 * encounter.
 *
 * A longer stretch without shared points does not end a run when one of the
 * two vessels was silent through it — it stayed slow across the silence (its
 * displacement implies less than the median-speed limit) — and the other
 * reported no speed above the candidate cutoff meanwhile: a drifting ship
 * heard by satellite AIS every few hours, beside the same ship before and
 * after, did not leave. Global Fishing Watch's encounters pipeline does the
 * same: a vessel's run of resampled points next to one neighbour is not broken
 * by its own silences, only by a point that is not next to that neighbour
 * (encounters_pipeline, compute_encounters.py). The silence is bounded by the
 * track (tracks.ts closes a segment after 8 h silent); it adds to the
 * encounter's duration, not to its samples or speeds.
 *
 * h3-js is not installed in this tree: a latitude–longitude grid with
 * latitude-scaled neighbourhoods does the same job (cells never smaller than
 * the search distance in latitude; as many columns searched as the distance
 * spans in longitude at that latitude), with integer keys and no library call
 * per point.
 */
import type { AlertDraft } from '../alert.ts';
import { num, type Indicator, type Params } from '../indicator.ts';
import type { DetectInputs } from '../inputs.ts';
import { lonDelta, normalizeLon } from '../../model/geo.ts';
import { gapNear, gapsOf } from './ais-gap.ts';
import {
  areaAt,
  areasOf,
  evidenceFor,
  fastDistM,
  fmtDist,
  fmtH,
  fmtKn,
  iso,
  isNight,
  isTankerType,
  knots,
  M_PER_DEG,
  median,
  nearestPort,
  portEdgeKm,
  r1,
  roundScore,
  rowAtOrAfter,
  vesselSubject,
} from './common.ts';
import { tracksOf, type Tracks } from './tracks.ts';

const CELL_DEG = 0.01;
const ROWS = Math.round(180 / CELL_DEG) + 1;
const COLS = Math.round(360 / CELL_DEG);

export const encounter: Indicator = {
  code: 'maritime.encounter',
  title: 'Encounter at sea (possible ship-to-ship transfer)',
  definition:
    'Two vessels (different MMSIs) within max_distance_m of each other for at least min_hours, both at a median speed below max_median_speed_kn, ' +
    'at least min_port_distance_km from any port area. Tracks are resampled every resample_minutes and not interpolated across silences longer than ' +
    'max_interpolation_gap_hours, but the two stay in one encounter across a silence of one of them (up to the 8 h a track spans) when it moved ' +
    'slower than max_median_speed_kn across the silence and the other reported no speed of twice that meanwhile. Scored higher outside the ' +
    'designated STS areas (profile list stsAreas), at night (local solar time), next to an AIS gap of either vessel (within gap_window_hours) and ' +
    'with a tanker (AIS ship type 80–89). Inside a designated STS area the score stays below the profile’s alert threshold unless one of the ' +
    'vessels was dark next to the encounter.',
  sources: [
    {
      name: 'Global Fishing Watch — Miller et al. 2018, "Identifying global patterns of transshipment behavior", Frontiers in Marine Science 5:240',
      url: 'https://doi.org/10.3389/fmars.2018.00240',
      note: 'Encounters: two vessels within 500 m for at least 2 h, at a median speed below 2 kn, at least 10 km from a coastal anchorage.',
    },
    {
      name: 'Global Fishing Watch FAQ — What is a vessel encounter?',
      url: 'https://globalfishingwatch.org/faqs/what-is-a-vessel-encounter/',
      note: 'Within 500 m, at least 2 h, median speed under 2 kn, at least 10 km from a coastal anchorage.',
    },
  ],
  params: {
    max_distance_m: { type: 'number', default: 500, unit: 'm', min: 10, max: 5000, description: 'Largest distance between the two vessels.' },
    min_hours: { type: 'number', default: 2, unit: 'h', min: 0.5, max: 72, description: 'Shortest encounter.' },
    max_median_speed_kn: { type: 'number', default: 2, unit: 'kn', min: 0.1, max: 10, description: 'Median speed of each vessel must be below this.' },
    min_port_distance_km: { type: 'number', default: 10, unit: 'km', min: 0, max: 50, description: 'Distance from any port area (its radius around its position).' },
    resample_minutes: { type: 'number', default: 10, unit: 'min', min: 1, max: 60, description: 'Resampling interval of the tracks.' },
    max_interpolation_gap_hours: { type: 'number', default: 1, unit: 'h', min: 0.1, max: 12, description: 'Tracks are not interpolated across longer silences.' },
    gap_hours: { type: 'number', default: 12, unit: 'h', min: 1, max: 240, description: 'A silence this long counts as an AIS gap for scoring.' },
    gap_window_hours: { type: 'number', default: 24, unit: 'h', min: 0, max: 240, description: 'A gap ending this long before or starting this long after the encounter aggravates it.' },
  },
  inputs: ['positions'],
  run: runEncounter,
};

interface Run {
  a: number;
  b: number;
  startK: number;
  lastK: number;
  n: number;
  sumD: number;
  maxD: number;
  speedsA: number[];
  speedsB: number[];
  sumLat: number;
  /** Longitudes summed relative to the first point (antimeridian-safe mean). */
  lon0: number;
  sumDLon: number;
  night: number;
}

/** Candidate points of all tracks, as columns. */
class Candidates {
  n = 0;
  k = new Int32Array(1024);
  seg = new Int32Array(1024);
  lat = new Float64Array(1024);
  lon = new Float64Array(1024);
  speed = new Float32Array(1024);

  push(k: number, seg: number, lat: number, lon: number, speed: number): void {
    if (this.n === this.k.length) this.grow();
    const i = this.n++;
    this.k[i] = k;
    this.seg[i] = seg;
    this.lat[i] = lat;
    this.lon[i] = lon;
    this.speed[i] = speed;
  }

  private grow(): void {
    const cap = this.k.length * 2;
    const g = <T extends Int32Array | Float64Array | Float32Array>(a: T, make: new (n: number) => T): T => {
      const b = new make(cap);
      b.set(a);
      return b;
    };
    this.k = g(this.k, Int32Array);
    this.seg = g(this.seg, Int32Array);
    this.lat = g(this.lat, Float64Array);
    this.lon = g(this.lon, Float64Array);
    this.speed = g(this.speed, Float32Array);
  }
}

/**
 * Every track resampled at the multiples of stepS (seconds), linearly between
 * consecutive fixes of a segment, never across an interval longer than
 * maxInterpS. `keepInterval(sa, sb)` may skip an interval by its end speeds;
 * `visit` receives the bucket, the interval's first row, the point and its
 * interpolated speed. Shared with the maritime bench's pairwise baseline.
 */
export function forEachResampled(
  tracks: Tracks,
  stepS: number,
  maxInterpS: number,
  keepInterval: (sa: number, sb: number) => boolean,
  visit: (k: number, row: number, lat: number, lon: number, speed: number) => void,
): void {
  const table = tracks.table;
  const { t, lat, lon } = table;
  const { next, speed } = tracks;
  for (let r = 0; r < table.length; r++) {
    const q = next[r]!;
    if (q < 0) continue;
    const ta = t[r]!;
    const tb = t[q]!;
    const dt = tb - ta;
    if (dt <= 0 || dt > maxInterpS) continue;
    let sa = speed[r]!;
    let sb = speed[q]!;
    if (sa !== sa) sa = sb;
    if (sb !== sb) sb = sa;
    if (!keepInterval(sa, sb)) continue;
    const k0 = Math.ceil(ta / stepS);
    const k1 = Math.ceil(tb / stepS) - 1;
    if (k0 > k1) continue;
    const la = lat[r]!;
    const lo = lon[r]!;
    const dLat = lat[q]! - la;
    const dLon = lonDelta(lo, lon[q]!);
    for (let k = k0; k <= k1; k++) {
      const f = (k * stepS - ta) / dt;
      visit(k, r, la + f * dLat, normalizeLon(lo + f * dLon), sa + f * (sb - sa));
    }
  }
}

/** Resampled points that may belong to an encounter: slow, away from ports. */
function candidates(tracks: Tracks, stepS: number, maxInterpS: number, cutoffKn: number, minPortKm: number): Candidates {
  const out = new Candidates();
  let edgeRow = -1;
  let edgeKm = -1;
  forEachResampled(
    tracks,
    stepS,
    maxInterpS,
    // Linear between two speeds at or above the cutoff never dips below it.
    (sa, sb) => sa < cutoffKn || sb < cutoffKn,
    (k, r, pla, plo, sp) => {
      if (!(sp < cutoffKn)) return;
      // Slow points move little: one port lookup per interval unless it is near the limit.
      if (edgeRow !== r) (edgeRow = r), (edgeKm = -1);
      if (edgeKm < 0 || edgeKm < minPortKm + 10) edgeKm = portEdgeKm(pla, plo);
      if (edgeKm < minPortKm) return;
      out.push(k, tracks.segOf[r]!, pla, plo, sp);
    },
  );
  return out;
}

function runEncounter(inputs: DetectInputs, params: Params): AlertDraft[] {
  const table = inputs.positions;
  const maxD = num(params, 'max_distance_m');
  const minS = num(params, 'min_hours') * 3600;
  const maxMedian = num(params, 'max_median_speed_kn');
  const minPortKm = num(params, 'min_port_distance_km');
  const stepS = Math.round(num(params, 'resample_minutes') * 60);
  const maxInterpS = num(params, 'max_interpolation_gap_hours') * 3600;
  const gapWindowS = num(params, 'gap_window_hours') * 3600;
  const gaps = gapsOf(table, num(params, 'gap_hours'));
  const stsAreas = areasOf(inputs.profile.lists.stsAreas);
  const threshold = inputs.profile.alertThreshold;
  const tracks = tracksOf(table);
  const cand = candidates(tracks, stepS, maxInterpS, 2 * maxMedian, minPortKm);
  if (cand.n < 2) return [];

  // Counting sort of the candidates by time bucket.
  let kMin = Infinity;
  let kMax = -Infinity;
  for (let i = 0; i < cand.n; i++) {
    const k = cand.k[i]!;
    if (k < kMin) kMin = k;
    if (k > kMax) kMax = k;
  }
  const buckets = kMax - kMin + 1;
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < cand.n; i++) start[cand.k[i]! - kMin + 1]!++;
  for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
  const order = new Int32Array(cand.n);
  const fill = start.slice(0, buckets);
  for (let i = 0; i < cand.n; i++) order[fill[cand.k[i]! - kMin]!++] = i;

  const found = pairRuns(cand, tracks, order, start, kMin, buckets, { maxD, stepS, bridgeK: Math.max(1, Math.floor(maxInterpS / stepS)), minS, maxMedian, maxInterpS });

  return found.map((run) => encounterAlert(inputs, tracks, run, { stepS, gapWindowS, gaps, stsAreas, threshold }));
}

function encounterAlert(
  inputs: DetectInputs,
  tracks: Tracks,
  run: Run,
  ctx: { stepS: number; gapWindowS: number; gaps: ReturnType<typeof gapsOf>; stsAreas: ReturnType<typeof areasOf>; threshold: number },
): AlertDraft {
  const table = inputs.positions;
  const tStart = run.startK * ctx.stepS;
  const tEnd = run.lastK * ctx.stepS;
  const hours = (tEnd - tStart) / 3600;
  const lat = run.sumLat / run.n;
  const lon = normalizeLon(run.lon0 + run.sumDLon / run.n);
  const sts = areaAt(ctx.stsAreas, lat, lon);
  const night = run.night * 2 >= run.n;
  const sides = [run.a, run.b].map((seg) => {
    const v = tracks.segVessel[seg]!;
    const first = segRowNear(tracks, seg, tStart, 1);
    const last = segRowNear(tracks, seg, tEnd, -1);
    const gapRow = gapNear(table, ctx.gaps, v, tStart - ctx.gapWindowS, tEnd + ctx.gapWindowS);
    return { seg, v, first, last, gapRow, tanker: isTankerType(table.staticAt(first).vesselType), speed: median(seg === run.a ? run.speedsA : run.speedsB) };
  });
  const gapSide = sides.find((s) => s.gapRow >= 0);
  const tanker = sides.some((s) => s.tanker);
  const long = hours >= 6;
  let score: number;
  if (sts) {
    // Transfers are the business of a designated area: tankers and night work are ordinary there.
    score = Math.min(0.3 + (tanker ? 0.05 : 0) + (night ? 0.03 : 0) + (long ? 0.02 : 0), ctx.threshold - 0.01);
    if (gapSide) score = Math.max(score, 0.3) + 0.3;
  } else {
    score = 0.55 + (night ? 0.05 : 0) + (tanker ? 0.1 : 0) + (gapSide ? 0.2 : 0) + (long ? 0.05 : 0);
  }
  const port = nearestPort(lat, lon);
  const portEdge = Math.max(0, port.km - port.port.radiusKm);
  const mmsis = sides.map((s) => table.mmsi[s.v]!);
  const gapHours = gapSide ? (table.t[gapSide.gapRow + 1]! - table.t[gapSide.gapRow]!) / 3600 : 0;
  const notes: string[] = [sts ? `inside the designated STS area ${sts.name}` : 'outside designated STS areas'];
  if (night) notes.push('at night (local solar time)');
  if (gapSide) notes.push(`MMSI ${table.mmsi[gapSide.v]} was silent for ${fmtH(gapHours)} h next to it`);
  if (tanker) notes.push('tanker involved');
  const evidence: Array<[number, string]> = [];
  for (const s of sides) {
    evidence.push([s.first, `MMSI ${table.mmsi[s.v]}: first fix of the encounter`], [s.last, `MMSI ${table.mmsi[s.v]}: last fix of the encounter`]);
  }
  if (gapSide) evidence.push([gapSide.gapRow, `MMSI ${table.mmsi[gapSide.v]}: last fix before its gap`], [gapSide.gapRow + 1, `MMSI ${table.mmsi[gapSide.v]}: first fix after its gap`]);
  const sorted = [...mmsis].sort();
  return {
    indicator: 'maritime.encounter',
    key: `${sorted[0]}:${sorted[1]}:${tStart}`,
    score: roundScore(score),
    subjects: sides.map((s) => vesselSubject(inputs, s.v, s.first)),
    window: { start: iso(tStart), end: iso(tEnd) },
    evidence: evidenceFor(table, evidence),
    explanation:
      `two vessels within ${fmtDist(run.maxD)} for ${fmtH(hours)} h at median ${fmtKn(Math.max(sides[0]!.speed, sides[1]!.speed))}, ` +
      `${fmtDist(portEdge * 1000)} from the nearest port (${port.port.name}); ${notes.join('; ')}`,
    details: {
      hours: r1(hours),
      maxDistanceM: Math.round(run.maxD),
      meanDistanceM: Math.round(run.sumD / run.n),
      medianSpeedKn: sides.map((s) => r1(s.speed)),
      at: { lat: Math.round(lat * 1e4) / 1e4, lon: Math.round(lon * 1e4) / 1e4 },
      nearestPort: port.port.locode,
      nearestPortKm: r1(portEdge),
      stsArea: sts?.id ?? null,
      night,
      gap: gapSide ? { mmsi: table.mmsi[gapSide.v], hours: r1(gapHours) } : null,
      tanker,
      samples: run.n,
    },
  };
}

/** The segment's first fix at or after t (dir 1) or last fix at or before t (dir -1); the segment's end when none. */
function segRowNear(tracks: Tracks, seg: number, t: number, dir: 1 | -1): number {
  const table = tracks.table;
  const v = tracks.segVessel[seg]!;
  const lo = table.vesselStart[v]!;
  const hi = table.vesselStart[v + 1]!;
  let row = dir === 1 ? rowAtOrAfter(table, v, t) : rowAtOrAfter(table, v, t + 1) - 1;
  for (let steps = 0; row >= lo && row < hi && steps < 10_000; steps++, row += dir) if (tracks.segOf[row] === seg) return row;
  return dir === 1 ? tracks.segFirst[seg]! : tracks.segLast[seg]!;
}

/**
 * Bucket by bucket of time, every pair of candidate points of different
 * vessels within maxD (grid cells and their neighbours), extended into runs
 * per pair of tracks; runs long and slow enough are returned.
 */
function pairRuns(
  cand: Candidates,
  tracks: Tracks,
  order: Int32Array,
  start: Int32Array,
  kMin: number,
  buckets: number,
  o: { maxD: number; stepS: number; bridgeK: number; minS: number; maxMedian: number; maxInterpS: number },
): Run[] {
  const segVessel = tracks.segVessel;
  const runs = new Map<number, Run>();
  const found: Run[] = [];
  const heads = new Map<number, number>();
  const link = new Int32Array(cand.n);
  const cellRow = new Int32Array(cand.n);
  const cellCol = new Int32Array(cand.n);
  const pairBase = tracks.segments;
  const spanR = Math.ceil(o.maxD / M_PER_DEG / CELL_DEG);
  for (let b = 0; b < buckets; b++) {
    const from = start[b]!;
    const to = start[b + 1]!;
    if (to - from < 2) continue;
    heads.clear();
    for (let x = from; x < to; x++) {
      const i = order[x]!;
      const r = Math.floor((cand.lat[i]! + 90) / CELL_DEG);
      const c = Math.floor((cand.lon[i]! + 180) / CELL_DEG) % COLS;
      cellRow[i] = r;
      cellCol[i] = c;
      const key = r * COLS + c;
      const h = heads.get(key);
      link[i] = h === undefined ? -1 : h;
      heads.set(key, i);
    }
    const k = b + kMin;
    for (let x = from; x < to; x++) {
      const i = order[x]!;
      const la = cand.lat[i]!;
      const lo = cand.lon[i]!;
      const si = cand.seg[i]!;
      const vi = segVessel[si]!;
      const cosLat = Math.max(1e-3, Math.cos((la * Math.PI) / 180));
      const spanC = Math.min(COLS >> 1, Math.ceil(o.maxD / (M_PER_DEG * cosLat) / CELL_DEG));
      const r0 = cellRow[i]!;
      const c0 = cellCol[i]!;
      for (let dr = -spanR; dr <= spanR; dr++) {
        const rr = r0 + dr;
        if (rr < 0 || rr >= ROWS) continue;
        for (let dc = -spanC; dc <= spanC; dc++) {
          const cc = (((c0 + dc) % COLS) + COLS) % COLS;
          for (let j = heads.get(rr * COLS + cc) ?? -1; j >= 0; j = link[j]!) {
            if (j <= i) continue;
            const sj = cand.seg[j]!;
            if (segVessel[sj] === vi) continue;
            const d = fastDistM(la, lo, cand.lat[j]!, cand.lon[j]!);
            if (d > o.maxD) continue;
            const a = si < sj ? i : j;
            const bb = si < sj ? j : i;
            const sa = cand.seg[a]!;
            const sb = cand.seg[bb]!;
            const key = sa * pairBase + sb;
            let run = runs.get(key);
            if (run && k - run.lastK > o.bridgeK && !silenceBridges(tracks, run, k, o)) {
              if (runQualifies(run, o.stepS, o.minS, o.maxMedian)) found.push(run);
              run = undefined;
            }
            if (!run) {
              run = { a: sa, b: sb, startK: k, lastK: k, n: 0, sumD: 0, maxD: 0, speedsA: [], speedsB: [], sumLat: 0, lon0: lo, sumDLon: 0, night: 0 };
              runs.set(key, run);
            }
            run.lastK = k;
            run.n++;
            run.sumD += d;
            if (d > run.maxD) run.maxD = d;
            run.speedsA.push(cand.speed[a]!);
            run.speedsB.push(cand.speed[bb]!);
            run.sumLat += la;
            run.sumDLon += lonDelta(run.lon0, lo);
            if (isNight(k * o.stepS, lo)) run.night++;
          }
        }
      }
    }
  }
  for (const run of runs.values()) if (runQualifies(run, o.stepS, o.minS, o.maxMedian)) found.push(run);
  return found;
}

/**
 * Whether the stretch since the run's last shared point (bucket lastK) up to
 * bucket k is one vessel's silence, not a parting: one track has consecutive
 * fixes, more than the interpolation limit apart, spanning the stretch (less
 * an interpolation step at either end) at an implied speed under the
 * median-speed limit, and the other track reported no speed at or above the
 * candidate cutoff (twice that limit) in the stretch.
 */
function silenceBridges(tracks: Tracks, run: Pick<Run, 'a' | 'b' | 'lastK'>, k: number, o: { stepS: number; maxMedian: number; maxInterpS: number }): boolean {
  const tA = run.lastK * o.stepS;
  const tB = k * o.stepS;
  const silentA = silentAcross(tracks, run.a, tA, tB, o.maxInterpS, o.maxMedian);
  const silentB = !silentA && silentAcross(tracks, run.b, tA, tB, o.maxInterpS, o.maxMedian);
  if (!silentA && !silentB) return false;
  return stayedSlow(tracks, silentA ? run.b : run.a, tA, tB, 2 * o.maxMedian);
}

/** Whether segment seg was silent across [tA + maxInterpS, tB - maxInterpS] and did not move faster than maxKn across the silence. */
function silentAcross(tracks: Tracks, seg: number, tA: number, tB: number, maxInterpS: number, maxKn: number): boolean {
  const { t, lat, lon } = tracks.table;
  const r = segRowNear(tracks, seg, tA + maxInterpS, -1);
  if (tracks.segOf[r] !== seg || t[r]! > tA + maxInterpS) return false;
  const q = tracks.next[r]!;
  if (q < 0) return false;
  const dt = t[q]! - t[r]!;
  if (dt <= maxInterpS || t[q]! < tB - maxInterpS) return false;
  return knots(fastDistM(lat[r]!, lon[r]!, lat[q]!, lon[q]!), dt) < maxKn;
}

/** Whether segment seg reported no speed at or above cutoffKn between tA and tB. */
function stayedSlow(tracks: Tracks, seg: number, tA: number, tB: number, cutoffKn: number): boolean {
  const t = tracks.table.t;
  let r = segRowNear(tracks, seg, tA, 1);
  if (tracks.segOf[r] !== seg) return false;
  for (; r >= 0 && t[r]! <= tB; r = tracks.next[r]!) if (t[r]! >= tA && !(tracks.speed[r]! < cutoffKn)) return false;
  return true;
}

/** Long enough, and each vessel's median speed under the limit. */
function runQualifies(run: Run, stepS: number, minS: number, maxMedian: number): boolean {
  if ((run.lastK - run.startK) * stepS < minS) return false;
  return median(run.speedsA) < maxMedian && median(run.speedsB) < maxMedian;
}
