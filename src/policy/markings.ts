import countries from 'i18n-iso-countries';
import { SextantError } from '../errors.ts';

/**
 * Markings: what every statement, event, alert and case item carries to say who
 * may see it. A marking is
 *   - a TLP 2.0 colour (CLEAR < GREEN < AMBER < AMBER+STRICT < RED),
 *   - a classification level from a configurable ladder (lowest first),
 *   - releasability: `REL TO` countries (ISO alpha-2) and/or agency ids, or no
 *     restriction; `REL TO NONE` means releasable to no one but the holder,
 *   - originator control: agencies whose consent onward sharing needs,
 *   - purpose tags: the purposes the data may be used for, or any.
 *
 * Written as one line, parts joined by `//`, for example
 *   TLP:AMBER//CONFIDENTIAL//REL TO BE, NL, fiu-nl//ORCON fiu-nl//PURPOSE aml, sanctions
 * The canonical form omits the lowest level, so `TLP:CLEAR` alone is a marking.
 */
export const TLP_COLOURS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type Tlp = (typeof TLP_COLOURS)[number];

export const DEFAULT_LEVELS = ['UNCLASSIFIED', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET'] as const;

/** The classification ladder, lowest level first (set by config `classificationLevels`). */
export type Ladder = readonly string[];

export interface Marking {
  tlp: Tlp;
  level: string;
  /** null: no releasability restriction; []: releasable to no one beyond the holder. */
  relTo: string[] | null;
  /** Originators whose consent onward sharing needs. */
  orcon: string[];
  /** null: any purpose. */
  purposes: string[] | null;
}

/** Agency ids have at least three characters, so that a two-letter token is always a country (any case). */
export const AGENCY_ID = /^[a-z][a-z0-9-]{2,62}$/;
export const PURPOSE_TAG = /^[a-z][a-z0-9_]{0,62}$/;
const COUNTRY = /^[A-Z]{2}$/;

export function tlpRank(tlp: Tlp): number {
  return TLP_COLOURS.indexOf(tlp);
}

export function levelRank(level: string, ladder: Ladder): number {
  const i = ladder.indexOf(level);
  if (i < 0) throw new SextantError('validation_failed', `unknown classification level ${level}; known: ${ladder.join(', ')}`, { field: 'level' });
  return i;
}

/** A releasability token is an ISO country code or an agency id. */
export function isCountryToken(token: string): boolean {
  return COUNTRY.test(token);
}

function invalid(text: string, why: string): SextantError {
  return new SextantError('validation_failed', `invalid marking "${text}": ${why}`, { field: 'marking', marking: text });
}

function list(body: string, text: string, what: string, check: (t: string) => boolean): string[] {
  const items = body.split(/[\s,]+/).filter((t) => t !== '');
  if (items.length === 0) throw invalid(text, `${what} needs at least one entry`);
  for (const t of items) if (!check(t)) throw invalid(text, `${what} entry "${t}" is not valid`);
  return [...new Set(items)].sort();
}

/** Parse a marking line; a bad one is refused with a reason (code validation_failed, field marking). */
export function parseMarking(text: string, ladder: Ladder = DEFAULT_LEVELS): Marking {
  const parts = text.split('//').map((p) => p.trim());
  const tlpPart = /^TLP:(CLEAR|GREEN|AMBER\+STRICT|AMBER|RED)$/i.exec(parts[0] ?? '');
  if (!tlpPart) throw invalid(text, 'it must start with TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT or TLP:RED');
  const m: Marking = { tlp: tlpPart[1]!.toUpperCase() as Tlp, level: ladder[0]!, relTo: null, orcon: [], purposes: null };
  const seen = new Set<string>();
  for (const part of parts.slice(1)) {
    const upper = part.toUpperCase();
    let kind: string;
    if (upper.startsWith('REL TO')) {
      kind = 'REL TO';
      const body = part.slice(6).trim();
      m.relTo =
        body.toUpperCase() === 'NONE'
          ? []
          : list(
              // A two-letter token is a country in any case ("nl" = NL); agency ids are longer.
              body.split(/[\s,]+/).map((t) => (/^[A-Za-z]{2}$/.test(t) ? t.toUpperCase() : t)).join(' '),
              text,
              'REL TO',
              (t) => (isCountryToken(t) ? countries.isValid(t) : AGENCY_ID.test(t)),
            );
    } else if (upper.startsWith('ORCON')) {
      kind = 'ORCON';
      m.orcon = list(part.slice(5), text, 'ORCON', (t) => AGENCY_ID.test(t));
    } else if (upper.startsWith('PURPOSE')) {
      kind = 'PURPOSE';
      const body = part.slice(7).trim();
      // PURPOSE NONE: no purpose is permitted (disjoint purposes combined).
      m.purposes = body.toUpperCase() === 'NONE' ? [] : list(body, text, 'PURPOSE', (t) => PURPOSE_TAG.test(t));
    } else if (ladder.includes(upper)) {
      kind = 'level';
      m.level = upper;
    } else {
      throw invalid(text, `"${part}" is neither a classification level (${ladder.join(', ')}) nor REL TO, ORCON or PURPOSE`);
    }
    if (seen.has(kind)) throw invalid(text, `${kind} is given twice`);
    seen.add(kind);
  }
  return m;
}

/** The canonical line for a marking: parsing it gives the same marking back. */
export function formatMarking(m: Marking, ladder: Ladder = DEFAULT_LEVELS): string {
  const parts = [`TLP:${m.tlp}`];
  if (m.level !== ladder[0]) parts.push(m.level);
  if (m.relTo !== null) parts.push(`REL TO ${m.relTo.length === 0 ? 'NONE' : [...m.relTo].sort().join(', ')}`);
  if (m.orcon.length > 0) parts.push(`ORCON ${[...m.orcon].sort().join(', ')}`);
  if (m.purposes !== null) parts.push(`PURPOSE ${m.purposes.length === 0 ? 'NONE' : [...m.purposes].sort().join(', ')}`);
  return parts.join('//');
}

/** Parse and re-emit: what is stored is always the canonical form. */
export function canonicalMarking(text: string, ladder: Ladder = DEFAULT_LEVELS): string {
  return formatMarking(parseMarking(text, ladder), ladder);
}

/** Whether releasability lets an agency (of a country) receive the data. Holders are checked elsewhere. */
export function isReleasableTo(m: Marking, agencyId: string, country: string): boolean {
  return m.relTo === null || m.relTo.includes(agencyId) || m.relTo.includes(country);
}

/** Country of an agency id, when known; used to intersect country and agency releasability. */
export type AgencyCountry = (agencyId: string) => string | undefined;

/**
 * The marking of a fact combined from several (an alert built from several
 * records): the highest colour and level, the intersection of releasability,
 * every originator control carried, the intersection of purposes. The result
 * is never less restrictive than any input.
 */
export function combineMarkings(markings: Marking[], ladder: Ladder = DEFAULT_LEVELS, countryOf: AgencyCountry = () => undefined): Marking {
  if (markings.length === 0) throw new SextantError('internal', 'combineMarkings needs at least one marking');
  let out: Marking = { ...markings[0]!, orcon: [...markings[0]!.orcon] };
  for (const m of markings.slice(1)) {
    out = {
      tlp: tlpRank(m.tlp) > tlpRank(out.tlp) ? m.tlp : out.tlp,
      level: levelRank(m.level, ladder) > levelRank(out.level, ladder) ? m.level : out.level,
      relTo: intersectRelTo(out.relTo, m.relTo, countryOf),
      orcon: [...new Set([...out.orcon, ...m.orcon])].sort(),
      purposes: out.purposes === null ? m.purposes : m.purposes === null ? out.purposes : out.purposes.filter((p) => m.purposes!.includes(p)),
    };
  }
  return out;
}

/**
 * Releasability both lists allow. A token on both stays; an agency on one list
 * stays when its country is on the other (the country release covers it).
 */
function intersectRelTo(a: string[] | null, b: string[] | null, countryOf: AgencyCountry): string[] | null {
  if (a === null) return b === null ? null : [...b];
  if (b === null) return [...a];
  const out = new Set<string>();
  const coveredBy = (token: string, other: string[]) => {
    if (other.includes(token)) return true;
    if (isCountryToken(token)) return false;
    const c = countryOf(token);
    return c !== undefined && other.includes(c);
  };
  for (const t of a) if (coveredBy(t, b)) out.add(t);
  for (const t of b) if (coveredBy(t, a)) out.add(t);
  return [...out].sort();
}

/**
 * Whether `a` allows no more than `b` on every axis (a at least as restrictive
 * as b). Releasability: every token `a` releases to is released by `b`, itself
 * or (for an agency) through its country.
 */
export function isAtLeastAsRestrictive(a: Marking, b: Marking, ladder: Ladder = DEFAULT_LEVELS, countryOf: AgencyCountry = () => undefined): boolean {
  if (tlpRank(a.tlp) < tlpRank(b.tlp)) return false;
  if (b.relTo !== null) {
    if (a.relTo === null) return false;
    const covered = (t: string) => b.relTo!.includes(t) || (!isCountryToken(t) && b.relTo!.includes(countryOf(t) ?? '\u0000'));
    if (!a.relTo.every(covered)) return false;
  }
  if (levelRank(a.level, ladder) < levelRank(b.level, ladder)) return false;
  if (!b.orcon.every((o) => a.orcon.includes(o))) return false;
  if (b.purposes !== null && (a.purposes === null || !a.purposes.every((p) => b.purposes!.includes(p)))) return false;
  return true;
}
