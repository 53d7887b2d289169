import { compatibleSchemata, isA } from '../model/schemata.ts';
import type { StatementRow } from '../store/statements.ts';
import { compareSubjects, identifierKey, scoreSubjects, isOrganisationSchema, STRONG_IDENTIFIERS, type Explanation, type PreparedSubject } from './compare.ts';
import { popcount } from './bits.ts';
import { DesignationRegistry, type Valued } from './designations.ts';
import { prepareName, type PreparedName } from './names.ts';
import { IdfWeights } from './weights.ts';

/**
 * The in-memory candidate index over the list entities. Postings map keys
 * (token, Double Metaphone key, consonant skeleton, 4-letter prefix and suffix,
 * strong identifier) to entries; a query gathers the entries its keys reach,
 * ranks them by the rarity of what they share, and compares only the best few
 * in full — never every entry. Every value remembers its statement class, so
 * that a query compares only what the viewer may see.
 */
export interface ClassRef {
  dataset: string;
  agency: string;
  marking: string;
  schema: string;
  prop: string;
}

export interface IndexEntry {
  id: string;
  schema: string;
  datasets: Set<string>;
  names: Array<Valued<PreparedName>>;
  identifiers: Array<Valued<{ prop: string; value: string }>>;
  birthDates: Array<Valued<string>>;
  countries: Array<Valued<string>>;
  genders: Array<Valued<string>>;
  /** Keys this entry is posted under (to take it out again). */
  keys: string[];
  alive: boolean;
  /** The subject subjectOf last made of this entry, and for which `visible` function. */
  subjectFor: ((cls: number) => boolean) | null;
  subject: PreparedSubject | null;
}

export interface IndexHit {
  entry: IndexEntry;
  score: number;
  explanations: Explanation[];
}

const NAME_PROPS = new Set(['name', 'alias', 'previousName', 'weakAlias', 'abbreviation']);
const COUNTRY_PROPS = new Set(['nationality', 'citizenship', 'country', 'jurisdiction', 'flag']);
/** Keys reaching more entries than this share of the index are too common to gather candidates by. */
const COMMON_KEY_SHARE = 0.05;
const KEY_WEIGHT = { t: 1, p: 0.6, s: 0.6, f: 0.35, l: 0.35, a: 0.5, i: 5 } as const;

/** The word number of identifier keys, and the bit that marks an entry reached by one. */
const IDENTIFIER = -1;
const IDENTIFIER_BIT = 1 << 30;

/**
 * How many of a name's n words must meet words of another name for the two
 * to be worth a full comparison when only high scores matter: all of one or
 * two; n − 1 of three or four; then n − ⌊(n − 1)/2⌋. With unit weights and an
 * unpaired middle name discounted to 0.2, fewer paired words cannot score
 * 0.85 (three of five: 3 / 3.4 = 0.88 is the edge).
 */
export function minimumShared(n: number): number {
  return n <= 2 ? n : n - Math.floor((n - 1) / 2);
}

export function isScreenable(schema: string): boolean {
  return isA(schema, 'LegalEntity') || isA(schema, 'Vessel') || isA(schema, 'Airplane');
}

export class CandidateIndex {
  /** The Sanctions among the entities upserted, by what they name: a hit's designations, in force or lifted. */
  readonly designations = new DesignationRegistry();
  private readonly entries: IndexEntry[] = [];
  private readonly byId = new Map<string, number>();
  private readonly postings = new Map<string, number[]>();
  private readonly df = new Map<string, number>();
  private readonly classes: ClassRef[] = [];
  private readonly classIds = new Map<string, number>();
  private live = 0;
  private weightsCache: IdfWeights | null = null;
  /** gather's scratch: a score and the query words reaching it per entry slot, all zero between queries. */
  private scoreBuf = new Float64Array(0);
  private reachBuf = new Int32Array(0);
  /** Scratch for cutScore. */
  private cutBuf = new Float64Array(0);

  get size(): number {
    return this.live;
  }

  get classList(): readonly ClassRef[] {
    return this.classes;
  }

  get weights(): IdfWeights {
    this.weightsCache ??= new IdfWeights(this.df, Math.max(1, this.live));
    return this.weightsCache;
  }

  private classOf(r: StatementRow): number {
    const key = `${r.dataset}\u0000${r.agency}\u0000${r.marking}\u0000${r.schema}\u0000${r.prop}`;
    let id = this.classIds.get(key);
    if (id === undefined) {
      id = this.classes.length;
      this.classes.push({ dataset: r.dataset, agency: r.agency, marking: r.marking, schema: r.schema, prop: r.prop });
      this.classIds.set(key, id);
    }
    return id;
  }

  /** Add or replace an entity from all its statements (of every dataset). */
  upsert(id: string, rows: StatementRow[]): void {
    this.remove(id);
    const schema = mostSpecific(rows);
    if (schema === 'Sanction') return this.designations.upsert(id, rows, (r) => this.classOf(r));
    if (!schema || !isScreenable(schema)) return;
    const organisation = isOrganisationSchema(schema);
    const vessel = isA(schema, 'Vessel');
    const entry: IndexEntry = { id, schema, datasets: new Set(), names: [], identifiers: [], birthDates: [], countries: [], genders: [], keys: [], alive: true, subjectFor: null, subject: null };
    for (const r of rows) {
      entry.datasets.add(r.dataset);
      const cls = this.classOf(r);
      if (r.prop_type === 'name' && NAME_PROPS.has(r.prop)) entry.names.push({ value: prepareName(r.value, { organisation, vessel }), cls });
      else if (STRONG_IDENTIFIERS.has(r.prop)) entry.identifiers.push({ value: { prop: r.prop, value: r.value }, cls });
      else if (r.prop === 'birthDate') entry.birthDates.push({ value: r.value, cls });
      else if (COUNTRY_PROPS.has(r.prop)) entry.countries.push({ value: r.value, cls });
      else if (r.prop === 'gender') entry.genders.push({ value: r.value, cls });
    }
    if (entry.names.length === 0 && entry.identifiers.length === 0) return;
    const keys = new Set<string>();
    const tokens = new Set<string>();
    for (const n of entry.names) {
      for (const t of n.value.tokens) {
        tokens.add(t.text);
        keys.add(`t:${t.text}`);
        if (t.kind !== 'word') continue;
        if (t.phonetic.length >= 2) keys.add(`p:${t.phonetic}`);
        if (t.skeleton.length >= 3) keys.add(`s:${t.skeleton}`);
        if (t.text.length >= 6) {
          keys.add(`f:${t.text.slice(0, 4)}`);
          keys.add(`l:${t.text.slice(-4)}`);
        }
        // Consonant keys of Latin names, for queries written in Arabic or Hebrew script (abjadKey).
        if (!n.value.abjad) {
          if (t.abjad.length >= 2) keys.add(`a:${t.abjad}`);
          if (t.abjadNoArticle.length >= 2) keys.add(`a:${t.abjadNoArticle}`);
        }
      }
    }
    for (const i of entry.identifiers) keys.add(`i:${identifierKey(i.value.value)}`);
    entry.keys = [...keys];
    const n = this.entries.length;
    this.entries.push(entry);
    this.byId.set(id, n);
    for (const k of entry.keys) {
      const list = this.postings.get(k);
      if (list) list.push(n);
      else this.postings.set(k, [n]);
    }
    for (const t of tokens) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    this.live++;
    this.weightsCache = null;
  }

  /**
   * Take an entity out. Its postings are dropped lazily: dead entries are
   * skipped, and once they outnumber the live ones the postings are rebuilt
   * from the live entries (a re-ingested dataset replaces every entry it holds).
   */
  remove(id: string): void {
    this.designations.remove(id);
    const n = this.byId.get(id);
    if (n === undefined) return;
    const entry = this.entries[n]!;
    entry.alive = false;
    this.byId.delete(id);
    for (const n2 of entry.names) for (const t of new Set(n2.value.tokens.map((x) => x.text))) this.df.set(t, Math.max(0, (this.df.get(t) ?? 1) - 1));
    this.live--;
    this.weightsCache = null;
    if (this.entries.length - this.live > Math.max(1000, this.live)) this.compact();
  }

  private compact(): void {
    const alive = this.entries.filter((e) => e.alive);
    this.entries.length = 0;
    this.byId.clear();
    this.postings.clear();
    for (const e of alive) {
      const n = this.entries.length;
      this.entries.push(e);
      this.byId.set(e.id, n);
      for (const k of e.keys) {
        const list = this.postings.get(k);
        if (list) list.push(n);
        else this.postings.set(k, [n]);
      }
    }
  }

  /** Entries held, dead ones included (for tests of compaction). */
  get slots(): number {
    return this.entries.length;
  }

  get(id: string): IndexEntry | undefined {
    const n = this.byId.get(id);
    return n === undefined ? undefined : this.entries[n];
  }

  /**
   * The best matches for a query among the entries `accept` lets through,
   * comparing only values of the classes `visible` allows.
   */
  search(
    query: PreparedSubject,
    opts: {
      limit: number;
      candidates?: number;
      visible: (cls: number) => boolean;
      accept?: (e: IndexEntry) => boolean;
      /** Only entries that enough of the query's words reach (minimumShared), or an identifier: for callers that want high scores only. */
      mostWords?: boolean;
    },
  ): IndexHit[] {
    const weights = this.weights;
    // Only the hits returned are explained.
    return this.ranked(query, opts).slice(0, opts.limit).map(({ entry, subject }) => ({ entry, ...compareSubjects(query, subject, weights) }));
  }

  /**
   * search's candidates with their scores (the same scores search gives), best
   * first, without explanations: for callers that need the best score only.
   */
  ranked(
    query: PreparedSubject,
    opts: { candidates?: number; visible: (cls: number) => boolean; accept?: (e: IndexEntry) => boolean; mostWords?: boolean },
  ): Array<{ entry: IndexEntry; subject: PreparedSubject; score: number }> {
    const gathered = this.gather(query, opts.candidates ?? 50, opts.visible, opts.accept, opts.mostWords ?? false);
    const weights = this.weights;
    const scored: Array<{ entry: IndexEntry; subject: PreparedSubject; score: number }> = [];
    for (const entry of gathered) {
      const subject = this.subjectOf(entry, opts.visible);
      if (!subject) continue;
      const score = scoreSubjects(query, subject, weights);
      if (score > 0) scored.push({ entry, subject, score });
    }
    scored.sort((a, b) => b.score - a.score || a.entry.id.localeCompare(b.entry.id));
    return scored;
  }

  /**
   * Entries reached by the query's keys, ranked by the weight of what they
   * share; common keys only when nothing rarer reaches. With `mostWords`,
   * only entries reached by an identifier or, for one of the query's names,
   * by the keys of at least minimumShared(n) of its n words with a key in use.
   */
  private gather(query: PreparedSubject, max: number, visible: (cls: number) => boolean, accept: ((e: IndexEntry) => boolean) | undefined, mostWords: boolean): IndexEntry[] {
    const weights = this.weights;
    const keyed: Array<{ key: string; weight: number; word: number }> = [];
    const words = new Map<string, number>();
    const nameWords: number[] = [];
    for (const name of query.prepared) {
      let mask = 0;
      for (const t of name.tokens) {
        let word = words.get(t.text);
        if (word === undefined) words.set(t.text, (word = words.size));
        if (word < 30) mask |= 1 << word;
        const w = weights.weight(t.text);
        keyed.push({ key: `t:${t.text}`, weight: w * KEY_WEIGHT.t, word });
        if (t.kind !== 'word') continue;
        if (t.phonetic.length >= 2) keyed.push({ key: `p:${t.phonetic}`, weight: w * KEY_WEIGHT.p, word });
        if (t.skeleton.length >= 3) keyed.push({ key: `s:${t.skeleton}`, weight: w * KEY_WEIGHT.s, word });
        if (t.text.length >= 6) {
          keyed.push({ key: `f:${t.text.slice(0, 4)}`, weight: w * KEY_WEIGHT.f, word });
          keyed.push({ key: `l:${t.text.slice(-4)}`, weight: w * KEY_WEIGHT.l, word });
        }
        if (name.abjad) {
          if (t.abjad.length >= 2) keyed.push({ key: `a:${t.abjad}`, weight: w * KEY_WEIGHT.a, word });
          if (t.abjadNoArticle.length >= 2) keyed.push({ key: `a:${t.abjadNoArticle}`, weight: w * KEY_WEIGHT.a, word });
        }
      }
      nameWords.push(mask);
    }
    for (const values of Object.values(query.identifiers ?? {})) for (const v of values) keyed.push({ key: `i:${identifierKey(v)}`, weight: KEY_WEIGHT.i, word: IDENTIFIER });
    const common = Math.max(50, this.live * COMMON_KEY_SHARE);
    const rare = keyed.filter((k) => (this.postings.get(k.key)?.length ?? 0) <= common);
    const use = rare.length > 0 ? rare : keyed;
    // Which query words reach each entry (a bit per word; beyond 30 words the test is not made).
    let inUse = 0;
    for (const k of use) if (k.word !== IDENTIFIER && k.word < 30) inUse |= 1 << k.word;
    const strict = mostWords && words.size <= 30;
    // Scores and reaching words per entry slot, in buffers kept between queries and cleared after each.
    if (this.scoreBuf.length < this.entries.length) {
      this.scoreBuf = new Float64Array(this.entries.length * 2);
      this.reachBuf = new Int32Array(this.entries.length * 2);
    }
    /** Entry slots in the order first reached (a tie in score keeps that order). */
    const reached: number[] = [];
    try {
      return this.rank(query, use, reached, strict, nameWords, inUse, max, visible, accept);
    } finally {
      for (const n of reached) {
        this.scoreBuf[n] = 0;
        this.reachBuf[n] = 0;
      }
    }
  }

  /** gather's second half: score the entries the keys reach (every key weighs more than 0), filter, rank, take the first `max` acceptable. */
  private rank(
    query: PreparedSubject,
    use: ReadonlyArray<{ key: string; weight: number; word: number }>,
    reached: number[],
    strict: boolean,
    nameWords: number[],
    inUse: number,
    max: number,
    visible: (cls: number) => boolean,
    accept: ((e: IndexEntry) => boolean) | undefined,
  ): IndexEntry[] {
    const score = this.scoreBuf;
    const reachedBy = this.reachBuf;
    for (const { key, weight, word } of use) {
      const list = this.postings.get(key);
      if (!list) continue;
      const bit = word === IDENTIFIER ? IDENTIFIER_BIT : 1 << word;
      for (const n of list) {
        if (score[n] === 0) reached.push(n);
        score[n] += weight;
        if (strict) reachedBy[n] |= bit;
      }
    }
    let ranked = reached;
    if (strict) {
      // Name by name: enough of one name's words (those with a key in use) must reach the entry.
      const tests = nameWords.map((mask) => ({ mask: mask & inUse, need: minimumShared(popcount(mask & inUse)) })).filter((t) => t.mask !== 0);
      ranked = ranked.filter((n) => {
        const bits = reachedBy[n]!;
        return (bits & IDENTIFIER_BIT) !== 0 || tests.some((t) => popcount(bits & t.mask) >= t.need);
      });
    }
    // Best first, ties in the order reached; a query reaches hundreds of entries and keeps a few dozen, so only
    // those at or above the score of the (2·max)-th best are sorted first, the rest only if too few of those pass.
    const byScore = (a: number, b: number): number => score[ranked[b]!]! - score[ranked[a]!]! || a - b;
    const out: IndexEntry[] = [];
    const take = (order: number[]): boolean => {
      for (const k of order) {
        const e = this.entries[ranked[k]!]!;
        if (!e.alive || (accept && !accept(e)) || !compatibleSchemata(query.schema, e.schema)) continue;
        if (!e.names.some((x) => visible(x.cls)) && !e.identifiers.some((x) => visible(x.cls))) continue;
        out.push(e);
        if (out.length >= max) return true;
      }
      return false;
    };
    const cut = this.cutScore(ranked, 2 * max);
    const first: number[] = [];
    const rest: number[] = [];
    for (let k = 0; k < ranked.length; k++) (score[ranked[k]!]! >= cut ? first : rest).push(k);
    if (take(first.sort(byScore))) return out;
    take(rest.sort(byScore));
    return out;
  }

  /** The score of the n-th best of these entry slots (−∞ when there are no more than n): a numeric sort of a copy. */
  private cutScore(slots: readonly number[], n: number): number {
    if (slots.length <= n) return -Infinity;
    if (this.cutBuf.length < slots.length) this.cutBuf = new Float64Array(slots.length * 2);
    const values = this.cutBuf.subarray(0, slots.length);
    for (let k = 0; k < slots.length; k++) values[k] = this.scoreBuf[slots[k]!]!;
    values.sort();
    return values[slots.length - n]!;
  }

  /**
   * The entry as a subject made of the values the viewer may see; null when
   * none of its names or identifiers are visible. The last one made is kept
   * on the entry for the same `visible` function: screening passes one per
   * decision point and kind of viewer, so a hit entity's subject is made once.
   */
  subjectOf(e: IndexEntry, visible: (cls: number) => boolean): PreparedSubject | null {
    if (e.subjectFor === visible) return e.subject;
    const subject = this.makeSubject(e, visible);
    e.subjectFor = visible;
    e.subject = subject;
    return subject;
  }

  private makeSubject(e: IndexEntry, visible: (cls: number) => boolean): PreparedSubject | null {
    const names = e.names.filter((n) => visible(n.cls)).map((n) => n.value);
    const identifiers: Record<string, string[]> = {};
    for (const i of e.identifiers) if (visible(i.cls)) (identifiers[i.value.prop] ??= []).push(i.value.value);
    if (names.length === 0 && Object.keys(identifiers).length === 0) return null;
    return {
      schema: e.schema,
      names: names.map((n) => n.original),
      prepared: names,
      identifiers,
      birthDates: e.birthDates.filter((x) => visible(x.cls)).map((x) => x.value),
      countries: e.countries.filter((x) => visible(x.cls)).map((x) => x.value),
      genders: e.genders.filter((x) => visible(x.cls)).map((x) => x.value),
    };
  }

  /** Rough memory held by the index (names, keys, postings), for reports. */
  stats(): { entries: number; keys: number; postings: number; classes: number } {
    let postings = 0;
    for (const l of this.postings.values()) postings += l.length;
    return { entries: this.live, keys: this.postings.size, postings, classes: this.classes.length };
  }
}

function mostSpecific(rows: StatementRow[]): string | null {
  let best: string | null = null;
  for (const r of rows) if (best === null || (r.schema !== best && isA(r.schema, best))) best = r.schema;
  return best;
}
