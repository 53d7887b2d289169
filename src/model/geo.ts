/**
 * Small spherical geodesy for vessel tracks: distances, bearings and great-circle
 * paths on a sphere of the Earth's mean radius. A sphere is within 0.5 % of the
 * ellipsoid, far below what AIS positions or the indicator thresholds (500 m,
 * 10 km, 50 nm) can tell apart, and keeps every function a few floating-point
 * operations long — these run once per AIS position.
 *
 * Longitudes are degrees in [-180, 180); every function accepts points on either
 * side of the antimeridian and returns normalised longitudes.
 */

export interface LatLon {
  lat: number;
  lon: number;
}

/** IUGG mean Earth radius (R1), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;
/** One international nautical mile, metres. */
export const M_PER_NM = 1852;

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

export function knotsToMps(knots: number): number {
  return (knots * M_PER_NM) / 3600;
}

export function mpsToKnots(mps: number): number {
  return (mps * 3600) / M_PER_NM;
}

/** Longitude folded into [-180, 180). */
export function normalizeLon(lon: number): number {
  if (lon >= -180 && lon < 180) return lon;
  const folded = ((((lon + 180) % 360) + 360) % 360) - 180;
  return folded;
}

/** Signed longitude difference b − a in (-180, 180]: the short way round, across the antimeridian if shorter. */
export function lonDelta(aLon: number, bLon: number): number {
  let d = bLon - aLon;
  if (d > 180) d -= 360;
  else if (d <= -180) d += 360;
  return d;
}

/** Great-circle distance in metres (haversine: stable for the short distances between fixes). */
export function haversineM(a: LatLon, b: LatLon): number {
  return haversineDegM(a.lat, a.lon, b.lat, b.lon);
}

/** haversineM on bare coordinates, for loops over column arrays that hold no LatLon objects. */
export function haversineDegM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const s1 = Math.sin(((lat2 - lat1) * RAD) / 2);
  const s2 = Math.sin(((lon2 - lon1) * RAD) / 2);
  const h = s1 * s1 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * s2 * s2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial great-circle bearing from a to b, degrees clockwise from true north in [0, 360). */
export function bearingDeg(a: LatLon, b: LatLon): number {
  const phi1 = a.lat * RAD;
  const phi2 = b.lat * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const y = Math.sin(dLon) * Math.cos(phi2);
  const x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLon);
  const deg = Math.atan2(y, x) * DEG;
  return deg < 0 ? deg + 360 : deg >= 360 ? deg - 360 : deg;
}

/** The point reached from p after distM metres on the initial bearing bearingDeg (great circle). */
export function destination(p: LatLon, bearing: number, distM: number): LatLon {
  const delta = distM / EARTH_RADIUS_M;
  const theta = bearing * RAD;
  const phi1 = p.lat * RAD;
  const lambda1 = p.lon * RAD;
  const sinPhi2 = Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta);
  const phi2 = Math.asin(Math.max(-1, Math.min(1, sinPhi2)));
  const y = Math.sin(theta) * Math.sin(delta) * Math.cos(phi1);
  const x = Math.cos(delta) - Math.sin(phi1) * sinPhi2;
  const lambda2 = lambda1 + Math.atan2(y, x);
  return { lat: phi2 * DEG, lon: normalizeLon(lambda2 * DEG) };
}

/**
 * The point at fraction f (0 → a, 1 → b) along the great circle from a to b
 * (spherical linear interpolation of unit vectors, so it crosses the antimeridian
 * the short way without special cases).
 */
export function interpolateGreatCircle(a: LatLon, b: LatLon, f: number): LatLon {
  const phi1 = a.lat * RAD;
  const phi2 = b.lat * RAD;
  const l1 = a.lon * RAD;
  const l2 = b.lon * RAD;
  const x1 = Math.cos(phi1) * Math.cos(l1);
  const y1 = Math.cos(phi1) * Math.sin(l1);
  const z1 = Math.sin(phi1);
  const x2 = Math.cos(phi2) * Math.cos(l2);
  const y2 = Math.cos(phi2) * Math.sin(l2);
  const z2 = Math.sin(phi2);
  const dot = Math.max(-1, Math.min(1, x1 * x2 + y1 * y2 + z1 * z2));
  const omega = Math.acos(dot);
  if (omega < 1e-12) return { lat: a.lat, lon: normalizeLon(a.lon) };
  const sinOmega = Math.sin(omega);
  const wa = Math.sin((1 - f) * omega) / sinOmega;
  const wb = Math.sin(f * omega) / sinOmega;
  const x = wa * x1 + wb * x2;
  const y = wa * y1 + wb * y2;
  const z = wa * z1 + wb * z2;
  return { lat: Math.atan2(z, Math.sqrt(x * x + y * y)) * DEG, lon: normalizeLon(Math.atan2(y, x) * DEG) };
}

/**
 * Points along the great circle from a to b, a first and b last, no two
 * consecutive points more than maxStepM apart. Used to check a leg against the
 * coastline and to keep long ocean legs on their great circle when a track
 * interpolates linearly between consecutive points.
 */
export function densifyGreatCircle(a: LatLon, b: LatLon, maxStepM: number): LatLon[] {
  const d = haversineM(a, b);
  const steps = Math.max(1, Math.ceil(d / maxStepM));
  const out: LatLon[] = [{ lat: a.lat, lon: normalizeLon(a.lon) }];
  for (let i = 1; i < steps; i++) out.push(interpolateGreatCircle(a, b, i / steps));
  out.push({ lat: b.lat, lon: normalizeLon(b.lon) });
  return out;
}

/** Total great-circle length of a polyline, metres. */
export function pathLengthM(points: readonly LatLon[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += haversineM(points[i - 1]!, points[i]!);
  return total;
}
