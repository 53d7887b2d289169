/**
 * Names of parties as payments and declarations write them, made comparable:
 * a match key (transliterated, folded, legal form taken out: "ALPHA
 * ELECTRONICS GMBH", "Alpha Electronics GmbH" and "Alpha Electronics" are one
 * key) and, where spellings may differ, the screening engine's comparison.
 */
import { foldName } from '../../model/normalize/names.ts';
import { prepareSubject, scoreSubjects, type PreparedSubject } from '../../screen/compare.ts';
import { foldTokens, nameWords } from '../../screen/names.ts';
import type { PaymentGraph } from './graph.ts';

const keys = new Map<string, string>();

/** The match key of a name: its tokens without the legal form ('' when it has none). Cached: payments repeat their names. */
export function nameKey(name: string | null | undefined): string {
  if (!name) return '';
  let key = keys.get(name);
  if (key === undefined) {
    const tokens = nameWords(name, { organisation: true }).words;
    key = tokens.length > 0 ? tokens.join(' ') : foldName(name);
    if (keys.size > 500_000) keys.clear();
    keys.set(name, key);
  }
  return key;
}

const prepared = new Map<string, PreparedSubject>();

/** A name prepared as a screening subject of unknown kind (LegalEntity), cached: payments repeat their names. */
export function subjectOf(name: string): PreparedSubject {
  let s = prepared.get(name);
  if (!s) {
    if (prepared.size > 200_000) prepared.clear();
    prepared.set(name, (s = prepareSubject({ schema: 'LegalEntity', names: [name] })));
  }
  return s;
}

const scores = new Map<string, number>();

/** How alike two names are (0–1), by the screening engine's name comparison (cached). */
export function nameScore(a: string, b: string): number {
  if (nameKey(a) === nameKey(b)) return 1;
  const k = `${a}\u0000${b}`;
  let s = scores.get(k);
  if (s === undefined) {
    s = scoreSubjects(subjectOf(a), subjectOf(b));
    if (scores.size > 500_000) scores.clear();
    scores.set(k, s);
  }
  return s;
}

/**
 * Which accounts each name is written with on the payments, and which names
 * each account carries: an account a party pays from or is paid into under
 * its name is its account, whatever another payment writes beside it.
 */
export class AccountNames {
  readonly accountsByKey = new Map<string, Set<number>>();
  readonly keysByAccount = new Map<number, Set<string>>();
  private readonly wanted: KeyFilter | null;

  /** `wanted`: only these name keys are of interest (names sharing no word with them are never prepared). */
  constructor(g: PaymentGraph, wanted?: Iterable<string>) {
    this.wanted = wanted ? new KeyFilter(wanted) : null;
    for (let e = 0; e < g.edges; e++) {
      const copies = [g.payments[e]!, ...(g.copies.get(e) ?? [])];
      for (const p of copies) {
        this.note(g.from[e]!, p.originator_name);
        this.note(g.to[e]!, p.beneficiary_name);
      }
    }
  }

  accountsOf(key: string): Set<number> {
    return this.accountsByKey.get(key) ?? EMPTY;
  }

  keysOf(account: number): Set<string> {
    return this.keysByAccount.get(account) ?? EMPTY_KEYS;
  }

  private note(account: number, name: string | null): void {
    if (!name || (this.wanted && !this.wanted.mayMatch(name))) return;
    const key = nameKey(name);
    if (!key || (this.wanted && !this.wanted.has(key))) return;
    let a = this.accountsByKey.get(key);
    if (!a) this.accountsByKey.set(key, (a = new Set()));
    a.add(account);
    let k = this.keysByAccount.get(account);
    if (!k) this.keysByAccount.set(account, (k = new Set()));
    k.add(key);
  }
}

const EMPTY = new Set<number>();
const EMPTY_KEYS = new Set<string>();

/** Names whose answer a KeyFilter keeps (then it starts afresh). */
const KEY_FILTER_ANSWERS = 500_000;

/**
 * A set of name keys with a cheap pre-test: a name can only have one of the
 * keys if its folded words include the key's first word, and folding is
 * much cheaper than preparing a name for the screening engine (phonetic keys,
 * legal forms).
 */
export class KeyFilter {
  private readonly keys: Set<string>;
  private readonly firstWords = new Set<string>();
  /** Answers by name: a quarter's payments write the same few hundred thousand names two million times. */
  private readonly answers = new Map<string, boolean>();

  constructor(keys: Iterable<string>) {
    this.keys = new Set(keys);
    for (const k of this.keys) this.firstWords.add(k.split(' ')[0]!);
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  mayMatch(name: string): boolean {
    let answer = this.answers.get(name);
    if (answer === undefined) {
      answer = words(name).some((w) => this.firstWords.has(w));
      if (this.answers.size >= KEY_FILTER_ANSWERS) this.answers.clear();
      this.answers.set(name, answer);
    }
    return answer;
  }
}

/** A name's words as prepareName makes them (same folding, letters and digits apart), legal forms still in, without its phonetic keys. */
export function words(name: string): string[] {
  const out: string[] = [];
  for (const w of foldTokens(name)) {
    out.push(w);
    if (/\d/.test(w) && /[a-z]/.test(w)) out.push(...w.split(/(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)/));
  }
  return out;
}
