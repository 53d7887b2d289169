/**
 * maritime.draught_change — the draught a vessel reports rises (cargo loaded)
 * with no port call to load it in: a transfer at sea. A laden ship's draught
 * changes in port; a change between two port calls, especially across an AIS
 * gap or after stopping at sea, is the trace of a ship-to-ship transfer
 * (draught is the one voyage field that shows cargo moving).
 *
 * Draught is followed along each track (tracks.ts), so two transmitters on one
 * MMSI do not make each other's draught "change"; a track that starts after a
 * silence, at a sailable distance, continues the one before it (the change
 * across a gap is the one that matters most). A change is explained by a
 * port call (port-calls.ts) that overlaps the time between the last report of
 * the old draught (less a grace period: crews update the field late) and the
 * first report of the new one, or by a stop near shore (a terminal the port
 * table does not list).
 */
import type { AlertDraft } from '../alert.ts';
import { bool, num, type Indicator, type Params } from '../indicator.ts';
import type { DetectInputs } from '../inputs.ts';
import { distanceToShoreKm } from '../../model/coast.ts';
import { gapNear, gapsOf } from './ais-gap.ts';
import { areaAt, areasOf, at, evidenceFor, fastDistM, fmtDist, fmtH, iso, knots, nearestPort, portEdgeKm, r1, roundScore, vesselSubject } from './common.ts';
import { callsOfVessel, portCallsOf } from './port-calls.ts';
import { SEG_AFTER_GAP, tracksOf, type Tracks } from './tracks.ts';

/** A slow stretch this long is a stop (at sea or at an unlisted terminal). */
const STOP_S = 2 * 3600;
const STOP_SPEED_KN = 2;

export const draughtChange: Indicator = {
  code: 'maritime.draught_change',
  title: 'Draught change without a port call',
  definition:
    'The draught a vessel reports rises by at least min_increase_m, or by at least min_increase_pct of the previous draught, and by more than ' +
    'noise_floor_m, with no port call (nor a stop within unlisted_port_shore_km of shore) between the last report of the old draught, less ' +
    'port_grace_hours, and the first report of the new one. A fall by as much is reported too when include_decrease is set, scored lower. ' +
    'Scored higher across an AIS gap (gap_hours) and after a stop at sea in the lookback_hours before the change; a stop inside a designated STS area ' +
    '(profile list stsAreas) keeps the score below the alert threshold unless the change spans a gap.',
  sources: [
    {
      name: 'US Department of State, Treasury (OFAC) and US Coast Guard — Global Maritime Sanctions Advisory, 14 May 2020',
      url: 'https://ofac.treasury.gov/media/37751/download?inline',
      note: 'Deceptive shipping practices: ship-to-ship transfers to conceal the origin or destination of cargo, disabling AIS.',
    },
    {
      name: 'Global Fishing Watch — Miller et al. 2018, "Identifying global patterns of transshipment behavior", Frontiers in Marine Science 5:240',
      url: 'https://doi.org/10.3389/fmars.2018.00240',
      note: 'Transfers at sea between port calls; encounters and loitering as their AIS trace.',
    },
  ],
  params: {
    min_increase_m: { type: 'number', default: 1, unit: 'm', min: 0.1, max: 20, description: 'Draught rise that is cargo, in metres.' },
    min_increase_pct: { type: 'number', default: 10, unit: '%', min: 1, max: 100, description: 'Draught rise that is cargo, relative to the previous draught.' },
    noise_floor_m: { type: 'number', default: 0.5, unit: 'm', min: 0, max: 5, description: 'Changes up to this are trim and typing, never cargo.' },
    port_grace_hours: { type: 'number', default: 24, unit: 'h', min: 0, max: 240, description: 'A port call ending this long before the last report of the old draught still explains the change.' },
    unlisted_port_shore_km: { type: 'number', default: 5, unit: 'km', min: 0, max: 50, description: 'A stop this close to shore counts as a port call at a terminal the port table lacks.' },
    include_decrease: { type: 'boolean', default: true, description: 'Also report falls (cargo discharged at sea), scored lower.' },
    gap_hours: { type: 'number', default: 12, unit: 'h', min: 1, max: 240, description: 'A silence this long counts as an AIS gap.' },
    lookback_hours: { type: 'number', default: 48, unit: 'h', min: 1, max: 240, description: 'How far before the change a stop at sea is looked for.' },
  },
  inputs: ['positions'],
  run: runDraught,
};

interface Stop {
  first: number;
  last: number;
  seconds: number;
}

/** Consecutive fixes farther apart than this do not make one stop (the vessel was not observed in between). */
const STOP_BREAK_S = 3 * 3600;

/**
 * The row before `row` along its track, continuing into the vessel's previous
 * track across a silence (a segment that started after a gap is the same ship
 * when the displacement was sailable): draught and stops are followed across gaps.
 */
function back(tracks: Tracks, row: number): number {
  const p = tracks.prev[row]!;
  if (p >= 0) return p;
  const seg = tracks.segOf[row]!;
  if (tracks.segReason[seg] !== SEG_AFTER_GAP || tracks.segFirst[seg] !== row) return -1;
  const table = tracks.table;
  const q = row - 1;
  const v = tracks.segVessel[seg]!;
  if (q < table.vesselStart[v]!) return -1;
  const kn = knots(fastDistM(table.lat[q]!, table.lon[q]!, table.lat[row]!, table.lon[row]!), table.t[row]! - table.t[q]!);
  return kn <= tracks.options.maxSpeedKn ? q : -1;
}

/** The longest slow stretch (not in a port's radius) on the way back from `row` to time `from`. */
function stopBefore(tracks: Tracks, row: number, from: number): Stop | undefined {
  const { t, lat, lon } = tracks.table;
  let best: Stop | undefined;
  let runLast = -1;
  let runFirst = -1;
  const close = (): void => {
    if (runLast < 0) return;
    const seconds = t[runLast]! - t[runFirst]!;
    if (seconds >= STOP_S && (!best || seconds > best.seconds) && portEdgeKm(lat[runFirst]!, lon[runFirst]!) > 0) best = { first: runFirst, last: runLast, seconds };
    runLast = runFirst = -1;
  };
  for (let r = row; r >= 0 && t[r]! >= from; r = back(tracks, r)) {
    if (tracks.speed[r]! < STOP_SPEED_KN) {
      if (runFirst >= 0 && t[runFirst]! - t[r]! > STOP_BREAK_S) close();
      if (runLast < 0) runLast = r;
      runFirst = r;
    } else close();
  }
  close();
  return best;
}

function runDraught(inputs: DetectInputs, params: Params): AlertDraft[] {
  const table = inputs.positions;
  const minM = num(params, 'min_increase_m');
  const minPct = num(params, 'min_increase_pct') / 100;
  const floor = num(params, 'noise_floor_m');
  const graceS = num(params, 'port_grace_hours') * 3600;
  const unlistedKm = num(params, 'unlisted_port_shore_km');
  const withDecrease = bool(params, 'include_decrease');
  const gapS = num(params, 'gap_hours') * 3600;
  const lookbackS = num(params, 'lookback_hours') * 3600;
  const gaps = gapsOf(table, num(params, 'gap_hours'));
  const stsAreas = areasOf(inputs.profile.lists.stsAreas);
  const threshold = inputs.profile.alertThreshold;
  const tracks = tracksOf(table);
  const calls = portCallsOf(table, undefined, tracks);
  const { t, lat, lon, draft } = table;
  const out: AlertDraft[] = [];

  const change = (seg: number, before: number, row: number, oldD: number, newD: number): void => {
    const delta = newD - oldD;
    const mag = Math.abs(delta);
    if (mag <= floor + 1e-3) return;
    if (mag + 1e-3 < Math.min(minM, minPct * oldD)) return;
    if (delta < 0 && !withDecrease) return;
    const v = tracks.segVessel[seg]!;
    const tBefore = t[before]!;
    const tRow = t[row]!;
    for (const c of callsOfVessel(calls, v)) if (c.arrival <= tRow && c.departure >= tBefore - graceS) return;
    const stop = stopBefore(tracks, row, Math.min(tBefore - graceS, tRow - lookbackS));
    let stopShoreKm = Infinity;
    if (stop) {
      stopShoreKm = distanceToShoreKm({ lat: lat[stop.first]!, lon: lon[stop.first]! });
      // A stop at a terminal the port table does not list, inside the window that explains a change.
      if (stopShoreKm <= unlistedKm && t[stop.last]! >= tBefore - graceS) return;
    }
    const stopAtSea = stop !== undefined && stopShoreKm > unlistedKm && t[stop.last]! >= tRow - lookbackS;
    const gapRow = tRow - tBefore >= gapS ? before : gapNear(table, gaps, v, tBefore, tRow);
    const across = gapRow >= 0;
    const sts = stopAtSea ? areaAt(stsAreas, lat[stop!.first]!, lon[stop!.first]!) : undefined;
    let score = delta > 0 ? 0.55 : 0.4;
    if (across) score += 0.2;
    if (stopAtSea) score += 0.15;
    if (sts && !across) score = Math.min(score, 0.3, threshold - 0.01);
    const gapHours = across ? (t[gapRow + 1]! - t[gapRow]!) / 3600 : 0;
    const notes: string[] = [];
    if (stopAtSea) {
      const p = nearestPort(lat[stop!.first]!, lon[stop!.first]!);
      notes.push(`after ${fmtH(stop!.seconds / 3600)} h stopped at sea ${fmtDist(Math.max(0, p.km - p.port.radiusKm) * 1000)} from the nearest port${sts ? ` (inside the designated STS area ${sts.name})` : ''}`);
    }
    if (across) notes.push(`across a ${fmtH(gapHours)} h AIS gap`);
    const evidence: Array<[number, string]> = [
      [before, `last report of draught ${oldD.toFixed(1)} m (${at(table, before)})`],
      [row, `first report of draught ${newD.toFixed(1)} m (${at(table, row)})`],
    ];
    if (stopAtSea) evidence.push([stop!.first, 'start of the stop at sea'], [stop!.last, 'end of the stop at sea']);
    if (across) evidence.push([gapRow, 'last fix before the gap'], [gapRow + 1, 'first fix after the gap']);
    out.push({
      indicator: 'maritime.draught_change',
      key: `${table.mmsi[v]}:${tRow}`,
      score: roundScore(score),
      subjects: [vesselSubject(inputs, v, row)],
      window: { start: iso(tBefore), end: iso(tRow) },
      evidence: evidenceFor(table, evidence),
      explanation:
        `draught ${delta > 0 ? 'rose' : 'fell'} from ${oldD.toFixed(1)} m to ${newD.toFixed(1)} m (${delta > 0 ? '+' : ''}${delta.toFixed(1)} m) ` +
        `without a port call${notes.length ? '; ' + notes.join('; ') : ''}`,
      details: {
        from: r1(oldD),
        to: r1(newD),
        changeM: r1(delta),
        stopAtSeaHours: stopAtSea ? r1(stop!.seconds / 3600) : null,
        stsArea: sts?.id ?? null,
        gapHours: across ? r1(gapHours) : null,
      },
    });
  };

  const changes = draughtSteps(tracks);
  for (let k = 0; k < changes.length; k += 3) {
    const before = changes[k]!;
    const row = changes[k + 1]!;
    change(changes[k + 2]!, before, row, draft[before]!, draft[row]!);
  }
  return out;
}

/**
 * Every change of reported draught (by 5 cm or more) along each track, a track
 * that starts after a silence continuing its predecessor's draught: the row of
 * the last report of the old value, the row of the first report of the new
 * one, and the segment — three numbers per change.
 */
function draughtSteps(tracks: Tracks): number[] {
  const table = tracks.table;
  const draft = table.draft;
  const out: number[] = [];
  const curOf = new Float64Array(tracks.segments).fill(NaN);
  const lastOf = new Int32Array(tracks.segments).fill(-1);
  for (let r = 0; r < table.length; r++) {
    const seg = tracks.segOf[r]!;
    if (tracks.segFirst[seg] === r && tracks.segReason[seg] === SEG_AFTER_GAP) {
      const q = back(tracks, r);
      if (q >= 0) {
        const ps = tracks.segOf[q]!;
        curOf[seg] = curOf[ps]!;
        lastOf[seg] = lastOf[ps]!;
      }
    }
    const d = draft[r]!;
    if (d !== d) continue;
    const cur = curOf[seg]!;
    if (cur === cur && Math.abs(d - cur) >= 0.05) out.push(lastOf[seg]!, r, seg);
    curOf[seg] = d;
    lastOf[seg] = r;
  }
  return out;
}
