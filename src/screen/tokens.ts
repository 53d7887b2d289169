import { distance } from 'fastest-levenshtein';
import { popcount } from './bits.ts';
import type { NameToken } from './names.ts';

/**
 * Similarity of two name tokens, 0–1, with the reason. Edits are allowed by
 * length: none up to 3 letters, one up to 5, two up to 8, three beyond, so
 * that "Bush" never meets "Habbash" while "Mohammed" meets "Mohamed". Numbers
 * agree or not at all. Initials meet the words they begin. Phonetic keys and
 * consonant skeletons catch spellings across transliteration systems.
 */
export interface TokenMatch {
  sim: number;
  how: 'exact' | 'variant' | 'edit' | 'phonetic' | 'skeleton' | 'initial' | 'none';
}

export function editBudget(length: number): number {
  return length <= 3 ? 0 : length <= 5 ? 1 : length <= 8 ? 2 : 3;
}

// Shared results for the common outcomes (a comparison runs for every token pair of every candidate: no allocation).
const EXACT: TokenMatch = Object.freeze({ sim: 1, how: 'exact' });
const NONE: TokenMatch = Object.freeze({ sim: 0, how: 'none' });
const INITIAL: TokenMatch = Object.freeze({ sim: 0.9, how: 'initial' });
/** Two spellings of one particle ("el" / "al"). */
const PARTICLE: TokenMatch = Object.freeze({ sim: 1, how: 'variant' });
/** The same name in two romanisations ("noura" / "nura"): nearly as good as the same spelling. */
const TRANSLIT: TokenMatch = Object.freeze({ sim: 0.95, how: 'variant' });

/** An Arabic-script spelling meets a Latin one by consonants (abjadKey): by three or more, two, or one (a short word: "ly" / "Ali"). */
const ABJAD_3: TokenMatch = Object.freeze({ sim: 0.8, how: 'skeleton' });
const ABJAD_2: TokenMatch = Object.freeze({ sim: 0.75, how: 'skeleton' });
const ABJAD_1: TokenMatch = Object.freeze({ sim: 0.7, how: 'skeleton' });

/**
 * compareTokens through a fixed-size cache keyed by the tokens' ids: a search
 * compares the same few query words with the same list words again and again
 * (given names, aliases of one entity, the candidates of one query): about
 * seven comparisons in ten repeat one made before. A comparison depends only
 * on the two tokens (never changed once made) and `abjad`, so what is cached
 * never goes stale; a slot another pair takes is worked out again. Numbers
 * (id 0) are compared directly.
 */
const CACHE_SLOTS = 1 << 16;
const cachedFirst = new Int32Array(CACHE_SLOTS);
const cachedSecond = new Int32Array(CACHE_SLOTS);
const cachedMatch = new Array<TokenMatch>(CACHE_SLOTS).fill(NONE);

export function compareTokensCached(a: NameToken, b: NameToken, abjad: boolean): TokenMatch {
  const first = a.id;
  const second = b.id;
  if (first === 0 || second === 0) return compareTokens(a, b, abjad);
  // Signed ids for abjad comparisons: both kinds of a pair can sit in the cache.
  const keyA = abjad ? -first : first;
  const slot = (Math.imul(keyA, 0x9e3779b1) ^ Math.imul(second, 0x85ebca77)) >>> 16;
  if (cachedFirst[slot] === keyA && cachedSecond[slot] === second) return cachedMatch[slot]!;
  const m = compareTokens(a, b, abjad);
  cachedFirst[slot] = keyA;
  cachedSecond[slot] = second;
  cachedMatch[slot] = m;
  return m;
}

/** `abjad`: one of the two names was written in Arabic or Hebrew script. */
export function compareTokens(a: NameToken, b: NameToken, abjad = false): TokenMatch {
  if (a.text === b.text) return EXACT;
  if (a.kind === 'number' || b.kind === 'number') return NONE;
  // A particle meets only its own kind: "al" is not "Ali", "ben" is not "Benjamin".
  if (a.particle !== null || b.particle !== null) return a.particle === b.particle ? PARTICLE : NONE;
  if (a.kind === 'initial' || b.kind === 'initial') {
    const [i, w] = a.kind === 'initial' ? [a, b] : [b, a];
    return w.text.startsWith(i.text) ? INITIAL : NONE;
  }
  if (a.translit === b.translit && a.translit.length >= 3) return TRANSLIT;
  const longest = Math.max(a.text.length, b.text.length);
  const budget = editBudget(Math.min(a.text.length, b.text.length));
  // Sound-alike spellings must still share their first letter and differ by at most half the length.
  const soundAlike = a.text[0] === b.text[0] && a.phonetic !== '' && a.phonetic === b.phonetic && a.phonetic.length >= 2;
  let best: TokenMatch = NONE;
  // The edit distance is at least the difference in length, and at least half the number of letters only one
  // of the two holds: most pairs need no distance worked out.
  if (soundAlike || (Math.abs(a.text.length - b.text.length) <= budget && popcount(a.letters ^ b.letters) <= 2 * budget)) {
    const d = distance(a.text, b.text);
    if (d <= budget) best = { sim: 1 - (0.5 * d) / longest - 0.05 * d, how: 'edit' };
    if (soundAlike && d <= longest / 2 && best.sim < 0.85) best = { sim: 0.85, how: 'phonetic' };
  }
  // The same consonants in the same order, when one side has no vowels at all:
  // Arabic and Hebrew script do not write them ("mhmd" / "mohammed").
  // (y counts as a consonant here: Arabic ي comes out as y.)
  const vowelless = a.vowelless || b.vowelless;
  if (vowelless && a.skeleton.length >= 3 && a.skeleton === b.skeleton && best.sim < 0.8) best = { sim: 0.8, how: 'skeleton' };
  // Arabic writes long vowels with w and y (and a final h for ة): a looser skeleton without them.
  else if (vowelless && best.sim < 0.75) {
    const la = a.loose;
    const lb = b.loose;
    if (la.length >= 3 && la === lb) best = { sim: 0.75, how: 'skeleton' };
    // Two consonants only ("syfy" / "saifi"): weaker, and only for a written-out vowelless word of 3+ letters.
    else if (la.length === 2 && la === lb && a.skeleton === b.skeleton && Math.min(a.text.length, b.text.length) >= 3) best = { sim: 0.7, how: 'skeleton' };
  }
  if (abjad && best.sim < 0.8) {
    const key = sharedAbjadKey(a, b);
    if (key !== null) {
      const m = key.length >= 3 ? ABJAD_3 : key.length === 2 ? ABJAD_2 : key.length === 1 && Math.max(a.text.length, b.text.length) <= 4 ? ABJAD_1 : NONE;
      if (m.sim > best.sim) best = m;
    }
  }
  return best;
}

/** The consonant key two tokens share, either of them read without its article ("lftwry" / "fitouri"); null when none. */
function sharedAbjadKey(a: NameToken, b: NameToken): string | null {
  if (a.abjad === b.abjad) return a.abjad;
  if (a.abjadNoArticle !== '' && a.abjadNoArticle === b.abjad) return b.abjad;
  if (b.abjadNoArticle !== '' && b.abjadNoArticle === a.abjad) return a.abjad;
  return null;
}
