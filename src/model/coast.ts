/**
 * Land and shore distance from Natural Earth land polygons (world-atlas).
 *
 * Why land-50m: the 1:110m set closes narrow straits and misses many islands a
 * vessel must round; the 1:10m set is 7× larger (≈ 410 000 vertices, ≈ 230 ms to
 * parse) and does not close Antarctica at the pole, which breaks a planar
 * inside test. The 1:50m set (≈ 60 000 vertices, ≈ 45 ms) keeps the Bosporus,
 * Dardanelles, Kerch Strait, Øresund and Singapore Strait open and places
 * coastlines within a few hundred metres to ~2 km — enough for thresholds of
 * 10 km (ports), 20 nm (loitering) and 50 nm (gaps). Harbour basins are often
 * land at this scale, which is why ports carry a radius and approach points.
 * The Suez and Panama canals are land here: routing treats them as passages.
 *
 * Both questions are answered from a 1° grid built once, lazily, on first use:
 * every cell lists the polygon edges and the coastline segments that touch it,
 * and knows whether its centre is on land. "Is p on land?" is the centre's
 * answer flipped once per edge crossed on the way from the centre to p — a few
 * dozen edge tests. "How far is the shore?" searches rings of cells outward
 * from p, skipping rings known to be empty, until no nearer segment can exist.
 *
 * world-atlas rings are spherical (d3): some cross the antimeridian uncut and
 * Antarctica encircles the South Pole. Rings are unwrapped to continuous
 * longitudes, polar rings closed along the pole, and copies shifted by ±360°
 * added so that a planar even–odd test is right everywhere in [-180°, 180°).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { Topology, GeometryObject } from 'topojson-specification';
import type { FeatureCollection } from 'geojson';
import type { LatLon } from './geo.ts';
import { EARTH_RADIUS_M, lonDelta, normalizeLon } from './geo.ts';

/** The land data set in use (see the module comment for why). */
export const LAND_DATASET = 'world-atlas land-50m (Natural Earth 1:50m land polygons)';

const COLS = 360;
const ROWS = 180;
const KM_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180 / 1000;

interface CoastIndex {
  /** Polygon edges for the inside test: x1, y1, x2, y2 (lon, lat), possibly outside [-180, 180]. */
  edges: Float64Array;
  edgeCellStart: Int32Array;
  edgeCellItems: Int32Array;
  /** Whether each cell's centre is on land. */
  centreLand: Uint8Array;
  /** Coastline segments (no antimeridian cuts, no pole closures): x1, y1, x2, y2 with x2 unwrapped next to x1. */
  coast: Float64Array;
  coastCellStart: Int32Array;
  coastCellItems: Int32Array;
  /** Chebyshev distance, in cells, from each cell to the nearest cell holding coastline. */
  ringsToCoast: Int16Array;
}

let index: CoastIndex | undefined;

function loadIndex(): CoastIndex {
  if (index) return index;
  const require = createRequire(import.meta.url);
  const topology = JSON.parse(readFileSync(require.resolve('world-atlas/land-50m.json'), 'utf8')) as Topology;
  const land = feature(topology, topology.objects['land'] as GeometryObject) as unknown as FeatureCollection;
  const rings: number[][][] = [];
  for (const f of land.features) {
    const g = f.geometry;
    const polygons = g.type === 'MultiPolygon' ? g.coordinates : g.type === 'Polygon' ? [g.coordinates] : [];
    for (const polygon of polygons) for (const ring of polygon) rings.push(ring as number[][]);
  }
  index = buildIndex(rings);
  return index;
}

function buildIndex(rawRings: number[][][]): CoastIndex {
  const rings: Float64Array[] = [];
  let edgeCount = 0;
  let coastCount = 0;
  const shiftsOf: number[][] = [];
  for (const raw of rawRings) {
    const ring = unwrapRing(raw);
    if (ring === undefined) continue;
    let minX = Infinity;
    let maxX = -Infinity;
    for (let i = 0; i < ring.length; i += 2) {
      if (ring[i]! < minX) minX = ring[i]!;
      if (ring[i]! > maxX) maxX = ring[i]!;
    }
    const shifts = [0];
    if (maxX > 180) shifts.push(-360);
    if (minX < -180) shifts.push(360);
    rings.push(ring);
    shiftsOf.push(shifts);
    const n = ring.length / 2 - 1;
    edgeCount += n * shifts.length;
    coastCount += n;
  }
  const edges = new Float64Array(edgeCount * 4);
  const coastAll = new Float64Array(coastCount * 4);
  let e = 0;
  let k = 0;
  rings.forEach((ring, ri) => {
    for (const shift of shiftsOf[ri]!) {
      for (let i = 2; i < ring.length; i += 2) {
        edges[e++] = ring[i - 2]! + shift;
        edges[e++] = ring[i - 1]!;
        edges[e++] = ring[i]! + shift;
        edges[e++] = ring[i + 1]!;
      }
    }
    for (let i = 2; i < ring.length; i += 2) {
      const ax = ring[i - 2]!;
      const ay = ring[i - 1]!;
      const bx = ring[i]!;
      const by = ring[i + 1]!;
      if (isArtificialEdge(ax, ay, bx, by)) continue;
      const x1 = normalizeLon(ax);
      coastAll[k++] = x1;
      coastAll[k++] = ay;
      coastAll[k++] = x1 + (bx - ax);
      coastAll[k++] = by;
    }
  });
  const coast = coastAll.slice(0, k);
  const [edgeCellStart, edgeCellItems] = cellLists(edges, false);
  const [coastCellStart, coastCellItems] = cellLists(coast, true);
  const centreLand = centreStatus(edges, edgeCellStart, edgeCellItems);
  const ringsToCoast = ringsToNearestCoast(coastCellStart);
  return { edges, edgeCellStart, edgeCellItems, centreLand, coast, coastCellStart, coastCellItems, ringsToCoast };
}

/**
 * A ring as x, y pairs with longitudes made continuous (no jump of more than
 * 180°). A ring that winds once around a pole (Antarctica) is closed along that
 * pole so that it bounds a planar region; degenerate rings (the d3 pole "hole")
 * are dropped.
 */
function unwrapRing(raw: number[][]): Float64Array | undefined {
  if (raw.length < 4) return undefined;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const p of raw) {
    if (p[1]! < minY) minY = p[1]!;
    if (p[1]! > maxY) maxY = p[1]!;
  }
  if (maxY - minY < 1e-9) return undefined;
  const out = new Float64Array(raw.length * 2 + 6);
  let x = raw[0]![0]!;
  out[0] = x;
  out[1] = raw[0]![1]!;
  for (let i = 1; i < raw.length; i++) {
    x += lonDelta(raw[i - 1]![0]!, raw[i]![0]!);
    out[i * 2] = x;
    out[i * 2 + 1] = raw[i]![1]!;
  }
  const x0 = out[0]!;
  if (Math.abs(x - x0) <= 180) return out.subarray(0, raw.length * 2);
  const poleY = minY + maxY < 0 ? -90 : 90;
  const n = raw.length * 2;
  out.set([x, poleY, x0, poleY, x0, out[1]!], n);
  return out;
}

/** Edges that bound a polygon but are not shoreline: cuts along the antimeridian and closures along a pole. */
function isArtificialEdge(ax: number, ay: number, bx: number, by: number): boolean {
  if (onAntimeridian(ax) && onAntimeridian(bx)) return true;
  if (Math.abs(ay) > 89.99 && Math.abs(by) > 89.99) return true;
  return ax === bx && ay === by;
}

function onAntimeridian(x: number): boolean {
  return 180 - Math.abs(normalizeLon(x)) < 1e-6;
}

function rowOf(lat: number): number {
  const r = Math.floor(lat + 90);
  return r < 0 ? 0 : r >= ROWS ? ROWS - 1 : r;
}

function colOf(lon: number): number {
  const c = Math.floor(lon + 180);
  return c < 0 ? 0 : c >= COLS ? COLS - 1 : c;
}

/**
 * Compressed per-cell lists of the segments whose bounding box touches each cell.
 * Polygon edges outside [-180, 180) are clipped to the grid (their shifted copy
 * covers the wrapped part); coastline segments wrap around the antimeridian.
 */
function cellLists(segments: Float64Array, wrap: boolean): [Int32Array, Int32Array] {
  const n = segments.length / 4;
  const counts = new Int32Array(ROWS * COLS + 1);
  const visit = (i: number, emit: (cell: number) => void): void => {
    const x1 = segments[i * 4]!;
    const y1 = segments[i * 4 + 1]!;
    const x2 = segments[i * 4 + 2]!;
    const y2 = segments[i * 4 + 3]!;
    let minX = Math.min(x1, x2);
    let maxX = Math.max(x1, x2);
    const r0 = rowOf(Math.min(y1, y2));
    const r1 = rowOf(Math.max(y1, y2));
    if (!wrap) {
      if (minX >= 180 || maxX < -180) return;
      minX = Math.max(minX, -180);
      maxX = Math.min(maxX, 180 - 1e-9);
    }
    const c0 = Math.floor(minX + 180);
    const c1 = Math.floor(maxX + 180);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1 && c - c0 < COLS; c++) emit(r * COLS + (((c % COLS) + COLS) % COLS));
    }
  };
  for (let i = 0; i < n; i++) visit(i, (cell) => counts[cell + 1]!++);
  for (let cell = 0; cell < ROWS * COLS; cell++) counts[cell + 1]! += counts[cell]!;
  const items = new Int32Array(counts[ROWS * COLS]!);
  const fill = counts.slice(0, ROWS * COLS);
  for (let i = 0; i < n; i++) visit(i, (cell) => (items[fill[cell]!++] = i));
  return [counts, items];
}

/** Parity of edges crossing the horizontal line y between x = from (inclusive) and x = to (exclusive side), from one cell's list. */
function horizontalCrossings(ix: CoastIndex, cell: number, y: number, lo: number, hi: number): number {
  const { edges, edgeCellStart, edgeCellItems } = ix;
  let parity = 0;
  for (let k = edgeCellStart[cell]!, end = edgeCellStart[cell + 1]!; k < end; k++) {
    const e = edgeCellItems[k]! * 4;
    const y1 = edges[e + 1]!;
    const y2 = edges[e + 3]!;
    if (y1 > y === y2 > y) continue;
    const x1 = edges[e]!;
    const xi = x1 + ((y - y1) * (edges[e + 2]! - x1)) / (y2 - y1);
    if (xi >= lo && xi < hi) parity ^= 1;
  }
  return parity;
}

function verticalCrossings(ix: CoastIndex, cell: number, x: number, lo: number, hi: number): number {
  const { edges, edgeCellStart, edgeCellItems } = ix;
  let parity = 0;
  for (let k = edgeCellStart[cell]!, end = edgeCellStart[cell + 1]!; k < end; k++) {
    const e = edgeCellItems[k]! * 4;
    const x1 = edges[e]!;
    const x2 = edges[e + 2]!;
    if (x1 > x === x2 > x) continue;
    const y1 = edges[e + 1]!;
    const yi = y1 + ((x - x1) * (edges[e + 3]! - y1)) / (x2 - x1);
    if (yi >= lo && yi < hi) parity ^= 1;
  }
  return parity;
}

/**
 * Land status of every cell centre: the westernmost centre of each row by a ray
 * cast to the far west (over the few edges that reach west of it), then each
 * next centre by the crossings between it and its western neighbour.
 */
function centreStatus(edges: Float64Array, edgeCellStart: Int32Array, edgeCellItems: Int32Array): Uint8Array {
  const ix = { edges, edgeCellStart, edgeCellItems } as CoastIndex;
  const westEdges: number[] = [];
  for (let e = 0; e < edges.length; e += 4) if (Math.min(edges[e]!, edges[e + 2]!) < -179.5) westEdges.push(e);
  const status = new Uint8Array(ROWS * COLS);
  for (let r = 0; r < ROWS; r++) {
    const y = r - 90 + 0.5;
    let inside = 0;
    for (const e of westEdges) {
      const y1 = edges[e + 1]!;
      const y2 = edges[e + 3]!;
      if (y1 > y === y2 > y) continue;
      const x1 = edges[e]!;
      const xi = x1 + ((y - y1) * (edges[e + 2]! - x1)) / (y2 - y1);
      if (xi < -179.5) inside ^= 1;
    }
    status[r * COLS] = inside;
    for (let c = 1; c < COLS; c++) {
      const west = -180 + c - 0.5;
      const boundary = -180 + c;
      inside ^= horizontalCrossings(ix, r * COLS + c - 1, y, west, boundary);
      inside ^= horizontalCrossings(ix, r * COLS + c, y, boundary, boundary + 0.5);
      status[r * COLS + c] = inside;
    }
  }
  return status;
}

/** Multi-source breadth-first search over the grid (8-neighbourhood, wrapping in longitude). */
function ringsToNearestCoast(coastCellStart: Int32Array): Int16Array {
  const dist = new Int16Array(ROWS * COLS).fill(-1);
  let frontier: number[] = [];
  for (let cell = 0; cell < ROWS * COLS; cell++) {
    if (coastCellStart[cell + 1]! > coastCellStart[cell]!) {
      dist[cell] = 0;
      frontier.push(cell);
    }
  }
  for (let d = 1; frontier.length > 0; d++) {
    const next: number[] = [];
    for (const cell of frontier) {
      const r = Math.floor(cell / COLS);
      const c = cell % COLS;
      for (let dr = -1; dr <= 1; dr++) {
        const rr = r + dr;
        if (rr < 0 || rr >= ROWS) continue;
        for (let dc = -1; dc <= 1; dc++) {
          const n = rr * COLS + ((c + dc + COLS) % COLS);
          if (dist[n] === -1) {
            dist[n] = d;
            next.push(n);
          }
        }
      }
    }
    frontier = next;
  }
  return dist;
}

/** Whether the point is on land (inside a Natural Earth 1:50m land polygon; lakes mapped as holes, e.g. the Caspian, count as water). */
export function onLand(p: LatLon): boolean {
  return onLandAt(p.lat, p.lon);
}

/** onLand for hot loops: no object needed. */
export function onLandAt(lat: number, lon: number): boolean {
  const ix = loadIndex();
  const x = normalizeLon(lon);
  const r = rowOf(lat);
  const c = colOf(x);
  const cell = r * COLS + c;
  const cx = -180 + c + 0.5;
  const cy = -90 + r + 0.5;
  let inside = ix.centreLand[cell]!;
  inside ^= horizontalCrossings(ix, cell, lat, Math.min(x, cx), Math.max(x, cx));
  inside ^= verticalCrossings(ix, cell, cx, Math.min(lat, cy), Math.max(lat, cy));
  return inside === 1;
}

export interface ShorePoint {
  /** The nearest point of the coastline. */
  point: LatLon;
  distanceKm: number;
}

/**
 * The nearest coastline point and its great-circle distance, whether p is at sea
 * or on land. The search runs in a local equirectangular plane around p (exact
 * to well under 1 % within a few hundred km, the range that matters for the
 * thresholds); the distance returned is the great-circle distance to the point found.
 */
export function nearestShore(p: LatLon): ShorePoint {
  const ix = loadIndex();
  const lat = Math.max(-89.999, Math.min(89.999, p.lat));
  const lon = normalizeLon(p.lon);
  const ky = KM_PER_DEG;
  const kx = KM_PER_DEG * Math.max(1e-3, Math.cos((lat * Math.PI) / 180));
  const r0 = rowOf(lat);
  const c0 = colOf(lon);
  const { coast, coastCellStart, coastCellItems } = ix;
  let best = Infinity;
  let bestX = 0;
  let bestY = 0;
  const visitCell = (r: number, cCol: number): void => {
    const c = ((cCol % COLS) + COLS) % COLS;
    const cell = r * COLS + c;
    const start = coastCellStart[cell]!;
    const end = coastCellStart[cell + 1]!;
    if (start === end) return;
    const south = r - 90;
    const dyDeg = lat < south ? south - lat : lat > south + 1 ? lat - south - 1 : 0;
    const dxDeg = Math.max(0, Math.abs(lonDelta(lon, c - 180 + 0.5)) - 0.5);
    const boxX = dxDeg * kx;
    const boxY = dyDeg * ky;
    if (boxX * boxX + boxY * boxY >= best * best) return;
    for (let k = start; k < end; k++) {
      const e = coastCellItems[k]! * 4;
      const x1 = coast[e]!;
      const ax = lonDelta(lon, x1) * kx;
      const ay = (coast[e + 1]! - lat) * ky;
      const bx = ax + (coast[e + 2]! - x1) * kx;
      const by = (coast[e + 3]! - lat) * ky;
      const vx = bx - ax;
      const vy = by - ay;
      const len2 = vx * vx + vy * vy;
      let t = len2 > 0 ? -(ax * vx + ay * vy) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const qx = ax + t * vx;
      const qy = ay + t * vy;
      const d = Math.sqrt(qx * qx + qy * qy);
      if (d < best) {
        best = d;
        bestX = qx;
        bestY = qy;
      }
    }
  };
  // Rings of cells nearer than the nearest coastline cell are empty: start there.
  const firstRing = Math.max(0, ix.ringsToCoast[r0 * COLS + c0]!);
  for (let k = firstRing; ; k++) {
    if (k === 0) {
      visitCell(r0, c0);
    } else {
      const width = Math.min(2 * k + 1, COLS);
      if (r0 - k >= 0) for (let i = 0; i < width; i++) visitCell(r0 - k, c0 - k + i);
      if (r0 + k < ROWS) for (let i = 0; i < width; i++) visitCell(r0 + k, c0 - k + i);
      if (2 * k + 1 <= COLS) {
        for (let r = Math.max(0, r0 - k + 1); r <= Math.min(ROWS - 1, r0 + k - 1); r++) {
          visitCell(r, c0 - k);
          visitCell(r, c0 + k);
        }
      }
    }
    // Every cell one ring further out is at least k whole cells away in latitude or in longitude.
    if (best <= k * Math.min(kx, ky)) break;
    if (r0 - k <= 0 && r0 + k >= ROWS - 1 && 2 * k + 1 >= COLS) break;
  }
  if (best === Infinity) return { point: { lat: p.lat, lon: p.lon }, distanceKm: Infinity };
  const point = { lat: lat + bestY / ky, lon: normalizeLon(lon + bestX / kx) };
  return { point, distanceKm: greatCircleKm(lat, lon, point.lat, point.lon) };
}

/** Distance from p to the nearest coastline, km (positive on land too; combine with onLand for a side). */
export function distanceToShoreKm(p: LatLon): number {
  return nearestShore(p).distanceKm;
}

function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const s1 = Math.sin(((lat2 - lat1) * rad) / 2);
  const s2 = Math.sin(((lon2 - lon1) * rad) / 2);
  const h = s1 * s1 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * s2 * s2;
  return (2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))) / 1000;
}

/** Builds the index now rather than on first use (e.g. before timing a benchmark). */
export function preloadCoast(): void {
  loadIndex();
}
