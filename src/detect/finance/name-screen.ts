/**
 * The name screening of finance.listed_counterparty, apart from the
 * indicator's other state: the candidates (designated, blocked and
 * minority-owned entities of the ownership world, and the listed parties), the
 * blocking of candidates by the words of a name, and the two comparisons the
 * indicator makes — a party's name against every candidate, and a company's
 * name, its legal form and business words set aside, against the listed
 * people (a possible front). It depends on nothing but the candidates, so that
 * worker threads can run it on shares of a run's names (screenShare) and give
 * the answers the indicator's own thread would.
 */
import { minimumShared } from '../../screen/candidate-index.ts';
import { prepareSubject, scoreSubjects, type PreparedSubject } from '../../screen/compare.ts';
import { prepareName } from '../../screen/names.ts';
import { DEFAULT_WEIGHTS } from '../../screen/weights.ts';
import { inWorkers, interleave, shareCount, uninterleave } from '../../screen/workers.ts';
import { subjectOf } from './parties.ts';

/** Words a company adds to a founder's name that DEFAULT_WEIGHTS does not already treat as common. */
const BUSINESS_WORDS = new Set(['invest', 'investments', 'capital', 'partners', 'ventures', 'consulting', 'logistics', 'shipping', 'energy', 'resources', 'petroleum', 'oil', 'gas', 'marine', 'maritime', 'technologies', 'technology', 'tech', 'solutions', 'supply', 'supplies', 'commodities', 'agro', 'construction', 'engineering', 'electronics', 'equipment', 'metals', 'mining', 'retail', 'sons', 'brothers', 'family', 'and']);

/** A candidate as it is compared: what its subject is made of, and whether it is a listed person (what a front is named after). */
export interface ScreenCandidate {
  schema: string;
  names: string[];
  countries: string[];
  birthDates: string[];
  listedPerson: boolean;
}

/** A candidate's number and its score, in the order the candidates were reached. */
export type Scored = [number, number];

export class NameScreen {
  /** The candidates as given (what a worker thread is sent), and as compared. */
  readonly candidates: ScreenCandidate[] = [];
  readonly subjects: PreparedSubject[] = [];
  private readonly index = new Map<string, number[]>();

  constructor(candidates: readonly ScreenCandidate[] = []) {
    for (const c of candidates) this.add(c);
  }

  /** Adds a candidate; returns its number. */
  add(c: ScreenCandidate): number {
    const i = this.subjects.length;
    const subject = prepareSubject({ schema: c.schema, names: c.names, countries: c.countries, birthDates: c.birthDates });
    this.candidates.push(c);
    this.subjects.push(subject);
    for (const k of new Set(tokenKeys(subject, true).flat())) {
      let list = this.index.get(k);
      if (!list) this.index.set(k, (list = []));
      list.push(i);
    }
    return i;
  }

  /**
   * The candidates worth a full comparison: those that enough of the query's
   * words reach through their keys (minimumShared). A name a word of which
   * meets no word of the candidate's cannot reach a threshold of 0.85 or more
   * but through a middle name, so comparing the others is wasted: a common
   * first name reaches hundreds of listed people.
   */
  reached(q: PreparedSubject): number[] {
    const perToken = tokenKeys(q);
    const hits = new Map<number, number>();
    for (const keys of perToken) {
      const reachedByToken = new Set<number>();
      for (const k of keys) for (const i of this.index.get(k) ?? []) reachedByToken.add(i);
      for (const i of reachedByToken) hits.set(i, (hits.get(i) ?? 0) + 1);
    }
    const need = minimumShared(perToken.length);
    const out: number[] = [];
    for (const [i, n] of hits) if (n >= need) out.push(i);
    return out;
  }

  /** The candidates a party's name (with its country, when known) scores `threshold` or more against. */
  scores(name: string, country: string | null, threshold: number): Scored[] {
    const q = country ? prepareSubject({ schema: 'LegalEntity', names: [name], countries: [country] }) : subjectOf(name);
    const out: Scored[] = [];
    for (const i of this.reached(q)) {
      const score = scoreSubjects(q, this.subjects[i]!);
      if (score >= threshold) out.push([i, score]);
    }
    return out;
  }

  /**
   * The listed people whose name a company's name carries once its legal form
   * and common business words ("trading", "invest", "holding") are set aside,
   * at `threshold` or more: "Ali Mansur Al Halabi Invest LLC" and the listed
   * Ali Mansour Al Halabi. At least two informative words must remain (a
   * company called after a surname alone says nothing). The best three.
   */
  fronts(orgName: string, threshold: number): Scored[] {
    const informative = prepareName(orgName, { organisation: true }).tokens.filter((t) => t.kind === 'word' && DEFAULT_WEIGHTS.weight(t.text) === 1 && !BUSINESS_WORDS.has(t.text));
    if (informative.length < 2) return [];
    const q = prepareSubject({ schema: 'Person', names: [informative.map((t) => t.text).join(' ')] });
    const out: Scored[] = [];
    for (const i of this.reached(q)) {
      if (!this.candidates[i]!.listedPerson) continue;
      const score = scoreSubjects(q, this.subjects[i]!);
      if (score >= threshold) out.push([i, score]);
    }
    out.sort((a, b) => b[1] - a[1]);
    return out.slice(0, 3);
  }
}

/** A share of a run's names, screened in a worker thread (or this one). */
export interface ScreenShare {
  candidates: ScreenCandidate[];
  names: Array<[string, string | null]>;
  orgNames: string[];
  threshold: number;
  frontThreshold: number;
}

export interface ScreenShareResult {
  names: Scored[][];
  fronts: Scored[][];
}

export function screenShare(share: ScreenShare): ScreenShareResult {
  const screen = new NameScreen(share.candidates);
  return {
    names: share.names.map(([name, country]) => screen.scores(name, country, share.threshold)),
    fronts: share.orgNames.map((n) => screen.fronts(n, share.frontThreshold)),
  };
}

/**
 * screenShare over all of a run's names, split between worker threads when
 * there are many and more than one core (src/screen/workers.ts); null when
 * there are too few to be worth it (the indicator then screens each name when
 * it meets it). `workers` and `minQueries` are for tests.
 */
export async function screenAll(share: ScreenShare, opts: { workers?: number; minQueries?: number } = {}): Promise<ScreenShareResult | null> {
  const n = shareCount(share.names.length + share.orgNames.length, opts);
  if (n === 0) return null;
  const names = interleave(share.names, n);
  const orgNames = interleave(share.orgNames, n);
  const shares = names.map((ns, k) => ({ ...share, names: ns, orgNames: orgNames[k]! }));
  const results = await inWorkers(new URL(import.meta.url), 'screenShare', shares, screenShare);
  return {
    names: uninterleave(results.map((r) => r.names), share.names.length),
    fronts: uninterleave(results.map((r) => r.fronts), share.orgNames.length),
  };
}

/**
 * Blocking keys of a subject's names, per informative word (words common in
 * company names — "trading", "international" — only when a name has nothing
 * else): its phonetic key, and its first and last three letters, so that a
 * one-letter slip that changes the sound ("Ivan" / "Ivam") still meets its
 * word. Words of the same text across names count once. A candidate is posted
 * under every word (a query's "Tradings" may pair with its "Trading").
 */
function tokenKeys(subject: PreparedSubject, everyWord = false): string[][] {
  const byText = new Map<string, string[]>();
  for (const n of subject.prepared) {
    const words = n.tokens.filter((t) => t.kind === 'word');
    const informative = words.filter((t) => DEFAULT_WEIGHTS.weight(t.text) === 1);
    for (const t of everyWord || informative.length === 0 ? words : informative) {
      if (byText.has(t.text)) continue;
      const keys = [t.phonetic || t.text];
      if (t.text.length >= 4) keys.push(`f:${t.text.slice(0, 3)}`, `l:${t.text.slice(-3)}`);
      byText.set(t.text, keys);
    }
  }
  return [...byText.values()];
}
