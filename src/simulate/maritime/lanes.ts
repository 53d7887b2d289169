/**
 * Sea routes between ports and points at sea, over the lane network of
 * lane-network.ts: shortest path by great-circle distance (Dijkstra), entering
 * and leaving the network through a port's fairway and approach points, or
 * straight from a point at sea to the nearest waypoints it can see without
 * crossing land. Legs are densified so that a track interpolating between
 * consecutive points stays on the checked great circle.
 */
import { SextantError } from '../../errors.ts';
import type { LatLon } from '../../model/geo.ts';
import { densifyGreatCircle, haversineM, lonDelta, M_PER_NM } from '../../model/geo.ts';
import { onLandAt } from '../../model/coast.ts';
import type { Port } from '../../model/ports.ts';
import { PORTS } from '../../model/ports.ts';
import type { Chokepoint } from './lane-network.ts';
import { LANES, PASSAGES, SLOW_ZONES, WAYPOINTS } from './lane-network.ts';

export type { Chokepoint } from './lane-network.ts';

export interface RouteOptions {
  /** Chokepoints to route around (e.g. ['suez', 'bab-el-mandeb'] for a Cape diversion). */
  avoid?: readonly Chokepoint[];
}

/** Longest step between consecutive route points: short enough that linear interpolation stays on the great circle. */
export const ROUTE_STEP_M = 25_000;
/** Sampling step when checking that a straight leg stays at sea. */
const VISIBILITY_STEP_M = 2_000;
/** How many network waypoints a point at sea is joined to. */
const ATTACH_LINKS = 4;
/** Farthest waypoint a point at sea may be joined to directly. */
const ATTACH_MAX_M = 3_000_000;
/** Two endpoints that see each other closer than this sail straight, if that is shorter. */
const DIRECT_MAX_M = 1_500_000;

const RAD = Math.PI / 180;

interface Edge {
  to: number;
  lengthM: number;
  /** Points after the start, ending at the target node. */
  path: LatLon[];
  chokepoint?: Chokepoint;
}

interface Graph {
  ids: string[];
  points: LatLon[];
  /** Unit vectors of the points, for nearest-waypoint searches. */
  xyz: Float64Array;
  adjacency: Edge[][];
  edgeCount: number;
}

let graph: Graph | undefined;

function buildGraph(): Graph {
  if (graph) return graph;
  const ids = Object.keys(WAYPOINTS);
  const index = new Map(ids.map((id, i) => [id, i]));
  const points = ids.map((id) => ({ lat: WAYPOINTS[id]!.lat, lon: WAYPOINTS[id]!.lon }));
  const adjacency: Edge[][] = ids.map(() => []);
  let edgeCount = 0;
  const nodeOf = (id: string): number => {
    const i = index.get(id);
    if (i === undefined) throw new Error(`lane network: unknown waypoint ${id}`);
    return i;
  };
  const addEdge = (a: number, b: number, middle: LatLon[], chokepoint?: Chokepoint): void => {
    const forward = [...middle, points[b]!];
    const backward = [...middle.slice().reverse(), points[a]!];
    const lengthM = pathLength([points[a]!, ...forward]);
    adjacency[a]!.push({ to: b, lengthM, path: forward, ...(chokepoint ? { chokepoint } : {}) });
    adjacency[b]!.push({ to: a, lengthM, path: backward, ...(chokepoint ? { chokepoint } : {}) });
    edgeCount++;
  };
  for (const lane of LANES) {
    for (let i = 1; i < lane.via.length; i++) addEdge(nodeOf(lane.via[i - 1]!), nodeOf(lane.via[i]!), [], lane.chokepoint);
  }
  for (const passage of PASSAGES) {
    const middle = passage.course.map(([lat, lon]) => ({ lat, lon }));
    addEdge(nodeOf(passage.from), nodeOf(passage.to), middle, passage.chokepoint);
  }
  const xyz = new Float64Array(points.length * 3);
  points.forEach((p, i) => {
    const c = Math.cos(p.lat * RAD);
    xyz[i * 3] = c * Math.cos(p.lon * RAD);
    xyz[i * 3 + 1] = c * Math.sin(p.lon * RAD);
    xyz[i * 3 + 2] = Math.sin(p.lat * RAD);
  });
  graph = { ids, points, xyz, adjacency, edgeCount };
  return graph;
}

function pathLength(points: readonly LatLon[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += haversineM(points[i - 1]!, points[i]!);
  return total;
}

/**
 * Whether the great circle from a to b stays at sea (sampled every 2 km).
 * Runs for every candidate leg, so it steps along the circle in unit vectors
 * without allocating, and stops at the first sample on land.
 */
export function seesAtSea(a: LatLon, b: LatLon): boolean {
  if (onLandAt(b.lat, b.lon)) return false;
  const d = haversineM(a, b);
  const steps = Math.ceil(d / VISIBILITY_STEP_M);
  if (steps <= 1) return true;
  const ca = Math.cos(a.lat * RAD);
  const cb = Math.cos(b.lat * RAD);
  const x1 = ca * Math.cos(a.lon * RAD);
  const y1 = ca * Math.sin(a.lon * RAD);
  const z1 = Math.sin(a.lat * RAD);
  const x2 = cb * Math.cos(b.lon * RAD);
  const y2 = cb * Math.sin(b.lon * RAD);
  const z2 = Math.sin(b.lat * RAD);
  const omega = Math.acos(Math.max(-1, Math.min(1, x1 * x2 + y1 * y2 + z1 * z2)));
  const sinOmega = Math.sin(omega);
  if (sinOmega < 1e-12) return true;
  for (let i = 1; i < steps; i++) {
    const f = i / steps;
    const wa = Math.sin((1 - f) * omega) / sinOmega;
    const wb = Math.sin(f * omega) / sinOmega;
    const x = wa * x1 + wb * x2;
    const y = wa * y1 + wb * y2;
    const z = wa * z1 + wb * z2;
    if (onLandAt(Math.atan2(z, Math.sqrt(x * x + y * y)) / RAD, Math.atan2(y, x) / RAD)) return false;
  }
  return true;
}

/** Where a route starts or ends: the points from the endpoint to where it meets the sea, and its links to the network. */
interface Endpoint {
  label: string;
  /** From the endpoint itself out to the attachment point (last element). */
  chain: LatLon[];
  /** Visible network waypoints, found on first need (a short hop in open water never needs them). */
  links?: Array<{ node: number; lengthM: number }>;
}

const endpointCache = new Map<string, Endpoint>();

function isPort(x: Port | LatLon): x is Port {
  return typeof (x as Port).locode === 'string';
}

function portChain(port: Port): LatLon[] {
  return [{ lat: port.lat, lon: port.lon }, ...(port.fairway ?? []), ...port.approach];
}

function endpointOf(x: Port | LatLon): Endpoint {
  if (isPort(x)) {
    const key = `port:${x.locode}`;
    let e = endpointCache.get(key);
    if (!e) {
      e = { label: `${x.locode} (${x.name})`, chain: portChain(x) };
      endpointCache.set(key, e);
    }
    return e;
  }
  // Exact coordinates: a rounded key would let two nearby points share (and so depend on the order of) a cache entry.
  const key = `${x.lat},${x.lon}`;
  let e = endpointCache.get(key);
  if (!e) {
    let chain: LatLon[] = [{ lat: x.lat, lon: x.lon }];
    if (onLandAt(x.lat, x.lon)) {
      // A berth inside a harbour the 1:50m coastline fills: leave through that port's channel.
      const harbour = portContaining(x);
      if (!harbour) {
        throw new SextantError('validation_failed', `no sea route from ${key}: the point is on land and in no known port`, { lat: x.lat, lon: x.lon });
      }
      chain = [{ lat: x.lat, lon: x.lon }, ...portChain(harbour).slice(1)];
    }
    e = { label: key, chain };
    if (endpointCache.size > 20_000) endpointCache.clear();
    endpointCache.set(key, e);
  }
  return e;
}

function portContaining(p: LatLon): Port | undefined {
  let best: Port | undefined;
  let bestM = Infinity;
  for (const port of PORTS) {
    const d = haversineM(p, port);
    if (d <= port.radiusKm * 1000 && d < bestM) {
      best = port;
      bestM = d;
    }
  }
  return best;
}

function linksOf(e: Endpoint): Array<{ node: number; lengthM: number }> {
  if (e.links) return e.links;
  const g = buildGraph();
  const at = e.chain[e.chain.length - 1]!;
  const candidates = nearestWaypoints(g, at, 16).filter((c) => c.lengthM <= ATTACH_MAX_M);
  const links: NonNullable<Endpoint['links']> = [];
  for (const c of candidates) {
    if (links.length >= ATTACH_LINKS) break;
    if (seesAtSea(at, g.points[c.node]!)) links.push(c);
  }
  if (links.length === 0 && e.chain.length === 1) {
    // A point inside a bay or channel (an anchorage off a port): leave the way that port's ships do.
    const via = nearestVisibleApproach(at);
    if (via) {
      e.chain = [at, ...via.port.approach.slice(via.index)];
      const portLinks = linksOf(endpointOf(via.port));
      e.links = portLinks;
      return portLinks;
    }
  }
  e.links = links;
  return links;
}

/** The k waypoints nearest to p, nearest first (ranked by unit-vector dot product: no trigonometry per waypoint). */
function nearestWaypoints(g: Graph, p: LatLon, k: number): Array<{ node: number; lengthM: number }> {
  const cosLat = Math.cos(p.lat * RAD);
  const x = cosLat * Math.cos(p.lon * RAD);
  const y = cosLat * Math.sin(p.lon * RAD);
  const z = Math.sin(p.lat * RAD);
  const best: Array<{ node: number; dot: number }> = [];
  const xyz = g.xyz;
  for (let i = 0; i < g.points.length; i++) {
    const dot = x * xyz[i * 3]! + y * xyz[i * 3 + 1]! + z * xyz[i * 3 + 2]!;
    if (best.length === k && dot <= best[k - 1]!.dot) continue;
    let j = best.length < k ? best.length : k - 1;
    while (j > 0 && best[j - 1]!.dot < dot) {
      best[j] = best[j - 1]!;
      j--;
    }
    best[j] = { node: i, dot };
  }
  return best.map((b) => ({ node: b.node, lengthM: haversineM(p, g.points[b.node]!) }));
}

/** The closest approach point of any port visible from p within 100 km. */
function nearestVisibleApproach(p: LatLon): { port: Port; index: number } | undefined {
  let best: { port: Port; index: number } | undefined;
  let bestM = 100_000;
  for (const port of PORTS) {
    port.approach.forEach((a, index) => {
      const d = haversineM(p, a);
      if (d < bestM && seesAtSea(p, a)) {
        best = { port, index };
        bestM = d;
      }
    });
  }
  return best;
}

class MinHeap {
  private keys: number[] = [];
  private values: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  push(key: number, value: number): void {
    const keys = this.keys;
    const values = this.values;
    let i = keys.length;
    keys.push(key);
    values.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      keys[i] = keys[parent]!;
      values[i] = values[parent]!;
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }
  pop(): [number, number] {
    const keys = this.keys;
    const values = this.values;
    const top: [number, number] = [keys[0]!, values[0]!];
    const lastKey = keys.pop()!;
    const lastValue = values.pop()!;
    if (keys.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= keys.length) break;
        const r = l + 1;
        const c = r < keys.length && keys[r]! < keys[l]! ? r : l;
        if (keys[c]! >= lastKey) break;
        keys[i] = keys[c]!;
        values[i] = values[c]!;
        i = c;
      }
      keys[i] = lastKey;
      values[i] = lastValue;
    }
    return top;
  }
}

/**
 * A route's points packed in one array (latitude of point i at 2i, longitude
 * at 2i + 1): the simulator keeps thousands of routes cached, and as objects
 * (one per point, two boxed numbers each) they were most of what its heap
 * gained while the AIS file is written.
 */
export interface PackedRoute {
  readonly length: number;
  readonly coords: Float64Array;
}

/** Point i of a packed route, into `out` (or a new object). */
export function routePoint(route: PackedRoute, i: number, out: LatLon = { lat: 0, lon: 0 }): LatLon {
  out.lat = route.coords[2 * i]!;
  out.lon = route.coords[2 * i + 1]!;
  return out;
}

function pack(points: readonly LatLon[]): PackedRoute {
  const coords = new Float64Array(points.length * 2);
  for (let i = 0; i < points.length; i++) {
    coords[2 * i] = points[i]!.lat;
    coords[2 * i + 1] = points[i]!.lon;
  }
  return { length: points.length, coords };
}

const routeCache = new Map<string, PackedRoute>();

/**
 * Waypoints of the shortest sea route from `from` to `to`, first point the
 * origin (a port's own position, or the given point) and last the destination,
 * through the ports' fairways and approaches, consecutive points at most 25 km
 * apart. Throws a SextantError when no route exists (a Caspian port and an
 * ocean port, a point on land outside any port).
 */
export function seaRoute(from: Port | LatLon, to: Port | LatLon, options: RouteOptions = {}): LatLon[] {
  const route = sharedSeaRoute(from, to, options);
  return Array.from({ length: route.length }, (_, i) => routePoint(route, i));
}

/** seaRoute packed and shared (cached), for the simulator's own hot paths: the caller must not modify it. */
export function sharedSeaRoute(from: Port | LatLon, to: Port | LatLon, options: RouteOptions = {}): PackedRoute {
  const avoid = options.avoid ?? [];
  const a = endpointOf(from);
  const b = endpointOf(to);
  const cacheKey = `${a.label}|${b.label}|${avoid.join(',')}`;
  let route = routeCache.get(cacheKey);
  if (!route) {
    route = computeRoute(a, b, new Set(avoid));
    if (routeCache.size > 20_000) routeCache.clear();
    routeCache.set(cacheKey, route);
  }
  return route;
}

function computeRoute(a: Endpoint, b: Endpoint, avoid: ReadonlySet<Chokepoint>): PackedRoute {
  const start = a.chain[a.chain.length - 1]!;
  const end = b.chain[b.chain.length - 1]!;
  // In open water a straight leg is the shortest route there is.
  const directM = haversineM(start, end);
  if (directM < 1 || (directM <= DIRECT_MAX_M && seesAtSea(start, end))) {
    return pack(densify([...a.chain, ...b.chain.slice().reverse()]));
  }
  const g = buildGraph();
  const n = g.points.length;
  const aLinks = linksOf(a);
  const bLinks = linksOf(b);
  // Nodes 0..n-1 are waypoints; n is the origin's attachment point, n+1 the destination's.
  const ORIGIN = n;
  const TARGET = n + 1;
  const dist = new Float64Array(n + 2).fill(Infinity);
  const prev = new Int32Array(n + 2).fill(-1);
  const prevEdge: Array<Edge | undefined> = new Array(n + 2);
  const targetLinks = new Map(bLinks.map((l) => [l.node, l.lengthM]));
  dist[ORIGIN] = 0;
  const heap = new MinHeap();
  heap.push(0, ORIGIN);
  const relax = (u: number, v: number, nd: number, edge: Edge | undefined): void => {
    if (nd < dist[v]!) {
      dist[v] = nd;
      prev[v] = u;
      prevEdge[v] = edge;
      heap.push(nd, v);
    }
  };
  while (heap.size > 0) {
    const [d, u] = heap.pop();
    if (d > dist[u]!) continue;
    if (u === TARGET) break;
    if (u === ORIGIN) {
      for (const link of aLinks) relax(u, link.node, d + link.lengthM, undefined);
      continue;
    }
    const edges = g.adjacency[u]!;
    for (let i = 0; i < edges.length; i++) {
      const edge = edges[i]!;
      if (edge.chokepoint && avoid.has(edge.chokepoint)) continue;
      relax(u, edge.to, d + edge.lengthM, edge);
    }
    const toTarget = targetLinks.get(u);
    if (toTarget !== undefined) relax(u, TARGET, d + toTarget, undefined);
  }
  if (dist[TARGET] === Infinity) {
    const reason = aLinks.length === 0 || bLinks.length === 0 ? 'cannot reach the lane network' : 'the two are on waters the lane network does not join';
    throw new SextantError('not_found', `no sea route from ${a.label} to ${b.label}: ${reason}`, {
      from: a.label,
      to: b.label,
      ...(avoid.size ? { avoid: [...avoid] } : {}),
    });
  }
  // Walk back from the target and lay the geometry out forwards.
  const nodes: number[] = [];
  for (let v = TARGET; v !== -1; v = prev[v]!) nodes.push(v);
  nodes.reverse();
  const coarse: LatLon[] = [...a.chain];
  for (let i = 1; i < nodes.length; i++) {
    const v = nodes[i]!;
    if (v === TARGET) break;
    const edge = prevEdge[v];
    if (edge) coarse.push(...edge.path);
    else coarse.push(g.points[v]!);
  }
  for (let i = b.chain.length - 1; i >= 0; i--) coarse.push(b.chain[i]!);
  return pack(densify(coarse));
}

function densify(points: readonly LatLon[]): LatLon[] {
  const out: LatLon[] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const last = out[out.length - 1];
    if (last && haversineM(last, p) < 1) continue;
    if (!last) {
      out.push({ lat: p.lat, lon: p.lon });
      continue;
    }
    const leg = densifyGreatCircle(last, p, ROUTE_STEP_M);
    for (let k = 1; k < leg.length; k++) out.push(leg[k]!);
  }
  return out;
}

/** Length of the sea route in nautical miles. */
export function seaDistanceNm(from: Port | LatLon, to: Port | LatLon, options: RouteOptions = {}): number {
  return pathLength(seaRoute(from, to, options)) / M_PER_NM;
}

/** Length of a polyline in nautical miles. */
export function routeLengthNm(route: readonly LatLon[]): number {
  return pathLength(route) / M_PER_NM;
}

interface Waterway {
  name: string;
  points: LatLon[];
  minLat: number;
  maxLat: number;
  maxKn?: number;
}

let waterways: Waterway[] | undefined;

/** Canals and port fairways: courses the 1:50m coastline shows as land. */
function waterwayList(): Waterway[] {
  if (waterways) return waterways;
  const list: Waterway[] = [];
  const add = (name: string, points: LatLon[], maxKn?: number): void => {
    const lats = points.map((p) => p.lat);
    list.push({ name, points, minLat: Math.min(...lats), maxLat: Math.max(...lats), ...(maxKn ? { maxKn } : {}) });
  };
  for (const passage of PASSAGES) {
    const from = WAYPOINTS[passage.from]!;
    const to = WAYPOINTS[passage.to]!;
    add(passage.name, [from, ...passage.course.map(([lat, lon]) => ({ lat, lon })), to], passage.maxKn);
  }
  for (const port of PORTS) {
    if (port.fairway) add(`${port.name} fairway`, [{ lat: port.lat, lon: port.lon }, ...port.fairway, port.approach[0]!]);
  }
  waterways = list;
  return list;
}

/** Distance from p to a polyline, km (local equirectangular projection: polylines here are short). */
function distanceToPolylineKm(p: LatLon, points: readonly LatLon[]): number {
  const kx = 111.195 * Math.cos((p.lat * Math.PI) / 180);
  const ky = 111.195;
  let best = Infinity;
  for (let i = 1; i < points.length; i++) {
    const ax = lonDelta(p.lon, points[i - 1]!.lon) * kx;
    const ay = (points[i - 1]!.lat - p.lat) * ky;
    const bx = lonDelta(p.lon, points[i]!.lon) * kx;
    const by = (points[i]!.lat - p.lat) * ky;
    const vx = bx - ax;
    const vy = by - ay;
    const len2 = vx * vx + vy * vy;
    let t = len2 > 0 ? -(ax * vx + ay * vy) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const d = Math.hypot(ax + t * vx, ay + t * vy);
    if (d < best) best = d;
  }
  return best;
}

/**
 * Whether p lies on a canal (Suez, Panama) or a port's river fairway, within
 * toleranceKm of its course: places where vessels legitimately report positions
 * the 1:50m coastline puts on land.
 */
export function isOnWaterway(p: LatLon, toleranceKm = 2): boolean {
  const margin = toleranceKm / 111;
  for (const w of waterwayList()) {
    if (p.lat < w.minLat - margin || p.lat > w.maxLat + margin) continue;
    if (distanceToPolylineKm(p, w.points) <= toleranceKm) return true;
  }
  return false;
}

/** The speed limit at p (canals, busy straits), knots, or undefined where none applies. */
export function speedLimitKnAt(p: LatLon): number | undefined {
  let limit: number | undefined;
  for (const zone of SLOW_ZONES) {
    // Cheap rejection first: a zone's radius is well under a degree of latitude.
    if (Math.abs(p.lat - zone.lat) > zone.radiusKm / 100) continue;
    if (haversineM(p, zone) <= zone.radiusKm * 1000) limit = Math.min(limit ?? Infinity, zone.maxKn);
  }
  for (const w of waterwayList()) {
    if (w.maxKn === undefined || p.lat < w.minLat - 0.05 || p.lat > w.maxLat + 0.05) continue;
    if (distanceToPolylineKm(p, w.points) <= 3) limit = Math.min(limit ?? Infinity, w.maxKn);
  }
  return limit;
}

/** Size of the network, for reports. */
export function laneNetworkStats(): { waypoints: number; edges: number; lanes: number; passages: number } {
  const g = buildGraph();
  return { waypoints: g.points.length, edges: g.edgeCount, lanes: LANES.length, passages: PASSAGES.length };
}
