/**
 * trade.reexport — goods imported into a transshipment hub and exported again,
 * same HS6 heading, by the party that imported them, to a destination of
 * concern within a window. The import and the export may be declared to
 * different customs services (each agency sees its side; the alert needs both).
 */
import { chplEntry } from '../../model/chpl.ts';
import type { StoredDeclaration } from '../../store/events.ts';
import type { AlertDraft } from '../alert.ts';
import { num, type Indicator } from '../indicator.ts';
import { partyKey } from '../parties.ts';
import { declarationEvidence, declarationSubjects, finalCountry } from './declarations.ts';

const DAY_MS = 86_400_000;

/** Who received the goods of an import into the hub: the consignee when declared there, else the importer. */
function hubReceiver(d: StoredDeclaration): { name: string; country: string } {
  return d.consignee_name && d.consignee_country ? { name: d.consignee_name, country: d.consignee_country } : { name: d.importer_name, country: d.importer_country };
}

export const reexport: Indicator = {
  code: 'trade.reexport',
  title: 'Re-export from a hub to a destination of concern',
  definition:
    'An import of goods into a hub jurisdiction of the profile, followed within window_days by an export of the same HS6 heading by the same party ' +
    '(matched by name without legal form, and country) to a destination of concern. When several exports follow, each is paired with the latest import ' +
    'before it. Score: base_score, plus chpl_bonus for a Common High Priority List heading, plus quantity_bonus when the exported quantity is within ' +
    'quantity_tolerance of the imported one (same unit: the same goods going on), plus fast_bonus within fast_days. Without agreeing quantities a ' +
    're-export stays below the alert threshold: the same heading is not yet the same goods.',
  sources: [
    { name: 'FinCEN and BIS joint alert FIN-2023-Alert004 (2023-05-19)', url: 'https://www.fincen.gov/sites/default/files/shared/FinCEN_Joint_Notice_US_Export_Controls_FINAL508.pdf', note: 'transshipment through third countries; re-export of items to Russia' },
    { name: 'Council Regulation (EU) 833/2014, Art. 12g (“no Russia” clause) and the EU anti-circumvention tool', url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:02014R0833-20240625' },
  ],
  params: {
    window_days: { type: 'number', default: 90, unit: 'days', min: 1, max: 730, description: 'longest time from the import to the export' },
    base_score: { type: 'number', default: 0.25, min: 0, max: 1, description: 'score of a re-export of an ordinary heading whose quantities do not agree (the same heading is not yet the same goods)' },
    chpl_bonus: { type: 'number', default: 0.15, min: 0, max: 1, description: 'added for a CHPL heading' },
    quantity_bonus: { type: 'number', default: 0.3, min: 0, max: 1, description: 'added when the quantities agree: the same goods going on' },
    quantity_tolerance: { type: 'number', default: 0.1, unit: 'ratio', min: 0, max: 1, description: 'relative difference of quantities that still agree' },
    fast_days: { type: 'number', default: 30, unit: 'days', min: 1, max: 365, description: 'a re-export within this many days is fast' },
    fast_bonus: { type: 'number', default: 0.05, min: 0, max: 1, description: 'added for a fast re-export' },
  },
  inputs: ['declarations'],
  run(inputs, params): AlertDraft[] {
    const hubs = new Set(inputs.profile.lists.hubJurisdictions);
    const concern = new Set(inputs.profile.lists.destinationsOfConcern);
    const windowMs = num(params, 'window_days') * DAY_MS;
    const tolerance = num(params, 'quantity_tolerance');
    // Imports into a hub, by the receiving party's key and heading, in date order.
    const imports = new Map<string, StoredDeclaration[]>();
    for (const d of [...inputs.declarations].sort((a, b) => a.date.localeCompare(b.date))) {
      const to = hubReceiver(d);
      if (!hubs.has(to.country) || finalCountry(d) !== to.country || d.exporter_country === to.country) continue;
      const k = `${partyKey(to.name, to.country)}|${d.hs6}`;
      const list = imports.get(k);
      if (list) list.push(d);
      else imports.set(k, [d]);
    }
    const out: AlertDraft[] = [];
    for (const e of inputs.declarations) {
      const dest = finalCountry(e);
      if (!hubs.has(e.exporter_country) || !concern.has(dest)) continue;
      const candidates = imports.get(`${partyKey(e.exporter_name, e.exporter_country)}|${e.hs6}`);
      if (!candidates) continue;
      const exportDay = Date.parse(e.date);
      let imp: StoredDeclaration | undefined;
      for (const c of candidates) {
        const day = Date.parse(c.date);
        if (day <= exportDay && exportDay - day <= windowMs) imp = c;
      }
      if (!imp) continue;
      const entry = chplEntry(e.hs6);
      const qIn = imp.quantity === null ? NaN : Number(imp.quantity);
      const qOut = e.quantity === null ? NaN : Number(e.quantity);
      const quantityAgrees = imp.unit !== null && imp.unit === e.unit && qIn > 0 && qOut > 0 && Math.abs(qOut - qIn) <= tolerance * qIn;
      const days = Math.round((exportDay - Date.parse(imp.date)) / DAY_MS);
      const score =
        num(params, 'base_score') + (entry ? num(params, 'chpl_bonus') : 0) + (quantityAgrees ? num(params, 'quantity_bonus') : 0) + (days <= num(params, 'fast_days') ? num(params, 'fast_bonus') : 0);
      out.push({
        indicator: 'trade.reexport',
        key: `${imp.dataset}:${imp.declaration_id}>${e.dataset}:${e.declaration_id}`,
        score: Math.min(1, score),
        subjects: [...declarationSubjects(imp, entry?.description), ...declarationSubjects(e, entry?.description)].filter((s, i, all) => all.findIndex((o) => o.id === s.id) === i),
        window: { start: `${imp.date}T00:00:00.000Z`, end: `${e.date}T23:59:59.999Z` },
        evidence: [declarationEvidence(imp, `import of ${imp.hs6} into ${imp.importer_country}`), declarationEvidence(e, `export of ${e.hs6} to ${dest}`)],
        explanation:
          `${e.exporter_name} (${e.exporter_country}) imported ${imp.hs6}${entry ? ` (CHPL ${entry.tierLabel})` : ''} from ${imp.exporter_name} (${imp.exporter_country}) on ${imp.date} ` +
          `and exported the same heading to ${e.importer_name} (${dest}), a destination of concern, ${days} day(s) later` +
          (quantityAgrees ? `; quantities agree (${imp.quantity} → ${e.quantity} ${e.unit})` : ''),
        details: { hs6: e.hs6, hub: e.exporter_country, destination: dest, days, chplTier: entry?.tier ?? null, quantityAgrees, importDeclaration: imp.declaration_id, exportDeclaration: e.declaration_id },
      });
    }
    return out;
  },
};
