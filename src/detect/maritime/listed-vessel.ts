/**
 * maritime.listed_vessel — a vessel seen in the positions (an MMSI and the
 * identities it broadcast) or held in the registry is a vessel a visible
 * Sanction designates:
 *
 * - the IMO number agrees (valid check digit, not a "no IMO" placeholder): the
 *   number stays with the hull through renaming and re-flagging;
 * - the MMSI agrees (valid, not a default such as 123456789): strong, but MMSIs
 *   pass to other hulls when ships change flag or owner, so lower — and below
 *   the threshold when both sides give IMO numbers that differ;
 * - a name agrees through the screening engine (src/screen: transliteration,
 *   vessel prefixes, token order and weighting): scaled below the identifier
 *   matches, raised when call sign, flag (the MMSI's MID country) or vessel type
 *   corroborate, refused when both sides give IMO numbers that differ — real
 *   fleets reuse names like "OCEAN STAR", and another hull with the same name is
 *   a legitimate look-alike.
 *
 * Names are not compared pairwise: the listed vessels' names are indexed by
 * token, Double Metaphone key, consonant skeleton and 4-letter prefix and
 * suffix (the keys of the screening candidate index, plus the same keys for
 * adjacent words joined), and each distinct observed name is compared, once,
 * only with the listed vessels it shares a key with and whose keys its tokens
 * reach enough of to make min_name_score possible.
 */
import { doubleMetaphone } from 'double-metaphone';
import type { AlertDraft, AlertSubject } from '../alert.ts';
import { num, type Indicator, type Params } from '../indicator.ts';
import type { DetectInputs, EvidenceRef, KnownVessel, PositionTable, VesselDesignation } from '../inputs.ts';
import { checkMmsi, midCountry } from '../../model/normalize/identifiers.ts';
import { toCountryCode } from '../../model/normalize/countries.ts';
import { compareSubjects, prepareSubject, scoreSubjects, type PreparedSubject } from '../../screen/compare.ts';
import { skeletonOf, type PreparedName } from '../../screen/names.ts';
import { DEFAULT_WEIGHTS, IdfWeights, type TokenWeights } from '../../screen/weights.ts';
import { evidenceFor, iso, r3, roundScore, uniqueSubjects, validImo } from './common.ts';
import { DEFAULT_MMSIS } from './identity.ts';

/**
 * A KnownVessel with what the list or registry adds, when the loader has it.
 * DetectInputs carries KnownVessel; this indicator reads these fields when they are there.
 */
export interface KnownVesselDetails extends KnownVessel {
  /** FtM `callSign` (the first; others in `callSigns`). */
  callSign?: string | null;
  callSigns?: string[];
  /** FtM `type` as the list writes it ("Crude/Oil Products Tanker"), or an AIS ship-type code. */
  vesselType?: string | number | null;
  /** When the registry's statements about the vessel were first and last seen (ISO 8601): the window of a registry-only alert. */
  firstSeen?: string;
  lastSeen?: string;
  /** The registry record itself, cited as evidence of a registry-only alert. */
  source?: { dataset: string; record: string; agency: string; marking: string };
}

const CODE = 'maritime.listed_vessel';

/** Name matches never score above this: identifiers decide more than names. */
const NAME_CAP = 0.85;
/** What a disagreement costs a name match: flags and call signs change with re-flagging (common among listed fleets), types rarely. */
const FLAG_DIFFERS = 0.05;
const CALL_SIGN_DIFFERS = 0.05;
const TYPE_DIFFERS = 0.1;
/** Listed vessels compared in full per distinct observed name, at most (the best-keyed first). */
const MAX_CANDIDATES = 20;
/** Keys reaching more than this share of the listed vessels gather candidates only when nothing rarer does. */
const COMMON_KEY_SHARE = 0.05;
const KEY_WEIGHT = { t: 1, p: 0.6, s: 0.6, f: 0.35, l: 0.35 } as const;
/** Distinct names below which token rarity means nothing: the engine's fixed table of common words is used instead. */
const MIN_IDF_NAMES = 500;

export const listedVessel: Indicator = {
  code: CODE,
  title: 'Listed vessel (IMO number, MMSI or name of a designated vessel)',
  definition:
    'A vessel broadcasting in AIS, or held in the registry, is a vessel a visible sanctions designation names. An IMO number that agrees (valid ' +
    'check digit, not a placeholder such as 0000000) scores imo_score (0.03 more when a name agrees too, 0.01 more when the MMSI does). ' +
    'An MMSI that agrees (valid, not a default such as 123456789) scores mmsi_score, mmsi_name_score when a name agrees too, and ' +
    'mmsi_imo_conflict_score when both sides give IMO numbers that differ (the MMSI has ' +
    'passed to another hull). A name agreeing through the screening engine at min_name_score or more scores name_score times the similarity, ' +
    'plus call_sign_bonus, flag_bonus (the MMSI’s MID country or the registered flag against the listed flag) and type_bonus when they agree, ' +
    `less ${CALL_SIGN_DIFFERS}, ${FLAG_DIFFERS} and ${TYPE_DIFFERS} when they differ, at most ${NAME_CAP}; a name match is refused when both sides ` +
    'give IMO numbers that differ (another hull with the same name). One alert per observed vessel (MMSI, or registry vessel not seen ' +
    'broadcasting) and listed vessel, citing the positions and the designations.',
  sources: [
    {
      name: 'US Treasury OFAC — Specially Designated Nationals and Blocked Persons List (vessel entries)',
      url: 'https://sanctionslist.ofac.treas.gov/Home/SdnList',
      note: 'Vessels are designated with name, call sign, type, flag and, in the remarks, IMO number ("Vessel Registration Identification IMO …"), MMSI and former names.',
    },
    {
      name: 'US Department of State, Treasury (OFAC) and US Coast Guard — Global Maritime Sanctions Advisory, 14 May 2020',
      url: 'https://ofac.treasury.gov/media/37751/download?inline',
      note: 'Know your vessel: screen vessels by IMO number, which stays with the hull, as names, flags and MMSIs change.',
    },
    {
      name: 'Council Regulation (EU) No 833/2014, Annex XLII (vessels subject to the port access and services ban)',
      note: 'Vessels are listed by IMO number.',
    },
    {
      name: 'UK Sanctions List — ships specified under the Russia (Sanctions) (EU Exit) Regulations 2019',
      url: 'https://www.gov.uk/government/publications/the-uk-sanctions-list',
      note: 'Specified ships are identified by IMO number.',
    },
    {
      name: 'IMO Resolution A.1117(30), IMO ship identification number scheme',
      note: 'A number assigned once to a hull and never reassigned; seven digits, the last a check digit.',
    },
    {
      name: 'ITU-R M.585, Assignment and use of identities in the maritime mobile service',
      note: 'An MMSI belongs to a ship station under a flag administration and is reassigned when the ship changes flag.',
    },
  ],
  params: {
    imo_score: { type: 'number', default: 0.95, unit: 'ratio', min: 0, max: 1, description: 'Score of an IMO number that agrees.' },
    mmsi_score: { type: 'number', default: 0.8, unit: 'ratio', min: 0, max: 1, description: 'Score of an MMSI that agrees, no name agreeing.' },
    mmsi_name_score: { type: 'number', default: 0.9, unit: 'ratio', min: 0, max: 1, description: 'Score of an MMSI that agrees with a name that agrees too.' },
    mmsi_imo_conflict_score: {
      type: 'number',
      default: 0.4,
      unit: 'ratio',
      min: 0,
      max: 1,
      description: 'Score of an MMSI that agrees when both sides give IMO numbers that differ (the MMSI now names another hull).',
    },
    min_name_score: { type: 'number', default: 0.8, unit: 'ratio', min: 0.5, max: 1, description: 'Least name similarity (screening engine) that counts as a name match.' },
    name_score: { type: 'number', default: 0.55, unit: 'ratio', min: 0, max: 1, description: 'Score of an exact name match with nothing else known; scaled by the similarity.' },
    call_sign_bonus: { type: 'number', default: 0.2, unit: 'ratio', min: 0, max: 1, description: 'Added to a name match when the call sign agrees.' },
    flag_bonus: { type: 'number', default: 0.1, unit: 'ratio', min: 0, max: 1, description: 'Added to a name match when the flag (MMSI MID country, or registered flag) agrees with the listed flag.' },
    type_bonus: { type: 'number', default: 0.05, unit: 'ratio', min: 0, max: 1, description: 'Added to a name match when the vessel type class (tanker, cargo, …) agrees.' },
  },
  inputs: ['positions', 'entities'],
  run: runListedVessel,
};

// ---------------------------------------------------------------- normalisation

/** AIS names: upper case, one space, the 6-bit padding '@' dropped. */
function normName(name: string | null | undefined): string | null {
  if (!name) return null;
  const n = name.replace(/@+$/, '').toUpperCase().replace(/\s+/g, ' ').trim();
  return n === '' ? null : n;
}

/** A valid ship MMSI that is not a default one, else null. */
function usableMmsi(mmsi: string | null | undefined): string | null {
  if (!mmsi) return null;
  const c = checkMmsi(mmsi);
  return c.ok && !DEFAULT_MMSIS.has(c.value) ? c.value : null;
}

function normCallSign(cs: string | null | undefined): string | null {
  if (!cs) return null;
  const k = cs.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return k === '' ? null : k;
}

function normFlag(flag: string | null | undefined): string | null {
  if (!flag) return null;
  return toCountryCode(flag) ?? null;
}

type TypeClass = 'tanker' | 'cargo' | 'passenger' | 'fishing' | 'tug' | 'pleasure';

/** The class of an AIS ship-type code (ITU-R M.1371) or of a type as a list writes it; null when it says nothing. */
function typeClass(type: string | number | null | undefined): TypeClass | null {
  if (type === null || type === undefined) return null;
  const n = typeof type === 'number' ? type : /^\s*\d{1,2}\s*$/.test(type) ? Number(type) : NaN;
  if (!Number.isNaN(n)) {
    if (n >= 80 && n <= 89) return 'tanker';
    if (n >= 70 && n <= 79) return 'cargo';
    if (n >= 60 && n <= 69) return 'passenger';
    if (n === 30) return 'fishing';
    if (n === 31 || n === 32 || n === 52) return 'tug';
    if (n === 36 || n === 37) return 'pleasure';
    return null;
  }
  const t = String(type).toLowerCase();
  if (/tanker|crude|oil|chemical|\blpg\b|\blng\b|gas carrier|bitumen|asphalt/.test(t)) return 'tanker';
  if (/cargo|bulk|container|ro-?ro|reefer|refrigerated|carrier|freighter|heavy lift|timber|cement/.test(t)) return 'cargo';
  if (/passenger|ferry|cruise/.test(t)) return 'passenger';
  if (/fish|trawler|longliner|seiner/.test(t)) return 'fishing';
  if (/\btug|towing|supply|anchor handling/.test(t)) return 'tug';
  if (/yacht|pleasure/.test(t)) return 'pleasure';
  return null;
}

// ---------------------------------------------------------------- listed vessels and their names

interface Listed {
  vessel: KnownVesselDetails;
  designations: VesselDesignation[];
  imo: string | null;
  mmsi: string | null;
  flag: string | null;
  callSigns: Set<string>;
  type: TypeClass | null;
  typeText: string | null;
  subject: PreparedSubject;
}

function listedOf(v: KnownVesselDetails): Listed {
  const names = [...new Set([v.name, ...(v.aliases ?? [])].map((n) => n?.trim()).filter((n): n is string => !!n))];
  const callSigns = new Set([v.callSign, ...(v.callSigns ?? [])].map(normCallSign).filter((c): c is string => c !== null));
  return {
    vessel: v,
    designations: v.designations ?? [],
    imo: validImo(v.imo),
    mmsi: usableMmsi(v.mmsi),
    flag: normFlag(v.flag),
    callSigns,
    type: typeClass(v.vesselType),
    typeText: v.vesselType === undefined || v.vesselType === null ? null : String(v.vesselType),
    subject: prepareSubject({ schema: 'Vessel', names }),
  };
}

interface Keyed {
  key: string;
  /** Bit mask of the query tokens the key stands for (two for a joined pair). */
  tokens: number;
  weight: number;
}

/** Query tokens beyond this many are counted as reaching every candidate (the bound stays an upper bound). */
const MAX_MASKED_TOKENS = 30;

/**
 * The keys of a name (those of the screening candidate index: token, Double
 * Metaphone key, consonant skeleton, 4-letter prefix and suffix), and the same
 * keys for each pair of adjacent words joined, because the engine pairs
 * "SEA MASTER" with "SEAMASTER". `weight(i)` weighs token i.
 */
function nameKeys(name: PreparedName, weight: (token: string) => number, out: Keyed[]): void {
  const tokens = name.tokens;
  const add = (text: string, kind: string, phonetic: string, skeleton: string, mask: number, w: number): void => {
    out.push({ key: `t:${text}`, tokens: mask, weight: w * KEY_WEIGHT.t });
    if (kind !== 'word') return;
    if (phonetic.length >= 2) out.push({ key: `p:${phonetic}`, tokens: mask, weight: w * KEY_WEIGHT.p });
    if (skeleton.length >= 3) out.push({ key: `s:${skeleton}`, tokens: mask, weight: w * KEY_WEIGHT.s });
    if (text.length >= 6) {
      out.push({ key: `f:${text.slice(0, 4)}`, tokens: mask, weight: w * KEY_WEIGHT.f });
      out.push({ key: `l:${text.slice(-4)}`, tokens: mask, weight: w * KEY_WEIGHT.l });
    }
  };
  const bit = (i: number): number => (i < MAX_MASKED_TOKENS ? 1 << i : 0);
  tokens.forEach((t, i) => add(t.text, t.kind, t.phonetic, t.skeleton, bit(i), weight(t.text)));
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (a.kind === 'number' || b.kind === 'number') continue;
    const text = a.text + b.text;
    add(text, 'word', doubleMetaphone(text)[0], skeletonOf(text), bit(i) | bit(i + 1), (weight(a.text) + weight(b.text)) / 2);
  }
}


interface NameHit {
  listed: number;
  score: number;
  detail: string;
}

/** Most names meet no listed vessel: one shared empty answer. */
const NO_HITS: NameHit[] = [];

/**
 * The listed vessels' names, keyed for candidate gathering; each distinct
 * observed name is answered once. A listed vessel is compared in full only
 * when it shares a rare key with the name and the query tokens reaching it
 * could carry the name to min_name_score: a token that shares no key with any
 * of a vessel's names cannot pair with them, so its weight is lost to the score.
 */
class ListedNames {
  private readonly postings = new Map<string, number[]>();
  private readonly common: number;
  private readonly cache = new Map<string, NameHit[]>();
  private readonly prepared = new Map<string, PreparedSubject>();
  weights: TokenWeights = DEFAULT_WEIGHTS;

  constructor(
    private readonly listed: readonly Listed[],
    private readonly minScore: number,
  ) {
    listed.forEach((l, i) => {
      const out: Keyed[] = [];
      for (const n of l.subject.prepared) nameKeys(n, () => 1, out);
      for (const key of new Set(out.map((k) => k.key))) {
        const list = this.postings.get(key);
        if (list) list.push(i);
        else this.postings.set(key, [i]);
      }
    });
    this.common = Math.max(50, listed.length * COMMON_KEY_SHARE);
  }

  /** The observed name prepared as a Vessel query (memoised: names repeat across MMSIs). */
  query(name: string): PreparedSubject {
    let q = this.prepared.get(name);
    if (!q) this.prepared.set(name, (q = prepareSubject({ schema: 'Vessel', names: [name] })));
    return q;
  }

  /**
   * Token rarity over every distinct name in play (listed and observed): how
   * much a word of a vessel name says is how rare it is among ships' names.
   */
  useWeightsFrom(names: Iterable<string>): void {
    const df = new Map<string, number>();
    let docs = 0;
    const count = (prepared: PreparedName[]): void => {
      const tokens = new Set<string>();
      for (const p of prepared) for (const t of p.tokens) tokens.add(t.text);
      for (const t of tokens) df.set(t, (df.get(t) ?? 0) + 1);
      docs++;
    };
    for (const l of this.listed) count(l.subject.prepared);
    for (const n of names) count(this.query(n).prepared);
    this.weights = docs >= MIN_IDF_NAMES ? new IdfWeights(df, docs) : DEFAULT_WEIGHTS;
  }

  /** Listed vessels whose names the observed name matches at min_name_score or more, best first. */
  search(name: string): NameHit[] {
    const cached = this.cache.get(name);
    if (cached) return cached;
    const hits: NameHit[] = [];
    for (const prepared of this.query(name).prepared) {
      const tokens = prepared.tokens;
      if (tokens.length === 0) continue;
      const w = (t: string) => this.weights.weight(t);
      const keyed: Keyed[] = [];
      nameKeys(prepared, w, keyed);
      // Initials pair with any word they begin, keyed or not: they reach every candidate.
      let total = 0;
      let always = 0;
      tokens.forEach((t, i) => {
        total += w(t.text);
        if (t.kind === 'initial' || i >= MAX_MASKED_TOKENS) always += w(t.text);
      });
      // (Keys no listed name carries reach nothing: they must not make the common keys look unneeded.)
      const rare = keyed.filter((k) => {
        const n = this.postings.get(k.key)?.length ?? 0;
        return n > 0 && n <= this.common;
      });
      const gatherBy = rare.length > 0 ? rare : keyed;
      const gathered = new Map<number, number>();
      for (const k of gatherBy) for (const i of this.postings.get(k.key) ?? []) gathered.set(i, (gathered.get(i) ?? 0) + k.weight);
      if (gathered.size === 0) continue;
      // Which query tokens reach each gathered vessel, through any key (common ones too).
      const reach = new Map<number, number>();
      for (const k of keyed) for (const i of this.postings.get(k.key) ?? []) if (gathered.has(i)) reach.set(i, (reach.get(i) ?? 0) | k.tokens);
      const possible = [...gathered.entries()].filter(([i]) => {
        const mask = reach.get(i) ?? 0;
        let reached = always;
        tokens.forEach((t, k) => {
          if (k < MAX_MASKED_TOKENS && t.kind !== 'initial' && mask & (1 << k)) reached += w(t.text);
        });
        return reached / total >= this.minScore - 1e-9;
      });
      possible.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      for (const [i] of possible.slice(0, MAX_CANDIDATES)) {
        if (hits.some((h) => h.listed === i)) continue;
        // Scored first; explained only when it is a hit.
        if (scoreSubjects(this.query(name), this.listed[i]!.subject, this.weights) < this.minScore) continue;
        const m = compareSubjects(this.query(name), this.listed[i]!.subject, this.weights);
        hits.push({ listed: i, score: m.score, detail: m.explanations.find((e) => e.feature === 'name')?.detail ?? '' });
      }
    }
    hits.sort((a, b) => b.score - a.score || a.listed - b.listed);
    this.cache.set(name, hits.length > 0 ? hits : NO_HITS);
    return hits;
  }

  /** The engine's name comparison of an observed name with a listed vessel's names (the search's answer when it has one). */
  compare(name: string, listed: number): { score: number; detail: string } {
    const hit = this.cache.get(name)?.find((h) => h.listed === listed);
    if (hit) return hit;
    const m = compareSubjects(this.query(name), this.listed[listed]!.subject, this.weights);
    return { score: m.score, detail: m.explanations.find((e) => e.feature === 'name')?.detail ?? '' };
  }
}

// ---------------------------------------------------------------- observed vessels

/** One identity an observed vessel gave: a broadcast static record (with its rows) or the registry's record. */
interface Observation {
  names: string[];
  imo: string | null;
  rawImo: string | null;
  callSign: string | null;
  type: TypeClass | null;
  typeText: string | null;
  /** First and last row broadcasting it, fixes; -1 for the registry's record. */
  first: number;
  last: number;
  fixes: number;
  registry?: KnownVesselDetails;
}

interface Observed {
  /** Broadcasting vessel index, or -1 for a registry vessel not seen broadcasting. */
  vessel: number;
  mmsi: string | null;
  rawMmsi: string | null;
  /** The MMSI's MID country, else the registered flag. */
  flag: string | null;
  flagFrom: 'mid' | 'registry' | null;
  registry?: KnownVesselDetails;
  observations: Observation[];
}

function registryObservation(r: KnownVesselDetails): Observation {
  const names = [...new Set([r.name, ...(r.aliases ?? [])].map(normName).filter((n): n is string => n !== null))];
  return {
    names,
    imo: validImo(r.imo),
    rawImo: r.imo,
    callSign: normCallSign(r.callSign),
    type: typeClass(r.vesselType),
    typeText: r.vesselType === undefined || r.vesselType === null ? null : String(r.vesselType),
    first: -1,
    last: -1,
    fixes: 0,
    registry: r,
  };
}

/** The broadcast identities of vessel v: one observation per static record, with its first and last row. */
function broadcastObservations(table: PositionTable, v: number): Observation[] {
  const byStatic = new Map<number, Observation>();
  const end = table.vesselStart[v + 1]!;
  for (let row = table.vesselStart[v]!; row < end; row++) {
    const si = table.staticIndex[row]!;
    const o = byStatic.get(si);
    if (o) {
      o.last = row;
      o.fixes++;
      continue;
    }
    const s = table.statics[si]!;
    const name = normName(s.name);
    byStatic.set(si, {
      names: name ? [name] : [],
      imo: validImo(s.imo),
      rawImo: s.imo,
      callSign: normCallSign(s.callSign),
      type: typeClass(s.vesselType),
      typeText: s.vesselType === null ? null : String(s.vesselType),
      first: row,
      last: row,
      fixes: 1,
    });
  }
  return [...byStatic.values()];
}

// ---------------------------------------------------------------- matching

interface Match {
  kind: 'imo' | 'mmsi' | 'name';
  score: number;
  /** Observations that carry the match (for window and evidence). */
  carriers: Observation[];
  name: { score: number; observed: string; detail: string } | null;
  imoConflict: boolean;
  callSign: 'agrees' | 'differs' | null;
  flag: 'agrees' | 'differs' | null;
  type: 'agrees' | 'differs' | null;
  parts: Record<string, number>;
}

interface Scoring {
  imo: number;
  mmsi: number;
  mmsiName: number;
  mmsiConflict: number;
  minName: number;
  name: number;
  callSign: number;
  flag: number;
  type: number;
}

function agreement<T>(mine: Set<T>, theirs: Set<T>): 'agrees' | 'differs' | null {
  if (mine.size === 0 || theirs.size === 0) return null;
  for (const x of mine) if (theirs.has(x)) return 'agrees';
  return 'differs';
}

function evaluate(o: Observed, l: Listed, li: number, names: ListedNames, s: Scoring): Match | null {
  // A registry record never corroborates the listed entity it is.
  const obs = o.observations.filter((x) => x.registry?.id !== l.vessel.id);
  const imos = new Set(obs.map((x) => x.imo).filter((x): x is string => x !== null));
  const imoAgrees = l.imo !== null && imos.has(l.imo);
  const imoConflict = l.imo !== null && !imoAgrees && imos.size > 0;
  const mmsiAgrees = o.mmsi !== null && o.mmsi === l.mmsi;

  let name: Match['name'] = null;
  const nameCarriers: Observation[] = [];
  for (const x of obs) {
    let carried = false;
    for (const n of x.names) {
      const r = names.compare(n, li);
      if (r.score >= s.minName) carried = true;
      if (r.score > (name?.score ?? 0)) name = { score: r.score, observed: n, detail: r.detail };
    }
    if (carried) nameCarriers.push(x);
  }
  const nameAgrees = name !== null && name.score >= s.minName;
  const callSign = agreement(new Set(obs.map((x) => x.callSign).filter((x): x is string => x !== null)), l.callSigns);
  const flag = agreement(new Set(o.flag ? [o.flag] : []), new Set(l.flag ? [l.flag] : []));
  const type = agreement(new Set(obs.map((x) => x.type).filter((x): x is TypeClass => x !== null)), new Set(l.type ? [l.type] : []));
  const base = { name: name && name.score > 0 ? name : null, imoConflict, callSign, flag, type };

  if (imoAgrees) {
    const parts: Record<string, number> = { imo: s.imo };
    if (nameAgrees) parts.name = 0.03;
    if (mmsiAgrees) parts.mmsi = 0.01;
    const score = Math.min(0.99, Object.values(parts).reduce((a, b) => a + b, 0));
    return { kind: 'imo', score, carriers: obs.filter((x) => x.imo === l.imo), parts, ...base };
  }
  if (mmsiAgrees) {
    const score = imoConflict ? s.mmsiConflict : nameAgrees ? s.mmsiName : s.mmsi;
    return { kind: 'mmsi', score, carriers: obs, parts: { mmsi: score }, ...base };
  }
  if (!nameAgrees || imoConflict) return null;
  const parts: Record<string, number> = { name: s.name * name!.score };
  if (callSign === 'agrees') parts.callSign = s.callSign;
  else if (callSign === 'differs') parts.callSign = -CALL_SIGN_DIFFERS;
  if (flag === 'agrees') parts.flag = s.flag;
  else if (flag === 'differs') parts.flag = -FLAG_DIFFERS;
  if (type === 'agrees') parts.type = s.type;
  else if (type === 'differs') parts.type = -TYPE_DIFFERS;
  const score = Math.min(NAME_CAP, Object.values(parts).reduce((a, b) => a + b, 0));
  return { kind: 'name', score, carriers: nameCarriers, parts, ...base };
}

// ---------------------------------------------------------------- the run

function runListedVessel(inputs: DetectInputs, params: Params): AlertDraft[] {
  // The loader gives every vessel a visible Sanction designates; one without a designation the viewer may see is not listed here.
  const seen = new Set<string>();
  const listed: Listed[] = [];
  for (const v of inputs.listedVessels as KnownVesselDetails[]) {
    if (seen.has(v.id) || (v.designations ?? []).length === 0) continue;
    seen.add(v.id);
    listed.push(listedOf(v));
  }
  if (listed.length === 0) return [];
  // In id order: candidate ranking breaks ties by position, and the loader's order must not change the answer.
  listed.sort((a, b) => (a.vessel.id < b.vessel.id ? -1 : a.vessel.id > b.vessel.id ? 1 : 0));
  const scoring: Scoring = {
    imo: num(params, 'imo_score'),
    mmsi: num(params, 'mmsi_score'),
    mmsiName: num(params, 'mmsi_name_score'),
    mmsiConflict: num(params, 'mmsi_imo_conflict_score'),
    minName: num(params, 'min_name_score'),
    name: num(params, 'name_score'),
    callSign: num(params, 'call_sign_bonus'),
    flag: num(params, 'flag_bonus'),
    type: num(params, 'type_bonus'),
  };
  const listedIds = new Set(listed.map((l) => l.vessel.id));
  const isListed = (r: KnownVessel): boolean => listedIds.has(r.id) || (r.designations ?? []).length > 0;
  const byImo = new Map<string, number[]>();
  const byMmsi = new Map<string, number[]>();
  listed.forEach((l, i) => {
    if (l.imo) byImo.set(l.imo, [...(byImo.get(l.imo) ?? []), i]);
    if (l.mmsi) byMmsi.set(l.mmsi, [...(byMmsi.get(l.mmsi) ?? []), i]);
  });

  // The observed vessels: each broadcasting MMSI (with the registry's record behind it), then registry vessels not seen broadcasting.
  const table = inputs.positions;
  const observed: Observed[] = [];
  const attached = new Set<string>();
  for (let v = 0; v < table.vessels; v++) {
    if (table.vesselStart[v] === table.vesselStart[v + 1]) continue;
    const rawMmsi = table.mmsi[v]!;
    const mmsi = usableMmsi(rawMmsi);
    const observations = broadcastObservations(table, v);
    // The registry's records behind the MMSI and the IMO numbers broadcast. A list's own vessel among them is
    // the list, not the registry: it is compared as a listed vessel and never lends its names to the observed one.
    const fromRegistry = (r: KnownVessel | undefined): KnownVesselDetails | undefined => (r && !isListed(r) ? r : undefined);
    const registry = fromRegistry(mmsi ? inputs.vesselsByMmsi.get(mmsi) : undefined);
    const regs = new Map<string, KnownVesselDetails>();
    if (registry) regs.set(registry.id, registry);
    for (const x of observations) {
      const r = fromRegistry(x.imo ? inputs.vesselsByImo.get(x.imo) : undefined);
      if (r) regs.set(r.id, r);
    }
    for (const r of regs.values()) {
      attached.add(r.id);
      observations.push(registryObservation(r));
    }
    // A default MMSI's digits name no flag administration.
    const mid = (mmsi ? midCountry(mmsi) : undefined) ?? null;
    const regFlag = normFlag(registry?.flag);
    observed.push({ vessel: v, mmsi, rawMmsi, flag: mid ?? regFlag, flagFrom: mid ? 'mid' : regFlag ? 'registry' : null, registry, observations });
  }
  const registryOnly = new Map<string, KnownVesselDetails>();
  for (const r of [...inputs.vesselsByMmsi.values(), ...inputs.vesselsByImo.values()] as KnownVesselDetails[]) {
    // A listed vessel in the registry is the list itself: matching it against the lists says nothing new.
    if (attached.has(r.id) || isListed(r) || registryOnly.has(r.id)) continue;
    registryOnly.set(r.id, r);
  }
  for (const r of [...registryOnly.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    const flag = normFlag(r.flag);
    observed.push({ vessel: -1, mmsi: usableMmsi(r.mmsi), rawMmsi: r.mmsi, flag, flagFrom: flag ? 'registry' : null, registry: r, observations: [registryObservation(r)] });
  }

  // Names: every distinct one meets only the listed vessels sharing a key with it, once.
  const names = new ListedNames(listed, scoring.minName);
  const distinctNames = new Set<string>();
  for (const o of observed) for (const x of o.observations) for (const n of x.names) distinctNames.add(n);
  names.useWeightsFrom(distinctNames);

  const asOf = new Date().toISOString().slice(0, 10) + 'T00:00:00Z';
  const out: AlertDraft[] = [];
  for (const o of observed) {
    const candidates = new Set<number>();
    if (o.mmsi) for (const i of byMmsi.get(o.mmsi) ?? []) candidates.add(i);
    for (const x of o.observations) {
      if (x.imo) for (const i of byImo.get(x.imo) ?? []) candidates.add(i);
      for (const n of x.names) for (const h of names.search(n)) candidates.add(h.listed);
    }
    for (const li of [...candidates].sort((a, b) => a - b)) {
      const l = listed[li]!;
      const m = evaluate(o, l, li, names, scoring);
      if (!m) continue;
      out.push(alertFor(inputs, o, l, m, asOf));
    }
  }
  return out;
}

// ---------------------------------------------------------------- the alert

function designationText(d: VesselDesignation): string {
  return `${d.authority ?? d.dataset}${d.program ? ` (program ${d.program})` : ''}`;
}

/** "ARTAVIL (IMO 9187629, MMSI 572469210)". */
function listedName(l: Listed): string {
  const ids = [l.imo ? `IMO ${l.imo}` : null, l.mmsi ? `MMSI ${l.mmsi}` : null].filter(Boolean).join(', ');
  return `${l.vessel.name}${ids ? ` (${ids})` : ''}`;
}

/** "Office of Foreign Assets Control (program IRAN)", each designating authority once. */
function listedBy(l: Listed): string {
  return [...new Set(l.designations.map(designationText))].join('; ');
}

function observedText(o: Observed): string {
  if (o.vessel >= 0) return `MMSI ${o.rawMmsi}`;
  return `registry vessel ${o.registry!.name}`;
}

function corroboration(m: Match, o: Observed, l: Listed, firstObs: Observation | undefined): string[] {
  const out: string[] = [];
  if (m.callSign === 'agrees') out.push('call sign agrees');
  else if (m.callSign === 'differs') out.push(`call sign differs (${firstObs?.callSign ?? '?'} vs ${[...l.callSigns].join(', ')})`);
  if (m.flag) {
    const mine = `${o.flag!.toUpperCase()}${o.flagFrom === 'mid' ? ' by its MMSI' : ' registered'}`;
    out.push(m.flag === 'agrees' ? `flag ${mine} agrees` : `flag ${mine} vs listed ${l.flag!.toUpperCase()}`);
  }
  if (m.type) out.push(m.type === 'agrees' ? `type agrees (${l.type})` : `type differs (listed ${l.typeText ?? l.type})`);
  return out;
}

function alertFor(inputs: DetectInputs, o: Observed, l: Listed, m: Match, asOf: string): AlertDraft {
  const table = inputs.positions;
  const broadcast = m.carriers.filter((x) => x.first >= 0);
  // A match carried by the registry's record alone spans the vessel's whole track.
  const spans: Array<[number, number, Observation | null]> = broadcast.map((x) => [x.first, x.last, x]);
  if (o.vessel >= 0 && spans.length === 0) spans.push([table.vesselStart[o.vessel]!, table.vesselStart[o.vessel + 1]! - 1, null]);
  const rows: Array<[number, string]> = [];
  for (const [first, last, x] of spans.sort((a, b) => a[0] - b[0])) {
    const what = x ? describeStatic(x) : `MMSI ${o.rawMmsi}`;
    rows.push([first, `first fix broadcasting ${what}`], [last, `last fix broadcasting ${what}`]);
  }
  const evidence: EvidenceRef[] = rows.length > 0 ? evidenceFor(table, rows) : [];
  const reg = m.carriers.find((x) => x.registry)?.registry ?? (o.vessel < 0 ? o.registry : undefined);
  if (reg?.source) {
    evidence.push({ ...reg.source, source: reg.source.dataset, note: `registry record of ${reg.name}`, schema: 'Vessel' });
  }
  for (const d of l.designations) {
    evidence.push({
      source: d.dataset,
      record: d.sanctionId,
      agency: d.agency,
      note: `designation of ${l.vessel.name} by ${designationText(d)}`,
      dataset: d.dataset,
      marking: d.marking,
      schema: 'Sanction',
    });
  }

  let window: AlertDraft['window'];
  if (spans.length > 0) {
    window = { start: iso(table.t[Math.min(...spans.map((s) => s[0]))]!), end: iso(table.t[Math.max(...spans.map((s) => s[1]))]!) };
  } else {
    // The registry's record as of when it was seen; the day of the run when the loader gives no times.
    const r = o.registry!;
    window = { start: r.firstSeen ?? r.lastSeen ?? asOf, end: r.lastSeen ?? r.firstSeen ?? asOf };
  }

  const first = broadcast[0] ?? m.carriers[0];
  const who = observedText(o);
  const said = o.vessel >= 0 ? 'broadcast' : 'is registered with';
  let lead: string;
  if (m.kind === 'imo') {
    const via =
      broadcast.length > 0
        ? `${said} IMO ${l.imo}${first?.names[0] ? ` as "${first.names[0]}"` : ''}`
        : o.vessel < 0
          ? `${said} IMO ${l.imo}`
          : `is IMO ${l.imo} by the registry (${reg?.name ?? '?'})`;
    lead = `${who} ${via}, which ${listedBy(l)} lists as ${listedName(l)}`;
  } else if (m.kind === 'mmsi') {
    lead = `${who} is the MMSI of ${listedName(l)}, listed by ${listedBy(l)}`;
    if (first?.names[0]) lead += `; it ${said} the name "${first.names[0]}"`;
    if (m.imoConflict) lead += `, but IMO ${[...new Set(m.carriers.map((x) => x.imo).filter(Boolean))].join(', ')} against the listed IMO ${l.imo}: the MMSI may now belong to another hull`;
  } else {
    const how = m.name!.score >= 1 ? 'a name of' : 'close to a name of';
    lead = `${who} ${said} the name "${m.name!.observed}", ${how} ${listedName(l)} (name similarity ${m.name!.score.toFixed(2)}), listed by ${listedBy(l)}`;
    if (!l.imo) lead += '; the list gives no IMO number';
    else if (!m.carriers.some((x) => x.imo)) lead += '; no IMO number broadcast';
  }
  const extra = corroboration(m, o, l, first);
  const explanation = lead + (extra.length > 0 ? `; ${extra.join(', ')}` : '');

  const observedSubject: AlertSubject = observedSubjectOf(o, l, m);
  const listedSubject: AlertSubject = {
    id: l.vessel.id,
    schema: 'Vessel',
    name: l.vessel.name,
    identifiers: { ...(l.imo ? { imo: l.imo } : {}), ...(l.mmsi ? { mmsi: l.mmsi } : {}) },
  };

  return {
    indicator: CODE,
    key: o.vessel >= 0 ? `${o.rawMmsi}:${l.vessel.id}` : `registry:${o.registry!.id}:${l.vessel.id}`,
    score: roundScore(m.score),
    subjects: uniqueSubjects([observedSubject, listedSubject]),
    window,
    evidence,
    explanation,
    details: {
      match: m.kind,
      observed: {
        mmsi: o.rawMmsi,
        imos: [...new Set(m.carriers.map((x) => x.imo).filter(Boolean))],
        names: [...new Set(m.carriers.flatMap((x) => x.names))].slice(0, 10),
        flag: o.flag,
        flagFrom: o.flagFrom,
        registry: o.registry?.id ?? reg?.id ?? null,
        fixes: broadcast.reduce((n, x) => n + x.fixes, 0),
      },
      listed: { id: l.vessel.id, name: l.vessel.name, imo: l.imo, mmsi: l.mmsi, flag: l.flag, callSigns: [...l.callSigns], type: l.typeText },
      designations: l.designations.map((d) => ({ sanctionId: d.sanctionId, dataset: d.dataset, authority: d.authority, program: d.program })),
      name: m.name ? { score: r3(m.name.score), observed: m.name.observed, detail: m.name.detail } : null,
      imoConflict: m.imoConflict,
      callSign: m.callSign,
      flag: m.flag,
      type: m.type,
      scoreParts: Object.fromEntries(Object.entries(m.parts).map(([k, v]) => [k, r3(v)])),
    },
  };
}

function describeStatic(x: Observation): string {
  const parts = [x.names[0] ? `"${x.names[0]}"` : null, x.imo ? `IMO ${x.imo}` : x.rawImo ? `IMO field ${JSON.stringify(x.rawImo)}` : null, x.callSign ? `call sign ${x.callSign}` : null];
  const s = parts.filter(Boolean).join(', ');
  return s === '' ? 'no static data' : s;
}

/**
 * The observed vessel as a subject: the registry's vessel behind the MMSI (or
 * IMO) when there is one and it is not the listed entity itself, else the MMSI,
 * with the IMO number it broadcast.
 */
function observedSubjectOf(o: Observed, l: Listed, m: Match): AlertSubject {
  const imo = m.carriers.map((x) => x.imo).find((x): x is string => x !== null) ?? o.observations.map((x) => x.imo).find((x): x is string => x !== null) ?? null;
  const reg = o.registry && o.registry.id !== l.vessel.id ? o.registry : undefined;
  const identifiers: Record<string, string> = {};
  if (o.rawMmsi) identifiers.mmsi = o.rawMmsi;
  const regImo = validImo(reg?.imo);
  if (regImo ?? imo) identifiers.imo = (regImo ?? imo)!;
  if (reg) return { id: reg.id, schema: 'Vessel', name: reg.name, identifiers };
  const name = m.carriers.find((x) => x.names.length > 0)?.names[0] ?? o.observations.find((x) => x.names.length > 0)?.names[0];
  return { id: `mmsi:${o.rawMmsi}`, schema: 'Vessel', name: name ?? `MMSI ${o.rawMmsi}`, identifiers };
}
