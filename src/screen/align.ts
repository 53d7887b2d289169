import { wordToken, type NameToken, type PreparedName } from './names.ts';
import { compareTokensCached, type TokenMatch } from './tokens.ts';
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

/** What a token left unpaired costs: numbers in full, particles as `particleCost` says, other names as `discount` says. */
function leftOver(t: NameToken, w: number, particleCost: number, discount: number): number {
  return w * (t.kind === 'number' ? 1 : t.particle !== null ? particleCost : discount);
}

/**
 * Scratch space of align, reused by every call (a search aligns hundreds of
 * name pairs; nothing here outlives a call, and calls do not nest): the token
 * pairs that meet, as columns, and which tokens are taken.
 */
const scratch = {
  i: new Int32Array(1024),
  j: new Int32Array(1024),
  sim: new Float64Array(1024),
  w: new Float64Array(1024),
  how: new Array<TokenMatch['how']>(1024),
  order: [] as number[],
  usedQ: new Uint8Array(256),
  usedC: new Uint8Array(256),
};

/** Best pairs first: by weighted similarity, then similarity; ties keep the order found (query token, then candidate token). */
function byPairValue(a: number, b: number): number {
  const { sim, w } = scratch;
  return sim[b]! * w[b]! - sim[a]! * w[a]! || sim[b]! - sim[a]! || a - b;
}

/** The alignment behind compareNames and scoreNames; fills `detail` when given. */
function align(q: PreparedName, c: PreparedName, weights: TokenWeights, person: boolean, detail: Detail | null): number {
  const qInfo = (q.alignment ??= infoOf(q.tokens));
  const cInfo = (c.alignment ??= infoOf(c.tokens));
  const qt = joinAgainst(q.tokens, qInfo, c.tokens, cInfo);
  const ct = joinAgainst(c.tokens, cInfo, q.tokens, qInfo);
  const abjad = q.abjad !== c.abjad;
  const wq = qt === q.tokens ? weightsOf(weights, qInfo, qt) : weightsOf(weights, null, qt);
  const wc = ct === c.tokens ? weightsOf(weights, cInfo, ct) : weightsOf(weights, null, ct);
  if (qt.length * ct.length > scratch.sim.length || Math.max(qt.length, ct.length) > scratch.usedQ.length) growScratch(qt.length, ct.length);
  const { i: pi, j: pj, sim: psim, w: pw, how: phow, order, usedQ, usedC } = scratch;
  let n = 0;
  for (let i = 0; i < qt.length; i++) {
    for (let j = 0; j < ct.length; j++) {
      const m = compareTokensCached(qt[i]!, ct[j]!, abjad);
      if (m.sim > 0) {
        pi[n] = i;
        pj[n] = j;
        psim[n] = m.sim;
        pw[n] = (wq[i]! + wc[j]!) / 2;
        phow[n] = m.how;
        n++;
      }
    }
  }
  // Nothing paired: nothing matched, whatever is left over (half the names a search compares end here).
  if (n === 0 && detail === null) return 0;
  order.length = n;
  for (let k = 0; k < n; k++) order[k] = k;
  if (n > 1) order.sort(byPairValue);
  usedQ.fill(0, 0, qt.length);
  usedC.fill(0, 0, ct.length);
  let matched = 0;
  let matchedWeight = 0;
  let strongPairs = 0;
  for (let k = 0; k < n; k++) {
    const p = order[k]!;
    const i = pi[p]!;
    const j = pj[p]!;
    if (usedQ[i] || usedC[j]) continue;
    usedQ[i] = 1;
    usedC[j] = 1;
    const sim = psim[p]!;
    const w = pw[p]!;
    detail?.pairs.push({ query: qt[i]!.text, candidate: ct[j]!.text, sim, how: phow[p]! });
    matched += sim * w;
    matchedWeight += w;
    if (sim >= 0.8 && phow[p] !== 'initial') strongPairs++;
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

function growScratch(q: number, c: number): void {
  const pairs = Math.max(scratch.sim.length, q * c);
  const tokens = Math.max(scratch.usedQ.length, q, c);
  Object.assign(scratch, {
    i: new Int32Array(pairs),
    j: new Int32Array(pairs),
    sim: new Float64Array(pairs),
    w: new Float64Array(pairs),
    how: new Array<TokenMatch['how']>(pairs),
    usedQ: new Uint8Array(tokens),
    usedC: new Uint8Array(tokens),
  });
}

/**
 * The tokens' weights, kept with the list's info under the weights' serial (a
 * list entry's name meets thousands of queries). A serial, not the weights
 * object: an index makes new weights after every change, and the old ones
 * must not be held by the names that last met them.
 */
function weightsOf(weights: TokenWeights, info: TokenListInfo | null, tokens: readonly NameToken[]): ArrayLike<number> {
  const serial = weights.serial;
  if (info && serial !== undefined && info.weightsSerial === serial) return info.weights!;
  const out = new Float64Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) out[i] = weights.weight(tokens[i]!.text);
  if (info && serial !== undefined) {
    info.weights = out;
    info.weightsSerial = serial;
  }
  return out;
}

/**
 * What aligning needs of a token list, made once per list (a list entry's
 * name meets thousands of queries): each token joined with the next one (null
 * where either is a number); hashes of the keys by which each joined token
 * could spell one of another list's tokens (see spells), and of the keys by
 * which this list's tokens can be spelled; and the tokens' weights.
 */
export interface TokenListInfo {
  joins: ReadonlyArray<NameToken | null>;
  /** Three key hashes per join (text, skeleton, loose skeleton); zeros where there is no join. */
  joinKeys: Int32Array;
  spelledBy: ReadonlySet<number>;
  /** spelledBy as a 256-bit filter (8 words, a bit per hash's low byte): most joins are ruled out by one load, not a set lookup. */
  spelledByBits: Int32Array;
  weights: Float64Array | null;
  /** The serial of the weights `weights` were worked out with (-1: none yet). */
  weightsSerial: number;
}

/** FNV-1a of a tagged key, kept in small-integer range; equal keys hash alike, and a collision only costs the exact check. */
function keyHash(tag: number, s: string): number {
  let h = (0x811c9dc5 ^ tag) >>> 0;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return (h & 0x3fffffff) | 1;
}

/** What aligning needs of a token list (kept on its PreparedName by align). */
function infoOf(tokens: readonly NameToken[]): TokenListInfo {
  const joins = tokens.map((a, i) => {
    const b = tokens[i + 1];
    return b && a.kind !== 'number' && b.kind !== 'number' ? wordToken(a.text + b.text) : null;
  });
  const spelledBy = new Set<number>();
  for (const t of tokens) {
    spelledBy.add(keyHash(1, t.text));
    if (t.skeleton.length >= 3) spelledBy.add(keyHash(2, t.skeleton));
    if (t.vowelless && t.loose.length >= 3) spelledBy.add(keyHash(3, t.loose));
  }
  const spelledByBits = new Int32Array(8);
  for (const h of spelledBy) {
    const word = (h >>> 5) & 7;
    spelledByBits[word] = spelledByBits[word]! | (1 << (h & 31));
  }
  const joinKeys = new Int32Array(3 * joins.length);
  joins.forEach((j, i) => {
    if (!j) return;
    joinKeys[3 * i] = keyHash(1, j.text);
    joinKeys[3 * i + 1] = keyHash(2, j.skeleton);
    joinKeys[3 * i + 2] = keyHash(3, j.loose);
  });
  return { joins, joinKeys, spelledBy, spelledByBits, weights: null, weightsSerial: -1 };
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
function joinAgainst(side: NameToken[], sideInfo: TokenListInfo, other: NameToken[], otherInfo: TokenListInfo): NameToken[] {
  // Most name pairs have no join that could spell anything: settled by the other side's filter, a set lookup only
  // when it holds the key's bit (a hash is never 0). The lookups themselves were a fifth of a search's time.
  const keys = sideInfo.joinKeys;
  const spelledBy = otherInfo.spelledBy;
  const bits = otherInfo.spelledByBits;
  let any = false;
  for (let k = 0; k < keys.length && !any; k++) {
    const h = keys[k]!;
    if (h !== 0 && (bits[(h >>> 5) & 7]! & (1 << (h & 31))) !== 0 && spelledBy.has(h)) any = true;
  }
  if (!any) return side;
  const joins = sideInfo.joins;
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
