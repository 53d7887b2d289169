/**
 * trade.price_anomaly — a declared unit value far from what the same heading
 * usually costs in the same unit: the mark of mis-invoicing (under-invoicing to
 * evade duties or to hide a transfer of value; over-invoicing to move money).
 * The reference is the data itself, per (HS6, unit), values in approximate US
 * dollars (other currencies apart): the median and
 * the median absolute deviation of log unit values (robust to the very outliers
 * looked for), with the 5th–95th percentile band as a weaker sign.
 */
import { approxUsd } from '../../model/normalize/currencies.ts';
import type { StoredDeclaration } from '../../store/events.ts';
import type { AlertDraft } from '../alert.ts';
import { num, type Indicator } from '../indicator.ts';
import { declarationEvidence, declarationSubjects, declarationWindow } from './declarations.ts';

/** MAD × 1.4826 estimates the standard deviation of normal data. */
const MAD_TO_SD = 1.4826;

function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

interface Group {
  rows: StoredDeclaration[];
  logUnit: number[];
}

export const priceAnomaly: Indicator = {
  code: 'trade.price_anomaly',
  title: 'Unit value outside the heading\'s distribution',
  definition:
    'A declaration whose unit value (value ÷ quantity, major currencies pooled in approximate US dollars) lies outside the 5th–95th percentile of its HS6 heading and unit, ' +
    'or whose robust z-score (log unit value against the median and scaled MAD of the same group) exceeds z_threshold. ' +
    'Groups with fewer than min_group declarations are not judged.',
  sources: [
    { name: 'FATF/Egmont Group: Trade-based Money Laundering — Trends and Developments (2020)', note: 'over- and under-invoicing as a TBML risk indicator' },
    { name: 'Iglewicz and Hoaglin (1993): How to Detect and Handle Outliers', note: 'modified (robust) z-score with the MAD' },
  ],
  params: {
    z_threshold: { type: 'number', default: 3, min: 1, max: 20, description: 'robust z-score beyond which a unit value is anomalous' },
    min_group: { type: 'integer', default: 8, min: 5, description: 'declarations of the same heading and unit (and currency group) needed to judge' },
    band_score: { type: 'number', default: 0.3, min: 0, max: 1, description: 'score of a value outside the 5th–95th percentile only' },
  },
  inputs: ['declarations'],
  run(inputs, params): AlertDraft[] {
    const groups = new Map<string, Group>();
    for (const d of inputs.declarations) {
      const q = d.quantity === null ? NaN : Number(d.quantity);
      // Values in major currencies are pooled in approximate dollars; others form their own group.
      const usd = approxUsd(Number(d.value), d.currency);
      const v = usd ?? Number(d.value);
      if (!(q > 0) || !(v > 0) || !d.unit) continue;
      const key = `${d.hs6}|${d.unit}|${usd === undefined ? d.currency : 'USD'}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { rows: [], logUnit: [] }));
      g.rows.push(d);
      g.logUnit.push(Math.log(v / q));
    }
    const zLimit = num(params, 'z_threshold');
    const out: AlertDraft[] = [];
    for (const [key, g] of groups) {
      if (g.rows.length < num(params, 'min_group')) continue;
      const sorted = Float64Array.from(g.logUnit).sort();
      const median = quantile(sorted, 0.5);
      const deviations = Float64Array.from(g.logUnit, (x) => Math.abs(x - median)).sort();
      const sd = quantile(deviations, 0.5) * MAD_TO_SD;
      const [p5, p95] = [quantile(sorted, 0.05), quantile(sorted, 0.95)];
      const [hs6, unit, currency] = key.split('|') as [string, string, string];
      g.rows.forEach((d, i) => {
        const x = g.logUnit[i]!;
        const z = sd > 0 ? (x - median) / sd : 0;
        const outsideBand = x < p5 || x > p95;
        if (Math.abs(z) <= zLimit && !outsideBand) return;
        // Beyond the limit the score climbs with the distance: with the few dozen declarations
        // a heading often has, the MAD is itself uncertain and z of 3–4 happens by chance
        // (Iglewicz and Hoaglin suggest 3.5 as the outlier mark); z ≥ limit + 2 reaches 0.5.
        const score = Math.abs(z) > zLimit ? Math.min(1, num(params, 'band_score') + (Math.abs(z) - zLimit) / 10) : num(params, 'band_score');
        const unitValue = Math.exp(x);
        const typical = Math.exp(median);
        const ratio = unitValue / typical;
        out.push({
          indicator: 'trade.price_anomaly',
          key: `${d.dataset}:${d.declaration_id}`,
          score,
          subjects: declarationSubjects(d),
          window: declarationWindow(d),
          evidence: [declarationEvidence(d, `unit value ${fmt(unitValue)} ${currency}/${unit}`)],
          explanation:
            `unit value ${fmt(unitValue)} ${currency}/${unit} for HS ${hs6} is ${ratio >= 1 ? `${fmt(ratio)}× above` : `${fmt(1 / ratio)}× below`} the median ${fmt(typical)} ` +
            `of ${g.rows.length} declarations (robust z ${z.toFixed(1)}${outsideBand ? ', outside the 5th–95th percentile' : ''})`,
          details: { hs6, unit, currency, unitValue, median: typical, z, p5: Math.exp(p5), p95: Math.exp(p95), group: g.rows.length },
        });
      });
    }
    return out;
  },
};

function fmt(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toPrecision(2);
}
