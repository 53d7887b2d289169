import { doubleMetaphone } from 'double-metaphone';
import { skeletonOf, type NameToken, type PreparedName } from './names.ts';
import { compareTokens, looseSkeleton, type TokenMatch } from './tokens.ts';
import type { TokenWeights } from './weights.ts';

/**
 * Two names compared token by token, in any order: each query token is paired
 * with at most one candidate token (best pairs first, weighted by how rare the
 * tokens are), tokens written together on one side and apart on the other
 * ("Abdulrahman" / "Abdul Rahman") are joined first, and what stays unpaired
 * lowers the score by its weight. For people with at least two names paired,
 * an unpaired extra name (a middle name) costs little.
 */
export interface NameComparison {
  score: number;
  pairs: Array<{ query: string; candidate: string } & TokenMatch>;
  unmatchedQuery: string[];
  unmatchedCandidate: string[];
  /** Both names hold numbers and they differ ("Unit 7" / "Unit 8"). */
  numbersDisagree: boolean;
}

const MIDDLE_NAME_DISCOUNT = 0.2;
const NUMBER_DISAGREEMENT_CAP = 0.5;

export function compareNames(q: PreparedName, c: PreparedName, weights: TokenWeights, opts: { person: boolean }): NameComparison {
  const [qt, ct] = joinSplitTokens(q.tokens, c.tokens);
  const candidates: Array<{ i: number; j: number; m: TokenMatch; w: number }> = [];
  for (let i = 0; i < qt.length; i++) {
    for (let j = 0; j < ct.length; j++) {
      const m = compareTokens(qt[i]!, ct[j]!);
      if (m.sim > 0) candidates.push({ i, j, m, w: (weights.weight(qt[i]!.text) + weights.weight(ct[j]!.text)) / 2 });
    }
  }
  candidates.sort((a, b) => b.m.sim * b.w - a.m.sim * a.w || b.m.sim - a.m.sim);
  const usedQ = new Set<number>();
  const usedC = new Set<number>();
  const pairs: NameComparison['pairs'] = [];
  let matched = 0;
  let matchedWeight = 0;
  for (const p of candidates) {
    if (usedQ.has(p.i) || usedC.has(p.j)) continue;
    usedQ.add(p.i);
    usedC.add(p.j);
    pairs.push({ query: qt[p.i]!.text, candidate: ct[p.j]!.text, ...p.m });
    matched += p.m.sim * p.w;
    matchedWeight += p.w;
  }
  const unmatchedQuery = qt.filter((_, i) => !usedQ.has(i));
  const unmatchedCandidate = ct.filter((_, j) => !usedC.has(j));
  const strongPairs = pairs.filter((p) => p.sim >= 0.8 && p.how !== 'initial').length;
  // An omitted middle name leaves tokens over on one side only; tokens over on
  // both sides are a different name in that place (Kim / Choe), never cheap.
  const omission = unmatchedQuery.length === 0 || unmatchedCandidate.length === 0;
  const discount = opts.person && strongPairs >= 2 && omission ? MIDDLE_NAME_DISCOUNT : 1;
  const unmatchedWeight = [...unmatchedQuery, ...unmatchedCandidate].reduce((s, t) => s + weights.weight(t.text) * (t.kind === 'number' ? 1 : discount), 0);
  let score = matchedWeight + unmatchedWeight > 0 ? matched / (matchedWeight + unmatchedWeight) : 0;
  const numbersDisagree = unmatchedQuery.some((t) => t.kind === 'number') && unmatchedCandidate.some((t) => t.kind === 'number');
  if (numbersDisagree) score = Math.min(score, NUMBER_DISAGREEMENT_CAP);
  return {
    score,
    pairs,
    unmatchedQuery: unmatchedQuery.map((t) => t.text),
    unmatchedCandidate: unmatchedCandidate.map((t) => t.text),
    numbersDisagree,
  };
}

/** Join adjacent tokens of one side when together they spell a token of the other side. */
function joinSplitTokens(q: NameToken[], c: NameToken[]): [NameToken[], NameToken[]] {
  return [joinAgainst(q, c), joinAgainst(c, q)];
}

function joinAgainst(side: NameToken[], other: NameToken[]): NameToken[] {
  const texts = new Set(other.map((t) => t.text));
  const skeletons = new Set(other.filter((t) => t.skeleton.length >= 3).map((t) => t.skeleton));
  // Vowelless tokens (Arabic script) on the other side: join against their loose skeletons too ("al duri" / "ldwry").
  const loose = new Set(other.filter((t) => !/[aeiou]/.test(t.text)).map((t) => looseSkeleton(t.text)).filter((k) => k.length >= 3));
  const out: NameToken[] = [];
  for (let i = 0; i < side.length; i++) {
    const a = side[i]!;
    const b = side[i + 1];
    if (b && a.kind !== 'number' && b.kind !== 'number' && !texts.has(a.text) && !texts.has(b.text)) {
      const text = a.text + b.text;
      const skeleton = skeletonOf(text);
      if (texts.has(text) || skeletons.has(skeleton) || loose.has(looseSkeleton(text))) {
        out.push({ text, kind: 'word', phonetic: doubleMetaphone(text)[0], skeleton });
        i++;
        continue;
      }
    }
    out.push(a);
  }
  return out;
}

export function describeNameComparison(n: NameComparison): string {
  const paired = n.pairs.map((p) => (p.how === 'exact' ? p.query : `${p.query}~${p.candidate} (${p.how}, ${p.sim.toFixed(2)})`));
  const parts = [`paired: ${paired.join(', ') || 'none'}`];
  if (n.unmatchedQuery.length > 0) parts.push(`only in query: ${n.unmatchedQuery.join(' ')}`);
  if (n.unmatchedCandidate.length > 0) parts.push(`only in candidate: ${n.unmatchedCandidate.join(' ')}`);
  if (n.numbersDisagree) parts.push('numbers differ');
  return parts.join('; ');
}
