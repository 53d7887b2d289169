import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import { letterSet, prepareName, wordToken, type NameToken } from './names.ts';
import { compareTokens, compareTokensCached } from './tokens.ts';

// Few letters, so that random words often lie within an edit or two of each other.
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'd', 'e', 'h', 'i', 'l', 'm', 'o', 's', 'u', 'y', '1', '7'), minLength: 1, maxLength: 11 });
const popcount = (x: number): number => x.toString(2).replace(/0/g, '').length;
const letter = fc.constantFrom('a', 'b', 'd', 'e', 'h', 'i', 'l', 'm', 'o', 's', 'u', 'y');
const edits = fc.array(fc.tuple(fc.constantFrom('sub', 'ins', 'del'), fc.nat(), letter), { minLength: 1, maxLength: 3 });
/** `a` after some edits (substitute, insert, delete); never empty. */
function edited(a: string, list: ReadonlyArray<readonly [string, number, string]>): string {
  let b = a;
  for (const [kind, at, c] of list) {
    const k = at % (b.length + 1);
    b = kind === 'ins' ? b.slice(0, k) + c + b.slice(k) : kind === 'sub' ? b.slice(0, k) + c + b.slice(k + 1) : b.slice(0, k) + b.slice(k + 1);
  }
  return b || a;
}
/** A word and another a few random edits away from it. */
const nearPair = fc.tuple(word, edits).map(([a, list]) => [a, edited(a, list)] as const);

/** The tokens prepareName makes of a word (a number token for digits only). */
const tokenOf = (w: string): NameToken => prepareName(w, { organisation: false }).tokens[0] ?? wordToken(w);

test('two words whose letter sets differ in k characters are at least k / 2 edits apart', () => {
  fc.assert(
    fc.property(fc.oneof(nearPair, fc.tuple(word, word)), ([a, b]) => {
      assert.ok(popcount(letterSet(a) ^ letterSet(b)) <= 2 * distance(a, b), `${a} / ${b}`);
    }),
    { numRuns: 5000 },
  );
});

test('the letter-set bound leaves every comparison as it was without it', () => {
  // Tokens without letter sets (0 on both sides) never skip the edit distance.
  fc.assert(
    fc.property(fc.oneof(nearPair, fc.tuple(word, word)), fc.boolean(), ([a, b], abjad) => {
      const ta = tokenOf(a);
      const tb = tokenOf(b);
      assert.deepEqual(compareTokens(ta, tb, abjad), compareTokens({ ...ta, letters: 0 }, { ...tb, letters: 0 }, abjad), `${a} / ${b}`);
    }),
    { numRuns: 5000 },
  );
});

test('the comparison cache answers as compareTokens does, also when pairs share a slot', () => {
  // A few words each met with more words than the cache has slots, twice: pairs of one word must share slots, and
  // the second time round answers come from slots other pairs took since. Among the others: edits of the word.
  const firsts = fc.sample(fc.string({ unit: letter, minLength: 5, maxLength: 10 }), 3);
  const spelled = (n: number): string => n.toString(12).replace(/[0-9ab]/g, (d) => 'abdehilmosuy'[parseInt(d, 12)]!);
  const texts = new Set([...firsts.flatMap((f) => fc.sample(edits, 300).map((list) => edited(f, list))), ...Array.from({ length: 70_000 }, (_, i) => spelled(i + 20_000))]);
  for (const n of ['7', '77', '1']) texts.add(n);
  const others = [...texts].map(tokenOf);
  let mismatches = 0;
  for (let round = 0; round < 2; round++) {
    for (const a of firsts.map(tokenOf)) {
      for (const b of others) {
        const abjad = (b.id & 1) === 1;
        const cached = compareTokensCached(a, b, abjad);
        const direct = compareTokens(a, b, abjad);
        if (cached.sim !== direct.sim || cached.how !== direct.how) mismatches++;
      }
    }
  }
  assert.equal(mismatches, 0);
  assert.ok(others.some((t) => t.id === 0) && others.some((t) => t.id > 0), 'numbers (id 0) and words both compared');
});

test('the comparison cache keeps comparisons with and without Arabic script apart', () => {
  // "lftwry" (الفيتوري romanised) meets "fitouri" only when one name was written in Arabic script.
  const a = wordToken('lftwry');
  const b = wordToken('fitouri');
  assert.equal(compareTokensCached(a, b, false).sim, 0);
  assert.equal(compareTokensCached(a, b, true).sim, 0.8);
  assert.equal(compareTokensCached(a, b, false).sim, 0);
});

test('word tokens are numbered once and keep their number', () => {
  const a = wordToken('karimov');
  assert.ok(a.id > 0);
  assert.equal(wordToken('karimov').id, a.id);
  assert.notEqual(wordToken('karimova').id, a.id);
  assert.equal(prepareName('Unit 7', { organisation: false }).tokens[1]!.id, 0);
});
