import { wordToken, type NameToken, type PreparedName } from './names.ts';
import { compareTokens, type TokenMatch } from './tokens.ts';
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
  const abjad = q.abjad !== c.abjad;
  const wq = qt.map((t) => weights.weight(t.text));
  const wc = ct.map((t) => weights.weight(t.text));
  const candidates: Array<{ i: number; j: number; m: TokenMatch; w: number }> = [];
  for (let i = 0; i < qt.length; i++) {
    for (let j = 0; j < ct.length; j++) {
      const m = compareTokens(qt[i]!, ct[j]!, abjad);
      if (m.sim > 0) candidates.push({ i, j, m, w: (wq[i]! + wc[j]!) / 2 });
    }
  }
  candidates.sort((a, b) => b.m.sim * b.w - a.m.sim * a.w || b.m.sim - a.m.sim);
  const usedQ: boolean[] = new Array<boolean>(qt.length).fill(false);
  const usedC: boolean[] = new Array<boolean>(ct.length).fill(false);
  const pairs: NameComparison['pairs'] = [];
  let matched = 0;
  let matchedWeight = 0;
  let strongPairs = 0;
  for (const p of candidates) {
    if (usedQ[p.i] || usedC[p.j]) continue;
    usedQ[p.i] = true;
    usedC[p.j] = true;
    pairs.push({ query: qt[p.i]!.text, candidate: ct[p.j]!.text, sim: p.m.sim, how: p.m.how });
    matched += p.m.sim * p.w;
    matchedWeight += p.w;
    if (p.m.sim >= 0.8 && p.m.how !== 'initial') strongPairs++;
  }
  const unmatchedQuery = qt.filter((_, i) => !usedQ[i]);
  const unmatchedCandidate = ct.filter((_, j) => !usedC[j]);
  // An omitted middle name leaves tokens over on one side only; tokens over on
  // both sides are a different name in that place (Kim / Choe), never cheap.
  // A particle left over ("bint", "al") is an omission wherever it is.
  const omission = unmatchedQuery.every((t) => t.particle !== null) || unmatchedCandidate.every((t) => t.particle !== null);
  const discount = opts.person && strongPairs >= 2 && omission ? MIDDLE_NAME_DISCOUNT : 1;
  // With two names paired, a particle over says nothing; with fewer it still costs ("Ali" / "Ben Ali").
  const particleCost = strongPairs >= 2 ? 0 : 1;
  const leftOver = (t: NameToken, w: number): number => w * (t.kind === 'number' ? 1 : t.particle !== null ? particleCost : discount);
  let unmatchedWeight = 0;
  for (let i = 0; i < qt.length; i++) if (!usedQ[i]) unmatchedWeight += leftOver(qt[i]!, wq[i]!);
  for (let j = 0; j < ct.length; j++) if (!usedC[j]) unmatchedWeight += leftOver(ct[j]!, wc[j]!);
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

/**
 * Each token joined with the next one (null where either is a number), made
 * once per token list: a list entry's name meets thousands of queries.
 */
const JOINS = new WeakMap<readonly NameToken[], ReadonlyArray<NameToken | null>>();

function joinsOf(tokens: readonly NameToken[]): ReadonlyArray<NameToken | null> {
  let joins = JOINS.get(tokens);
  if (!joins) {
    joins = tokens.map((a, i) => {
      const b = tokens[i + 1];
      return b && a.kind !== 'number' && b.kind !== 'number' ? wordToken(a.text + b.text) : null;
    });
    JOINS.set(tokens, joins);
  }
  return joins;
}

function hasText(tokens: readonly NameToken[], text: string): boolean {
  for (const t of tokens) if (t.text === text) return true;
  return false;
}

/** Whether a joined token spells one of the other side's: the same text, the same skeleton, or the loose skeleton of a vowelless one ("al duri" / "ldwry"). */
function spells(joined: NameToken, other: readonly NameToken[]): boolean {
  for (const t of other) {
    if (t.text === joined.text) return true;
    if (t.skeleton.length >= 3 && t.skeleton === joined.skeleton) return true;
    if (t.vowelless && t.loose.length >= 3 && t.loose === joined.loose) return true;
  }
  return false;
}

/** The side's tokens with pairs joined where they spell a token of the other side; the same array when none is. */
function joinAgainst(side: NameToken[], other: NameToken[]): NameToken[] {
  const joins = joinsOf(side);
  let out: NameToken[] | null = null;
  for (let i = 0; i < side.length; i++) {
    const a = side[i]!;
    const joined = joins[i];
    if (joined && !hasText(other, a.text) && !hasText(other, side[i + 1]!.text) && spells(joined, other)) {
      (out ??= side.slice(0, i)).push(joined);
      i++;
      continue;
    }
    out?.push(a);
  }
  return out ?? side;
}

export function describeNameComparison(n: NameComparison): string {
  const paired = n.pairs.map((p) => (p.how === 'exact' ? p.query : `${p.query}~${p.candidate} (${p.how}, ${p.sim.toFixed(2)})`));
  const parts = [`paired: ${paired.join(', ') || 'none'}`];
  if (n.unmatchedQuery.length > 0) parts.push(`only in query: ${n.unmatchedQuery.join(' ')}`);
  if (n.unmatchedCandidate.length > 0) parts.push(`only in candidate: ${n.unmatchedCandidate.join(' ')}`);
  if (n.numbersDisagree) parts.push('numbers differ');
  return parts.join('; ');
}
