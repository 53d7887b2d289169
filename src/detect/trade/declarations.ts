/**
 * What the trade indicators share about a customs declaration: its subjects
 * (the parties and the goods, with their identifiers) and its evidence entry.
 */
import { foldName } from '../../model/normalize/names.ts';
import type { StoredDeclaration } from '../../store/events.ts';
import type { AlertSubject } from '../alert.ts';
import type { EvidenceRef } from '../inputs.ts';

export function declarationEvidence(d: StoredDeclaration, note: string): EvidenceRef {
  return { source: d.dataset, record: d.source_record, agency: d.agency, note, dataset: d.dataset, marking: d.marking, schema: 'CustomsDeclaration' };
}

/** A party as declared: no registry id is known from a declaration, so the id is its country and folded name. */
function party(name: string, country: string, declaration: string): AlertSubject {
  return { id: `party:${country}:${foldName(name)}`, schema: 'LegalEntity', name, identifiers: { declaration, country } };
}

/** Exporter, importer (and consignee when another party) and the goods. */
export function declarationSubjects(d: StoredDeclaration, goodsName?: string): AlertSubject[] {
  const out = [party(d.exporter_name, d.exporter_country, d.declaration_id), party(d.importer_name, d.importer_country, d.declaration_id)];
  if (d.consignee_name && d.consignee_country && d.consignee_name !== d.importer_name) out.push(party(d.consignee_name, d.consignee_country, d.declaration_id));
  out.push({ id: `hs6:${d.hs6}`, schema: 'Goods', name: goodsName ?? d.description ?? d.hs6, identifiers: { hs6: d.hs6 } });
  return out;
}

/** The day of a declaration as an alert window. */
export function declarationWindow(d: StoredDeclaration): { start: string; end: string } {
  return { start: `${d.date}T00:00:00.000Z`, end: `${d.date}T23:59:59.999Z` };
}

/** Where the goods end up: the consignee's country when declared, else the destination. */
export function finalCountry(d: StoredDeclaration): string {
  return d.consignee_country ?? d.destination_country;
}
