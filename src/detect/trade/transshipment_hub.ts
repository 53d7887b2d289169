/**
 * trade.transshipment_hub — Common High Priority List goods going to a party
 * in a transshipment hub jurisdiction that is either incorporated after the
 * full-scale invasion (2022-02-24 by default) or new to the heading (no
 * earlier declaration of that heading to it in the data). The guidance's
 * red flags: "a customer incorporated or registered after February 24, 2022"
 * and "a new customer ... for items on the CHPL" routed through third
 * countries known for transshipment to Russia and Belarus.
 */
import { chplEntry } from '../../model/chpl.ts';
import type { StoredDeclaration } from '../../store/events.ts';
import type { AlertDraft } from '../alert.ts';
import { num, strings, type Indicator } from '../indicator.ts';
import { dateStartMs, partyEvidence, partyIndexOf, partyKey, type RegisteredParty } from '../parties.ts';
import { declarationEvidence, declarationSubjects, declarationWindow, finalCountry } from './declarations.ts';

const TIER_WEIGHT: Record<string, number> = { '1': 1, '2': 0.95, '3.A': 0.85, '3.B': 0.8, '4.A': 0.75, '4.B': 0.7 };
const DAY_MS = 86_400_000;
/** Declarations cited as evidence per alert (the first ones); the count is in details. */
const MAX_DECLARATIONS = 20;

/** The party receiving the goods in the hub: the consignee when declared, else the importer. */
function receiver(d: StoredDeclaration): { name: string; country: string } {
  return d.consignee_name && d.consignee_country ? { name: d.consignee_name, country: d.consignee_country } : { name: d.importer_name, country: d.importer_country };
}

export const transshipmentHub: Indicator = {
  code: 'trade.transshipment_hub',
  title: 'CHPL goods to a new party in a transshipment hub',
  definition:
    'A party receiving Common High Priority List goods, by declarations whose receiving party (consignee, else importer) is in a hub jurisdiction of the profile and ' +
    'either was incorporated after incorporated_after (from the registry, matched by name and jurisdiction) or is new to the heading: ' +
    'no declaration of the same HS6 heading to it in the data during the new_to_heading_days before, while the data reaches back that far. ' +
    'One alert per receiving party, citing its first declarations. ' +
    'Score: (recent incorporation: recent_score; new to the heading only: new_score; both: both_score) × the CHPL tier weight. Alone, each is a leg for ' +
    'triangulation and trade.reexport rather than an alert: most companies formed since 2022 in the hubs trade lawfully.',
  sources: [
    { name: 'FinCEN and BIS joint alert FIN-2023-Alert004 (2023-05-19): evasion of export controls through third countries', url: 'https://www.fincen.gov/sites/default/files/shared/FinCEN_Joint_Notice_US_Export_Controls_FINAL508.pdf', note: 'red flags: customers incorporated after 2022-02-24, new customers for CHPL items, transshipment hubs' },
    { name: 'EU, US, UK and Japan: Common High Priority List, 2024-02-23', url: 'https://www.bis.gov/articles/russia-export-controls-list-common-high-priority-items' },
    { name: 'EU Commission: Guidance for EU operators on enhanced due diligence against circumvention (2023)', url: 'https://finance.ec.europa.eu/system/files/2023-09/guidance-eu-operators-russia-sanctions-circumvention_en.pdf' },
  ],
  params: {
    incorporated_after: { type: 'string', default: '2022-02-24', description: 'a receiving party incorporated after this date counts as recent (ISO date)' },
    new_to_heading_days: { type: 'number', default: 180, unit: 'days', min: 1, max: 3650, description: 'how far back a party must not have received the heading to be new to it' },
    recent_score: { type: 'number', default: 0.45, min: 0, max: 1, description: 'score of Tier 1 items to a recently incorporated party: a red flag, not an alert alone (most companies formed since 2022 trade lawfully)' },
    new_score: { type: 'number', default: 0.4, min: 0, max: 1, description: 'score of a Tier 1 item to a party new to the heading' },
    both_score: { type: 'number', default: 0.8, min: 0, max: 1, description: 'score when a recently incorporated party is also new to the heading' },
    extra_hubs: { type: 'string[]', default: [], description: 'hub jurisdictions added to the profile’s list for this indicator' },
  },
  inputs: ['declarations', 'registry'],
  run(inputs, params): AlertDraft[] {
    const hubs = new Set([...inputs.profile.lists.hubJurisdictions, ...strings(params, 'extra_hubs')]);
    const cutoffText = String(params['incorporated_after'] ?? '2022-02-24');
    const cutoff = dateStartMs(cutoffText);
    const windowMs = num(params, 'new_to_heading_days') * DAY_MS;
    const registry = partyIndexOf(inputs.parties);
    const sorted = [...inputs.declarations].sort((a, b) => a.date.localeCompare(b.date));
    const earliest = sorted.length ? Date.parse(sorted[0]!.date) : NaN;
    // When each (receiver, heading) was last seen receiving, as the declarations go by in date order.
    const lastSeen = new Map<string, number>();
    // One alert per receiving party: the red flag is the party; its CHPL declarations are the evidence.
    const byReceiver = new Map<string, { to: { name: string; country: string }; recent: RegisteredParty | undefined; hits: Array<{ d: StoredDeclaration; tier: string; newToHeading: boolean }> }>();
    for (const d of sorted) {
      const entry = chplEntry(d.hs6);
      const to = receiver(d);
      const party = partyKey(to.name, to.country);
      const key = `${party}|${d.hs6}`;
      const day = Date.parse(d.date);
      const before = lastSeen.get(key);
      lastSeen.set(key, day);
      if (!entry || !hubs.has(to.country) || finalCountry(d) !== to.country) continue;
      const newToHeading = day - earliest >= windowMs && (before === undefined || day - before > windowMs);
      let r = byReceiver.get(party);
      if (!r) byReceiver.set(party, (r = { to, recent: registry.find(to.name, to.country).find((p) => dateStartMs(p.incorporationDate) > cutoff), hits: [] }));
      if (!r.recent && !newToHeading) continue;
      r.hits.push({ d, tier: entry.tier, newToHeading });
    }
    const out: AlertDraft[] = [];
    for (const [party, { to, recent, hits }] of byReceiver) {
      if (hits.length === 0) continue;
      const tier = Math.max(...hits.map((h) => TIER_WEIGHT[h.tier] ?? 0.7));
      const fresh = hits.filter((h) => h.newToHeading);
      const base = recent && fresh.length ? num(params, 'both_score') : recent ? num(params, 'recent_score') : num(params, 'new_score');
      const headings = [...new Set(hits.map((h) => h.d.hs6))];
      const first = hits[0]!.d;
      const last = hits[hits.length - 1]!.d;
      const reasons = [
        ...(recent ? [`incorporated ${recent.incorporationDate} (after ${cutoffText}; registry ${recent.id})`] : []),
        ...(fresh.length ? [`new to heading ${[...new Set(fresh.map((h) => h.d.hs6))].join(', ')} (none in the ${num(params, 'new_to_heading_days')} days before)`] : []),
      ];
      const entry = chplEntry(first.hs6)!;
      out.push({
        indicator: 'trade.transshipment_hub',
        key: party,
        score: Math.min(1, base * tier),
        subjects: [
          recent ? { id: recent.id, schema: recent.schema, name: recent.name, identifiers: { country: to.country, registry: recent.id } } : { id: `party:${to.country}:${party.slice(party.indexOf(':') + 1)}`, schema: 'LegalEntity', name: to.name, identifiers: { country: to.country } },
          ...declarationSubjects(first, entry.description).filter((s) => s.schema !== 'LegalEntity' || s.name !== to.name),
        ],
        window: { start: declarationWindow(first).start, end: declarationWindow(last).end },
        evidence: [
          ...hits.slice(0, MAX_DECLARATIONS).map((h) => declarationEvidence(h.d, `HS ${h.d.hs_code}: CHPL tier ${h.tier} to ${to.name} (${to.country})${h.newToHeading ? ', new to the heading' : ''}`)),
          ...(recent ? [partyEvidence(recent, `incorporated ${recent.incorporationDate}`)] : []),
        ],
        explanation:
          `${to.name} in ${to.country}, a transshipment hub, received CHPL goods in ${hits.length} declaration(s) (${headings.slice(0, 5).join(', ')}${headings.length > 5 ? ', …' : ''}; ` +
          `first from ${first.exporter_name} (${first.exporter_country}) on ${first.date}): ${reasons.join('; ')}`,
        details: {
          receiver: to,
          hub: to.country,
          headings,
          declarations: hits.length,
          bestTier: hits.reduce((a, h) => ((TIER_WEIGHT[h.tier] ?? 0) > (TIER_WEIGHT[a] ?? 0) ? h.tier : a), hits[0]!.tier),
          recentlyIncorporated: recent ? { id: recent.id, incorporationDate: recent.incorporationDate } : null,
          newToHeading: fresh.map((h) => h.d.hs6),
        },
      });
    }
    return out;
  },
};
