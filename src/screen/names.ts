import anyAscii from 'any-ascii';
import { doubleMetaphone } from 'double-metaphone';
import type { TokenListInfo } from './align.ts';
import { LEGAL_FORM_FIRST_WORDS, LEGAL_FORMS } from './legal-forms.ts';

/**
 * A name prepared for matching: transliterated, folded, split into tokens,
 * the legal form taken out (organisations), each token with the keys the
 * candidate index and the comparison use.
 */
export type TokenKind = 'word' | 'number' | 'initial';

export interface NameToken {
  /** A number for this token object, 1, 2, 3, … in the order words were first keyed; 0 for numbers (see compareTokens' cache). */
  id: number;
  text: string;
  kind: TokenKind;
  /** Double Metaphone primary key ('' for numbers). */
  phonetic: string;
  /** Consonant skeleton: abjad transliterations (Arabic, Hebrew) drop vowels, so "mhmd" meets "mohammed". */
  skeleton: string;
  /** Written without any of a, e, i, o, u (as abjad transliterations are). */
  vowelless: boolean;
  /** Skeleton without w, y and h either (see looseSkeleton), kept once per token: comparisons use it often. */
  loose: string;
  /** The spelling transliteration systems agree on (see translitKey): "noura" and "nura" share "nura". */
  translit: string;
  /** The class of a name particle ("al" for al/el/ul, "bin" for bin/ibn/ben/bint…), or null for an ordinary word. */
  particle: string | null;
  /** The consonants an Arabic-script spelling and a Latin one share (see abjadKey). */
  abjad: string;
  /**
   * abjad without the article: a leading "l" ("ال" written onto its word: "lftwry" / "Fitouri"), or the one
   * "Abdul" carries from the next name ("bd" / "Abdul"); '' when the word has none.
   */
  abjadNoArticle: string;
  /** Which letters and digits the text holds, a bit each (see letterSet): a quick lower bound of the edit distance. */
  letters: number;
}

export interface PreparedName {
  original: string;
  tokens: NameToken[];
  /** Written in Arabic or Hebrew script: its romanisation has no short vowels (compareTokens reads consonants then). */
  abjad: boolean;
  /** Canonical legal form found in the name (llc, jsc, gmbh, …), or null. */
  legalForm: string | null;
  /**
   * What aligning needs of the tokens, worked out by align.ts the first time
   * the name is compared and kept here: a list entry's name meets thousands of
   * queries. The only field ever set after the name is made.
   */
  alignment: TokenListInfo | null;
}

const VESSEL_PREFIXES = new Set(['mv', 'mt', 'ms', 'ss', 'fv', 'mts', 'mty', 'lpg', 'lng', 'my', 'sy']);

// Scripts written without spaces between syllables: romanise each character on its own.
const SYLLABIC = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/u;

/** Transliterate to ASCII, keeping syllables of CJK names apart ("金正恩" → "jin zheng en"). */
export function transliterate(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    let ascii: string;
    try {
      ascii = anyAscii(ch);
    } catch {
      ascii = ' ';
    }
    out += SYLLABIC.test(ch) ? ` ${ascii} ` : ascii;
  }
  return out;
}

export function foldTokens(text: string): string[] {
  return transliterate(text)
    .toLowerCase()
    // Apostrophes join what they separate: "Ba'asyir", "Fu'ad", "O'Brien".
    .replace(/['’ʼ`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/** Consonants only, doubles collapsed: "abdullah" and "bd llh" (Arabic written without vowels) meet at "bdlh". */
export function skeletonOf(word: string): string {
  return word.replace(/[aeiouy]/g, '').replace(/(.)\1+/g, '$1');
}

/** Consonants without w, y and h, doubles collapsed: "ldwry" (الدوري) and "alduri" meet at "ldr". */
export function looseSkeleton(word: string): string {
  return word.replace(/[aeiouywh]/g, '').replace(/(.)\1+/g, '$1');
}

/**
 * Name particles: the Arabic article and the connectors of a patronymic chain
 * (nasab; Arabic script "بن" comes out as "bn"), which transliterations write in several ways or leave out ("Hind
 * bint Hamad Al Masri" / "Hind Hamad El Masri", "Al Muhairi" / "Muhairi").
 * They say nothing about who a person is: particles of one class pair with
 * each other, never with a word ("al" is not "Ali"), and one left over on one
 * side is an omission, not a different name (see align.ts).
 */
const PARTICLE_CLASS: ReadonlyMap<string, string> = new Map([
  ...['al', 'el', 'ul'].map((p) => [p, 'al'] as const),
  ...['bin', 'bn', 'ibn', 'ben', 'bint', 'binti', 'bte', 'ould'].map((p) => [p, 'bin'] as const),
]);

/** Every particle: common words by nature (weights.ts weighs them low). */
export const PARTICLES: readonly string[] = [...PARTICLE_CLASS.keys()];

export function particleClass(word: string): string | null {
  return PARTICLE_CLASS.get(word) ?? null;
}

/**
 * The spelling of a word that the common romanisations of Arabic, Persian and
 * Cyrillic names share: French-style "ou" and English "oo" as "u", "ee" as
 * "i", a "y" after the first letter as "i" ("Muhayri" / "Muhairi", "Yurii" /
 * "Yurij" stays apart at the start: "Yan" is not "Ian"), "j" after a vowel as
 * "i", "ph" as "f", "q" as "k", doubled letters once ("Mohammed" / "Mohamed").
 */
export function translitKey(word: string): string {
  return (
    word[0]! +
    word
      .slice(1)
      .replace(/ou|oo/g, 'u')
      .replace(/ee/g, 'i')
      .replace(/y/g, 'i')
      .replace(/(?<=[aeiou])j/g, 'i')
      .replace(/ph/g, 'f')
      .replace(/q/g, 'k')
  )
    .replace(/^ou|^oo/, 'u')
    .replace(/(.)\1+/g, '$1');
}

/**
 * Tokens made so far, by text: names repeat their words (given names, "trading",
 * "limited") across a registry of a million records, and a token's keys
 * (Double Metaphone, skeletons) cost more than a lookup. Tokens are never
 * changed once made, so one object serves every name that holds the word.
 */
const TOKENS = new Map<string, NameToken>();
const TOKENS_MAX = 500_000;

/** A word token with its keys. */
export function wordToken(text: string): NameToken {
  let t = TOKENS.get(text);
  if (!t) {
    if (TOKENS.size >= TOKENS_MAX) TOKENS.clear();
    TOKENS.set(text, (t = Object.freeze(makeWordToken(text))));
  }
  return t;
}

let lastTokenId = 0;

function makeWordToken(text: string): NameToken {
  const kind: TokenKind = text.length === 1 ? 'initial' : 'word';
  return {
    id: ++lastTokenId,
    text,
    kind,
    phonetic: doubleMetaphone(text)[0],
    skeleton: skeletonOf(text),
    vowelless: !/[aeiou]/.test(text),
    loose: looseSkeleton(text),
    translit: translitKey(text),
    particle: particleClass(text),
    abjad: abjadKey(text),
    abjadNoArticle: text.length >= 3 && text[0] === 'l' ? abjadKey(text.slice(1)) : ABD_COMPOUND.test(text) ? 'bd' : '',
    letters: letterSet(text),
  };
}

/**
 * The set of characters of a folded word (a–z and 0–9), one bit each; the
 * digits share bits with letters, which only weakens the bound: two words
 * whose sets differ in k characters are at least ⌈k / 2⌉ edits apart (an edit
 * adds or removes at most one character of each set).
 */
export function letterSet(text: string): number {
  let bits = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    bits |= 1 << (c >= 97 ? (c - 97) % 32 : (c - 48 + 26) % 32);
  }
  return bits;
}

function token(text: string): NameToken {
  if (/^\d+$/.test(text)) return { id: 0, text, kind: 'number', phonetic: '', skeleton: text, vowelless: true, loose: text, translit: text, particle: null, abjad: text, abjadNoArticle: '', letters: letterSet(text) };
  return wordToken(text);
}

/**
 * Split letters from digits ("unit7" → "unit 7"), take out the legal form of an
 * organisation (anywhere for unambiguous forms, only at the end for short
 * ones such as "AS" or "CO"), and key every token.
 */
export function prepareName(name: string, opts: { organisation: boolean; vessel?: boolean }): PreparedName {
  const { words, legalForm } = nameWords(name, opts);
  return { original: name, tokens: words.map(token), legalForm, abjad: ABJAD_SCRIPT.test(name), alignment: null };
}

/** "Abdul", "Abdel", "Abdoul": Abd with the article of the name that follows, which Arabic script writes onto that name (عبد الحق). */
const ABD_COMPOUND = /^abd[aeiou]+l$/;

const ABJAD_SCRIPT = /[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u;

/**
 * The consonants that a romanised Arabic-script spelling ("hsyn", "zbydy",
 * "`kshh") and a Latin one ("Hussain", "Zubaidi", "Akkacha") have in common:
 * digraphs as one letter (kh, gh, sh/ch, th, dh, dj, ph), q/c/k as one, the
 * long vowels' letters w and y left out with the vowels, a final h (ة, or the
 * Latin "-ah") dropped, doubled letters (shadda) once. The ain is not written
 * in Latin spellings ("Omar" for عمر), so it is left out too. ث and ذ are read
 * as s and z, as Persian, Urdu and Turkish spellings write them ("Wasiq" for
 * وثيق, "Osman" for عثمان, "Zakir" for ذاكر).
 */
export function abjadKey(word: string): string {
  const w = word
    .replace(/kh/g, 'x')
    .replace(/gh/g, 'g')
    .replace(/sh|ch/g, '$')
    .replace(/th/g, 's')
    .replace(/dh/g, 'z')
    .replace(/dj/g, 'j')
    .replace(/ph/g, 'f')
    .replace(/[qck]/g, 'k')
    .replace(/[aeiouwy]/g, '');
  return (w.length > 1 ? w.replace(/h$/, '') : w).replace(/(.)\1+/g, '$1');
}

/** The words prepareName keys (legal form taken out), without the keys: for callers that only compare words. */
export function nameWords(name: string, opts: { organisation: boolean; vessel?: boolean }): { words: string[]; legalForm: string | null } {
  let words = foldTokens(name).flatMap((w) => w.split(/(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)/));
  // Ship-type prefixes are not part of a vessel's name: "MV Arnica" is "ARNICA".
  if (opts.vessel && words.length > 1 && VESSEL_PREFIXES.has(words[0]!)) words = words.slice(1);
  if (opts.vessel && words.length > 2 && words[0]!.length === 1 && words[1]!.length === 1 && VESSEL_PREFIXES.has(words[0]! + words[1]!)) words = words.slice(2);
  let legalForm: string | null = null;
  if (opts.organisation || looksLikeOrganisation(words)) {
    const found = extractLegalForm(words);
    words = found.words;
    legalForm = found.form;
  }
  return { words, legalForm };
}

/** Whether a name carries an unambiguous legal form (used when the schema does not say). */
export function looksLikeOrganisation(words: string[]): boolean {
  if (!words.some((w) => LEGAL_FORM_FIRST_WORDS.has(w))) return false;
  return LEGAL_FORMS.some((f) => !f.ambiguous && indexOfRun(words, f.tokens) >= 0);
}

function extractLegalForm(words: string[]): { words: string[]; form: string | null } {
  let form: string | null = null;
  let rest = words;
  if (!words.some((w) => LEGAL_FORM_FIRST_WORDS.has(w))) return { words, form };
  for (const f of LEGAL_FORMS) {
    const ambiguous = f.ambiguous;
    if (!rest.includes(f.tokens[0]!)) continue;
    for (;;) {
      const at = indexOfRun(rest, f.tokens);
      if (at < 0) break;
      const atEnd = at + f.tokens.length === rest.length;
      const atStart = at === 0;
      // A legal form never makes up the whole name, and an ambiguous one counts only at either end.
      if (rest.length === f.tokens.length || (ambiguous && !atEnd && !atStart)) break;
      form ??= f.canonical;
      rest = [...rest.slice(0, at), ...rest.slice(at + f.tokens.length)];
    }
  }
  return { words: rest, form };
}

function indexOfRun(words: string[], run: string[]): number {
  outer: for (let i = 0; i + run.length <= words.length; i++) {
    for (let j = 0; j < run.length; j++) if (words[i + j] !== run[j]) continue outer;
    return i;
  }
  return -1;
}
