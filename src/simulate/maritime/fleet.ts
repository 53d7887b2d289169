/**
 * Background (legitimate) traffic: the ordinary trade every scheme hides in.
 * Crude tankers shuttle between export terminals and refineries (laden out,
 * ballast back), LNG carriers between liquefaction and regasification
 * terminals, bulkers from mines and grain ports to steel mills and mills,
 * container ships on fixed rotations, product tankers and general cargo ships
 * between regional ports, ferries on short crossings, tugs around their port,
 * and fishing vessels out to grounds offshore where they trawl slowly and
 * drift for hours — legitimate loitering, the true negatives of detection.
 *
 * Vessels start in steady state — some in port, most somewhere along a voyage —
 * so a world does not begin with every ship leaving port at once. Background
 * trade avoids ports of countries under comprehensive sanctions (Iran, North
 * Korea, Syria, Cuba, Venezuela): calls there belong to planted schemes.
 */
import type { LatLon } from '../../model/geo.ts';
import { destination, haversineM } from '../../model/geo.ts';
import { distanceToShoreKm, onLand } from '../../model/coast.ts';
import type { Port } from '../../model/ports.ts';
import { PORTS, portByLocode } from '../../model/ports.ts';
import type { Random } from '../random.ts';
import { routePoint, seesAtSea, sharedSeaRoute } from './lanes.ts';
import type { Activity, Itinerary, SimVessel } from './trajectory.ts';
import { NAV_STATUS, travelHours } from './trajectory.ts';
import type { VesselKind } from './vessel-types.ts';
import { vesselClass } from './vessel-types.ts';

const HOUR_MS = 3_600_000;
/** Countries whose ports ordinary background trade does not call at. */
export const BACKGROUND_EXCLUDED_COUNTRIES: readonly string[] = Object.freeze(['ir', 'kp', 'sy', 'cu', 've']);

/** Where crude is loaded (export terminals) and discharged (refineries), by UN/LOCODE. */
const CRUDE_EXPORT = ['SARTA', 'SAYNB', 'IQBSR', 'KWMEA', 'AERUW', 'OMMFH', 'NGBON', 'AOLAD', 'USCRP', 'USHOU', 'NOMON', 'TRCEY', 'EGSOK', 'MXCOA', 'RUNVS', 'RUPRM', 'RUKOZ'];
const CRUDE_IMPORT = ['NLRTM', 'DEWVN', 'ITTRS', 'ITAUG', 'FRFOS', 'FRLEH', 'ESBIO', 'PTSIE', 'PLGDN', 'GBMLF', 'INSIK', 'INPRT', 'INVTZ', 'INMUN', 'CNNGB', 'CNQDG', 'CNRZH', 'CNDLC', 'KRUSN', 'JPCHB', 'TWKHH', 'SGSIN', 'USLGB', 'TRALI', 'BGBOJ'];
const LNG_EXPORT = ['QARLF', 'USLCH', 'NGBON', 'MYBTU', 'AUGLT', 'NOHFT'];
const LNG_IMPORT = ['JPCHB', 'KRINC', 'CNNGB', 'THMTP', 'FRDKK', 'NLRTM', 'DEWVN', 'LTKLJ', 'PTSIE', 'FRSNR', 'FRFOS', 'GBMLF'];
const BULK_EXPORT = ['AUPHE', 'AUNTL', 'AUGLT', 'BRVIX', 'BRSLZ', 'BRSSZ', 'BRPNG', 'ZARCB', 'UAODS', 'RUNVS', 'CAVAN', 'USMSY', 'RUVNN'];
const BULK_IMPORT = ['CNQDG', 'CNTSN', 'CNRZH', 'CNDLC', 'KRPUS', 'JPNGO', 'NLRTM', 'INVTZ', 'INPRT', 'TRISK', 'EGALY', 'SAJUB', 'DERSK', 'GBIMM', 'ITTRS'];

/** Container liner rotations (each a loop, sailed in order and back to the first port). */
const LINER_ROTATIONS: readonly string[][] = [
  ['CNSHA', 'CNNGB', 'CNYTN', 'SGSIN', 'NLRTM', 'DEHAM', 'BEANR', 'GBFXT', 'ESALG', 'SGSIN', 'HKHKG'],
  ['KRPUS', 'CNSHA', 'CNNGB', 'USLAX', 'USLGB', 'USOAK', 'JPYOK'],
  ['CNXMN', 'CNYTN', 'SGSIN', 'EGPSD', 'GRPIR', 'ITGOA', 'ESVLC', 'ESBCN', 'ITGIT', 'LKCMB'],
  ['NLRTM', 'DEBRV', 'GBLGP', 'USNYC', 'USORF', 'USSAV', 'USMIA', 'FRLEH'],
  ['CNSHA', 'HKHKG', 'TWKHH', 'VNHPH', 'SGSIN', 'MYPKG', 'THLCH', 'VNVUT'],
  ['AEJEA', 'INNSA', 'INMUN', 'PKKHI', 'LKCMB', 'OMSLL', 'AEKHL'],
  ['SGSIN', 'MUPLU', 'ZADUR', 'TGLFW', 'NGLOS', 'GHTEM', 'CIABJ', 'ZACPT'],
  ['CNSHA', 'SGSIN', 'ZADUR', 'BRSSZ', 'ARBUE', 'UYMVD', 'BRRIO', 'MYTPP'],
  ['CNSHA', 'HKHKG', 'AUSYD', 'AUMEL', 'NZAKL', 'AUNTL'],
  ['CLVAP', 'PECLL', 'PABLB', 'MXZLO', 'USLAX', 'PAONX', 'COCTG'],
  ['JMKIN', 'PAONX', 'COCTG', 'USMIA', 'USHOU'],
  ['DEHAM', 'PLGDN', 'LTKLJ', 'FIHEL', 'SEGOT', 'DKAAR'],
  ['TRAMR', 'ROCND', 'GEPTI', 'TRMER', 'GRPIR', 'EGPSD', 'ILHFA', 'CYLMS'],
  ['SAJED', 'DJJIB', 'KEMBA', 'TZDAR', 'OMSLL', 'AEJEA', 'QAHMD', 'BHKBS'],
  ['JPUKB', 'JPNGO', 'JPYOK', 'KRPUS', 'CNQDG', 'CNTSN', 'CNDLC', 'KRINC'],
  ['CAVAN', 'USSEA', 'JPYOK', 'KRPUS', 'CNSHA'],
];

/** Ferry crossings (both ways, all day). */
const FERRY_ROUTES: ReadonlyArray<[string, string]> = [
  ['GBDVR', 'FRCQF'],
  ['FIHEL', 'EETLL'],
  ['ESALG', 'MAPTM'],
  ['ITGOA', 'ESBCN'],
  ['CNQDG', 'KRINC'],
  ['KRPUS', 'JPFUK'],
  ['SENYN', 'LVRIX'],
  ['PLGDY', 'SENYN'],
  ['FRMRS', 'ITGOA'],
];

/** Ports fishing fleets work from. */
const FISHING_PORTS = ['DKSKA', 'PECLL', 'SNDKR', 'CLVAP', 'NZAKL', 'KRPUS', 'CNQDG', 'CNDLC', 'CNXMN', 'VNHPH', 'IDJKT', 'INCOK', 'LKCMB', 'MACAS', 'GHTEM', 'CIABJ', 'RUVVO', 'RUMMK', 'CAHAL', 'USSEA', 'ZACPT', 'TZDAR', 'KEMBA', 'MUPLU', 'PKKHI', 'BDCGP', 'ESBIO', 'GBIMM', 'ARBUE', 'OMSLL'];

function ports(locodes: readonly string[]): Port[] {
  return locodes.map((l) => portByLocode(l)).filter((p): p is Port => p !== undefined && !BACKGROUND_EXCLUDED_COUNTRIES.includes(p.country));
}

const legalPorts = (): Port[] => PORTS.filter((p) => p.oceanReachable && !BACKGROUND_EXCLUDED_COUNTRIES.includes(p.country));

/** A vessel of the kind with dimensions, speed and transceiver drawn from its class. */
export function makeFleetVessel(random: Random, kind: VesselKind, flag: string, mmsi: string, imo: string | undefined, name: string, callSign: string): SimVessel {
  const cls = vesselClass(kind);
  const size = random.next();
  // Length, beam and draught grow together: a VLCC is long, wide and deep.
  const within = (r: readonly [number, number], jitter = 0.1): number => r[0] + (r[1] - r[0]) * Math.min(1, Math.max(0, size + random.range(-jitter, jitter)));
  const vessel: SimVessel = {
    mmsi,
    name,
    callSign,
    flag,
    kind,
    length: Math.round(within(cls.lengthM)),
    width: Math.round(within(cls.widthM)),
    draughtLaden: Math.round(within(cls.draughtLadenM) * 10) / 10,
    draughtBallast: Math.round(within(cls.draughtBallastM) * 10) / 10,
    serviceSpeedKn: Math.round(random.range(cls.serviceSpeedKn[0], cls.serviceSpeedKn[1]) * 10) / 10,
    transceiver: random.chance(cls.classBShare) ? 'B' : 'A',
    aisType: cls.aisTypeVariants.length > 0 && random.chance(0.2) ? random.pick(cls.aisTypeVariants) : cls.aisType,
  };
  if (imo) vessel.imo = imo;
  return vessel;
}

/**
 * A plausible itinerary for a background vessel of its kind, covering the
 * window (and a margin past its end, so the vessel does not vanish at the end).
 */
export function backgroundItinerary(random: Random, vessel: SimVessel, window: { startMs: number; endMs: number }): Itinerary {
  const rng = random.fork('fleet');
  switch (vessel.kind) {
    case 'crude_tanker':
      return shuttleTrade(rng, vessel, window, ports(CRUDE_EXPORT), ports(CRUDE_IMPORT), [18, 40], [30, 72]);
    case 'lng':
      return shuttleTrade(rng, vessel, window, ports(LNG_EXPORT), ports(LNG_IMPORT), [20, 36], [20, 40]);
    case 'bulk':
      return shuttleTrade(rng, vessel, window, ports(BULK_EXPORT), ports(BULK_IMPORT), [30, 96], [36, 120]);
    case 'product_tanker':
      return regionalTrade(rng, vessel, window, legalPorts().filter((p) => p.roles.includes('products')), 5000, [20, 48]);
    case 'general_cargo':
      return regionalTrade(rng, vessel, window, legalPorts().filter((p) => p.roles.some((r) => r === 'general' || r === 'container' || r === 'bulk')), 2000, [24, 72]);
    case 'container':
      return linerRotation(rng, vessel, window);
    case 'passenger':
      return ferryService(rng, vessel, window);
    case 'fishing':
      return fishingTrips(rng, vessel, window);
    case 'tug':
      return harbourTowage(rng, vessel, window);
    default:
      return regionalTrade(rng, vessel, window, legalPorts(), 2000, [24, 72]);
  }
}

/** Plans voyages forward, keeping an estimate of the clock so port stays can be given absolute end times. */
class Planner {
  readonly activities: Activity[] = [];
  constructor(
    readonly rng: Random,
    readonly vessel: SimVessel,
    public clock: number,
    public here: Port | LatLon,
  ) {}

  sail(to: Port | LatLon, speedKn?: number, status?: number): void {
    const speed = speedKn ?? this.vessel.serviceSpeedKn;
    // Plan with a little slack: the trajectory's speed wanders around the service speed.
    this.clock += travelHours(this.here, to, speed) * 1.04 * HOUR_MS;
    this.activities.push({ kind: 'sail', to, ...(speedKn ? { speedKn } : {}), ...(status !== undefined ? { status } : {}) });
    this.here = to;
  }

  stay(port: Port, hours: number, draughtAfter?: number): void {
    this.clock += hours * HOUR_MS;
    this.activities.push({ kind: 'stay', port, until: Math.round(this.clock), ...(draughtAfter !== undefined ? { draughtAfter } : {}) });
    this.here = port;
  }

  anchor(at: LatLon, hours: number): void {
    if (haversineM(this.here, at) > 1000) this.clock += travelHours(this.here, at, Math.min(10, this.vessel.serviceSpeedKn)) * 1.04 * HOUR_MS;
    this.clock += hours * HOUR_MS;
    this.activities.push({ kind: 'anchor', at, until: Math.round(this.clock) });
    this.here = at;
  }

  drift(at: LatLon, hours: number, status?: number): void {
    this.clock += hours * HOUR_MS;
    this.activities.push({ kind: 'drift', at, until: Math.round(this.clock), ...(status !== undefined ? { status } : {}) });
    this.here = at;
  }
}

/** How far past the window itineraries are planned. */
const MARGIN_MS = 3 * 24 * HOUR_MS;

/**
 * Where a vessel is at the start of the window: in port `from` partway through
 * a stay, or at sea partway along the voyage from `from` to `to`.
 */
function steadyStart(rng: Random, vessel: SimVessel, startMs: number, from: Port, to: Port, atSeaShare: number): { planner: Planner; atSea: boolean } {
  if (rng.chance(atSeaShare)) {
    try {
      const route = sharedSeaRoute(from, to);
      const at = routePoint(route, Math.floor(rng.range(0.1, 0.9) * route.length));
      // The voyage resumes from that point: it must reach the lane network (a point up an
      // estuary can lie on the route out of a port yet see no lane node), else the plan throws.
      if (!onLand(at)) {
        sharedSeaRoute(at, to);
        return { planner: new Planner(rng, vessel, startMs, at), atSea: true };
      }
    } catch {
      // No usable route: start in port instead.
    }
  }
  return { planner: new Planner(rng, vessel, startMs, from), atSea: false };
}

/** Waiting at the anchorage off a busy port before a berth is free, some of the time. */
function maybeWaitAtAnchorage(p: Planner, port: Port, chance: number): void {
  if (!p.rng.chance(chance)) return;
  const spot = anchorageSpot(p.rng, port);
  if (spot) p.anchor(spot, p.rng.range(6, 60));
}

/** A spot in the anchorage off a port: near its outermost approach point, spread so ships lie apart. */
function anchorageSpot(rng: Random, port: Port): LatLon | undefined {
  const outer = port.approach[port.approach.length - 1]!;
  for (let i = 0; i < 8; i++) {
    const spot = destination(outer, rng.range(0, 360), rng.range(500, 4000));
    if (!onLand(spot) && distanceToShoreKm(spot) > 1.5 && seesAtSea(outer, spot)) return spot;
  }
  return undefined;
}

/** Laden from a loading port to a discharge port, back in ballast, again. */
function shuttleTrade(
  rng: Random,
  vessel: SimVessel,
  window: { startMs: number; endMs: number },
  loading: Port[],
  discharge: Port[],
  loadHours: [number, number],
  dischargeHours: [number, number],
): Itinerary {
  const first = rng.pick(loading);
  const dest = pickReachable(rng, first, discharge);
  const { planner: p, atSea } = steadyStart(rng, vessel, window.startMs, first, dest, 0.7);
  const startAt = p.here;
  let draught = vessel.draughtLaden;
  if (atSea) {
    maybeWaitAtAnchorage(p, dest, 0.3);
    p.sail(dest);
    p.stay(dest, rng.range(...dischargeHours), vessel.draughtBallast);
  } else {
    draught = vessel.draughtBallast;
    p.stay(first, rng.range(0.1, 1) * rng.range(...loadHours), vessel.draughtLaden);
    p.sail(dest);
    p.stay(dest, rng.range(...dischargeHours), vessel.draughtBallast);
  }
  let here = dest;
  while (p.clock < window.endMs + MARGIN_MS) {
    const load = pickReachable(rng, here, loading);
    maybeWaitAtAnchorage(p, load, 0.25);
    p.sail(load);
    p.stay(load, rng.range(...loadHours), vessel.draughtLaden);
    const next = pickReachable(rng, load, discharge);
    maybeWaitAtAnchorage(p, next, 0.3);
    p.sail(next);
    p.stay(next, rng.range(...dischargeHours), vessel.draughtBallast);
    here = next;
  }
  return { vessel, startMs: window.startMs, startAt, draught, activities: p.activities };
}

/** A destination from the list, preferring nearer ones (ships are chartered for regional cargoes more often than not). */
function pickReachable(rng: Random, from: Port, candidates: Port[], maxNm = Infinity): Port {
  const options = candidates.filter((c) => c.locode !== from.locode);
  const weights = options.map((c) => {
    const d = haversineM(from, c) / 1852;
    return d > maxNm ? 0 : 1 / (1 + d / 3000);
  });
  if (!weights.some((w) => w > 0)) return rng.pick(options);
  return rng.weighted(options, weights);
}

/** Cargo between ports of a role, mostly within maxNm, with loading and discharge. */
function regionalTrade(rng: Random, vessel: SimVessel, window: { startMs: number; endMs: number }, pool: Port[], maxNm: number, stayHours: [number, number]): Itinerary {
  const first = rng.pick(pool);
  const dest = pickReachable(rng, first, pool, maxNm);
  const { planner: p, atSea } = steadyStart(rng, vessel, window.startMs, first, dest, 0.55);
  const startAt = p.here;
  // Most calls discharge and load: ships usually sail laden.
  const draught = rng.chance(0.7) ? vessel.draughtLaden : vessel.draughtBallast;
  if (!atSea) p.stay(first, rng.range(0.1, 1) * rng.range(...stayHours), rng.chance(0.75) ? vessel.draughtLaden : vessel.draughtBallast);
  let here = dest;
  p.sail(dest);
  while (p.clock < window.endMs + MARGIN_MS) {
    p.stay(here, rng.range(...stayHours), rng.chance(0.75) ? vessel.draughtLaden : vessel.draughtBallast);
    const next = pickReachable(rng, here, pool, maxNm);
    maybeWaitAtAnchorage(p, next, 0.15);
    p.sail(next);
    here = next;
  }
  return { vessel, startMs: window.startMs, startAt, draught, activities: p.activities };
}

/** A liner on a fixed rotation, entered at a random port of the loop. */
function linerRotation(rng: Random, vessel: SimVessel, window: { startMs: number; endMs: number }): Itinerary {
  const rotation = ports(rng.pick(LINER_ROTATIONS));
  let i = rng.int(0, rotation.length - 1);
  const from = rotation[i]!;
  const to = rotation[(i + 1) % rotation.length]!;
  const { planner: p, atSea } = steadyStart(rng, vessel, window.startMs, from, to, 0.65);
  const startAt = p.here;
  const draught = vessel.draughtBallast + (vessel.draughtLaden - vessel.draughtBallast) * rng.range(0.5, 0.9);
  if (!atSea) p.stay(from, rng.range(2, 24));
  while (p.clock < window.endMs + MARGIN_MS) {
    i = (i + 1) % rotation.length;
    const port = rotation[i]!;
    p.sail(port);
    const loadFactor = rng.range(0.45, 0.95);
    p.stay(port, rng.range(12, 36), Math.round((vessel.draughtBallast + (vessel.draughtLaden - vessel.draughtBallast) * loadFactor) * 10) / 10);
  }
  return { vessel, startMs: window.startMs, startAt, draught, activities: p.activities };
}

/** A ferry shuttling between two ports, with short turnarounds. */
function ferryService(rng: Random, vessel: SimVessel, window: { startMs: number; endMs: number }): Itinerary {
  const [a, b] = rng.pick(FERRY_ROUTES).map((l) => portByLocode(l)!) as [Port, Port];
  let [here, there] = rng.chance(0.5) ? [a, b] : [b, a];
  const p = new Planner(rng, vessel, window.startMs, here);
  const startAt = here;
  p.stay(here, rng.range(0.2, 3));
  while (p.clock < window.endMs + MARGIN_MS) {
    p.sail(there);
    p.stay(there, rng.range(1, 3.5));
    [here, there] = [there, here];
  }
  return { vessel, startMs: window.startMs, startAt, draught: vessel.draughtLaden, activities: p.activities };
}

/** A tug moored at its port between jobs: out to the approaches to meet a ship, escort it in, back. */
function harbourTowage(rng: Random, vessel: SimVessel, window: { startMs: number; endMs: number }): Itinerary {
  const home = rng.pick(legalPorts().filter((port) => port.roles.includes('hub') || port.roles.includes('container') || port.roles.includes('crude')));
  const p = new Planner(rng, vessel, window.startMs, home);
  p.stay(home, rng.range(0, 12));
  while (p.clock < window.endMs + MARGIN_MS) {
    const meet = home.approach[rng.int(0, home.approach.length - 1)]!;
    p.sail(meet, rng.range(8, vessel.serviceSpeedKn));
    p.drift(meet, rng.range(0.2, 1));
    p.sail(home, rng.range(4, 7));
    p.stay(home, rng.range(3, 20));
  }
  return { vessel, startMs: window.startMs, startAt: home, draught: vessel.draughtLaden, activities: p.activities };
}

/**
 * Fishing trips: out to a ground offshore, trawling slowly between points and
 * drifting for hours (engaged in fishing), back to land the catch.
 */
function fishingTrips(rng: Random, vessel: SimVessel, window: { startMs: number; endMs: number }): Itinerary {
  const home = rng.pick(ports(FISHING_PORTS));
  const ground = fishingGround(rng, home);
  const p = new Planner(rng, vessel, window.startMs, home);
  const startAt = home;
  p.stay(home, rng.range(1, 36), vessel.draughtBallast);
  while (p.clock < window.endMs + MARGIN_MS) {
    if (ground) {
      p.sail(ground);
      const tripEnd = p.clock + rng.range(24, 144) * HOUR_MS;
      let at = ground;
      while (p.clock < tripEnd) {
        if (rng.chance(0.35)) {
          p.drift(at, rng.range(2, 10), NAV_STATUS.engagedInFishing);
        } else {
          const next = nearbySeaPoint(rng, ground, 25_000, home) ?? ground;
          p.sail(next, rng.range(2.5, 4.5), NAV_STATUS.engagedInFishing);
          at = next;
        }
      }
    } else {
      // A home port with no open water nearby: day trips along the approach.
      const out = home.approach[home.approach.length - 1]!;
      p.sail(out, rng.range(6, 9));
      p.drift(out, rng.range(3, 8), NAV_STATUS.engagedInFishing);
    }
    p.sail(home);
    p.stay(home, rng.range(12, 72), vessel.draughtBallast);
  }
  return { vessel, startMs: window.startMs, startAt, draught: vessel.draughtBallast, activities: p.activities };
}

/** A fishing ground: open water 40–150 km out from the port's approach, at least 15 km from shore. */
function fishingGround(rng: Random, home: Port): LatLon | undefined {
  const outer = home.approach[home.approach.length - 1]!;
  for (let i = 0; i < 24; i++) {
    const p = destination(outer, rng.range(0, 360), rng.range(40_000, 150_000));
    if (onLand(p) || distanceToShoreKm(p) < 15) continue;
    try {
      sharedSeaRoute(home, p);
      return p;
    } catch {
      // Enclosed water: try another bearing.
    }
  }
  return undefined;
}

/** A point at sea within radiusM of centre, in open water from it and with a way home from it. */
function nearbySeaPoint(rng: Random, centre: LatLon, radiusM: number, home: Port): LatLon | undefined {
  for (let i = 0; i < 8; i++) {
    const p = destination(centre, rng.range(0, 360), rng.range(2000, radiusM));
    if (onLand(p) || distanceToShoreKm(p) <= 5 || !seesAtSea(centre, p)) continue;
    try {
      sharedSeaRoute(p, home);
      return p;
    } catch {
      // Enclosed water (a fjord with no view of the lanes): try another point.
    }
  }
  return undefined;
}
