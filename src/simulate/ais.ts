import { haversineM } from '../model/geo.ts';
import { PORTS, type Port } from '../model/ports.ts';
import type { PortCall } from './customs.ts';
import { backgroundItinerary, makeFleetVessel } from './maritime/fleet.ts';
import { aisFixSource, formatRowInto, MARINECADASTRE_HEADER, type AisFix, type BroadcastPlan, type Itinerary, type SimVessel } from './maritime/track.ts';
import type { VesselKind } from './maritime/vessel-types.ts';
import { LineFile } from './output.ts';
import type { Traced } from './plans.ts';
import type { Random } from './random.ts';
import { AGENCIES, type World, type WorldVessel } from './world.ts';

export const AIS_FILE = 'ais/positions.csv';

/**
 * A scheme's voyage: the itinerary it gives a vessel, what the vessel
 * broadcasts (dark windows, borrowed identities, spoofed jumps), and the
 * windows whose broadcast fixes are evidence for its truth entry.
 */
export interface VoyagePlan {
  vessel: WorldVessel;
  itinerary: Itinerary;
  broadcast: BroadcastPlan;
  evidence?: Array<{ traced: Traced; startMs: number; endMs: number; /** at most this many fixes (spread evenly); default 12 */ max?: number }>;
  /** Also trace the last fix before and the first fix after each of these instants (the edges of a dark period). */
  edges?: Array<{ traced: Traced; startMs: number; endMs: number }>;
}

/** The world vessel as the track generator sees it, its dimensions drawn from its class. */
export function simVessel(v: WorldVessel, r: Random): SimVessel {
  return makeFleetVessel(r, v.kind as VesselKind, v.flag, v.mmsi, v.imo, v.name, v.callSign);
}

/**
 * AIS positions of every vessel (MarineCadastre CSV, FORMATS.md §3), one
 * vessel after another so that memory stays flat; the background vessels sail
 * ordinary trade, the schemes' vessels their planned voyages. Port calls are
 * collected on the way: customs declarations hang on them.
 */
export async function writeAis(
  world: World,
  r: Random,
  root: string,
  plans: VoyagePlan[],
  onRows: (n: number) => void,
  density = 1,
): Promise<{ file: LineFile; calls: PortCall[] }> {
  const file = await LineFile.open(root, AIS_FILE, 'ais-csv', AGENCIES.maritime, MARINECADASTRE_HEADER);
  const planned = new Map(plans.map((p) => [p.vessel, p]));
  const calls: PortCall[] = [];
  const window = { startMs: world.startMs, endMs: world.endMs };
  const sailing = [...world.vessels, ...plans.map((p) => p.vessel).filter((v) => !world.vessels.includes(v))];
  for (const vessel of sailing) {
    const vr = r.fork(`vessel:${vessel.id}`);
    const plan = planned.get(vessel);
    const itinerary = plan?.itinerary ?? backgroundItinerary(vr, simVessel(vessel, vr), window);
    const broadcast = plan?.broadcast ?? {};
    const evidence = plan?.evidence?.map((e) => ({ ...e, fixes: [] as string[] })) ?? [];
    const edges = plan?.edges?.map((e) => ({ ...e, before: '', after: '' })) ?? [];
    const tracker = new PortCallTracker(vessel.imo, calls);
    let rows = 0;
    // The sampler refills one fix object: each is used before the next is asked for.
    const fixes = aisFixSource(itinerary, broadcast, vr, { density });
    for (let fix = fixes.next(); fix; fix = fixes.next()) {
      if (fix.t >= world.endMs) break;
      // Formatted straight into the file's buffer: no string per row.
      const pending = file.commit(formatRowInto(fix, file.buffer, file.cursor));
      if (pending) await pending;
      rows++;
      tracker.see(fix);
      if (evidence.length > 0 || edges.length > 0) {
        // The AIS reader's record id is the line (real files have no id); the header is line 1.
        const ref = `${AIS_FILE}:${file.records + 1}`;
        for (const e of evidence) if (fix.t >= e.startMs && fix.t <= e.endMs) e.fixes.push(ref);
        for (const e of edges) {
          if (fix.t <= e.startMs) e.before = ref;
          else if (fix.t >= e.endMs && !e.after) e.after = ref;
        }
      }
    }
    tracker.finish();
    for (const e of evidence) e.traced.trace?.push(...spread(e.fixes, e.max ?? 12));
    for (const e of edges) e.traced.trace?.push(...[e.before, e.after].filter(Boolean));
    onRows(rows);
  }
  await file.close();
  return { file, calls };
}

/** Keep `max` references evenly spread, always the first and the last. */
function spread(refs: string[], max: number): string[] {
  if (refs.length <= max) return refs;
  const out: string[] = [];
  for (let i = 0; i < max; i++) out.push(refs[Math.round((i * (refs.length - 1)) / (max - 1))]!);
  return [...new Set(out)];
}

/**
 * Port calls seen in the broadcast track: a run of moored or anchored fixes
 * inside a port's radius. The port is looked up once per run, not per fix.
 */
class PortCallTracker {
  private current: { port: Port; arrive: number; depart: number } | null = null;
  private last: PortCall | null = null;

  constructor(
    private readonly imo: string,
    private readonly calls: PortCall[],
  ) {}

  see(fix: AisFix): void {
    const still = fix.sog !== null && fix.sog < 1 && (fix.status === 5 || fix.status === 1);
    if (still) {
      if (this.current && haversineM(this.current.port, fix) <= this.current.port.radiusKm * 1000) {
        this.current.depart = fix.t;
        return;
      }
      this.close();
      const port = portAt(fix);
      if (port) this.current = { port, arrive: fix.t, depart: fix.t };
      return;
    }
    if (this.current && haversineM(this.current.port, fix) > this.current.port.radiusKm * 1000) this.close();
  }

  finish(): void {
    this.close();
  }

  private close(): void {
    if (!this.current) return;
    const c = this.current;
    this.current = null;
    if (this.last && this.last.locode === c.port.locode) {
      this.last.departMs = c.depart;
      return;
    }
    const call: PortCall = { imo: this.imo, locode: c.port.locode, country: c.port.country, arriveMs: c.arrive, departMs: c.depart };
    if (this.last) {
      call.previous = this.last.locode;
      this.last.next = call.locode;
    }
    this.calls.push(call);
    this.last = call;
  }
}

function portAt(p: { lat: number; lon: number }): Port | undefined {
  let best: Port | undefined;
  let bestD = Infinity;
  // Candidates in PORTS order, so that ties resolve as a scan of every port would.
  const near = portsNear(p.lat, p.lon);
  for (let i = 0; i < near.length; i++) {
    const port = near[i]!;
    if (Math.abs(port.lat - p.lat) > 1 || Math.abs(port.lon - p.lon) > 1.5) continue;
    const d = haversineM(port, p);
    if (d <= port.radiusKm * 1000 && d < bestD) {
      best = port;
      bestD = d;
    }
  }
  return best;
}

/**
 * The ports that may lie within 1° of latitude and 1.5° of longitude of a
 * point in the same 1° cell (a superset of portAt's box, in PORTS order),
 * remembered per cell: a vessel at anchor looks up its port at every fix.
 */
const PORT_CELLS = new Map<number, Port[]>();

function portsNear(lat: number, lon: number): Port[] {
  const row = Math.floor(lat);
  const col = Math.floor(lon);
  const key = row * 1000 + col;
  let ports = PORT_CELLS.get(key);
  if (!ports) {
    // Any point of the cell is within 1° (lat) and 1.5° (lon) of a port only if the port is within 2° and 2.5° of the cell's corner.
    ports = PORTS.filter((port) => port.lat >= row - 1 && port.lat <= row + 2 && port.lon >= col - 1.5 && port.lon <= col + 2.5);
    PORT_CELLS.set(key, ports);
  }
  return ports;
}
