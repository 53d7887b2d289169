/**
 * maritime.spoofing — positions no ship could have broadcast honestly:
 *
 * - a position jump: consecutive fixes of one MMSI farther apart than
 *   `max_speed_kn` allows (the track, tracks.ts, starts a new segment), usually
 *   followed by a jump back;
 * - one MMSI on two tracks at once: two segments alive together whose fixes
 *   interleave (`min_switches` switches or more) — two transmitters on one
 *   identity, or a spoofed second position;
 * - positions on land, away from ports (radius plus `port_margin_km`), known
 *   canals and fairways (`waterway_tolerance_km`) and the coastline's own
 *   imprecision (`shore_tolerance_km`: Natural Earth 1:50m places coasts within
 *   a few hundred metres to ~2 km and closes harbours, rivers and canals);
 * - two different MMSIs reporting the identical position at the same second.
 *
 * Rivers the port table does not know are "land" too: an on-land run that no
 * position jump leads to or from is reported below the alert threshold, and
 * for seagoing ships only (AIS types 70–89); small and harbour craft (types
 * 31–37, 50–59), which live in rivers and marinas, are not checked at all.
 */
import type { AlertDraft, AlertSubject } from '../alert.ts';
import { num, type Indicator, type Params } from '../indicator.ts';
import type { DetectInputs, PositionTable } from '../inputs.ts';
import { distanceToShoreKm, onLandAt } from '../../model/coast.ts';
import {
  at,
  evidenceFor,
  fmtDist,
  fmtH,
  fmtKn,
  greatCircleM,
  iso,
  isHighSpeedType,
  knots,
  portEdgeKm,
  r1,
  roundScore,
  uniqueSubjects,
  validImo,
  vesselSubject,
} from './common.ts';
import { SEG_AFTER_GAP, segmentSwitches, tracksOf, type SegmentSwitches, type Tracks } from './tracks.ts';
import { waterwayDistanceM } from './waterways.ts';

export const spoofing: Indicator = {
  code: 'maritime.spoofing',
  title: 'Position spoofing or a shared MMSI',
  definition:
    'Positions an honest transponder cannot have sent: consecutive fixes of one MMSI implying more than max_speed_kn (a position jump); one MMSI on ' +
    'two tracks at once (tracks alive together, at least min_switches switches between them; a track ends after max_gap_hours of silence); fixes on ' +
    'land farther than shore_tolerance_km from the coast, outside port radii (plus port_margin_km) and known canals and fairways ' +
    '(waterway_tolerance_km); two different MMSIs reporting the identical position at the same second.',
  sources: [
    {
      name: 'Global Fishing Watch — gpsdio-segment (AIS track segmenter)',
      url: 'https://github.com/GlobalFishingWatch/gpsdio-segment',
      note: 'One MMSI’s positions split into tracks by the speed a ship can make between them (default 25 kn): several tracks on one MMSI are several transmitters or spoofed positions.',
    },
    {
      name: 'C4ADS — Above Us Only Stars: Exposing GPS Spoofing in Russia and Syria (2019)',
      url: 'https://c4ads.org/reports/above-us-only-stars/',
      note: 'Spoofed AIS positions: ships reported on land and far from their true positions.',
    },
    {
      name: 'US Department of State, Treasury (OFAC) and US Coast Guard — Global Maritime Sanctions Advisory, 14 May 2020',
      url: 'https://ofac.treasury.gov/media/37751/download?inline',
      note: 'Manipulating AIS: transmitting false positions, another vessel’s identity.',
    },
  ],
  params: {
    max_speed_kn: { type: 'number', default: 25, unit: 'kn', min: 5, max: 100, description: 'Fastest plausible speed between consecutive fixes.' },
    max_gap_hours: { type: 'number', default: 8, unit: 'h', min: 1, max: 72, description: 'A track ends after this long a silence.' },
    min_switches: { type: 'integer', default: 4, min: 3, max: 1000, description: 'Switches between two live tracks of one MMSI that make it two transmitters (fewer are a jump and its return).' },
    shore_tolerance_km: { type: 'number', default: 3, unit: 'km', min: 0, max: 50, description: 'Fixes on land closer than this to the coast are coastline imprecision.' },
    port_margin_km: { type: 'number', default: 2, unit: 'km', min: 0, max: 50, description: 'Fixes on land this close to a port area are in the harbour.' },
    waterway_tolerance_km: { type: 'number', default: 3, unit: 'km', min: 0, max: 50, description: 'Fixes on land this close to a known canal or fairway are in it.' },
    artefact_seconds: {
      type: 'number',
      default: 120,
      unit: 's',
      min: 0,
      max: 3600,
      description: 'A one-way jump between fixes less than this apart is reported below the threshold: receivers with skewed clocks and stale relayed fixes produce them (NOAA MarineCadastre data shows dozens a day).',
    },
  },
  inputs: ['positions'],
  run: runSpoofing,
};

/** Small and harbour craft (AIS types 31–37, 50–59): rivers, marinas and trailers are their ordinary places. */
function skipsLandCheck(type: number | null): boolean {
  return type !== null && ((type >= 31 && type <= 37) || (type >= 50 && type <= 59));
}

function runSpoofing(inputs: DetectInputs, params: Params): AlertDraft[] {
  const table = inputs.positions;
  const maxKn = num(params, 'max_speed_kn');
  const tracks = tracksOf(table, { maxSpeedKn: maxKn, maxGapH: num(params, 'max_gap_hours') });
  return [
    ...jumpsAndTwins(inputs, tracks, num(params, 'min_switches'), num(params, 'artefact_seconds')),
    ...onLand(inputs, tracks, num(params, 'shore_tolerance_km'), num(params, 'port_margin_km'), num(params, 'waterway_tolerance_km')),
    ...identicalPositions(inputs),
  ];
}

/** Whether the MMSI's row switches track at this row (a jump or a return; not a new track after a silence). */
function isSwitch(tracks: Tracks, row: number, vesselFirst: number): boolean {
  if (row <= vesselFirst) return false;
  const s = tracks.segOf[row]!;
  if (s === tracks.segOf[row - 1]) return false;
  return !(tracks.segFirst[s] === row && tracks.segReason[s] === SEG_AFTER_GAP);
}

/** The identity a track broadcasts (at its first fix). */
function trackIdentity(table: PositionTable, tracks: Tracks, seg: number): { imo: string | null; name: string | null } {
  const s = table.staticAt(tracks.segFirst[seg]!);
  return { imo: validImo(s.imo), name: s.name };
}

function jumpsAndTwins(inputs: DetectInputs, tracks: Tracks, minSwitches: number, artefactS: number): AlertDraft[] {
  const table = inputs.positions;
  const { t, lat, lon } = table;
  const out: AlertDraft[] = [];
  for (let v = 0; v < table.vessels; v++) {
    if (tracks.vesselSeg[v + 1]! - tracks.vesselSeg[v]! < 2) continue;
    const switches = segmentSwitches(tracks, v);
    if (switches.length === 0) continue;
    const mmsi = table.mmsi[v]!;
    const twins = switches.filter((s) => s.switches >= minSwitches).sort((x, y) => x.firstRow - y.firstRow);
    const hsc = isHighSpeedType(table.staticAt(table.vesselStart[v]!).vesselType);
    for (const s of switches) {
      if (s.switches >= minSwitches || hsc) continue;
      // A jump inside a period of two live tracks is part of that finding.
      if (twins.some((w) => t[s.firstRow]! >= t[w.firstRow]! && t[s.lastRow]! <= t[w.lastRow]!)) continue;
      out.push(jumpAlert(inputs, tracks, v, s, artefactS));
    }
    // Two-track periods of one MMSI, merged when they overlap or follow within a day.
    const groups: SegmentSwitches[][] = [];
    for (const w of twins) {
      const g = groups[groups.length - 1];
      if (g && t[w.firstRow]! <= Math.max(...g.map((x) => t[x.lastRow]!)) + 86_400) g.push(w);
      else groups.push([w]);
    }
    for (const g of groups) {
      const firstRow = Math.min(...g.map((x) => x.firstRow));
      const lastRow = Math.max(...g.map((x) => x.lastRow));
      const total = g.reduce((n, x) => n + x.switches, 0);
      const segs = [...new Set(g.flatMap((x) => [x.a, x.b]))];
      const identities = segs.map((seg) => trackIdentity(table, tracks, seg));
      const imos = [...new Set(identities.map((i) => i.imo).filter((i): i is string => i !== null))];
      const names = [...new Set(identities.map((i) => i.name).filter((n): n is string => !!n))];
      let maxApart = 0;
      const samples: Array<[number, string]> = [];
      for (const x of g) {
        for (let k = 0; k + 1 < x.sampleRows.length; k += 2) {
          const a = x.sampleRows[k]!;
          const b = x.sampleRows[k + 1]!;
          maxApart = Math.max(maxApart, greatCircleM(lat[a]!, lon[a]!, lat[b]!, lon[b]!));
          samples.push([a, `track ${x.a === tracks.segOf[a] ? 'A' : 'B'} at ${at(table, a)}`], [b, `other track ${fmtDist(greatCircleM(lat[a]!, lon[a]!, lat[b]!, lon[b]!))} away ${Math.round(t[b]! - t[a]!)} s later`]);
        }
      }
      const subjects: AlertSubject[] = [vesselSubject(inputs, v, firstRow)];
      for (const imo of imos) {
        const known = inputs.vesselsByImo.get(imo);
        if (known) subjects.push({ id: known.id, schema: 'Vessel', name: known.name, identifiers: { imo, mmsi } });
        else subjects.push({ id: `imo:${imo}`, schema: 'Vessel', name: names[0] ?? `IMO ${imo}`, identifiers: { imo, mmsi } });
      }
      const hours = (t[lastRow]! - t[firstRow]!) / 3600;
      out.push({
        indicator: 'maritime.spoofing',
        key: `${mmsi}:tracks:${t[firstRow]}`,
        score: roundScore(0.8 + (imos.length > 1 ? 0.1 : 0)),
        subjects: uniqueSubjects(subjects),
        window: { start: iso(t[firstRow]!), end: iso(t[lastRow]!) },
        evidence: evidenceFor(table, samples),
        explanation:
          `MMSI ${mmsi} on ${segs.length} tracks at once for ${fmtH(hours)} h: ${total} switches between positions up to ${fmtDist(maxApart)} apart` +
          (imos.length > 1 ? `; the tracks broadcast different IMO numbers (${imos.join(', ')})` : ''),
        details: { kind: 'two_tracks', hours: r1(hours), switches: total, tracks: segs.length, maxApartKm: r1(maxApart / 1000), imos, names },
      });
    }
  }
  return out;
}

function jumpAlert(inputs: DetectInputs, tracks: Tracks, v: number, s: SegmentSwitches, artefactS: number): AlertDraft {
  const table = inputs.positions;
  const { t, lat, lon } = table;
  const a = s.firstRow;
  const b = a + 1;
  const distM = greatCircleM(lat[a]!, lon[a]!, lat[b]!, lon[b]!);
  const dt = t[b]! - t[a]!;
  const kn = knots(distM, dt);
  const back = s.switches >= 2;
  const away = (t[s.lastRow]! - t[b]!) / 3600;
  const evidence: Array<[number, string]> = [];
  for (let k = 0; k + 1 < s.sampleRows.length; k += 2) {
    evidence.push([s.sampleRows[k]!, k === 0 ? `before the jump (${at(table, s.sampleRows[k]!)})` : 'before the jump back'], [s.sampleRows[k + 1]!, k === 0 ? `after the jump (${at(table, s.sampleRows[k + 1]!)})` : 'after the jump back']);
  }
  const mmsi = table.mmsi[v]!;
  return {
    indicator: 'maritime.spoofing',
    key: `${mmsi}:jump:${t[a]}`,
    // A jump that comes back is two transmitters or a spoofed excursion; one that does not, within seconds, is most often
    // a receiver's clock or a stale relayed fix (a real teleport keeps the ordinary reporting interval).
    score: roundScore(back ? 0.7 : dt < artefactS ? 0.35 : 0.6),
    subjects: [vesselSubject(inputs, v, a)],
    window: { start: iso(t[a]!), end: iso(t[s.lastRow]!) },
    evidence: evidenceFor(table, evidence),
    explanation:
      `position jumped ${fmtDist(distM)} in ${dt < 3600 ? `${Math.round(dt / 60)} min` : `${fmtH(dt / 3600)} h`} (implied ${fmtKn(kn)})` +
      (back ? ` and jumped back ${fmtH(away)} h later` : dt < artefactS ? '; the track continued from there (seconds apart: possibly a receiver clock or stale-fix artefact)' : '; the track continued from there'),
    details: { kind: 'jump', distanceKm: r1(distM / 1000), seconds: dt, impliedSpeedKn: Number.isFinite(kn) ? Math.round(kn) : null, returned: back, hoursAway: back ? r1(away) : null, switches: s.switches },
  };
}

function onLand(inputs: DetectInputs, tracks: Tracks, shoreTolKm: number, portMarginKm: number, waterwayTolKm: number): AlertDraft[] {
  const table = inputs.positions;
  const out: AlertDraft[] = [];
  const runs: number[] = [];
  for (let v = 0; v < table.vessels; v++) {
    const first = table.vesselStart[v]!;
    const end = table.vesselStart[v + 1]!;
    runs.length = 0;
    inlandRuns(table, first, end, shoreTolKm, portMarginKm, waterwayTolKm * 1000, runs);
    for (let k = 0; k < runs.length; k += 3) {
      const alert = landAlert(inputs, tracks, v, runs[k]!, runs[k + 1]!, runs[k + 2]!, first, end);
      if (alert) out.push(alert);
    }
  }
  return out;
}

const CELL_UNKNOWN = 0;
const CELL_MIXED = 1;
const CELL_WATER = 2;
const CELL_LAND = 3;

/**
 * Land status of grid cells, learnt lazily (geography: shared by every run):
 * all water or all land when the cell's centre is farther from the coastline
 * than its corners are, otherwise mixed. 1° cells first, 0.25° cells inside
 * mixed ones; only fixes in mixed 0.25° cells need the polygon test.
 */
class LandGrid {
  private readonly cells: Uint8Array;
  private readonly cols: number;

  constructor(private readonly deg: number) {
    this.cols = Math.round(360 / deg);
    this.cells = new Uint8Array(Math.round(180 / deg) * this.cols);
  }

  status(lat: number, lon: number): number {
    const rows = this.cells.length / this.cols;
    const r = Math.min(rows - 1, Math.max(0, Math.floor((lat + 90) / this.deg)));
    const c = Math.min(this.cols - 1, Math.max(0, Math.floor((lon + 180) / this.deg)));
    const cell = r * this.cols + c;
    let s = this.cells[cell]!;
    if (s !== CELL_UNKNOWN) return s;
    const clat = (r + 0.5) * this.deg - 90;
    const clon = (c + 0.5) * this.deg - 180;
    // Half the diagonal of the cell at the equator (the widest), plus the coastline's own imprecision.
    const reach = this.deg * 111.2 * Math.SQRT1_2 + 2;
    s = distanceToShoreKm({ lat: clat, lon: clon }) > reach ? (onLandAt(clat, clon) ? CELL_LAND : CELL_WATER) : CELL_MIXED;
    this.cells[cell] = s;
    return s;
  }
}

const coarseLand = new LandGrid(1);
const fineLand = new LandGrid(0.25);

function landCell(lat: number, lon: number): number {
  const s = coarseLand.status(lat, lon);
  return s === CELL_MIXED ? fineLand.status(lat, lon) : s;
}

/**
 * Runs of consecutive fixes on land (away from ports, waterways and the
 * coastline's imprecision) along rows [first, end): pushes first, last and the
 * largest distance from the coast (km) of each run.
 */
function inlandRuns(table: PositionTable, first: number, end: number, shoreTolKm: number, portMarginKm: number, waterwayM: number, out: number[]): void {
  const { lat, lon } = table;
  let prevLat = NaN;
  let prevLon = NaN;
  let prevInland = false;
  let prevShore = 0;
  let runFirst = -1;
  let runLast = -1;
  let maxShore = 0;
  for (let row = first; row < end; row++) {
    const la = lat[row]!;
    const lo = lon[row]!;
    let inland = false;
    let shore = 0;
    // A fix within ~200 m of the last one checked has the same answer (every tolerance is kilometres).
    if (Math.abs(la - prevLat) < 0.002 && Math.abs(lo - prevLon) < 0.002) {
      inland = prevInland;
      shore = prevShore;
    } else {
      const cell = landCell(la, lo);
      if (cell !== CELL_WATER && (cell === CELL_LAND || onLandAt(la, lo)) && !skipsLandCheck(table.staticAt(row).vesselType)) {
        if (portEdgeKm(la, lo) > portMarginKm && waterwayDistanceM(la, lo, waterwayM) === Infinity) {
          shore = distanceToShoreKm({ lat: la, lon: lo });
          inland = shore > shoreTolKm;
        }
      }
      prevLat = la;
      prevLon = lo;
      prevInland = inland;
      prevShore = shore;
    }
    if (inland) {
      if (runFirst < 0) runFirst = row;
      runLast = row;
      if (shore > maxShore) maxShore = shore;
    } else if (runFirst >= 0) {
      out.push(runFirst, runLast, maxShore);
      runFirst = -1;
      maxShore = 0;
    }
  }
  if (runFirst >= 0) out.push(runFirst, runLast, maxShore);
}

/**
 * An on-land run is spoofing when a position jump leads to it or away from it.
 * Without one it is most likely a river or canal the coastline closes and the
 * port table lacks: reported, below the threshold, for seagoing ships
 * (cargo and tankers, AIS types 70–89) only; other traffic is left alone.
 */
function landAlert(inputs: DetectInputs, tracks: Tracks, v: number, first: number, last: number, maxShoreKm: number, vesselFirst: number, vesselEnd: number): AlertDraft | undefined {
  const table = inputs.positions;
  const { t } = table;
  const jumped = isSwitch(tracks, first, vesselFirst) || (last + 1 < vesselEnd && isSwitch(tracks, last + 1, vesselFirst));
  const type = table.staticAt(first).vesselType;
  if (!jumped && !(type !== null && type >= 70 && type <= 89)) return undefined;
  const fixes = last - first + 1;
  const shoreKm = maxShoreKm > 0 ? maxShoreKm : distanceToShoreKm({ lat: table.lat[first]!, lon: table.lon[first]! });
  const evidence: Array<[number, string]> = [[first, `first fix on land (${at(table, first)})`]];
  if (first > vesselFirst) evidence.unshift([first - 1, `fix before (${at(table, first - 1)})`]);
  if (last !== first) evidence.push([last, `last fix on land (${at(table, last)})`]);
  if (last + 1 < vesselEnd) evidence.push([last + 1, `fix after (${at(table, last + 1)})`]);
  return {
    indicator: 'maritime.spoofing',
    key: `${table.mmsi[v]}:land:${t[first]}`,
    score: roundScore(jumped ? 0.7 : 0.3),
    subjects: [vesselSubject(inputs, v, first)],
    window: { start: iso(t[first]!), end: iso(t[last]!) },
    evidence: evidenceFor(table, evidence),
    explanation:
      `${fixes} ${fixes === 1 ? 'fix' : 'fixes'} on land up to ${Math.round(shoreKm)} km from the coast, outside ports and known waterways` +
      (jumped ? '; reached or left by a position jump' : '; no jump to it: possibly an inland waterway the port table lacks'),
    details: { kind: 'on_land', fixes, hours: r1((t[last]! - t[first]!) / 3600), maxShoreKm: r1(shoreKm), jump: jumped },
  };
}

/**
 * Different MMSIs at the identical position in the same second: rows hashed on
 * (time, lat, lon), partitioned by the hash's high bits so that each
 * partition's open-addressing table stays in cache, then probed.
 */
function identicalPositions(inputs: DetectInputs): AlertDraft[] {
  const table = inputs.positions;
  const pairs = samePositionPairs(table);
  const { t } = table;
  const out: AlertDraft[] = [];
  for (const p of pairs.values()) {
    const ma = table.mmsi[p.a]!;
    const mb = table.mmsi[p.b]!;
    out.push({
      indicator: 'maritime.spoofing',
      key: `${ma}:${mb}:same:${p.t0}`,
      score: roundScore(p.count >= 5 ? 0.7 : p.count >= 2 ? 0.55 : 0.4),
      subjects: [vesselSubject(inputs, p.a, p.rows[0]!), vesselSubject(inputs, p.b, p.rows[1]!)],
      window: { start: iso(p.t0), end: iso(p.t1) },
      evidence: evidenceFor(
        table,
        p.rows.map((r, i) => [r, `MMSI ${table.mmsi[i % 2 === 0 ? p.a : p.b]} at ${at(table, r)} ${iso(t[r]!)}`] as [number, string]),
      ),
      explanation: `MMSIs ${ma} and ${mb} reported the identical position at the same second ${p.count} ${p.count === 1 ? 'time' : 'times'}`,
      details: { kind: 'identical_positions', count: p.count },
    });
  }
  return out;
}

interface SamePair {
  a: number;
  b: number;
  rows: number[];
  count: number;
  /** First and last time (s) of the coincidences. */
  t0: number;
  t1: number;
}

const PARTITION_ROWS = 1 << 14;

function samePositionPairs(table: PositionTable): Map<number, SamePair> {
  const { t, lat, lon } = table;
  const n = table.length;
  const pairs = new Map<number, SamePair>();
  if (n < 2) return pairs;
  let bits = 0;
  while (1 << bits < n / PARTITION_ROWS) bits++;
  const parts = 1 << bits;
  const shift = 32 - bits;
  const start = new Int32Array(parts + 1);
  for (let row = 0; row < n; row++) start[bits > 0 ? (positionHash(t[row]!, lat[row]!, lon[row]!) >>> shift) + 1 : 1]!++;
  for (let p = 0; p < parts; p++) start[p + 1]! += start[p]!;
  // Rows and their hashes grouped by partition (row order kept inside each).
  const order = new Int32Array(n);
  const hashes = new Int32Array(n);
  const fill = start.slice(0, parts);
  for (let row = 0; row < n; row++) {
    const h = positionHash(t[row]!, lat[row]!, lon[row]!);
    const x = fill[bits > 0 ? h >>> shift : 0]!++;
    order[x] = row;
    hashes[x] = h;
  }
  let size = 1;
  while (size < PARTITION_ROWS * 3) size <<= 1;
  let slots = new Int32Array(size);
  for (let p = 0; p < parts; p++) {
    const from = start[p]!;
    const to = start[p + 1]!;
    while (size < (to - from) * 2) size <<= 1;
    if (slots.length < size) slots = new Int32Array(size);
    probePartition(table, hashes, order, from, to, slots, size - 1, pairs);
  }
  return pairs;
}

/** A 32-bit hash of (second, lat, lon) at the 1e-5° resolution positions are written with. */
function positionHash(t: number, lat: number, lon: number): number {
  let h = Math.imul(t | 0, 0x9e3779b1) ^ Math.imul(Math.round(lat * 1e5) | 0, 0x85ebca6b) ^ Math.imul(Math.round(lon * 1e5) | 0, 0xc2b2ae35);
  h ^= h >>> 15;
  return h | 0;
}

/** One partition's rows into an open-addressing table of positions in `order`; equal hashes are checked on the rows themselves. */
function probePartition(table: PositionTable, hashes: Int32Array, order: Int32Array, from: number, to: number, slots: Int32Array, mask: number, pairs: Map<number, SamePair>): void {
  const { t, lat, lon } = table;
  slots.fill(-1, 0, mask + 1);
  for (let x = from; x < to; x++) {
    const hx = hashes[x]!;
    let h = hx & mask;
    for (;;) {
      const y = slots[h]!;
      if (y < 0) {
        slots[h] = x;
        break;
      }
      if (hashes[y] === hx) {
        const row = order[x]!;
        const o = order[y]!;
        if (t[o] === t[row] && lat[o] === lat[row] && lon[o] === lon[row]) {
          if (!(lat[row] === 0 && lon[row] === 0)) samePosition(table, o, row, pairs);
          break;
        }
      }
      h = (h + 1) & mask;
    }
  }
}

function samePosition(table: PositionTable, o: number, row: number, pairs: Map<number, SamePair>): void {
  const w = vesselOfRow(table, o);
  const v = vesselOfRow(table, row);
  if (w === v) return;
  const tr = table.t[row]!;
  const key = w * table.vessels + v;
  let p = pairs.get(key);
  if (!p) pairs.set(key, (p = { a: w, b: v, rows: [], count: 0, t0: tr, t1: tr }));
  p.count++;
  if (tr < p.t0) p.t0 = tr;
  if (tr > p.t1) p.t1 = tr;
  if (p.rows.length < 8) p.rows.push(o, row);
}

function vesselOfRow(table: PositionTable, row: number): number {
  const starts = table.vesselStart;
  let lo = 0;
  let hi = table.vessels - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= row) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
