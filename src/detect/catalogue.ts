/**
 * The indicator catalogue: every indicator Sextant runs, registered here and
 * nowhere else (each family declares its own list). Triangulation comes last:
 * it reads the alerts of the indicators before it. `sextant indicators`, the
 * community profile's validation and `sextant detect` all read this list.
 */
import { SextantError } from '../errors.ts';
import type { Indicator } from './indicator.ts';
import { MARITIME_INDICATORS } from './maritime/index.ts';
import { TRADE_INDICATORS } from './trade/index.ts';
import { FINANCE_INDICATORS } from './finance/index.ts';
import { blockedByAggregation } from './ownership/blocked_by_aggregation.ts';
import { shell } from './ownership/shell.ts';
import { network } from './triangulate/network.ts';

export const CATALOGUE: readonly Indicator[] = Object.freeze([...MARITIME_INDICATORS, ...TRADE_INDICATORS, ...FINANCE_INDICATORS, blockedByAggregation, shell, network]);

/** The indicators named by codes or prefixes (`maritime.*`); all of them for none. Unknown names are an error. */
export function selectIndicators(only?: string[], catalogue: readonly Indicator[] = CATALOGUE): Indicator[] {
  if (!only || only.length === 0) return [...catalogue];
  const out = new Set<Indicator>();
  for (const name of only) {
    const matches = name.endsWith('.*') ? catalogue.filter((i) => i.code.startsWith(name.slice(0, -1))) : catalogue.filter((i) => i.code === name);
    if (matches.length === 0) {
      throw new SextantError('bad_request', `unknown indicator ${JSON.stringify(name)}; see \`sextant indicators\``, { field: 'indicator' });
    }
    for (const m of matches) out.add(m);
  }
  return catalogue.filter((i) => out.has(i));
}
