import { gridDisk, getHexagonEdgeLengthAvg, latLngToCell } from 'h3-js';
import type { DetectInputs, PositionTable } from '../src/detect/inputs.ts';
import { num } from '../src/detect/indicator.ts';
import { gapsOf } from '../src/detect/maritime/ais-gap.ts';
import { fastDistM, M_PER_DEG, portEdgeKm } from '../src/detect/maritime/common.ts';
import { encounter, forEachResampled } from '../src/detect/maritime/encounter.ts';
import { tracksOf, type Tracks } from '../src/detect/maritime/tracks.ts';

/**
 * The in-process side of `npm run bench -- maritime`'s baselines, run in the
 * detection worker on the table detection just used (tracks cached):
 *
 * - gaps: maritime.ais_gap's gap scan alone (gapsOf, on a copy of the table so
 *   that its per-table cache is cold), to set beside the SQL window query;
 * - encounter again, alone, with the shared tracks already built;
 * - naive pairwise: the tracks resampled every resample_minutes as
 *   maritime.encounter resamples them (same interpolation limit), then, bucket
 *   by bucket, every pair of points compared (no spatial index; the speed and
 *   port conditions checked on the pairs found close). Measured on the first
 *   N vessels and extrapolated to the fleet by the exact number of pairs the
 *   fleet's buckets hold: Σ n_b(n_b−1)/2;
 * - spatial bucketing: on the points maritime.encounter pairs (resampled,
 *   slower than twice the median-speed limit, at least min_port_distance_km
 *   from a port), the time to assign cells and to search neighbours, and the
 *   pairs whose distance is computed, with the 0.01° grid encounter.ts uses and
 *   with H3 cells and gridDisk neighbours.
 *
 * encounter.ts keeps its resampling private; `resample` below follows it line
 * for line (it keeps every point, flagging the encounter's candidates).
 */

export interface SpatialOptions {
  /** Vessels (the first N of the table, by MMSI) for the naive all-points check. */
  naiveVessels: number;
  /** Above this many pairs, the naive check on candidates is measured on the first naiveVessels vessels and extrapolated too. */
  maxNaivePairs: number;
  /** H3 variants: resolution and gridDisk ring. */
  h3: Array<{ res: number; k: number }>;
}

export const DEFAULT_SPATIAL: SpatialOptions = {
  naiveVessels: 250,
  maxNaivePairs: 4e9,
  h3: [
    { res: 7, k: 1 },
    { res: 8, k: 1 },
  ],
};

/** Resampled points, as columns. */
class Points {
  n = 0;
  k = new Int32Array(1 << 16);
  vessel = new Int32Array(1 << 16);
  lat = new Float64Array(1 << 16);
  lon = new Float64Array(1 << 16);
  /** 1: a point maritime.encounter keeps (slow, away from ports). */
  cand = new Uint8Array(1 << 16);

  push(k: number, vessel: number, lat: number, lon: number, cand: number): void {
    if (this.n === this.k.length) this.grow();
    const i = this.n++;
    this.k[i] = k;
    this.vessel[i] = vessel;
    this.lat[i] = lat;
    this.lon[i] = lon;
    this.cand[i] = cand;
  }

  private grow(): void {
    const cap = this.k.length * 2;
    const g = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: new (n: number) => T): T => {
      const b = new make(cap);
      b.set(a);
      return b;
    };
    this.k = g(this.k, Int32Array);
    this.vessel = g(this.vessel, Int32Array);
    this.lat = g(this.lat, Float64Array);
    this.lon = g(this.lon, Float64Array);
    this.cand = g(this.cand, Uint8Array);
  }
}

/** Every track resampled at multiples of stepS by the encounter indicator's own resampling, the points it keeps flagged. */
function resample(tracks: Tracks, stepS: number, maxInterpS: number, cutoffKn: number, minPortKm: number): Points {
  const out = new Points();
  let edgeRow = -1;
  let edgeKm = -1;
  let bothFast = false;
  forEachResampled(
    tracks,
    stepS,
    maxInterpS,
    (sa, sb) => {
      bothFast = !(sa < cutoffKn) && !(sb < cutoffKn);
      return true;
    },
    (k, r, pla, plo, sp) => {
      let cand = 0;
      if (!bothFast && sp < cutoffKn) {
        if (edgeRow !== r) (edgeRow = r), (edgeKm = -1);
        if (edgeKm < 0 || edgeKm < minPortKm + 10) edgeKm = portEdgeKm(pla, plo);
        if (edgeKm >= minPortKm) cand = 1;
      }
      out.push(k, tracks.segVessel[tracks.segOf[r]!]!, pla, plo, cand);
    },
  );
  return out;
}

/** Points chosen by `keep`, counting-sorted by time bucket. */
interface Buckets {
  order: Int32Array;
  start: Int32Array;
  count: number;
  /** Σ n_b(n_b−1)/2: the pairs a pairwise check enumerates. */
  pairs: number;
}

function byBucket(p: Points, keep: (i: number) => boolean): Buckets {
  let kMin = Infinity;
  let kMax = -Infinity;
  let count = 0;
  for (let i = 0; i < p.n; i++) {
    if (!keep(i)) continue;
    count++;
    const k = p.k[i]!;
    if (k < kMin) kMin = k;
    if (k > kMax) kMax = k;
  }
  if (count === 0) return { order: new Int32Array(0), start: new Int32Array(1), count: 0, pairs: 0 };
  const buckets = kMax - kMin + 1;
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < p.n; i++) if (keep(i)) start[p.k[i]! - kMin + 1]!++;
  let pairs = 0;
  for (let b = 0; b < buckets; b++) {
    const nb = start[b + 1]!;
    pairs += (nb * (nb - 1)) / 2;
    start[b + 1]! += start[b]!;
  }
  const order = new Int32Array(count);
  const fill = start.slice(0, buckets);
  for (let i = 0; i < p.n; i++) if (keep(i)) order[fill[p.k[i]! - kMin]!++] = i;
  return { order, start, count, pairs };
}

export interface PairCounts {
  /** Pairs of points of different vessels whose distance was computed. */
  compared: number;
  /** Of those, within the distance. */
  within: number;
  /** Of those, both points encounter candidates (what maritime.encounter extends into runs). */
  hits: number;
}

export interface NaiveMeasure extends PairCounts {
  what: string;
  vessels: number;
  points: number;
  /** Pairs enumerated (same-vessel pairs included, skipped without a distance). */
  pairs: number;
  seconds: number;
  fleetVessels: number;
  fleetPoints: number;
  fleetPairs: number;
  /** seconds × fleetPairs / pairs */
  extrapolatedSeconds: number;
  /** seconds × (fleetVessels / vessels)²: the plain quadratic rule, for comparison. */
  quadraticSeconds: number;
  /** The grid's hits over the same points (they must agree). */
  gridHits: number;
}

/** Every pair of points of each bucket: no spatial index. */
function naivePairs(p: Points, bk: Buckets, maxD: number): PairCounts {
  const { order, start } = bk;
  const { vessel, lat, lon, cand } = p;
  let compared = 0;
  let within = 0;
  let hits = 0;
  for (let b = 0; b + 1 < start.length; b++) {
    const to = start[b + 1]!;
    for (let x = start[b]!; x < to; x++) {
      const i = order[x]!;
      const vi = vessel[i]!;
      const la = lat[i]!;
      const lo = lon[i]!;
      for (let y = x + 1; y < to; y++) {
        const j = order[y]!;
        if (vessel[j] === vi) continue;
        compared++;
        if (fastDistM(la, lo, lat[j]!, lon[j]!) > maxD) continue;
        within++;
        if (cand[i]! & cand[j]!) hits++;
      }
    }
  }
  return { compared, within, hits };
}

const CELL_DEG = 0.01;
const ROWS = Math.round(180 / CELL_DEG) + 1;
const COLS = Math.round(360 / CELL_DEG);

/** encounter.ts's cell of a point: row and column of the 0.01° grid. */
function gridAssign(p: Points, bk: Buckets): { row: Int32Array; col: Int32Array } {
  const row = new Int32Array(p.n);
  const col = new Int32Array(p.n);
  for (let x = 0; x < bk.count; x++) {
    const i = bk.order[x]!;
    row[i] = Math.floor((p.lat[i]! + 90) / CELL_DEG);
    col[i] = Math.floor((p.lon[i]! + 180) / CELL_DEG) % COLS;
  }
  return { row, col };
}

/** encounter.ts's neighbour search: per bucket, cells in a hash of linked lists; rows ± spanR, columns ± spanC at the point's latitude. */
function gridSearch(p: Points, bk: Buckets, cells: { row: Int32Array; col: Int32Array }, maxD: number): PairCounts {
  const { order, start } = bk;
  const { vessel, lat, lon, cand } = p;
  const heads = new Map<number, number>();
  const link = new Int32Array(p.n);
  const spanR = Math.ceil(maxD / M_PER_DEG / CELL_DEG);
  let compared = 0;
  let within = 0;
  let hits = 0;
  for (let b = 0; b + 1 < start.length; b++) {
    const from = start[b]!;
    const to = start[b + 1]!;
    if (to - from < 2) continue;
    heads.clear();
    for (let x = from; x < to; x++) {
      const i = order[x]!;
      const key = cells.row[i]! * COLS + cells.col[i]!;
      const h = heads.get(key);
      link[i] = h === undefined ? -1 : h;
      heads.set(key, i);
    }
    for (let x = from; x < to; x++) {
      const i = order[x]!;
      const la = lat[i]!;
      const lo = lon[i]!;
      const vi = vessel[i]!;
      const cosLat = Math.max(1e-3, Math.cos((la * Math.PI) / 180));
      const spanC = Math.min(COLS >> 1, Math.ceil(maxD / (M_PER_DEG * cosLat) / CELL_DEG));
      const r0 = cells.row[i]!;
      const c0 = cells.col[i]!;
      for (let dr = -spanR; dr <= spanR; dr++) {
        const rr = r0 + dr;
        if (rr < 0 || rr >= ROWS) continue;
        for (let dc = -spanC; dc <= spanC; dc++) {
          const cc = (((c0 + dc) % COLS) + COLS) % COLS;
          for (let j = heads.get(rr * COLS + cc) ?? -1; j >= 0; j = link[j]!) {
            if (j <= i || vessel[j] === vi) continue;
            compared++;
            if (fastDistM(la, lo, lat[j]!, lon[j]!) > maxD) continue;
            within++;
            if (cand[i]! & cand[j]!) hits++;
          }
        }
      }
    }
  }
  return { compared, within, hits };
}

function h3Assign(p: Points, bk: Buckets, res: number): string[] {
  const cells: string[] = new Array<string>(p.n);
  for (let x = 0; x < bk.count; x++) {
    const i = bk.order[x]!;
    cells[i] = latLngToCell(p.lat[i]!, p.lon[i]!, res);
  }
  return cells;
}

/** The same search over H3 cells: per bucket, cells in a hash of linked lists; neighbours by gridDisk (remembered per cell). */
function h3Search(p: Points, bk: Buckets, cells: string[], k: number, maxD: number): PairCounts & { diskCalls: number } {
  const { order, start } = bk;
  const { vessel, lat, lon, cand } = p;
  const heads = new Map<string, number>();
  const disks = new Map<string, string[]>();
  const link = new Int32Array(p.n);
  let compared = 0;
  let within = 0;
  let hits = 0;
  for (let b = 0; b + 1 < start.length; b++) {
    const from = start[b]!;
    const to = start[b + 1]!;
    if (to - from < 2) continue;
    heads.clear();
    for (let x = from; x < to; x++) {
      const i = order[x]!;
      const h = heads.get(cells[i]!);
      link[i] = h === undefined ? -1 : h;
      heads.set(cells[i]!, i);
    }
    for (let x = from; x < to; x++) {
      const i = order[x]!;
      const la = lat[i]!;
      const lo = lon[i]!;
      const vi = vessel[i]!;
      const cell = cells[i]!;
      let disk = disks.get(cell);
      if (!disk) disks.set(cell, (disk = gridDisk(cell, k)));
      for (const nc of disk) {
        for (let j = heads.get(nc) ?? -1; j >= 0; j = link[j]!) {
          if (j <= i || vessel[j] === vi) continue;
          compared++;
          if (fastDistM(la, lo, lat[j]!, lon[j]!) > maxD) continue;
          within++;
          if (cand[i]! & cand[j]!) hits++;
        }
      }
    }
  }
  return { compared, within, hits, diskCalls: disks.size };
}

export interface BucketingMeasure extends PairCounts {
  method: string;
  assignSeconds: number;
  searchSeconds: number;
  /** Distinct cells the points fall in. */
  cells: number;
  /** Cells searched per point. */
  cellsPerPoint: number;
  note: string;
}

export interface SpatialResult {
  gaps: { seconds: number; count: number; minHours: number };
  encounterWarm: { seconds: number; alerts: number };
  resample: { seconds: number; points: number; candidates: number; buckets: number; stepS: number; maxD: number };
  naive: NaiveMeasure[];
  bucketing: BucketingMeasure[];
}

const time = <T>(fn: () => T): [T, number] => {
  const t0 = performance.now();
  const r = fn();
  return [r, (performance.now() - t0) / 1000];
};

/** A copy of the table with its own identity: the per-table caches (gaps, tracks) start cold for it. */
function coldCopy(table: PositionTable): PositionTable {
  return Object.assign(Object.create(Object.getPrototypeOf(table) as object) as PositionTable, table);
}

export async function spatialComparisons(inputs: DetectInputs, opts: SpatialOptions, say: (line: string) => void): Promise<SpatialResult> {
  const table = inputs.positions;
  const ais = inputs.profile.indicators['maritime.ais_gap']!.params;
  const enc = inputs.profile.indicators['maritime.encounter']!.params;
  const minGapH = num(ais, 'min_gap_hours');

  say('baselines: gap scan alone (cold) …');
  const [gaps, gapSeconds] = time(() => gapsOf(coldCopy(table), minGapH));

  say('baselines: maritime.encounter again, tracks cached …');
  const t0 = performance.now();
  const again = await encounter.run(inputs, enc);
  const encounterWarm = { seconds: (performance.now() - t0) / 1000, alerts: again.length };

  const maxD = num(enc, 'max_distance_m');
  const stepS = Math.round(num(enc, 'resample_minutes') * 60);
  say('baselines: resampling every track …');
  const [points, resampleSeconds] = time(() =>
    resample(tracksOf(table), stepS, num(enc, 'max_interpolation_gap_hours') * 3600, 2 * num(enc, 'max_median_speed_kn'), num(enc, 'min_port_distance_km')),
  );
  let candidates = 0;
  for (let i = 0; i < points.n; i++) candidates += points.cand[i]!;
  const all = byBucket(points, () => true);
  const candBk = byBucket(points, (i) => points.cand[i] === 1);
  const buckets = all.start.length - 1;

  const naive: NaiveMeasure[] = [];
  const naiveOn = (what: string, fleet: Buckets, keepFleet: (i: number) => boolean, limitVessels: boolean): void => {
    const vessels = limitVessels ? Math.min(opts.naiveVessels, table.vessels) : table.vessels;
    const sub = limitVessels ? byBucket(points, (i) => points.vessel[i]! < vessels && keepFleet(i)) : fleet;
    say(`baselines: naive pairwise, ${what}, ${vessels.toLocaleString('en')} vessels, ${sub.pairs.toLocaleString('en')} pairs …`);
    const [counts, seconds] = time(() => naivePairs(points, sub, maxD));
    const subCand = limitVessels ? byBucket(points, (i) => points.vessel[i]! < vessels && points.cand[i] === 1) : candBk;
    const gridHits = gridSearch(points, subCand, gridAssign(points, subCand), maxD).hits;
    naive.push({
      what,
      vessels,
      points: sub.count,
      pairs: sub.pairs,
      ...counts,
      seconds,
      fleetVessels: table.vessels,
      fleetPoints: fleet.count,
      fleetPairs: fleet.pairs,
      extrapolatedSeconds: sub.pairs > 0 ? (seconds * fleet.pairs) / sub.pairs : 0,
      quadraticSeconds: seconds * (table.vessels / vessels) ** 2,
      gridHits,
    });
  };
  naiveOn('every resampled point', all, () => true, true);
  naiveOn("the encounter's candidate points", candBk, (i) => points.cand[i] === 1, candBk.pairs > opts.maxNaivePairs);

  const bucketing: BucketingMeasure[] = [];
  say(`baselines: 0.01° grid on ${candidates.toLocaleString('en')} candidate points …`);
  {
    const [cells, assignSeconds] = time(() => gridAssign(points, candBk));
    const [counts, searchSeconds] = time(() => gridSearch(points, candBk, cells, maxD));
    const distinct = new Set<number>();
    let searched = 0;
    const spanR = Math.ceil(maxD / M_PER_DEG / CELL_DEG);
    for (let x = 0; x < candBk.count; x++) {
      const i = candBk.order[x]!;
      distinct.add(cells.row[i]! * COLS + cells.col[i]!);
      const cosLat = Math.max(1e-3, Math.cos((points.lat[i]! * Math.PI) / 180));
      searched += (2 * spanR + 1) * (2 * Math.min(COLS >> 1, Math.ceil(maxD / (M_PER_DEG * cosLat) / CELL_DEG)) + 1);
    }
    bucketing.push({
      method: '0.01° grid (encounter.ts)',
      assignSeconds,
      searchSeconds,
      ...counts,
      cells: distinct.size,
      cellsPerPoint: candBk.count ? searched / candBk.count : 0,
      note: `±${spanR} rows, ± columns spanning ${maxD} m at the point's latitude`,
    });
  }
  // Warm h3-js (WebAssembly) and its JIT paths before it is timed; the grid's arithmetic needs none.
  for (let i = 0; i < Math.min(candBk.count, 2000); i++) {
    const j = candBk.order[i]!;
    for (const { res, k } of opts.h3) gridDisk(latLngToCell(points.lat[j]!, points.lon[j]!, res), k);
  }
  for (const { res, k } of opts.h3) {
    say(`baselines: H3 resolution ${res}, gridDisk ${k} …`);
    const [cells, assignSeconds] = time(() => h3Assign(points, candBk, res));
    const [counts, searchSeconds] = time(() => h3Search(points, candBk, cells, k, maxD));
    const distinct = new Set<string>();
    for (let x = 0; x < candBk.count; x++) distinct.add(cells[candBk.order[x]!]!);
    const edge = getHexagonEdgeLengthAvg(res, 'm');
    bucketing.push({
      method: `H3 res ${res}, gridDisk k=${k}`,
      assignSeconds,
      searchSeconds,
      compared: counts.compared,
      within: counts.within,
      hits: counts.hits,
      cells: distinct.size,
      cellsPerPoint: 3 * k * (k + 1) + 1,
      note: `mean edge ${Math.round(edge)} m; gridDisk remembered per cell (${counts.diskCalls.toLocaleString('en')} calls)`,
    });
  }
  return {
    gaps: { seconds: gapSeconds, count: gaps.before.length, minHours: minGapH },
    encounterWarm,
    resample: { seconds: resampleSeconds, points: points.n, candidates, buckets, stepS, maxD },
    naive,
    bucketing,
  };
}
