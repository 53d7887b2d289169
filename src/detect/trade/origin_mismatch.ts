/**
 * trade.origin_mismatch — a declaration names the carrying vessel (IMO) and a
 * port of loading or an origin, and the vessel's own AIS track contradicts it:
 * no call at the declared port of loading (nor anywhere in its country) in
 * the weeks before, while the track covers that time; worse when the vessel
 * instead called at a port of a destination of concern or went dark at sea.
 * This is how "Kazakh" or "Omani" crude loaded by ship-to-ship transfer from
 * a shadow-fleet tanker shows up against the ship's movements.
 */
import { portByLocode } from '../../model/ports.ts';
import type { AlertDraft, AlertSubject } from '../alert.ts';
import { num, type Indicator } from '../indicator.ts';
import type { EvidenceRef, PositionTable } from '../inputs.ts';
import { gapsOf } from '../maritime/ais-gap.ts';
import { evidenceFor, iso, validImo, vesselSubject } from '../maritime/common.ts';
import { callsOfVessel, portCallsOf, type PortCall } from '../maritime/port-calls.ts';
import { declarationEvidence, declarationSubjects } from './declarations.ts';

const DAY_S = 86_400;

/** Vessel indices of the table by the valid IMO numbers they broadcast. */
function vesselsByBroadcastImo(table: PositionTable): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let v = 0; v < table.vessels; v++) {
    let last = -1;
    const seen = new Set<string>();
    for (let row = table.vesselStart[v]!, end = table.vesselStart[v + 1]!; row < end; row++) {
      const si = table.staticIndex[row]!;
      if (si === last) continue;
      last = si;
      const imo = validImo(table.statics[si]!.imo);
      if (imo && !seen.has(imo)) {
        seen.add(imo);
        const list = out.get(imo);
        if (list) list.push(v);
        else out.set(imo, [v]);
      }
    }
  }
  return out;
}

export const originMismatch: Indicator = {
  code: 'trade.origin_mismatch',
  title: 'Declared loading or origin contradicted by the vessel’s track',
  definition:
    'A declaration names its carrying vessel (IMO) and a port of loading: the vessel (the MMSIs that broadcast the IMO, or the registry’s MMSI) has AIS ' +
    'positions covering at least min_coverage_days of the time from lookback_days before to after_days after the declaration date, and no port call (≥ 2 h stopped inside the port) ' +
    'at the declared port of loading — nor, for a port missing from the built-in table, at any port of its country — in that time. ' +
    'Score: port_score (country_score when only the country could be checked); plus concern_bonus when the vessel called instead at a port of a ' +
    'destination of concern or a port of concern of the profile; plus gap_bonus when it was silent for 12 h or more in that time.',
  sources: [
    { name: 'US Departments of State and Treasury, USCG: Sanctions Advisory for the Maritime Industry (2024-10-10 update)', url: 'https://ofac.treasury.gov/media/933556/download?inline', note: 'falsified cargo and vessel documents, origin disguised by STS transfers' },
    { name: 'OFAC and partners: Russian-origin oil price cap — alert on evasion (2023-04-17)', url: 'https://ofac.treasury.gov/media/931556/download?inline', note: 'documents misrepresenting the origin and loading' },
  ],
  params: {
    lookback_days: { type: 'number', default: 45, unit: 'days', min: 1, max: 365, description: 'how long before the declaration the loading may have happened' },
    after_days: { type: 'number', default: 10, unit: 'days', min: 0, max: 60, description: 'how long after the declaration the loading may happen (export declarations are lodged before the ship sails)' },
    min_coverage_days: { type: 'number', default: 7, unit: 'days', min: 0, max: 365, description: 'AIS positions must span at least this much of the lookback' },
    port_score: { type: 'number', default: 0.65, min: 0, max: 1, description: 'score when the declared port of loading was never called at' },
    country_score: { type: 'number', default: 0.5, min: 0, max: 1, description: 'score when no port of the loading country was called at (port not in the table)' },
    concern_bonus: { type: 'number', default: 0.2, min: 0, max: 1, description: 'added when the vessel called at a port of concern or of a destination of concern instead' },
    gap_bonus: { type: 'number', default: 0.1, min: 0, max: 1, description: 'added when the vessel was silent for 12 h or more in the lookback' },
  },
  inputs: ['declarations', 'positions'],
  run(inputs, params): AlertDraft[] {
    const table = inputs.positions;
    if (table.length === 0) return [];
    const lookbackS = num(params, 'lookback_days') * DAY_S;
    const minCoverS = num(params, 'min_coverage_days') * DAY_S;
    const concernCountries = new Set(inputs.profile.lists.destinationsOfConcern);
    const concernPorts = new Set(inputs.profile.lists.portsOfConcern);
    const byImo = vesselsByBroadcastImo(table);
    const calls = portCallsOf(table);
    const gaps = gapsOf(table, 12);
    const out: AlertDraft[] = [];
    for (const d of inputs.declarations) {
      const imo = validImo(d.vessel_imo);
      const locode = d.port_of_loading?.toUpperCase() ?? null;
      if (!imo || !locode) continue;
      const vessels = new Set(byImo.get(imo) ?? []);
      const known = inputs.vesselsByImo.get(imo);
      if (known?.mmsi) {
        const v = table.mmsi.indexOf(known.mmsi);
        if (v >= 0) vessels.add(v);
      }
      if (vessels.size === 0) continue;
      // The loading happened in the weeks before the declaration, or shortly after it: exports are declared before loading.
      const end = Date.parse(`${d.date}T23:59:59Z`) / 1000 + num(params, 'after_days') * DAY_S;
      const start = end - lookbackS;
      let covered = 0;
      const inWindow: PortCall[] = [];
      let lastRow = -1;
      let gapRow = -1;
      for (const v of vessels) {
        const first = table.vesselStart[v]!;
        const last = table.vesselStart[v + 1]! - 1;
        const from = Math.max(start, table.t[first]!);
        const to = Math.min(end, table.t[last]!);
        if (to > from) covered = Math.max(covered, to - from);
        for (const c of callsOfVessel(calls, v)) if (c.departure >= start && c.arrival <= end) inWindow.push(c);
        for (let k = gaps.vesselGap[v]!, e = gaps.vesselGap[v + 1]!; k < e && gapRow < 0; k++) {
          const a = gaps.before[k]!;
          if (table.t[a + 1]! >= start && table.t[a]! <= end) gapRow = a;
        }
        for (let row = last; row >= first; row--) {
          if (table.t[row]! <= end) {
            if (lastRow < 0 || table.t[row]! > table.t[lastRow]!) lastRow = row;
            break;
          }
        }
      }
      if (covered < minCoverS || lastRow < 0) continue;
      const port = portByLocode(locode);
      const country = locode.slice(0, 2).toLowerCase();
      const consistent = port ? inWindow.some((c) => c.port.locode === locode) : inWindow.some((c) => c.port.country === country);
      if (consistent) continue;
      const concernCall = inWindow.find((c) => concernPorts.has(c.port.locode) || concernCountries.has(c.port.country));
      const score = (port ? num(params, 'port_score') : num(params, 'country_score')) + (concernCall ? num(params, 'concern_bonus') : 0) + (gapRow >= 0 ? num(params, 'gap_bonus') : 0);
      const vessel: AlertSubject = vesselSubject(inputs, vesselOfRow(table, lastRow), lastRow);
      const visited = [...new Set(inWindow.map((c) => `${c.port.name} (${c.port.locode})`))];
      const evidence: EvidenceRef[] = [
        declarationEvidence(d, `declared loaded at ${locode}${port ? ` (${port.name})` : ''}, origin ${d.origin_country}`),
        ...evidenceFor(table, [
          [lastRow, `last fix in the time checked (${iso(table.t[lastRow]!)})`],
          ...(concernCall ? [[concernCall.arrivalRow, `call at ${concernCall.port.name} (${concernCall.port.locode})`] as [number, string]] : []),
          ...(gapRow >= 0 ? [[gapRow, 'went silent for 12 h or more'] as [number, string]] : []),
        ]),
      ];
      out.push({
        indicator: 'trade.origin_mismatch',
        key: `${d.dataset}:${d.declaration_id}`,
        score: Math.min(1, score),
        subjects: [...declarationSubjects(d), vessel],
        window: { start: iso(start), end: iso(end) },
        evidence,
        explanation:
          `${d.declaration_id}: declared loaded at ${locode}${port ? ` (${port.name})` : ''} (origin ${d.origin_country}) on ${vessel.name} (IMO ${imo}), ` +
          `but the vessel made no call ${port ? 'there' : `in ${country.toUpperCase()}`} from ${num(params, 'lookback_days')} days before to ${num(params, 'after_days')} days after (AIS covers ${Math.round(covered / DAY_S)} days)` +
          (visited.length ? `; it called at ${visited.join(', ')}` : '; no port call at all') +
          (concernCall ? `, including ${concernCall.port.name}, a port of concern` : '') +
          (gapRow >= 0 ? '; it went silent for 12 h or more in that time' : ''),
        details: { imo, portOfLoading: locode, portKnown: Boolean(port), origin: d.origin_country, coveredDays: Math.round((covered / DAY_S) * 10) / 10, calls: visited, concernCall: concernCall?.port.locode ?? null, gap: gapRow >= 0 },
      });
    }
    return out;
  },
};

/** The vessel index of a row. */
function vesselOfRow(table: PositionTable, row: number): number {
  let lo = 0;
  let hi = table.vessels - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (table.vesselStart[mid]! <= row) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

