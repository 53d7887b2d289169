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
  const detail: Detail = { pairs: [], unmatchedQuery: [], unmatchedCandidate: [], numbersDisagree: false };
  const score = align(q, c, weights, opts.person, detail);
  return { score, ...detail };
}

/** The score compareNames gives, without the pairs and left-overs that explain it: for ranking many candidates. */
export function scoreNames(q: PreparedName, c: PreparedName, weights: TokenWeights, opts: { person: boolean }): number {
  return align(q, c, weights, opts.person, null);
}

type Detail = Omit<NameComparison, 'score'>;

interface Candidate {
  i: number;
  j: number;
  m: TokenMatch;
  w: number;
}

const byPairValue = (a: Candidate, b: Candidate): number => b.m.sim * b.w - a.m.sim * a.w || b.m.sim - a.m.sim;

/** What a token left unpaired costs: numbers in full, particles as `particleCost` says, other names as `discount` says. */
function leftOver(t: NameToken, w: number, particleCost: number, discount: number): number {
  return w * (t.kind === 'number' ? 1 : t.particle !== null ? particleCost : discount);
}

/** The alignment behind compareNames and scoreNames; fills `detail` when given. */
function align(q: PreparedName, c: PreparedName, weights: TokenWeights, person: boolean, detail: Detail | null): number {
  const qt = joinAgainst(q.tokens, c.tokens);
  const ct = joinAgainst(c.tokens, q.tokens);
  const abjad = q.abjad !== c.abjad;
  const wq = weightsOf(weights, qt);
  const wc = weightsOf(weights, ct);
  const candidates: Candidate[] = [];
  for (let i = 0; i < qt.length; i++) {
    for (let j = 0; j < ct.length; j++) {
      const m = compareTokens(qt[i]!, ct[j]!, abjad);
      if (m.sim > 0) candidates.push({ i, j, m, w: (wq[i]! + wc[j]!) / 2 });
    }
  }
  if (candidates.length > 1) candidates.sort(byPairValue);
  const usedQ = new Uint8Array(qt.length);
  const usedC = new Uint8Array(ct.length);
  let matched = 0;
  let matchedWeight = 0;
  let strongPairs = 0;
  for (const p of candidates) {
    if (usedQ[p.i] || usedC[p.j]) continue;
    usedQ[p.i] = 1;
    usedC[p.j] = 1;
    detail?.pairs.push({ query: qt[p.i]!.text, candidate: ct[p.j]!.text, sim: p.m.sim, how: p.m.how });
    matched += p.m.sim * p.w;
    matchedWeight += p.w;
    if (p.m.sim >= 0.8 && p.m.how !== 'initial') strongPairs++;
  }
  // An omitted middle name leaves tokens over on one side only; tokens over on
  // both sides are a different name in that place (Kim / Choe), never cheap.
  // A particle left over ("bint", "al") is an omission wherever it is.
  let omission = true;
  for (let i = 0; i < qt.length && omission; i++) if (!usedQ[i] && qt[i]!.particle === null) omission = false;
  if (!omission) {
    omission = true;
    for (let j = 0; j < ct.length && omission; j++) if (!usedC[j] && ct[j]!.particle === null) omission = false;
  }
  const discount = person && strongPairs >= 2 && omission ? MIDDLE_NAME_DISCOUNT : 1;
  // With two names paired, a particle over says nothing; with fewer it still costs ("Ali" / "Ben Ali").
  const particleCost = strongPairs >= 2 ? 0 : 1;
  let unmatchedWeight = 0;
  let queryNumberOver = false;
  let candidateNumberOver = false;
  for (let i = 0; i < qt.length; i++) {
    if (usedQ[i]) continue;
    unmatchedWeight += leftOver(qt[i]!, wq[i]!, particleCost, discount);
    if (qt[i]!.kind === 'number') queryNumberOver = true;
    detail?.unmatchedQuery.push(qt[i]!.text);
  }
  for (let j = 0; j < ct.length; j++) {
    if (usedC[j]) continue;
    unmatchedWeight += leftOver(ct[j]!, wc[j]!, particleCost, discount);
    if (ct[j]!.kind === 'number') candidateNumberOver = true;
    detail?.unmatchedCandidate.push(ct[j]!.text);
  }
  let score = matchedWeight + unmatchedWeight > 0 ? matched / (matchedWeight + unmatchedWeight) : 0;
  const numbersDisagree = queryNumberOver && candidateNumberOver;
  if (numbersDisagree) score = Math.min(score, NUMBER_DISAGREEMENT_CAP);
  if (detail) detail.numbersDisagree = numbersDisagree;
  return score;
}

/** The tokens' weights: kept per token list by weights that can (a list entry's name meets thousands of queries). */
function weightsOf(weights: TokenWeights, tokens: readonly NameToken[]): ArrayLike<number> {
  if (weights.weightsOf) return weights.weightsOf(tokens);
  const out = new Float64Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) out[i] = weights.weight(tokens[i]!.text);
  return out;
}

/**
 * What joining needs of a token list, made once per list (a list entry's name
 * meets thousands of queries): each token joined with the next one (null
 * where either is a number); the keys by which a joined token could spell
 * one of another list's (`spells`), per join; and the keys by which this
 * list's tokens can be spelled.
 */
interface JoinInfo {
  joins: ReadonlyArray<NameToken | null>;
  joinKeys: ReadonlyArray<readonly string[] | null>;
  spelledBy: ReadonlySet<string>;
}

const JOINS = new WeakMap<readonly NameToken[], JoinInfo>();

function joinInfoOf(tokens: readonly NameToken[]): JoinInfo {
  let info = JOINS.get(tokens);
  if (!info) {
    const joins = tokens.map((a, i) => {
      const b = tokens[i + 1];
      return b && a.kind !== 'number' && b.kind !== 'number' ? wordToken(a.text + b.text) : null;
    });
    const spelledBy = new Set<string>();
    for (const t of tokens) {
      spelledBy.add(`t:${t.text}`);
      if (t.skeleton.length >= 3) spelledBy.add(`s:${t.skeleton}`);
      if (t.vowelless && t.loose.length >= 3) spelledBy.add(`l:${t.loose}`);
    }
    info = { joins, joinKeys: joins.map((j) => (j ? [`t:${j.text}`, `s:${j.skeleton}`, `l:${j.loose}`] : null)), spelledBy };
    JOINS.set(tokens, info);
  }
  return info;
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
  const { joins, joinKeys } = joinInfoOf(side);
  // Most name pairs have no join that could spell anything: settled by a few set lookups.
  const spelledBy = joinInfoOf(other).spelledBy;
  let any = false;
  for (const keys of joinKeys) if (keys && (spelledBy.has(keys[0]!) || spelledBy.has(keys[1]!) || spelledBy.has(keys[2]!))) any = true;
  if (!any) return side;
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
