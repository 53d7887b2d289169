/**
 * maritime.port_call_of_concern — a call at a port the community lists as of
 * concern (profile list portsOfConcern: ports of sanctioned states). Port
 * calls are derived from the tracks (port-calls.ts).
 */
import type { AlertDraft } from '../alert.ts';
import { num, type Indicator, type Params } from '../indicator.ts';
import type { DetectInputs } from '../inputs.ts';
import { at, evidenceFor, fmtH, iso, isTankerType, r1, roundScore, vesselSubject } from './common.ts';
import { portCallsOf } from './port-calls.ts';

export const portCallOfConcern: Indicator = {
  code: 'maritime.port_call_of_concern',
  title: 'Port call at a port of concern',
  definition:
    'A vessel calls at a port of the profile list portsOfConcern (UN/LOCODE): it stops (reported speed under stop_speed_kn, or status at anchor or ' +
    'moored) within the port’s radius, and stays inside the radius at least min_hours from the first fix to the last. Scored higher for tankers and ' +
    'for calls longer than a day (cargo worked).',
  sources: [
    {
      name: 'US Department of State, Treasury (OFAC) and US Coast Guard — Global Maritime Sanctions Advisory, 14 May 2020',
      url: 'https://ofac.treasury.gov/media/37751/download?inline',
      note: 'Voyage irregularities: calls at ports of sanctioned jurisdictions, and their concealment.',
    },
    {
      name: 'Global Fishing Watch — port visits',
      url: 'https://globalfishingwatch.github.io/GFW_technical_documentation/',
      note: 'Port visits derived from AIS: entry into a port area, a stop, exit.',
    },
  ],
  params: {
    min_hours: { type: 'number', default: 2, unit: 'h', min: 0, max: 240, description: 'Shortest call (first to last fix inside the port radius).' },
    stop_speed_kn: { type: 'number', default: 1, unit: 'kn', min: 0.1, max: 5, description: 'Speed under which a fix in port is a stop.' },
  },
  inputs: ['positions'],
  run: runPortCallOfConcern,
};

function runPortCallOfConcern(inputs: DetectInputs, params: Params): AlertDraft[] {
  const concern = new Set(inputs.profile.lists.portsOfConcern.map((l) => l.toUpperCase()));
  if (concern.size === 0) return [];
  const table = inputs.positions;
  const { calls } = portCallsOf(table, { minHours: num(params, 'min_hours'), stopSpeedKn: num(params, 'stop_speed_kn') });
  const out: AlertDraft[] = [];
  for (const c of calls) {
    if (!concern.has(c.port.locode)) continue;
    const tanker = isTankerType(table.staticAt(c.arrivalRow).vesselType);
    const score = 0.6 + (tanker ? 0.1 : 0) + (c.hours >= 24 ? 0.05 : 0);
    const country = c.port.country.toUpperCase();
    out.push({
      indicator: 'maritime.port_call_of_concern',
      key: `${table.mmsi[c.vessel]}:${c.port.locode}:${c.arrival}`,
      score: roundScore(score),
      subjects: [vesselSubject(inputs, c.vessel, c.arrivalRow)],
      window: { start: iso(c.arrival), end: iso(c.departure) },
      evidence: evidenceFor(table, [
        [c.arrivalRow, `first fix in ${c.port.name} (${at(table, c.arrivalRow)})`],
        [c.departureRow, `last fix in ${c.port.name} (${at(table, c.departureRow)})`],
      ]),
      explanation: `called at ${c.port.name} (${c.port.locode}, ${country}), a port of concern, for ${fmtH(c.hours)} h from ${iso(c.arrival)}${tanker ? '; tanker' : ''}`,
      details: { port: c.port.locode, country: c.port.country, hours: r1(c.hours), arrival: iso(c.arrival), departure: iso(c.departure), fixes: c.fixes, tanker },
    });
  }
  return out;
}
