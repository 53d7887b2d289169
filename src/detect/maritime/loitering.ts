/**
 * maritime.loitering — one vessel slow for hours far from shore: it may be
 * meeting a vessel that does not broadcast (Global Fishing Watch's loitering
 * events; Miller et al. 2018: under 2 kn for at least 8 h, at least 20 nm from shore).
 *
 * A loitering run is a stretch of one track (tracks.ts) whose fixes all report
 * (or imply) less than the speed limit and whose consecutive fixes are no
 * farther apart than that speed allows; its mean distance from shore (first,
 * middle and last fix) must reach the minimum.
 */
import type { AlertDraft } from '../alert.ts';
import { num, type Indicator, type Params } from '../indicator.ts';
import type { DetectInputs } from '../inputs.ts';
import { distanceToShoreKm } from '../../model/coast.ts';
import { gapNear, gapsOf } from './ais-gap.ts';
import {
  areaAt,
  areasOf,
  at,
  evidenceFor,
  fastDistM,
  fmtH,
  fmtKn,
  iso,
  isTankerType,
  knots,
  M_PER_NM,
  median,
  portEdgeKm,
  r1,
  roundScore,
  vesselSubject,
} from './common.ts';
import { tracksOf, type Tracks } from './tracks.ts';

/** Displacement between consecutive fixes that is noise or an anchor swing, whatever the time between them. */
const SWING_M = 200;

export const loitering: Indicator = {
  code: 'maritime.loitering',
  title: 'Loitering at sea',
  definition:
    'One vessel moving slower than max_speed_kn for at least min_hours, on average at least min_shore_nm from shore: it may be meeting a vessel that ' +
    'does not broadcast. Scored higher far offshore (≥ 50 nm), next to an AIS gap of the vessel (within gap_window_hours), for a tanker, and for long ' +
    'loitering; inside a designated STS area (profile list stsAreas), and for fishing vessels (AIS type 30), the score stays below the alert threshold ' +
    'unless the vessel was dark next to it.',
  sources: [
    {
      name: 'Global Fishing Watch — Miller et al. 2018, "Identifying global patterns of transshipment behavior", Frontiers in Marine Science 5:240',
      url: 'https://doi.org/10.3389/fmars.2018.00240',
      note: 'Loitering: a vessel travelling under 2 kn for at least 8 h, at least 20 nm from shore.',
    },
    {
      name: 'Global Fishing Watch technical documentation — Loitering',
      url: 'https://globalfishingwatch.github.io/GFW_technical_documentation/files/loitering.html',
      note: 'Published loitering events: average distance from shore of at least 20 nm.',
    },
  ],
  params: {
    max_speed_kn: { type: 'number', default: 2, unit: 'kn', min: 0.1, max: 10, description: 'Speed below which the vessel is loitering.' },
    min_hours: { type: 'number', default: 8, unit: 'h', min: 1, max: 240, description: 'Shortest loitering.' },
    min_shore_nm: { type: 'number', default: 20, unit: 'nm', min: 0, max: 1000, description: 'Mean distance from shore.' },
    gap_hours: { type: 'number', default: 12, unit: 'h', min: 1, max: 240, description: 'A silence this long counts as an AIS gap for scoring.' },
    gap_window_hours: { type: 'number', default: 24, unit: 'h', min: 0, max: 240, description: 'A gap this close before or after aggravates the loitering.' },
  },
  inputs: ['positions'],
  run: runLoitering,
};

function runLoitering(inputs: DetectInputs, params: Params): AlertDraft[] {
  const table = inputs.positions;
  const maxKn = num(params, 'max_speed_kn');
  const minS = num(params, 'min_hours') * 3600;
  const minShoreKm = (num(params, 'min_shore_nm') * M_PER_NM) / 1000;
  const gapWindowS = num(params, 'gap_window_hours') * 3600;
  const gaps = gapsOf(table, num(params, 'gap_hours'));
  const stsAreas = areasOf(inputs.profile.lists.stsAreas);
  const threshold = inputs.profile.alertThreshold;
  const tracks = tracksOf(table);
  const { t, lat, lon } = table;
  const { next, speed } = tracks;
  const out: AlertDraft[] = [];

  const finish = (seg: number, first: number, last: number, fixes: number): void => {
    // In a port's radius: a ship waiting at berth or anchorage, not at sea.
    if (portEdgeKm(lat[first]!, lon[first]!) === 0) return;
    let mid = first;
    for (let k = 0, half = fixes >> 1; k < half; k++) mid = next[mid]!;
    const shore = [first, mid, last].map((r) => distanceToShoreKm({ lat: lat[r]!, lon: lon[r]! }));
    const meanShore = (shore[0]! + shore[1]! + shore[2]!) / 3;
    if (meanShore < minShoreKm) return;
    const v = tracks.segVessel[seg]!;
    const hours = (t[last]! - t[first]!) / 3600;
    const speeds: number[] = [];
    const rows: number[] = [];
    for (let r = first, k = 0; r >= 0; r = next[r]!, k++) {
      speeds.push(speed[r]!);
      if (k % Math.max(1, Math.floor(fixes / 6)) === 0) rows.push(r);
      if (r === last) break;
    }
    const sts = areaAt(stsAreas, lat[mid]!, lon[mid]!);
    const gapRow = gapNear(table, gaps, v, t[first]! - gapWindowS, t[last]! + gapWindowS);
    const tanker = isTankerType(table.staticAt(first).vesselType);
    const farOffshore = meanShore >= 50 * 1.852;
    const fishing = table.staticAt(first).vesselType === 30;
    let score: number;
    if (sts || fishing) {
      // Transfers are the business of an STS area; drifting and slow fishing the business of a fishing vessel.
      score = Math.min(0.3 + (tanker ? 0.05 : 0), threshold - 0.01);
      if (gapRow >= 0) score += 0.3;
    } else {
      score = 0.5 + (farOffshore ? 0.1 : 0) + (gapRow >= 0 ? 0.15 : 0) + (tanker ? 0.05 : 0) + (hours >= 24 ? 0.05 : 0);
    }
    const gapHours = gapRow >= 0 ? (t[gapRow + 1]! - t[gapRow]!) / 3600 : 0;
    const med = median(speeds);
    const notes = [sts ? `inside the designated STS area ${sts.name}` : 'outside designated STS areas'];
    if (fishing) notes.push('a fishing vessel (slow fishing and drifting are its ordinary work)');
    if (gapRow >= 0) notes.push(`AIS silent for ${fmtH(gapHours)} h next to it`);
    if (tanker) notes.push('tanker');
    const evidence: Array<[number, string]> = rows.map((r) => [r, r === first ? `first slow fix (${at(table, r)})` : 'slow fix']);
    evidence.push([last, `last slow fix (${at(table, last)})`]);
    if (gapRow >= 0) evidence.push([gapRow, 'last fix before the gap'], [gapRow + 1, 'first fix after the gap']);
    out.push({
      indicator: 'maritime.loitering',
      key: `${table.mmsi[v]}:${t[first]}`,
      score: roundScore(score),
      subjects: [vesselSubject(inputs, v, first)],
      window: { start: iso(t[first]!), end: iso(t[last]!) },
      evidence: evidenceFor(table, evidence),
      explanation: `loitering for ${fmtH(hours)} h at median ${fmtKn(med)}, ${Math.round(meanShore / 1.852)} nm from shore on average; ${notes.join('; ')}`,
      details: {
        hours: r1(hours),
        medianSpeedKn: r1(med),
        meanShoreNm: r1(meanShore / 1.852),
        stsArea: sts?.id ?? null,
        gap: gapRow >= 0 ? { hours: r1(gapHours) } : null,
        tanker,
        fishing,
        fixes,
      },
    });
  };

  const runs = slowRuns(tracks, maxKn, minS);
  for (let k = 0; k < runs.length; k += 4) finish(runs[k]!, runs[k + 1]!, runs[k + 2]!, runs[k + 3]!);
  return out;
}

/**
 * Stretches of each track slower than maxKn throughout (consecutive fixes no
 * farther apart than that speed allows, an anchor swing aside) lasting at
 * least minS: seg, first row, last row, fixes — four numbers per run.
 */
function slowRuns(tracks: Tracks, maxKn: number, minS: number): number[] {
  const { t, lat, lon } = tracks.table;
  const { next, speed } = tracks;
  const out: number[] = [];
  for (let seg = 0; seg < tracks.segments; seg++) {
    let first = -1;
    let last = -1;
    let fixes = 0;
    for (let r = tracks.segFirst[seg]!; r >= 0; r = next[r]!) {
      const slow = speed[r]! < maxKn;
      if (slow && first >= 0) {
        const d = fastDistM(lat[last]!, lon[last]!, lat[r]!, lon[r]!);
        if (d <= SWING_M || knots(d, t[r]! - t[last]!) < maxKn) {
          last = r;
          fixes++;
          continue;
        }
      }
      if (first >= 0 && t[last]! - t[first]! >= minS) out.push(seg, first, last, fixes);
      first = slow ? r : -1;
      last = slow ? r : -1;
      fixes = slow ? 1 : 0;
    }
    if (first >= 0 && t[last]! - t[first]! >= minS) out.push(seg, first, last, fixes);
  }
  return out;
}
