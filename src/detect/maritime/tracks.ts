/**
 * Tracks: a vessel's fixes cut into segments a single ship could have sailed.
 *
 * Following Global Fishing Watch's segmenter (gpsdio-segment: max speed 25 kn),
 * one linear pass per MMSI keeps a few open segments; each fix joins the open
 * segment it is consistent with — reachable from that segment's last fix at no
 * more than `maxSpeedKn` (or at the speed the vessel itself reports, when it
 * reports more: high-speed craft exist) — and, among several, the one it is
 * nearest to per unit of time. A fix no open segment can reach starts a new
 * segment (a position jump); a segment silent for more than `maxGapH` is closed
 * (after a long gap one cannot tell the same ship from another on the same
 * MMSI). Several segments alive at once on one MMSI, their fixes interleaving
 * in time, are two transmitters sharing one identity (a borrowed or cloned
 * MMSI), or one transmitter whose positions are spoofed.
 *
 * Everything is columns over the PositionTable's rows: segment of each row,
 * next and previous row in the same segment, the speed at each row.
 */
import type { PositionTable } from '../inputs.ts';
import { fastDistM, M_PER_NM } from './common.ts';

export interface TrackOptions {
  /** Fastest plausible speed between consecutive fixes of one ship, knots. */
  maxSpeedKn: number;
  /** Longest silence inside one segment, hours. */
  maxGapH: number;
}

export const TRACK_DEFAULTS: Readonly<TrackOptions> = Object.freeze({ maxSpeedKn: 25, maxGapH: 8 });

/**
 * Displacements below this are position noise whatever the time between the
 * fixes (two receivers stamping the same report a second apart; GNSS scatter
 * in port): never a jump.
 */
export const NOISE_FLOOR_M = 1000;

/** At most this many segments are followed at once per MMSI (the oldest is closed first). */
const MAX_OPEN = 6;

/** Why a segment started. */
export const SEG_FIRST = 0;
export const SEG_AFTER_GAP = 1;
export const SEG_AFTER_JUMP = 2;

export class Tracks {
  /** Segment of each row. */
  readonly segOf: Int32Array;
  /** Next / previous row of the same segment, -1 at its ends. */
  readonly next: Int32Array;
  readonly prev: Int32Array;
  /** Speed at each row, knots: the reported SOG when there is one, else implied by the neighbouring fixes of the segment. */
  readonly speed: Float32Array;
  /** Per segment: vessel, first and last row, number of fixes, why it started. */
  readonly segVessel: Int32Array;
  readonly segFirst: Int32Array;
  readonly segLast: Int32Array;
  readonly segCount: Int32Array;
  readonly segReason: Uint8Array;
  /** Segments of vessel v are vesselSeg[v] … vesselSeg[v+1]-1. */
  readonly vesselSeg: Int32Array;

  constructor(
    readonly table: PositionTable,
    readonly options: TrackOptions,
    parts: {
      segOf: Int32Array;
      next: Int32Array;
      prev: Int32Array;
      speed: Float32Array;
      segVessel: Int32Array;
      segFirst: Int32Array;
      segLast: Int32Array;
      segCount: Int32Array;
      segReason: Uint8Array;
      vesselSeg: Int32Array;
    },
  ) {
    this.segOf = parts.segOf;
    this.next = parts.next;
    this.prev = parts.prev;
    this.speed = parts.speed;
    this.segVessel = parts.segVessel;
    this.segFirst = parts.segFirst;
    this.segLast = parts.segLast;
    this.segCount = parts.segCount;
    this.segReason = parts.segReason;
    this.vesselSeg = parts.vesselSeg;
  }

  get segments(): number {
    return this.segVessel.length;
  }

  /** Start and end time (s) of a segment. */
  segStart(seg: number): number {
    return this.table.t[this.segFirst[seg]!]!;
  }

  segEnd(seg: number): number {
    return this.table.t[this.segLast[seg]!]!;
  }
}

const cache = new WeakMap<PositionTable, Map<string, Tracks>>();

/** The tracks of a table (computed once per table and options, shared by the indicators of a run). */
export function tracksOf(table: PositionTable, options: TrackOptions = TRACK_DEFAULTS): Tracks {
  let byOptions = cache.get(table);
  if (!byOptions) cache.set(table, (byOptions = new Map()));
  const key = `${options.maxSpeedKn}/${options.maxGapH}`;
  let tracks = byOptions.get(key);
  if (!tracks) byOptions.set(key, (tracks = buildTracks(table, options)));
  return tracks;
}

/** Per-segment columns, grown as segments are opened. */
class SegmentColumns {
  n = 0;
  vessel: Int32Array;
  first: Int32Array;
  last: Int32Array;
  count: Int32Array;
  reason: Uint8Array;

  constructor(cap: number) {
    this.vessel = new Int32Array(cap);
    this.first = new Int32Array(cap);
    this.last = new Int32Array(cap);
    this.count = new Int32Array(cap);
    this.reason = new Uint8Array(cap);
  }

  open(vessel: number, row: number, reason: number): number {
    if (this.n === this.vessel.length) this.grow();
    const s = this.n++;
    this.vessel[s] = vessel;
    this.first[s] = row;
    this.last[s] = row;
    this.count[s] = 1;
    this.reason[s] = reason;
    return s;
  }

  private grow(): void {
    const cap = this.vessel.length * 2;
    const g = <T extends Int32Array | Uint8Array>(a: T, make: new (k: number) => T): T => {
      const b = new make(cap);
      b.set(a);
      return b;
    };
    this.vessel = g(this.vessel, Int32Array);
    this.first = g(this.first, Int32Array);
    this.last = g(this.last, Int32Array);
    this.count = g(this.count, Int32Array);
    this.reason = g(this.reason, Uint8Array);
  }
}

/** Segment the table: one pass over each vessel's rows, then one pass for the speeds. */
export function buildTracks(table: PositionTable, options: TrackOptions = TRACK_DEFAULTS): Tracks {
  const n = table.length;
  const segOf = new Int32Array(n);
  const next = new Int32Array(n).fill(-1);
  const prev = new Int32Array(n).fill(-1);
  const segs = new SegmentColumns(Math.max(16, table.vessels * 2));
  const vesselSeg = new Int32Array(table.vessels + 1);
  const openSeg = new Int32Array(MAX_OPEN);
  for (let v = 0; v < table.vessels; v++) {
    vesselSeg[v] = segs.n;
    segmentVessel(table, options, v, segs, segOf, next, prev, openSeg);
  }
  vesselSeg[table.vessels] = segs.n;
  const speed = new Float32Array(n);
  rowSpeeds(table, prev, next, speed);
  const k = segs.n;
  return new Tracks(table, options, {
    segOf,
    next,
    prev,
    speed,
    segVessel: segs.vessel.slice(0, k),
    segFirst: segs.first.slice(0, k),
    segLast: segs.last.slice(0, k),
    segCount: segs.count.slice(0, k),
    segReason: segs.reason.slice(0, k),
    vesselSeg,
  });
}

/** One vessel's rows into segments (see the module comment). */
function segmentVessel(table: PositionTable, options: TrackOptions, v: number, segs: SegmentColumns, segOf: Int32Array, next: Int32Array, prev: Int32Array, openSeg: Int32Array): void {
  const { t, lat, lon, sog } = table;
  const maxMps = (options.maxSpeedKn * M_PER_NM) / 3600;
  const maxGapS = options.maxGapH * 3600;
  const firstSeg = segs.n;
  const first = table.vesselStart[v]!;
  const end = table.vesselStart[v + 1]!;
  let open = 0;
  for (let row = first; row < end; row++) {
    const tr = t[row]!;
    const la = lat[row]!;
    const lo = lon[row]!;
    const so = sog[row]!;
    let best = -1;
    let bestMetric = Infinity;
    let rejectedForSpeed = false;
    for (let k = 0; k < open; k++) {
      const s = openSeg[k]!;
      const last = segs.last[s]!;
      const dt = tr - t[last]!;
      if (dt > maxGapS) {
        // Closed for good: rows come in time order.
        openSeg[k] = openSeg[--open]!;
        k--;
        continue;
      }
      const d = fastDistM(lat[last]!, lon[last]!, la, lo);
      if (d > NOISE_FLOOR_M && d > maxMps * dt) {
        // A ship reporting more than the limit (both ends agreeing) is a fast ship, not a spoofed one.
        const s0 = sog[last]!;
        const reported = so === so && s0 === s0 ? (Math.min(so, s0) * M_PER_NM * 1.25) / 3600 : 0;
        if (!(reported > maxMps && d <= reported * dt)) {
          rejectedForSpeed = true;
          continue;
        }
      }
      const metric = d / (dt + 600);
      if (metric < bestMetric) {
        bestMetric = metric;
        best = k;
      }
    }
    if (best >= 0) {
      const s = openSeg[best]!;
      const last = segs.last[s]!;
      next[last] = row;
      prev[row] = last;
      segs.last[s] = row;
      segs.count[s]!++;
      segOf[row] = s;
      continue;
    }
    const reason = rejectedForSpeed ? SEG_AFTER_JUMP : segs.n > firstSeg ? SEG_AFTER_GAP : SEG_FIRST;
    const s = segs.open(v, row, reason);
    segOf[row] = s;
    if (open === MAX_OPEN) {
      // Close the segment silent the longest.
      let oldest = 0;
      for (let k = 1; k < open; k++) if (t[segs.last[openSeg[k]!]!]! < t[segs.last[openSeg[oldest]!]!]!) oldest = k;
      openSeg[oldest] = openSeg[--open]!;
    }
    openSeg[open++] = s;
  }
}

/** Speed at each row: reported SOG, else implied by the segment's neighbours. */
function rowSpeeds(table: PositionTable, prev: Int32Array, next: Int32Array, speed: Float32Array): void {
  const { t, lat, lon, sog } = table;
  for (let row = 0; row < table.length; row++) {
    const so = sog[row]!;
    if (so === so) {
      speed[row] = so;
      continue;
    }
    const p = prev[row]!;
    const q = next[row]!;
    let kn = NaN;
    if (p >= 0 && t[row]! > t[p]!) kn = ((fastDistM(lat[p]!, lon[p]!, lat[row]!, lon[row]!) / (t[row]! - t[p]!)) * 3600) / M_PER_NM;
    else if (q >= 0 && t[q]! > t[row]!) kn = ((fastDistM(lat[row]!, lon[row]!, lat[q]!, lon[q]!) / (t[q]! - t[row]!)) * 3600) / M_PER_NM;
    speed[row] = kn;
  }
}

/**
 * Pairs of segments of one MMSI alive at the same time, with how often the
 * MMSI's consecutive fixes switch between them: one switch away and one back
 * is a position jump and its return; many switches are two transmitters
 * interleaving on one identity.
 */
export interface SegmentSwitches {
  a: number;
  b: number;
  /** Consecutive-row switches between a and b (either direction). */
  switches: number;
  /** The rows after which each switch happened (row i → row i+1 of the MMSI), at most a few kept for evidence. */
  firstRow: number;
  lastRow: number;
  sampleRows: number[];
}

/** Switches between segments along one vessel's rows (empty for a vessel on one segment at a time). */
export function segmentSwitches(tracks: Tracks, vessel: number): SegmentSwitches[] {
  const { segOf, segReason } = tracks;
  const table = tracks.table;
  const first = table.vesselStart[vessel]!;
  const end = table.vesselStart[vessel + 1]!;
  let out: Map<number, SegmentSwitches> | undefined;
  for (let row = first + 1; row < end; row++) {
    const sa = segOf[row - 1]!;
    const sb = segOf[row]!;
    if (sa === sb) continue;
    // A new segment after a silence is not a switch; a segment resumed after another one is.
    if (tracks.segFirst[sb] === row && segReason[sb] !== SEG_AFTER_JUMP) continue;
    const a = Math.min(sa, sb);
    const b = Math.max(sa, sb);
    const key = a * tracks.segments + b;
    out ??= new Map();
    let s = out.get(key);
    if (!s) out.set(key, (s = { a, b, switches: 0, firstRow: row - 1, lastRow: row, sampleRows: [] }));
    s.switches++;
    s.lastRow = row;
    if (s.sampleRows.length < 8) s.sampleRows.push(row - 1, row);
  }
  return out ? [...out.values()] : [];
}
