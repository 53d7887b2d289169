/**
 * maritime.identity — what a vessel says about itself does not hold together:
 *
 * - an IMO number failing its check digit, broadcast or in the registry (the
 *   AIS readers drop such numbers from positions with an issue; a loader that
 *   keeps the raw value lets this rule see the broadcast);
 * - an MMSI that is a default or placeholder (000000000, 123456789…), or
 *   whose Maritime Identification Digits are not allocated;
 * - an MMSI whose MID country is not the flag the registry gives the vessel;
 * - changes of broadcast identity over time: name, IMO number, and — across
 *   MMSIs, through the IMO number they share — MMSI and flag; an IMO number
 *   broadcast by two MMSIs in overlapping periods;
 * - flag hopping: at least `min_flag_changes` flag changes within
 *   `flag_window_months`, from the MMSIs (their MIDs) a hull broadcast under
 *   and from the registry's flag history when the inputs carry one
 *   (`KnownVesselHistory.flagHistory`, an optional extension of KnownVessel).
 */
import type { AlertDraft, AlertSubject } from '../alert.ts';
import { num, type Indicator, type Params } from '../indicator.ts';
import type { DetectInputs, KnownVessel } from '../inputs.ts';
import { checkImo, checkMmsi, midCountry } from '../../model/normalize/identifiers.ts';
import { evidenceFor, iso, isNoImo, knownSubject, roundScore, uniqueSubjects, validImo, vesselSubject } from './common.ts';

/** A registered flag and when it was flown (ISO dates; open ends unknown). */
export interface FlagPeriod {
  flag: string;
  from?: string;
  to?: string;
}

/**
 * A KnownVessel with the registry's identity history, when the loader has it.
 * DetectInputs carries KnownVessel; an indicator reads these fields when they are there.
 */
export interface KnownVesselHistory extends KnownVessel {
  flagHistory?: FlagPeriod[];
  /** Earlier flags without dates (FtM `pastFlags`). */
  pastFlags?: string[];
  pastNames?: string[];
}

/** MMSIs transponders are shipped with or typed in when the real one is unknown. */
export const DEFAULT_MMSIS: ReadonlySet<string> = new Set([
  '000000000', '111111111', '222222222', '333333333', '444444444', '555555555', '666666666', '777777777', '888888888', '999999999',
  '123456789', '987654321', '012345678', '100000000', '200000000', '300000000', '400000000', '500000000', '600000000', '700000000',
  '800000000', '900000000', '000000001', '111222333', '123123123',
]);

export const identity: Indicator = {
  code: 'maritime.identity',
  title: 'Identity manipulation (IMO, MMSI, name, flag)',
  definition:
    'A vessel’s identity does not hold together: an IMO number failing its check digit (broadcast or registered); a default or unallocated MMSI; ' +
    'an MMSI whose MID country differs from the registered flag; changes of name or IMO number on one MMSI (scored higher when they alternate); ' +
    'one IMO number broadcast by several MMSIs, one after another (MMSI and flag changes) or in overlapping periods; flag hopping — at least ' +
    'min_flag_changes flag changes within flag_window_months, from the MMSIs a hull broadcast under and the registry’s flag history.',
  sources: [
    {
      name: 'US Department of State, Treasury (OFAC) and US Coast Guard — Global Maritime Sanctions Advisory, 14 May 2020',
      url: 'https://ofac.treasury.gov/media/37751/download?inline',
      note: 'Deceptive practices: physically altering vessel identification, false flags and flag hopping, manipulating AIS identity.',
    },
    {
      name: 'IMO Resolution A.1117(30), IMO ship identification number scheme',
      note: 'Seven digits, the last a check digit (weights 7 to 2, modulo 10).',
    },
    {
      name: 'ITU-R M.585, Assignment and use of identities in the maritime mobile service',
      note: 'MMSI structure and Maritime Identification Digits: the first three digits of a ship station name its flag administration.',
    },
    {
      name: 'Global Fishing Watch technical documentation — vessel identity',
      url: 'https://globalfishingwatch.github.io/GFW_technical_documentation/Vessel-info-tables.html',
      note: 'Identity from AIS over time (names, IMO, flag from MID) against registries; MMSIs used by several vessels.',
    },
  ],
  params: {
    min_flag_changes: { type: 'integer', default: 2, min: 1, max: 20, description: 'Flag changes that make flag hopping.' },
    flag_window_months: { type: 'number', default: 12, unit: 'months', min: 1, max: 120, description: 'Window in which the flag changes are counted.' },
    min_name_changes: { type: 'integer', default: 2, min: 1, max: 20, description: 'Name changes on one MMSI (within the flag window) reported above the threshold; one is reported low.' },
  },
  inputs: ['positions'],
  run: runIdentity,
};

function normName(name: string | null): string | null {
  if (!name) return null;
  const n = name.toUpperCase().replace(/\s+/g, ' ').trim();
  return n === '' ? null : n;
}

/** Where a hull was seen under one MMSI with one IMO number. */
interface Sighting {
  vessel: number;
  imo: string;
  firstRow: number;
  lastRow: number;
}

const MONTH_S = 30.44 * 86_400;
/** Subjects named per alert, at most (an IMO number shared by hundreds of MMSIs is one finding, not hundreds of subjects). */
const MAX_SUBJECTS = 10;

function listed(values: string[], max = 10): string {
  return values.length <= max ? values.join(', ') : `${values.slice(0, max).join(', ')} and ${values.length - max} more`;
}

function runIdentity(inputs: DetectInputs, params: Params): AlertDraft[] {
  const table = inputs.positions;
  const { t } = table;
  const minFlagChanges = num(params, 'min_flag_changes');
  const windowS = num(params, 'flag_window_months') * MONTH_S;
  const minNameChanges = num(params, 'min_name_changes');
  const out: AlertDraft[] = [];
  const sightings = new Map<string, Sighting[]>();
  const badRegistryImo = new Set<string>();

  const add = (kind: string, keyPart: string, score: number, subjects: AlertSubject[], rows: Array<[number, string]>, firstRow: number, lastRow: number, explanation: string, details: Record<string, unknown>): void => {
    out.push({
      indicator: 'maritime.identity',
      key: `${keyPart}:${kind}`,
      score: roundScore(score),
      subjects: uniqueSubjects(subjects),
      window: { start: iso(t[firstRow]!), end: iso(t[lastRow]!) },
      evidence: evidenceFor(table, rows),
      explanation,
      details: { kind, ...details },
    });
  };

  for (let v = 0; v < table.vessels; v++) {
    const mmsi = table.mmsi[v]!;
    const first = table.vesselStart[v]!;
    const end = table.vesselStart[v + 1]!;
    if (first === end) continue;
    const last = end - 1;
    const subject = vesselSubject(inputs, v, first);

    // MMSI: placeholder, malformed, unallocated MID.
    if (DEFAULT_MMSIS.has(mmsi)) {
      add('default_mmsi', mmsi, 0.7, [subject], [[first, 'first fix'], [last, 'last fix']], first, last, `MMSI ${mmsi} is a default or placeholder number, not an assigned identity`, { mmsi });
    } else if (/^[2-7]/.test(mmsi) || !/^\d{9}$/.test(mmsi)) {
      const check = checkMmsi(mmsi);
      if (!check.ok) add('invalid_mmsi', mmsi, 0.6, [subject], [[first, 'first fix'], [last, 'last fix']], first, last, `MMSI ${mmsi} is not a valid ship identity: ${check.reason}`, { mmsi });
    }

    // Registry: flag against MID, IMO check digit.
    const known = inputs.vesselsByMmsi.get(mmsi);
    const mid = midCountry(mmsi);
    if (known?.flag && mid && known.flag.toLowerCase() !== mid) {
      add('mid_flag_mismatch', mmsi, 0.55, [subject], [[first, 'first fix'], [last, 'last fix']], first, last, `MMSI ${mmsi} carries the MID of ${mid.toUpperCase()} but the registry flags ${known.name} in ${known.flag.toUpperCase()}`, { mmsi, mid, flag: known.flag.toLowerCase() });
    }
    if (known?.imo && !checkImo(known.imo).ok && !badRegistryImo.has(known.id)) {
      badRegistryImo.add(known.id);
      add('invalid_imo_registry', known.id, 0.5, [subject], [[first, 'first fix']], first, last, `the registry gives ${known.name} IMO number ${known.imo}, which fails its check digit`, { imo: known.imo });
    }

    // Broadcast identity along the rows: runs of one static record.
    const names: Array<{ name: string; row: number }> = [];
    const imos: Array<{ imo: string; row: number }> = [];
    const perImo = new Map<string, Sighting>();
    const badImos = new Map<string, { first: number; last: number }>();
    const runs = staticRuns(table.staticIndex, first, end);
    for (let k = 0; k < runs.length; k++) {
      const row = runs[k]!;
      const runEnd = (k + 1 < runs.length ? runs[k + 1]! : end) - 1;
      const s = table.statics[table.staticIndex[row]!]!;
      const name = normName(s.name);
      if (name && names[names.length - 1]?.name !== name) names.push({ name, row });
      if (isNoImo(s.imo)) continue;
      const imo = s.imo!.replace(/^IMO\s*/i, '');
      const ok = validImo(imo);
      if (!ok) {
        const bad = badImos.get(imo);
        if (bad) bad.last = runEnd;
        else badImos.set(imo, { first: row, last: runEnd });
        continue;
      }
      if (imos[imos.length - 1]?.imo !== ok) imos.push({ imo: ok, row });
      const sighting = perImo.get(ok);
      if (sighting) sighting.lastRow = runEnd;
      else perImo.set(ok, { vessel: v, imo: ok, firstRow: row, lastRow: runEnd });
    }
    for (const [imo, bad] of badImos) {
      // Seven digits with a wrong check digit look like a real number altered; other junk is data entry. Ships that need no IMO number
      // (fishing, tugs, pleasure and service craft) often fill the field with anything.
      const looksReal = /^[1-9]\d{6}$/.test(imo);
      const type = table.staticAt(bad.first).vesselType;
      const needsImo = type === null || type < 30 || type >= 60 || known !== undefined;
      const score = looksReal ? (needsImo ? 0.7 : 0.45) : 0.3;
      add(
        'invalid_imo',
        `${mmsi}:${imo}`,
        score,
        [subject],
        [[bad.first, `broadcasts IMO ${imo}`], [bad.last, `still broadcasts IMO ${imo}`]],
        bad.first,
        bad.last,
        looksReal ? `MMSI ${mmsi} broadcasts IMO number ${imo}, which fails its check digit` : `MMSI ${mmsi} broadcasts ${JSON.stringify(imo)} as its IMO number, which is not one`,
        { imo, mmsi, vesselType: type },
      );
    }
    for (const s of perImo.values()) {
      let list = sightings.get(s.imo);
      if (!list) sightings.set(s.imo, (list = []));
      list.push(s);
    }

    // Name changes on one MMSI.
    if (names.length > 1) {
      const changes = names.length - 1;
      const distinct = new Set(names.map((n) => n.name)).size;
      const alternating = distinct < names.length;
      const recent = names.slice(1).filter((n) => t[n.row]! >= t[names[names.length - 1]!.row]! - windowS).length;
      const score = alternating ? 0.6 : recent >= minNameChanges ? 0.55 : 0.35;
      add(
        'name_change',
        mmsi,
        score,
        [subject],
        names.map((n) => [n.row, `broadcasts name ${n.name}`] as [number, string]),
        names[1]!.row - 1 >= first ? names[1]!.row - 1 : first,
        names[names.length - 1]!.row,
        `MMSI ${mmsi} changed its broadcast name ${changes} ${changes === 1 ? 'time' : 'times'} (${sequence(names.map((n) => n.name))})` + (alternating ? ', alternating between names' : ''),
        { mmsi, names: [...new Set(names.map((n) => n.name))], changes, alternating },
      );
    }
    // IMO changes on one MMSI.
    if (imos.length > 1) {
      const distinct = [...new Set(imos.map((x) => x.imo))];
      const alternating = distinct.length < imos.length;
      const subjects = [subject, ...distinct.map((imo) => imoSubject(inputs, imo, mmsi))];
      add(
        'imo_change',
        mmsi,
        alternating ? 0.75 : 0.6,
        subjects,
        imos.map((x) => [x.row, `broadcasts IMO ${x.imo}`] as [number, string]),
        imos[0]!.row,
        imos[imos.length - 1]!.row,
        `MMSI ${mmsi} broadcast ${distinct.length} IMO numbers (${sequence(imos.map((x) => x.imo))})` + (alternating ? `: they alternate (${imos.length - 1} changes), two hulls on one MMSI` : ''),
        { mmsi, imos: distinct, changes: imos.length - 1, alternating },
      );
    }
  }

  // One IMO number under several MMSIs: re-flagging (MMSI and flag change) or a shared identity.
  const hopsByImo = new Map<string, Array<{ t: number; flag: string | null; row: number }>>();
  for (const [imo, list] of sightings) {
    if (list.length < 2) continue;
    list.sort((a, b) => t[a.firstRow]! - t[b.firstRow]!);
    const overlapping = list.some((s, i) => i > 0 && t[s.firstRow]! < Math.max(...list.slice(0, i).map((x) => t[x.lastRow]!)) - 3600);
    const mmsis = list.map((s) => table.mmsi[s.vessel]!);
    const flags = mmsis.map((m) => midCountry(m) ?? null);
    const registry = inputs.vesselsByImo.get(imo);
    const subjects: AlertSubject[] = [imoSubject(inputs, imo, mmsis[mmsis.length - 1]!), ...list.slice(0, MAX_SUBJECTS).map((s) => vesselSubject(inputs, s.vessel, s.firstRow))];
    const rows: Array<[number, string]> = [];
    for (const s of list) rows.push([s.firstRow, `MMSI ${table.mmsi[s.vessel]} first broadcasts IMO ${imo}`], [s.lastRow, `MMSI ${table.mmsi[s.vessel]} last broadcasts IMO ${imo}`]);
    const firstRow = list[0]!.firstRow;
    const lastRow = list.reduce((r, s) => (t[s.lastRow]! > t[r]! ? s.lastRow : r), list[0]!.lastRow);
    const namesSeen = [...new Set(list.map((s) => normName(table.staticAt(s.firstRow).name)).filter((n): n is string => n !== null))];
    if (overlapping) {
      add(
        'imo_shared',
        imo,
        0.8,
        subjects,
        rows,
        firstRow,
        lastRow,
        `IMO ${imo}${registry ? ` (${registry.name})` : ''} broadcast by ${list.length} MMSIs (${listed(mmsis)}) in overlapping periods`,
        { imo, mmsis: mmsis.slice(0, 50), names: namesSeen.slice(0, 50) },
      );
      continue;
    }
    const flagChanges = flags.filter((f, i) => i > 0 && f !== flags[i - 1]).length;
    hopsByImo.set(
      imo,
      list.map((s, i) => ({ t: t[s.firstRow]!, flag: flags[i]!, row: s.firstRow })),
    );
    const mismatch = registry?.flag && flags[flags.length - 1] && registry.flag.toLowerCase() !== flags[flags.length - 1];
    add(
      'mmsi_change',
      imo,
      flagChanges > 0 ? 0.55 : 0.5,
      subjects,
      rows,
      firstRow,
      lastRow,
      `IMO ${imo}${registry ? ` (${registry.name})` : ''} changed MMSI ${list.length - 1} ${list.length === 2 ? 'time' : 'times'}: ${list
        .map((s, i) => `${table.mmsi[s.vessel]} (${(flags[i] ?? '?').toUpperCase()}) from ${iso(t[s.firstRow]!).slice(0, 10)}`)
        .join(' → ')}` + (namesSeen.length > 1 ? `; names ${namesSeen.join(' → ')}` : '') + (mismatch ? `; registry flag ${registry!.flag!.toUpperCase()}` : ''),
      { imo, mmsis, flags, names: namesSeen, flagChanges },
    );
  }

  // Flag hopping: dated flag changes of a hull from broadcasts and the registry's history.
  const hulls = new Map<string, { known?: KnownVesselHistory; imo?: string; changes: Array<{ t: number; from: string | null; to: string | null; row: number }>; pastFlags: string[]; rows: number[] }>();
  for (const [imo, hops] of hopsByImo) {
    const known = inputs.vesselsByImo.get(imo) as KnownVesselHistory | undefined;
    const key = known?.id ?? `imo:${imo}`;
    const h = hulls.get(key) ?? { known, imo, changes: [], pastFlags: known?.pastFlags ?? [], rows: [] };
    for (let i = 1; i < hops.length; i++) if (hops[i]!.flag !== hops[i - 1]!.flag) h.changes.push({ t: hops[i]!.t, from: hops[i - 1]!.flag, to: hops[i]!.flag, row: hops[i]!.row });
    h.rows.push(...hops.map((x) => x.row));
    hulls.set(key, h);
  }
  // Registry histories of the vessels seen in the positions.
  for (let v = 0; v < table.vessels; v++) {
    const first = table.vesselStart[v]!;
    if (first === table.vesselStart[v + 1]) continue;
    const known = (inputs.vesselsByMmsi.get(table.mmsi[v]!) ?? inputs.vesselsByImo.get(validImo(table.staticAt(first).imo) ?? '')) as KnownVesselHistory | undefined;
    if (!known || ((known.flagHistory?.length ?? 0) < 2 && (known.pastFlags?.length ?? 0) < minFlagChanges)) continue;
    const h = hulls.get(known.id) ?? { known, imo: validImo(known.imo) ?? undefined, changes: [], pastFlags: known.pastFlags ?? [], rows: [] };
    if (!hulls.has(known.id)) h.rows.push(first);
    const periods = (known.flagHistory ?? []).filter((p) => p.from && !Number.isNaN(Date.parse(p.from))).sort((a, b) => Date.parse(a.from!) - Date.parse(b.from!));
    for (let i = 1; i < periods.length; i++) {
      const tt = Date.parse(periods[i]!.from!) / 1000;
      if (periods[i]!.flag.toLowerCase() !== periods[i - 1]!.flag.toLowerCase() && !h.changes.some((c) => Math.abs(c.t - tt) < 30 * 86_400 && c.to === periods[i]!.flag.toLowerCase())) {
        h.changes.push({ t: tt, from: periods[i - 1]!.flag.toLowerCase(), to: periods[i]!.flag.toLowerCase(), row: -1 });
      }
    }
    hulls.set(known.id, h);
  }
  for (const [key, h] of hulls) {
    const changes = h.changes.sort((a, b) => a.t - b.t);
    let best = 0;
    let bestFrom = 0;
    for (let i = 0, j = 0; i < changes.length; i++) {
      while (changes[i]!.t - changes[j]!.t > windowS) j++;
      if (i - j + 1 > best) {
        best = i - j + 1;
        bestFrom = j;
      }
    }
    const undated = h.pastFlags.length;
    if (best < minFlagChanges) {
      // Earlier flags without dates: worth a look, not enough for hopping within the window.
      if (undated >= minFlagChanges && h.known && h.rows.length > 0) {
        const rows = h.rows.filter((r) => r >= 0);
        add(
          'registry_past_flags',
          key,
          0.4,
          [knownSubject(h.known)],
          rows.map((r) => [r, `broadcasting under MMSI ${inputs.positions.mmsi[vesselOfRow(inputs, r)]}`] as [number, string]),
          Math.min(...rows),
          Math.max(...rows),
          `the registry lists ${undated} earlier flags for ${h.known.name} (${h.pastFlags.map((f) => f.toUpperCase()).join(', ')}; now ${(h.known.flag ?? '?').toUpperCase()}), dates unknown`,
          { pastFlags: h.pastFlags, flag: h.known.flag },
        );
      }
      continue;
    }
    const inWindow = changes.slice(bestFrom, bestFrom + best);
    const rows = h.rows.filter((r) => r >= 0);
    const subjects: AlertSubject[] = [];
    if (h.known) subjects.push(knownSubject(h.known));
    else if (h.imo) subjects.push(imoSubject(inputs, h.imo));
    for (const r of rows) subjects.push(vesselSubject(inputs, vesselOfRow(inputs, r), r));
    const firstRow = Math.min(...rows);
    const lastRow = Math.max(...rows);
    const path = [inWindow[0]!.from, ...inWindow.map((c) => c.to)].map((f) => (f ?? '?').toUpperCase()).join(' → ');
    const months = (inWindow[inWindow.length - 1]!.t - inWindow[0]!.t) / MONTH_S;
    add(
      'flag_hopping',
      key,
      0.75 + (best > minFlagChanges ? 0.05 : 0),
      subjects,
      rows.map((r) => [r, `broadcasting under MMSI ${inputs.positions.mmsi[vesselOfRow(inputs, r)]}`] as [number, string]),
      firstRow,
      lastRow,
      `${h.known?.name ?? `IMO ${h.imo}`} changed flag ${best} times within ${Math.max(1, Math.round(months))} ${Math.round(months) <= 1 ? 'month' : 'months'} (${path})` +
        (undated ? `; the registry lists ${undated} earlier flags` : ''),
      { flags: path.split(' → '), changes: best, registryPastFlags: h.pastFlags, mmsis: [...new Set(rows.map((r) => inputs.positions.mmsi[vesselOfRow(inputs, r)]!))] },
    );
  }
  return out;
}

/** First rows of the runs of one static record along rows [first, end): where the broadcast identity changes. */
function staticRuns(staticIndex: Int32Array, first: number, end: number): number[] {
  const out: number[] = [];
  let prev = -1;
  for (let row = first; row < end; row++) {
    const si = staticIndex[row]!;
    if (si !== prev) {
      out.push(row);
      prev = si;
    }
  }
  return out;
}

/** A sequence of values for an explanation: in order when short, the distinct values when long. */
function sequence(values: string[]): string {
  if (values.length <= 5) return values.join(' → ');
  const distinct = [...new Set(values)];
  return distinct.length <= 5 ? `${distinct.join(', ')} in turn` : `${distinct.slice(0, 5).join(', ')} and ${distinct.length - 5} more`;
}

function vesselOfRow(inputs: DetectInputs, row: number): number {
  const starts = inputs.positions.vesselStart;
  let lo = 0;
  let hi = inputs.positions.vessels - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= row) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A subject for an IMO number: the registry's vessel when known, else `imo:<imo>`. */
function imoSubject(inputs: DetectInputs, imo: string, seenMmsi?: string): AlertSubject {
  const known = inputs.vesselsByImo.get(imo);
  if (known) return knownSubject(known, seenMmsi);
  return { id: `imo:${imo}`, schema: 'Vessel', name: `IMO ${imo}`, identifiers: seenMmsi ? { imo, mmsi: seenMmsi } : { imo } };
}
