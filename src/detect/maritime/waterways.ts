/**
 * Waterways the 1:50m land polygons close (src/model/coast.ts): ship canals
 * and the river or dredged channels of the port table (`fairway`, from the
 * berth out to the first approach point). A fix near one of them is a ship in
 * a channel, not a position on land.
 */
import { PORTS } from '../../model/ports.ts';
import { fastDistM, M_PER_DEG } from './common.ts';

/** Ship canals, [lat, lon] along their course (approximate: a fix is matched with a tolerance of kilometres). */
export const CANALS: ReadonlyArray<{ name: string; course: ReadonlyArray<readonly [number, number]> }> = Object.freeze([
  { name: 'Suez Canal', course: [[31.35, 32.33], [31.25, 32.31], [30.97, 32.32], [30.6, 32.3], [30.45, 32.35], [30.32, 32.4], [30.1, 32.56], [29.93, 32.56]] },
  { name: 'Panama Canal', course: [[9.35, -79.9], [9.27, -79.92], [9.2, -79.87], [9.12, -79.75], [9.12, -79.69], [9.05, -79.66], [9.02, -79.61], [8.997, -79.59], [8.95, -79.57]] },
  { name: 'Kiel Canal', course: [[53.89, 9.14], [54.0, 9.3], [54.1, 9.43], [54.3, 9.67], [54.33, 9.9], [54.37, 10.15]] },
  { name: 'Corinth Canal', course: [[37.93, 22.95], [37.945, 22.985], [37.96, 23.0]] },
]);

interface Segments {
  /** x1, y1, x2, y2 (lon, lat) per segment. */
  seg: Float64Array;
  minLat: Float64Array;
  maxLat: Float64Array;
  minLon: Float64Array;
  maxLon: Float64Array;
}

let built: Segments | undefined;

function segments(): Segments {
  if (built) return built;
  const lines: Array<ReadonlyArray<readonly [number, number]>> = CANALS.map((c) => c.course);
  for (const p of PORTS) {
    if (!p.fairway || p.fairway.length === 0) continue;
    const line: Array<[number, number]> = [[p.lat, p.lon], ...p.fairway.map((q) => [q.lat, q.lon] as [number, number])];
    if (p.approach[0]) line.push([p.approach[0].lat, p.approach[0].lon]);
    lines.push(line);
  }
  const flat: number[] = [];
  for (const line of lines) for (let i = 1; i < line.length; i++) flat.push(line[i - 1]![1], line[i - 1]![0], line[i]![1], line[i]![0]);
  const n = flat.length / 4;
  const seg = Float64Array.from(flat);
  const minLat = new Float64Array(n);
  const maxLat = new Float64Array(n);
  const minLon = new Float64Array(n);
  const maxLon = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    minLon[i] = Math.min(seg[i * 4]!, seg[i * 4 + 2]!);
    maxLon[i] = Math.max(seg[i * 4]!, seg[i * 4 + 2]!);
    minLat[i] = Math.min(seg[i * 4 + 1]!, seg[i * 4 + 3]!);
    maxLat[i] = Math.max(seg[i * 4 + 1]!, seg[i * 4 + 3]!);
  }
  built = { seg, minLat, maxLat, minLon, maxLon };
  return built;
}

/** Distance in metres from the point to the nearest canal or port fairway within `withinM` (Infinity when none is that close). */
export function waterwayDistanceM(lat: number, lon: number, withinM: number): number {
  const s = segments();
  const dLat = withinM / M_PER_DEG;
  const dLon = withinM / (M_PER_DEG * Math.max(0.05, Math.cos((lat * Math.PI) / 180)));
  let best = Infinity;
  const n = s.minLat.length;
  for (let i = 0; i < n; i++) {
    if (lat < s.minLat[i]! - dLat || lat > s.maxLat[i]! + dLat || lon < s.minLon[i]! - dLon || lon > s.maxLon[i]! + dLon) continue;
    const x1 = s.seg[i * 4]!;
    const y1 = s.seg[i * 4 + 1]!;
    const x2 = s.seg[i * 4 + 2]!;
    const y2 = s.seg[i * 4 + 3]!;
    // Closest point on the segment in a local plane (longitudes scaled by the cosine of the latitude).
    const k = Math.cos((lat * Math.PI) / 180);
    const ax = (x1 - lon) * k;
    const ay = y1 - lat;
    const vx = (x2 - x1) * k;
    const vy = y2 - y1;
    const len2 = vx * vx + vy * vy;
    let f = len2 > 0 ? -(ax * vx + ay * vy) / len2 : 0;
    f = f < 0 ? 0 : f > 1 ? 1 : f;
    const d = fastDistM(lat, lon, y1 + f * (y2 - y1), x1 + f * (x2 - x1));
    if (d < best) best = d;
  }
  return best <= withinM ? best : Infinity;
}
