import { PARTICLES } from './names.ts';

/**
 * How much a token says about identity. With a list, rarer tokens weigh more
 * (inverse document frequency over the list's names); without one (comparing
 * two names), a table of words common in company names weighs little.
 */
export interface TokenWeights {
  weight(token: string): number;
  /**
   * Set on weights that never change for the object's life, one number per
   * object: what was worked out with them may be kept under it (and is not
   * kept for weights without one).
   */
  readonly serial?: number;
}

let serials = 0;

const COMMON = new Set([
  ...PARTICLES,
  'trading', 'trade', 'international', 'intl', 'general', 'group', 'holding', 'holdings', 'company', 'corporation',
  'industries', 'industrial', 'industry', 'services', 'service', 'enterprise', 'enterprises', 'global', 'investment',
  'investments', 'import', 'export', 'imports', 'exports', 'commercial', 'management', 'development', 'limited', 'the',
  'and', 'of', 'for', 'de', 'la', 'le', 'van', 'von', 'der', 'da', 'di', 'do', 'dos',
  'shipping', 'logistics', 'marine', 'maritime', 'energy', 'oil', 'gas', 'petroleum', 'technology', 'technologies', 'tech',
  'bank', 'finance', 'financial', 'capital', 'partners', 'solutions', 'systems', 'national', 'state', 'federal', 'center',
  'centre', 'institute', 'agency', 'office', 'ministry', 'department', 'organization', 'organisation', 'foundation',
  'association', 'union', 'société', 'societe', 'establishment', 'est', 'llc', 'ltd', 'inc', 'co', 'plc', 'corp',
]);

export const DEFAULT_WEIGHTS: TokenWeights = {
  serial: serials++,
  weight: (t) => (COMMON.has(t) ? 0.25 : /^\d+$/.test(t) ? 0.8 : 1),
};

/** IDF weights from document frequencies, scaled to 0.15–1 and capped for tokens the list has never seen. */
export class IdfWeights implements TokenWeights {
  /** Weights already worked out: the same tokens are weighed for every comparison (the frequencies are fixed for this object's life). */
  private readonly memo = new Map<string, number>();
  readonly serial = serials++;

  constructor(
    private readonly df: ReadonlyMap<string, number>,
    private readonly documents: number,
  ) {}

  weight(token: string): number {
    let w = this.memo.get(token);
    if (w === undefined) {
      if (this.memo.size > 500_000) this.memo.clear();
      this.memo.set(token, (w = this.compute(token)));
    }
    return w;
  }

  private compute(token: string): number {
    const n = this.df.get(token) ?? 0;
    if (n === 0) return DEFAULT_WEIGHTS.weight(token);
    const idf = Math.log((this.documents + 1) / (n + 0.5));
    const max = Math.log((this.documents + 1) / 0.5);
    const scaled = 0.15 + 0.85 * Math.min(1, idf / (max * 0.6));
    return Math.min(scaled, DEFAULT_WEIGHTS.weight(token) === 1 ? 1 : Math.max(0.15, scaled * 0.5));
  }
}
