/**
 * trade.chpl_item — goods on the Common High Priority List. A CHPL heading is
 * ordinary trade most of the time: the score rises with the tier (Tier 1
 * integrated circuits matter most) and with where the goods go — a destination
 * of concern, or a transshipment hub — and falls when the declaration cites an
 * export licence (a licensed end user is the legitimate case the guidance
 * describes).
 */
import { chplEntry } from '../../model/chpl.ts';
import type { AlertDraft } from '../alert.ts';
import { num, type Indicator } from '../indicator.ts';
import { declarationEvidence, declarationSubjects, declarationWindow, finalCountry } from './declarations.ts';

const TIER_WEIGHT: Record<string, number> = { '1': 1, '2': 0.9, '3.A': 0.75, '3.B': 0.7, '4.A': 0.65, '4.B': 0.6 };

/** A licence cited in the goods description or the extra columns ("export licence NL-1234-56789", "licence no.", "X002"). */
const LICENCE = /\b(?:export\s+)?licen[cs]e\b|\blic\.?\s*no\b|\bX00[2-9]\b|\bdual[- ]use\s+authori[sz]ation\b/i;

export const chplItem: Indicator = {
  code: 'trade.chpl_item',
  title: 'Common High Priority List goods',
  definition:
    'A declaration of goods whose HS6 heading is on the Common High Priority List. Score: tier weight × destination factor ' +
    '(destination of concern: high; transshipment hub: medium; elsewhere: low), lowered when the declaration cites an export licence.',
  sources: [
    { name: 'EU, US, UK and Japan: Common High Priority List, version 2024-02-23', url: 'https://www.bis.gov/articles/russia-export-controls-list-common-high-priority-items', note: 'headings and tiers' },
    { name: 'FinCEN and BIS joint alert FIN-2023-Alert004', note: 'CHPL goods shipped through third countries as a red flag' },
  ],
  params: {
    concern_score: { type: 'number', default: 0.95, min: 0, max: 1, description: 'score of a Tier 1 item to a destination of concern' },
    hub_score: { type: 'number', default: 0.45, min: 0, max: 1, description: 'score of a Tier 1 item to a transshipment hub (below the threshold: most hub trade is ordinary; it is a leg for trade.reexport and triangulation)' },
    other_score: { type: 'number', default: 0.25, min: 0, max: 1, description: 'score of a Tier 1 item elsewhere' },
    licence_factor: { type: 'number', default: 0.5, min: 0, max: 1, description: 'multiplier when a licence is cited' },
  },
  inputs: ['declarations'],
  run(inputs, params): AlertDraft[] {
    const hubs = new Set(inputs.profile.lists.hubJurisdictions);
    const concern = new Set(inputs.profile.lists.destinationsOfConcern);
    const out: AlertDraft[] = [];
    for (const d of inputs.declarations) {
      const entry = chplEntry(d.hs6);
      if (!entry) continue;
      const to = finalCountry(d);
      const where = concern.has(to) ? 'a destination of concern' : hubs.has(to) ? 'a transshipment hub' : 'elsewhere';
      const base = concern.has(to) ? num(params, 'concern_score') : hubs.has(to) ? num(params, 'hub_score') : num(params, 'other_score');
      const licensed = LICENCE.test(d.description ?? '') || Object.values(d.extra ?? {}).some((v) => LICENCE.test(String(v)));
      const score = base * (TIER_WEIGHT[entry.tier] ?? 0.6) * (licensed ? num(params, 'licence_factor') : 1);
      out.push({
        indicator: 'trade.chpl_item',
        key: `${d.dataset}:${d.declaration_id}`,
        score,
        subjects: declarationSubjects(d, entry.description),
        window: declarationWindow(d),
        evidence: [declarationEvidence(d, `HS ${d.hs_code}: CHPL ${entry.tierLabel}`)],
        explanation: `CHPL ${entry.tierLabel} goods (${d.hs6}, ${entry.description}) ${d.direction === 'export' ? 'exported' : 'imported'} by ${d.exporter_name} (${d.exporter_country}) to ${d.importer_name} (${to}), ${where}${licensed ? '; a licence is cited' : ''}`,
        details: { hs6: d.hs6, tier: entry.tier, destination: to, licensed, value: d.value, currency: d.currency },
      });
    }
    return out;
  },
};
