/**
 * maritime.ais_gap — a vessel's AIS silent for 12 h or more, scored as
 * suspected intentional disabling when the silence began far offshore, after
 * dense reporting, outside areas of known poor reception (Welch et al. 2022;
 * GFW's AIS gaps data set: gaps of 12 h+, off position ≥ 50 nm from shore,
 * ≥ 14 positions in the 12 h before the gap, reliable reception).
 */
import type { AlertDraft } from '../alert.ts';
import { num, type Indicator, type Params } from '../indicator.ts';
import type { DetectInputs, PositionTable } from '../inputs.ts';
import { distanceToShoreKm } from '../../model/coast.ts';
import {
  areaAt,
  areasOf,
  at,
  evidenceFor,
  fmtDist,
  fmtH,
  fmtKn,
  greatCircleM,
  iso,
  isTankerType,
  knots,
  M_PER_NM,
  r1,
  roundScore,
  rowAtOrAfter,
  vesselSubject,
} from './common.ts';
import { TRACK_DEFAULTS } from './tracks.ts';

/** Gaps of a table: consecutive rows of one MMSI at least `minHours` apart. */
export interface Gaps {
  /** Row before each gap (the row after is row + 1), in row order. */
  before: Int32Array;
  /** Gaps of vessel v are before[vesselGap[v]] … before[vesselGap[v+1]-1]. */
  vesselGap: Int32Array;
}

const cache = new WeakMap<PositionTable, Map<number, Gaps>>();

/** The silences of at least `minHours` of every vessel (computed once per table and length). */
export function gapsOf(table: PositionTable, minHours: number): Gaps {
  let byLength = cache.get(table);
  if (!byLength) cache.set(table, (byLength = new Map()));
  let gaps = byLength.get(minHours);
  if (gaps) return gaps;
  const minS = minHours * 3600;
  const t = table.t;
  const found: number[] = [];
  const vesselGap = new Int32Array(table.vessels + 1);
  for (let v = 0; v < table.vessels; v++) {
    vesselGap[v] = found.length;
    const end = table.vesselStart[v + 1]!;
    for (let row = table.vesselStart[v]! + 1; row < end; row++) if (t[row]! - t[row - 1]! >= minS) found.push(row - 1);
  }
  vesselGap[table.vessels] = found.length;
  gaps = { before: Int32Array.from(found), vesselGap };
  byLength.set(minHours, gaps);
  return gaps;
}

/** The first gap of vessel v that ends after `from` and starts before `to` (seconds), or -1: for "next to a gap". */
export function gapNear(table: PositionTable, gaps: Gaps, vessel: number, from: number, to: number): number {
  for (let k = gaps.vesselGap[vessel]!, end = gaps.vesselGap[vessel + 1]!; k < end; k++) {
    const a = gaps.before[k]!;
    if (table.t[a + 1]! >= from && table.t[a]! <= to) return a;
  }
  return -1;
}

export const aisGap: Indicator = {
  code: 'maritime.ais_gap',
  title: 'AIS gap (suspected disabling)',
  definition:
    'A vessel sends no AIS position for at least min_gap_hours. The gap is a suspected intentional disabling — scored high — when the last fix before it ' +
    'lies at least offshore_nm from shore, the vessel reported at least min_fixes_before times in the dense_window_hours before it, and neither end of the ' +
    'gap lies in an area of known poor reception (profile list poorReceptionAreas); a gap that starts nearer the shore but ends at least offshore_nm ' +
    'out, under the same conditions, is scored as a suspected disabling too, a little lower. Otherwise it is an ordinary gap, scored low. ' +
    'Displacement and implied speed across the gap are reported.',
  sources: [
    {
      name: 'Global Fishing Watch — Welch et al. 2022, "Hot spots of unseen fishing vessels", Science Advances 8(44) eabq2109',
      url: 'https://doi.org/10.1126/sciadv.abq2109',
      note: 'Suspected disabling: gaps of 12 h or more starting at least 50 nm from shore, in areas of adequate reception.',
    },
    {
      name: 'Global Fishing Watch technical documentation — AIS gaps',
      url: 'https://globalfishingwatch.github.io/GFW_technical_documentation/Gaps.html',
      note: 'Gap events of 12 h+; intentional-disabling filter includes at least 14 positions in the 12 h before the gap and reliable satellite reception.',
    },
  ],
  params: {
    min_gap_hours: { type: 'number', default: 12, unit: 'h', min: 1, max: 24 * 30, description: 'Shortest silence reported as a gap.' },
    offshore_nm: { type: 'number', default: 50, unit: 'nm', min: 0, max: 1000, description: 'Distance from shore of the last fix before the gap for a suspected disabling.' },
    min_fixes_before: { type: 'integer', default: 14, min: 0, max: 10_000, description: 'Fixes in the dense window before the gap for a suspected disabling (dense reporting: the vessel was being heard).' },
    dense_window_hours: { type: 'number', default: 12, unit: 'h', min: 1, max: 72, description: 'Window before the gap in which fixes are counted.' },
  },
  inputs: ['positions'],
  run: runAisGap,
};

function runAisGap(inputs: DetectInputs, params: Params): AlertDraft[] {
  const table = inputs.positions;
  const minGapH = num(params, 'min_gap_hours');
  const offshoreKm = (num(params, 'offshore_nm') * M_PER_NM) / 1000;
  const minFixes = num(params, 'min_fixes_before');
  const windowS = num(params, 'dense_window_hours') * 3600;
  const poorAreas = areasOf(inputs.profile.lists.poorReceptionAreas);
  const gaps = gapsOf(table, minGapH);
  const { t, lat, lon } = table;
  const out: AlertDraft[] = [];
  for (let v = 0; v < table.vessels; v++) {
    for (let k = gaps.vesselGap[v]!, end = gaps.vesselGap[v + 1]!; k < end; k++) {
      const a = gaps.before[k]!;
      const b = a + 1;
      const hours = (t[b]! - t[a]!) / 3600;
      const shoreA = distanceToShoreKm({ lat: lat[a]!, lon: lon[a]! });
      const shoreB = distanceToShoreKm({ lat: lat[b]!, lon: lon[b]! });
      const firstInWindow = rowAtOrAfter(table, v, t[a]! - windowS);
      const fixesBefore = a - firstInWindow + 1;
      const poor = areaAt(poorAreas, lat[a]!, lon[a]!) ?? areaAt(poorAreas, lat[b]!, lon[b]!);
      const displacementM = greatCircleM(lat[a]!, lon[a]!, lat[b]!, lon[b]!);
      const impliedKn = knots(displacementM, t[b]! - t[a]!);
      const offshore = shoreA >= offshoreKm;
      const dense = fixesBefore >= minFixes;
      const suspected = offshore && dense && !poor;
      // Silent near the coast, heard again far out at sea: the vessel sailed out dark.
      const wentOutDark = !offshore && shoreB >= offshoreKm && dense && !poor;
      const tanker = isTankerType(table.staticAt(a).vesselType);
      const implausible = impliedKn > TRACK_DEFAULTS.maxSpeedKn;
      let score: number;
      if (suspected) {
        score = 0.65 + 0.15 * Math.min(1, (hours - minGapH) / 36) + (shoreB >= offshoreKm ? 0.05 : 0) + (tanker ? 0.05 : 0) + (implausible ? 0.05 : 0);
      } else if (wentOutDark) {
        score = 0.55 + 0.1 * Math.min(1, (hours - minGapH) / 36) + (tanker ? 0.05 : 0) + (implausible ? 0.05 : 0);
      } else {
        score = 0.2 + (offshore ? 0.1 : 0) + (dense ? 0.1 : 0);
        if (poor) score = Math.min(score, 0.2);
      }
      const why = suspected
        ? 'suspected disabling'
        : wentOutDark
          ? `went silent within ${Math.round(offshoreKm / 1.852)} nm of shore and reappeared ${Math.round(shoreB / 1.852)} nm offshore: suspected disabling`
          : poor
          ? `in an area of poor reception (${poor.name}): likely reception`
          : !offshore
            ? `within ${Math.round(offshoreKm / 1.852)} nm of shore`
            : 'sparse reporting before it: likely reception';
      out.push({
        indicator: 'maritime.ais_gap',
        key: `${table.mmsi[v]}:${t[a]}`,
        score: roundScore(score),
        subjects: [vesselSubject(inputs, v, a)],
        window: { start: iso(t[a]!), end: iso(t[b]!) },
        evidence: evidenceFor(table, [
          ...(fixesBefore > 2 ? ([[firstInWindow, 'first fix of the window before the gap']] as Array<[number, string]>) : []),
          [a, `last fix before the gap (${at(table, a)}, ${Math.round(shoreA / 1.852)} nm from shore)`],
          [b, `first fix after the gap (${at(table, b)}, ${Math.round(shoreB / 1.852)} nm from shore)`],
        ]),
        explanation:
          `AIS silent for ${fmtH(hours)} h from ${Math.round(shoreA / 1.852)} nm offshore after ${fixesBefore} fixes in the previous ${fmtH(windowS / 3600)} h; ` +
          `reappeared ${fmtDist(displacementM)} away (implied ${fmtKn(impliedKn)}); ${why}`,
        details: {
          hours: r1(hours),
          displacementKm: r1(displacementM / 1000),
          impliedSpeedKn: Number.isFinite(impliedKn) ? r1(impliedKn) : null,
          offshoreNmStart: r1(shoreA / 1.852),
          offshoreNmEnd: r1(shoreB / 1.852),
          fixesBefore,
          poorReceptionArea: poor?.id ?? null,
          suspectedDisabling: suspected || wentOutDark,
          tanker,
        },
      });
    }
  }
  return out;
}
