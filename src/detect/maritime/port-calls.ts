/**
 * Port calls derived from tracks: a run of a segment's fixes inside one port's
 * radius (src/model/ports.ts) in which the vessel stopped — reported speed
 * under `stopSpeedKn` or navigational status "at anchor" (1) or "moored" (5) —
 * lasting at least `minHours` from the first fix inside to the last. A ship
 * sailing through a port's radius without stopping (a strait, an approach) is
 * no call. Arrival is the first fix inside, departure the last.
 */
import type { PositionTable } from '../inputs.ts';
import { PORTS, type Port } from '../../model/ports.ts';
import { inPort, portIndexAt } from './common.ts';
import { tracksOf, type Tracks } from './tracks.ts';

export interface PortCallOptions {
  minHours: number;
  stopSpeedKn: number;
}

export const PORT_CALL_DEFAULTS: Readonly<PortCallOptions> = Object.freeze({ minHours: 2, stopSpeedKn: 1 });

export interface PortCall {
  vessel: number;
  seg: number;
  port: Port;
  /** First and last row inside the port. */
  arrivalRow: number;
  departureRow: number;
  /** Seconds since the epoch. */
  arrival: number;
  departure: number;
  hours: number;
  fixes: number;
}

export interface PortCalls {
  calls: PortCall[];
  /** Calls of vessel v are calls[vesselCall[v]] … calls[vesselCall[v+1]-1], by arrival. */
  vesselCall: Int32Array;
}

const cache = new WeakMap<Tracks, Map<string, PortCalls>>();

/** The port calls of a table (computed once per tracks and options). */
export function portCallsOf(table: PositionTable, options: PortCallOptions = PORT_CALL_DEFAULTS, tracks: Tracks = tracksOf(table)): PortCalls {
  let byOptions = cache.get(tracks);
  if (!byOptions) cache.set(tracks, (byOptions = new Map()));
  const key = `${options.minHours}/${options.stopSpeedKn}`;
  let calls = byOptions.get(key);
  if (!calls) byOptions.set(key, (calls = buildPortCalls(tracks, options)));
  return calls;
}

/** One pass over the rows: each row continues or closes its segment's open visit. */
export function buildPortCalls(tracks: Tracks, options: PortCallOptions = PORT_CALL_DEFAULTS): PortCalls {
  const table = tracks.table;
  const b = new CallBuilder(tracks, options);
  const vesselCall = new Int32Array(table.vessels + 1);
  for (let v = 0; v < table.vessels; v++) {
    vesselCall[v] = b.calls.length;
    b.vessel(v);
    // Segments interleave rarely; keep the vessel's calls in arrival order.
    const from = vesselCall[v]!;
    if (b.calls.length - from > 1) {
      const mine = b.calls.splice(from).sort((x, y) => x.arrival - y.arrival);
      b.calls.push(...mine);
    }
  }
  vesselCall[table.vessels] = b.calls.length;
  return { calls: b.calls, vesselCall };
}

/** The open visit of each segment of the vessel being read (indexed from the vessel's first segment). */
class CallBuilder {
  readonly calls: PortCall[] = [];
  private port = new Int32Array(16);
  private first = new Int32Array(16);
  private last = new Int32Array(16);
  private fixes = new Int32Array(16);
  private stopped = new Uint8Array(16);
  private readonly minS: number;

  constructor(
    private readonly tracks: Tracks,
    private readonly options: PortCallOptions,
  ) {
    this.minS = options.minHours * 3600;
  }

  vessel(v: number): void {
    const tracks = this.tracks;
    const table = tracks.table;
    const seg0 = tracks.vesselSeg[v]!;
    const nSeg = tracks.vesselSeg[v + 1]! - seg0;
    if (nSeg > this.port.length) {
      this.port = new Int32Array(nSeg * 2);
      this.first = new Int32Array(nSeg * 2);
      this.last = new Int32Array(nSeg * 2);
      this.fixes = new Int32Array(nSeg * 2);
      this.stopped = new Uint8Array(nSeg * 2);
    }
    this.port.fill(-1, 0, nSeg);
    this.scan(table.vesselStart[v]!, table.vesselStart[v + 1]!, seg0);
    for (let k = 0; k < nSeg; k++) this.close(v, seg0, k);
  }

  private scan(first: number, end: number, seg0: number): void {
    const { lat, lon, status } = this.tracks.table;
    const { segOf, speed } = this.tracks;
    const stopKn = this.options.stopSpeedKn;
    const port = this.port;
    for (let row = first; row < end; row++) {
      const k = segOf[row]! - seg0;
      const la = lat[row]!;
      const lo = lon[row]!;
      let p = port[k]!;
      if (p >= 0 && !inPort(p, la, lo)) {
        this.close(this.tracks.segVessel[seg0]!, seg0, k);
        p = -1;
      }
      if (p < 0) {
        p = portIndexAt(la, lo);
        if (p < 0) continue;
        port[k] = p;
        this.first[k] = row;
        this.fixes[k] = 0;
        this.stopped[k] = 0;
      }
      this.last[k] = row;
      this.fixes[k]!++;
      const st = status[row]!;
      if (speed[row]! < stopKn || st === 1 || st === 5) this.stopped[k] = 1;
    }
  }

  private close(v: number, seg0: number, k: number): void {
    const p = this.port[k]!;
    if (p < 0) return;
    this.port[k] = -1;
    const t = this.tracks.table.t;
    const a = this.first[k]!;
    const b = this.last[k]!;
    if (this.stopped[k] && t[b]! - t[a]! >= this.minS) {
      this.calls.push({ vessel: v, seg: seg0 + k, port: PORTS[p]!, arrivalRow: a, departureRow: b, arrival: t[a]!, departure: t[b]!, hours: (t[b]! - t[a]!) / 3600, fixes: this.fixes[k]! });
    }
  }
}

/** The calls of one vessel. */
export function callsOfVessel(pc: PortCalls, vessel: number): PortCall[] {
  return pc.calls.slice(pc.vesselCall[vessel]!, pc.vesselCall[vessel + 1]!);
}
