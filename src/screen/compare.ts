import { compatibleSchemata, isA } from '../model/schemata.ts';
import { compareNames, describeNameComparison, scoreNames } from './align.ts';
import { prepareName, type PreparedName } from './names.ts';
import { DEFAULT_WEIGHTS, type TokenWeights } from './weights.ts';

/**
 * Whether a query subject and a list entity are one and the same, as a score
 * 0–1 with the reasons a person can read. The name decides first; a strong
 * identifier that agrees decides on its own; birth date, country and gender
 * that disagree lower the score; agreements on them never raise it (a shared
 * birth date does not make unrelated names alike).
 */
export interface Subject {
  schema: string;
  names: string[];
  /** Strong identifiers by FtM property (imoNumber, passportNumber, …). */
  identifiers?: Record<string, string[]>;
  birthDates?: string[];
  /** Nationality, citizenship, country, jurisdiction: ISO alpha-2, lower or upper case. */
  countries?: string[];
  genders?: string[];
}

export interface Explanation {
  /** `delisted` is said by screening, not by the comparison: a hit whose every designation was lifted (effect 0). */
  feature: 'schema' | 'name' | 'identifier' | 'birthDate' | 'country' | 'gender' | 'legalForm' | 'delisted';
  /** Change to the score this feature made (the name's own score for `name`). */
  effect: number;
  detail: string;
}

export interface MatchResult {
  score: number;
  explanations: Explanation[];
}

/** Query identifiers of unknown kind go under this key. */
export const ANY_IDENTIFIER = 'any';

/** Identifiers that name one object only: disagreement means another object. */
const UNIQUE_IDENTIFIERS = new Set(['imoNumber', 'mmsi', 'leiCode', 'swiftBic', 'iban', 'ogrnCode', 'innCode']);
export const STRONG_IDENTIFIERS = new Set([...UNIQUE_IDENTIFIERS, 'passportNumber', 'idNumber', 'registrationNumber', 'taxNumber', 'vatCode', 'callSign']);

export interface PreparedSubject extends Subject {
  prepared: PreparedName[];
}

export function isOrganisationSchema(schema: string): boolean {
  return isA(schema, 'Organization') || isA(schema, 'Vessel') || isA(schema, 'Asset');
}

export function prepareSubject(s: Subject): PreparedSubject {
  const organisation = isOrganisationSchema(s.schema);
  const vessel = isA(s.schema, 'Vessel');
  return { ...s, prepared: s.names.map((n) => prepareName(n, { organisation, vessel })) };
}

/** Identifiers compared without spacing, punctuation, case, or the "IMO" prefix of ship numbers. */
export function identifierKey(v: string): string {
  return v.toUpperCase().replace(/[^A-Z0-9]/g, '').replace(/^IMO(?=\d{7}$)/, '');
}

/**
 * A generic query (LegalEntity, Thing) whose name carries a legal form is an
 * organisation: "EMMA LLC" is not a person called Emma.
 */
function effectiveSchema(s: PreparedSubject): string {
  if (isA(s.schema, 'Person') || isA(s.schema, 'Organization')) return s.schema;
  if (isA(s.schema, 'LegalEntity') && s.prepared.some((p) => p.legalForm !== null)) return 'Organization';
  return s.schema;
}

export function compareSubjects(q: PreparedSubject, c: PreparedSubject, weights: TokenWeights = DEFAULT_WEIGHTS): MatchResult {
  const explanations: Explanation[] = [];
  return { score: judge(q, c, weights, explanations), explanations };
}

/** The score compareSubjects gives, without the explanations: for ranking many candidates before explaining the few shown. */
export function scoreSubjects(q: PreparedSubject, c: PreparedSubject, weights: TokenWeights = DEFAULT_WEIGHTS): number {
  return judge(q, c, weights, null);
}

/** The comparison behind compareSubjects and scoreSubjects; says why into `out` when given. */
function judge(q: PreparedSubject, c: PreparedSubject, weights: TokenWeights, out: Explanation[] | null): number {
  const qs = effectiveSchema(q);
  const cs = effectiveSchema(c);
  if (!compatibleSchemata(qs, cs)) {
    out?.push({ feature: 'schema', effect: 0, detail: `a ${qs} cannot be a ${cs}` });
    return 0;
  }
  const person = isA(qs, 'Person') || isA(cs, 'Person');

  // Name: the best pair of names (the first pair compared, then any that scores higher).
  let bestScore = 0;
  let bestA: PreparedName | null = null;
  let bestB: PreparedName | null = null;
  // A name scores at most 1: once a pair does, no later pair can replace it.
  names: for (const a of q.prepared) {
    for (const b of c.prepared) {
      if (a.tokens.length === 0 || b.tokens.length === 0) continue;
      const n = scoreNames(a, b, weights, { person });
      if (n > bestScore || bestA === null) {
        bestScore = n;
        bestA = a;
        bestB = b;
        if (bestScore >= 1) break names;
      }
    }
  }
  let score = bestScore;
  if (out) {
    const text = bestA && bestB ? `"${bestA.original}" ~ "${bestB.original}": ${describeNameComparison(compareNames(bestA, bestB, weights, { person }))}` : 'no names to compare';
    out.push({ feature: 'name', effect: round(bestScore), detail: text });
  }

  // Strong identifiers decide on their own when they agree.
  const qi = q.identifiers ?? {};
  const ci = c.identifiers ?? {};
  let agreed = false;
  let penalty = 0;
  for (const [prop, values] of Object.entries(qi)) {
    // `any`: an identifier of unknown kind (a screening form's "ID number"): it agrees with any of theirs, and never counts against.
    const theirs = prop === ANY_IDENTIFIER ? Object.values(ci).flat() : ci[prop];
    if (prop === ANY_IDENTIFIER && !theirs.some((v) => values.some((x) => identifierKey(x) === identifierKey(v)))) continue;
    if (!theirs || theirs.length === 0 || values.length === 0) continue;
    const mine = new Set(values.map(identifierKey));
    const same = theirs.find((v) => mine.has(identifierKey(v)));
    if (same) {
      agreed = true;
      out?.push({ feature: 'identifier', effect: round(Math.max(0, 0.99 - score)), detail: `${prop} ${same} on both` });
    } else {
      const p = UNIQUE_IDENTIFIERS.has(prop) ? 0.4 : 0.1;
      penalty = Math.max(penalty, p);
      out?.push({ feature: 'identifier', effect: -p, detail: `${prop} differs: ${values.join(', ')} vs ${theirs.join(', ')}` });
    }
  }
  if (agreed) score = Math.max(score, 0.99);
  else score -= penalty;

  if (!agreed) {
    score += dateEffect(q.birthDates ?? [], c.birthDates ?? [], out);
    score += setEffect('country', q.countries ?? [], c.countries ?? [], 0.1, out);
    score += setEffect('gender', q.genders ?? [], c.genders ?? [], 0.2, out);
  }
  if (out) {
    const qForms = new Set(q.prepared.map((p) => p.legalForm).filter(Boolean));
    const cForms = new Set(c.prepared.map((p) => p.legalForm).filter(Boolean));
    if (qForms.size > 0 && cForms.size > 0) {
      const shared = [...qForms].some((f) => cForms.has(f));
      out.push({ feature: 'legalForm', effect: 0, detail: shared ? `same legal form (${[...qForms].join(', ')}), not counted` : `legal forms differ (${[...qForms].join(', ')} / ${[...cForms].join(', ')}), not counted` });
    }
  }
  return round(Math.min(1, Math.max(0, score)));
}

/**
 * Birth dates: compared at the precision both give. Same day (or the year when
 * one gives only a year): no change. Same year, other day: −0.1. Other year:
 * −0.1, and −0.05 more per year apart, to −0.25.
 */
function dateEffect(qd: string[], cd: string[], out: Explanation[] | null): number {
  if (qd.length === 0 || cd.length === 0) return 0;
  let bestEffect = -Infinity;
  let detail = '';
  for (const a of qd) {
    for (const b of cd) {
      const n = Math.min(a.length, b.length);
      let effect: number;
      if (a.slice(0, n) === b.slice(0, n)) effect = 0;
      else if (a.slice(0, 4) === b.slice(0, 4)) effect = -0.1;
      else effect = -Math.min(0.25, 0.1 + 0.05 * Math.abs(Number(a.slice(0, 4)) - Number(b.slice(0, 4))));
      if (effect > bestEffect) {
        bestEffect = effect;
        detail = effect === 0 ? `birth date ${a} agrees with ${b} (not counted towards a match)` : `birth date ${a} vs ${b}`;
      }
    }
  }
  out?.push({ feature: 'birthDate', effect: round(bestEffect), detail });
  return bestEffect;
}

function setEffect(feature: 'country' | 'gender', a: string[], b: string[], penalty: number, out: Explanation[] | null): number {
  if (a.length === 0 || b.length === 0) return 0;
  const mine = new Set(a.map((x) => x.toLowerCase()));
  if (b.some((x) => mine.has(x.toLowerCase()))) {
    out?.push({ feature, effect: 0, detail: `${feature} ${b.filter((x) => mine.has(x.toLowerCase())).join(', ')} on both` });
    return 0;
  }
  out?.push({ feature, effect: -penalty, detail: `${feature} differs: ${a.join(', ')} vs ${b.join(', ')}` });
  return -penalty;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
