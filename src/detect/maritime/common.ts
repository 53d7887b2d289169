/**
 * What the maritime indicators share: fast distances over raw numbers (they run
 * once per AIS fix), a grid index of the port table, sea-area membership from
 * the profile's lists, local solar time, subjects and evidence for alerts, and
 * the number formats explanations use.
 */
import type { AlertSubject } from '../alert.ts';
import { roundScore } from '../alert.ts';
import type { DetectInputs, EvidenceRef, KnownVessel, PositionTable } from '../inputs.ts';
import { EARTH_RADIUS_M, haversineDegM, M_PER_NM } from '../../model/geo.ts';
import { checkImo } from '../../model/normalize/identifiers.ts';
import { PORTS, type Port } from '../../model/ports.ts';
import { containsPoint, seaAreaById, type SeaArea } from '../../model/sea-areas.ts';

export { M_PER_NM, roundScore };

const RAD = Math.PI / 180;
/** Metres per degree of latitude on the mean sphere. */
export const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;

/**
 * Distance in metres by the equirectangular approximation, longitudes the short
 * way round. Within 0.1 % of the great circle up to a few hundred kilometres —
 * the range where the thresholds (500 m, 10 km, 25 kn over ≤ 8 h) are decided —
 * and a cosine and a square root instead of the haversine's five transcendental calls.
 */
export function fastDistM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  let dLon = lon2 - lon1;
  if (dLon > 180) dLon -= 360;
  else if (dLon < -180) dLon += 360;
  const x = dLon * Math.cos((lat1 + lat2) * 0.5 * RAD);
  const y = lat2 - lat1;
  return Math.sqrt(x * x + y * y) * M_PER_DEG;
}

/** Great-circle distance in metres for what is reported: displacement across a gap can span an ocean. */
export const greatCircleM = haversineDegM;

/** Knots from metres and seconds (Infinity for a displacement in no time). */
export function knots(distM: number, dtS: number): number {
  if (dtS <= 0) return distM > 0 ? Infinity : 0;
  return ((distM / dtS) * 3600) / M_PER_NM;
}

// ---------------------------------------------------------------- ports

/** How far (km) beyond its radius a port is registered in the reach grid: nearest-port queries are exact within this reach. */
const PORT_REACH_KM = 60;

interface PortGrid {
  start: Int32Array;
  items: Int32Array;
  lat: Float64Array;
  lon: Float64Array;
  radiusM: Float64Array;
}

let reachGrid: PortGrid | undefined;
let insideGrid: PortGrid | undefined;

/** 1° cells listing the ports whose radius plus `beyondKm` touches the cell. */
function portGrid(beyondKm: number): PortGrid {
  const cells = 180 * 360;
  const lists: number[][] = Array.from({ length: cells }, () => []);
  PORTS.forEach((p, i) => {
    const reachKm = p.radiusKm + beyondKm;
    const dLat = reachKm / 111;
    const dLon = reachKm / (111 * Math.max(0.05, Math.cos(Math.min(89, Math.abs(p.lat) + dLat) * RAD)));
    const r0 = Math.max(0, Math.floor(p.lat - dLat + 90));
    const r1 = Math.min(179, Math.floor(p.lat + dLat + 90));
    const c0 = Math.floor(p.lon - dLon + 180);
    const c1 = Math.floor(p.lon + dLon + 180);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) lists[r * 360 + (((c % 360) + 360) % 360)]!.push(i);
  });
  const start = new Int32Array(cells + 1);
  for (let i = 0; i < cells; i++) start[i + 1] = start[i]! + lists[i]!.length;
  const items = new Int32Array(start[cells]!);
  for (let i = 0; i < cells; i++) items.set(lists[i]!, start[i]!);
  return {
    start,
    items,
    lat: Float64Array.from(PORTS, (p) => p.lat),
    lon: Float64Array.from(PORTS, (p) => p.lon),
    radiusM: Float64Array.from(PORTS, (p) => p.radiusKm * 1000),
  };
}

/** Ports registered with their reach (for distances to the nearest port). */
function ports(): PortGrid {
  return (reachGrid ??= portGrid(PORT_REACH_KM));
}

/** Ports registered with their radius only (for "is this fix in a port": most cells list none). */
function portsInside(): PortGrid {
  return (insideGrid ??= portGrid(1));
}

function cellOf(lat: number, lon: number): number {
  let r = Math.floor(lat + 90);
  if (r < 0) r = 0;
  else if (r > 179) r = 179;
  let c = Math.floor(lon + 180);
  if (c < 0) c = 0;
  else if (c > 359) c = 359;
  return r * 360 + c;
}

/** Index (into PORTS) of the port whose radius contains the point, the nearest centre if several; -1 for none. */
export function portIndexAt(lat: number, lon: number): number {
  const g = portsInside();
  const cell = cellOf(lat, lon);
  let best = -1;
  let bestD = Infinity;
  for (let k = g.start[cell]!, end = g.start[cell + 1]!; k < end; k++) {
    const i = g.items[k]!;
    // A latitude band first: most ports of a cell are out of reach.
    if (Math.abs(lat - g.lat[i]!) * M_PER_DEG > g.radiusM[i]!) continue;
    const d = fastDistM(lat, lon, g.lat[i]!, g.lon[i]!);
    if (d <= g.radiusM[i]! && d < bestD) {
      best = i;
      bestD = d;
    }
  }
  return best;
}

/** Whether the point is within port i's radius (plus a margin in metres). */
export function inPort(i: number, lat: number, lon: number, marginM = 0): boolean {
  const g = ports();
  return fastDistM(lat, lon, g.lat[i]!, g.lon[i]!) <= g.radiusM[i]! + marginM;
}

/**
 * Distance in km from the point to the nearest port area (its radius around
 * its position; 0 inside): exact up to PORT_REACH_KM, Infinity beyond.
 */
export function portEdgeKm(lat: number, lon: number): number {
  const g = ports();
  const cell = cellOf(lat, lon);
  let best = Infinity;
  for (let k = g.start[cell]!, end = g.start[cell + 1]!; k < end; k++) {
    const i = g.items[k]!;
    const d = fastDistM(lat, lon, g.lat[i]!, g.lon[i]!) - g.radiusM[i]!;
    if (d < best) best = d;
  }
  return best === Infinity ? Infinity : Math.max(0, best) / 1000;
}

/** The nearest port (by centre, great circle) and its distance in km, searching the whole table: for explanations. */
export function nearestPort(lat: number, lon: number): { port: Port; km: number } {
  let best = PORTS[0]!;
  let bestD = Infinity;
  for (const p of PORTS) {
    const d = greatCircleM(lat, lon, p.lat, p.lon);
    if (d < bestD) {
      bestD = d;
      best = p;
    }
  }
  return { port: best, km: bestD / 1000 };
}

// ---------------------------------------------------------------- sea areas

/** The sea areas of a profile list (unknown ids are the profile validator's business: skipped here). */
export function areasOf(ids: readonly string[]): SeaArea[] {
  const out: SeaArea[] = [];
  for (const id of ids) {
    const a = seaAreaById(id);
    if (a) out.push(a);
  }
  return out;
}

/** The first of the areas containing the point, or undefined. */
export function areaAt(areas: readonly SeaArea[], lat: number, lon: number): SeaArea | undefined {
  for (const a of areas) if (containsPoint(a, { lat, lon })) return a;
  return undefined;
}

// ---------------------------------------------------------------- time

/** Local mean solar time in hours [0, 24) at a longitude: UTC plus four minutes per degree east. */
export function solarHour(tSec: number, lon: number): number {
  const h = (tSec / 3600 + lon / 15) % 24;
  return h < 0 ? h + 24 : h;
}

/** Night by local solar time: from 18:00 to 06:00 (the sun is down near enough everywhere ships trade). */
export function isNight(tSec: number, lon: number): boolean {
  const h = solarHour(tSec, lon);
  return h < 6 || h >= 18;
}

/** ISO 8601 UTC, whole seconds: `2025-03-01T04:10:00Z`. */
export function iso(tSec: number): string {
  return new Date(Math.round(tSec) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// ---------------------------------------------------------------- formats

/** Hours with one decimal ("5.5"). */
export function fmtH(hours: number): string {
  return (Math.round(hours * 10) / 10).toFixed(1);
}

/** A distance: metres under 10 km ("310 m"), else whole km ("140 km"). */
export function fmtDist(m: number): string {
  if (!Number.isFinite(m)) return 'unknown distance';
  return m < 10_000 ? `${Math.round(m)} m` : `${Math.round(m / 1000)} km`;
}

export function fmtNm(m: number): string {
  return `${Math.round(m / M_PER_NM)} nm`;
}

export function fmtKn(kn: number): string {
  if (!Number.isFinite(kn)) return '∞ kn';
  return `${(Math.round(kn * 10) / 10).toFixed(1)} kn`;
}

/** 3 decimals: details are read by people and compared across runs. */
export function r3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function r1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Median of a list (sorted in place). */
export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  xs.sort((a, b) => a - b);
  const m = xs.length >> 1;
  return xs.length % 2 === 1 ? xs[m]! : (xs[m - 1]! + xs[m]!) / 2;
}

// ---------------------------------------------------------------- vessel types

/** AIS ship type 80–89: tankers. */
export { isTankerType } from '../../model/ais.ts';

/** AIS ship type 40–49: high-speed craft (their true speed exceeds the 25 kn a track allows). */
export function isHighSpeedType(type: number | null): boolean {
  return type !== null && type >= 40 && type <= 49;
}

// ---------------------------------------------------------------- subjects and evidence

/**
 * A valid IMO number (7 digits, check digit right), else null. Numbers
 * beginning with 0 are never issued: "0000000" is what transponders without an
 * IMO number send (its check digit happens to hold).
 */
export function validImo(imo: string | null | undefined): string | null {
  if (!imo) return null;
  const c = checkImo(imo);
  return c.ok && c.value[0] !== '0' ? c.value : null;
}

/** "0000000", "IMO0000000", empty: no IMO number at all rather than a wrong one. */
export function isNoImo(imo: string | null | undefined): boolean {
  return !imo || /^(IMO)?\s*0+$/i.test(imo.trim());
}

/** The registry's vessel behind an MMSI, else behind a (valid) broadcast IMO. */
export function knownVessel(inputs: DetectInputs, mmsi: string, imo: string | null): KnownVessel | undefined {
  return inputs.vesselsByMmsi.get(mmsi) ?? (imo ? inputs.vesselsByImo.get(imo) : undefined);
}

/**
 * The alert subject for a vessel of the table at a row: the registry's vessel
 * when its MMSI (or the IMO it broadcasts) is known, otherwise `mmsi:<mmsi>`;
 * identifiers carry the MMSI and the IMO when one is known.
 */
export function vesselSubject(inputs: DetectInputs, vessel: number, row: number): AlertSubject {
  const table = inputs.positions;
  const mmsi = table.mmsi[vessel]!;
  const s = table.staticAt(row);
  const broadcastImo = validImo(s.imo);
  const known = knownVessel(inputs, mmsi, broadcastImo);
  const identifiers: Record<string, string> = { mmsi };
  const imo = validImo(known?.imo) ?? broadcastImo;
  if (imo) identifiers.imo = imo;
  return { id: known ? known.id : `mmsi:${mmsi}`, schema: 'Vessel', name: known?.name ?? s.name ?? `MMSI ${mmsi}`, identifiers };
}

/** A subject for a registry vessel (found by IMO), with the MMSI it was seen under. */
export function knownSubject(known: KnownVessel, seenMmsi?: string): AlertSubject {
  const identifiers: Record<string, string> = {};
  if (seenMmsi ?? known.mmsi) identifiers.mmsi = (seenMmsi ?? known.mmsi)!;
  const imo = validImo(known.imo);
  if (imo) identifiers.imo = imo;
  return { id: known.id, schema: 'Vessel', name: known.name, identifiers };
}

/** Subjects without duplicates (same id), in order. */
export function uniqueSubjects(subjects: AlertSubject[]): AlertSubject[] {
  const seen = new Set<string>();
  return subjects.filter((s) => (seen.has(s.id) ? false : (seen.add(s.id), true)));
}

/** Alerts cite a handful of rows, not a track. */
export const MAX_EVIDENCE = 10;

/** Evidence for rows (duplicates dropped, at most MAX_EVIDENCE, evenly kept when there are more). */
export function evidenceFor(table: PositionTable, items: Array<[row: number, note: string]>): EvidenceRef[] {
  const seen = new Set<number>();
  const unique = items.filter(([row]) => row >= 0 && !seen.has(row) && (seen.add(row), true));
  let keep = unique;
  if (unique.length > MAX_EVIDENCE) {
    keep = [];
    for (let i = 0; i < MAX_EVIDENCE; i++) keep.push(unique[Math.round((i * (unique.length - 1)) / (MAX_EVIDENCE - 1))]!);
  }
  return keep.map(([row, note]) => table.evidence(row, note));
}

/** Position of a row as text for evidence notes: "36.62, 22.70". */
export function at(table: PositionTable, row: number): string {
  return `${table.lat[row]!.toFixed(4)}, ${table.lon[row]!.toFixed(4)}`;
}

/** First row of the vessel at or after time t (binary search; vesselStart[v+1] when none). */
export function rowAtOrAfter(table: PositionTable, vessel: number, t: number): number {
  let lo = table.vesselStart[vessel]!;
  let hi = table.vesselStart[vessel + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (table.t[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
