import type { DeclarationDirection, DeclarationEvent } from '../model/events.ts';
import { fail, ok, quote, type CheckResult } from '../model/normalize/result.ts';
import { singleLine } from '../model/normalize/text.ts';
import {
  readEvents,
  country,
  currency,
  headerColumns,
  imo,
  isoDate,
  key,
  locode,
  nonNegativeDecimal,
  text,
} from './event_table.ts';
import type { Reader, ReaderInput, ReadItem } from './types.ts';

/**
 * Customs declarations CSV (FORMATS.md §5): one declaration per row, columns by
 * name in any order, unknown columns kept as extra metadata. Countries become
 * lower-case alpha-2 codes (names resolve too). A bad required value refuses
 * the declaration; a bad optional one (consignee country, quantity, unit,
 * vessel IMO, port) is dropped and reported, the declaration kept.
 */

const REQUIRED = [
  'declaration_id',
  'date',
  'direction',
  'exporter_name',
  'exporter_country',
  'importer_name',
  'importer_country',
  'origin_country',
  'destination_country',
  'hs_code',
  'value',
  'currency',
] as const;
const OPTIONAL = [
  'consignee_name',
  'consignee_country',
  'declarant_name',
  'description',
  'quantity',
  'unit',
  'vessel_imo',
  'port_of_loading',
  'port_of_discharge',
  'transport_document',
  'invoice_reference',
] as const;

const UNITS = new Set(['kg', 'pcs', 'bbl', 't', 'l']);

const direction = (raw: string): CheckResult => {
  const d = singleLine(raw).toLowerCase();
  return d === 'export' || d === 'import' ? ok(d) : fail(`direction ${quote(singleLine(raw))} must be export or import`);
};

/** 6 to 10 digits; the dots and spaces of "8471.30.00" are layout, not part of the code. */
const hsCode = (raw: string): CheckResult => {
  const code = singleLine(raw).replace(/[.\s]/g, '');
  return /^\d{6,10}$/.test(code) ? ok(code) : fail(`HS code ${quote(singleLine(raw))} must be 6 to 10 digits`);
};

const unit = (raw: string): CheckResult => {
  const u = singleLine(raw).toLowerCase();
  return UNITS.has(u) ? ok(u) : fail(`unit ${quote(singleLine(raw))} must be one of ${[...UNITS].join(', ')}`);
};

export const customsReader: Reader = {
  format: 'customs',
  description: 'Customs declarations (CSV with header: declaration_id, date, direction, parties, hs_code, value, …)',
  isList: false,
  events: true,
  detect(input: ReaderInput): boolean {
    const columns = headerColumns(input);
    return columns.includes('declaration_id') && columns.includes('hs_code');
  },
  read(input: ReaderInput): AsyncIterable<ReadItem> {
    return readDeclarations(input);
  },
};

function readDeclarations(input: ReaderInput): AsyncIterable<ReadItem> {
  return readEvents(input, {
    required: REQUIRED,
    known: [...REQUIRED, ...OPTIONAL],
    recordId: (v) => (v ? singleLine(v.raw('declaration_id')) : ''),
    build: (v): DeclarationEvent => {
      const declarationId = v.required('declaration_id', key);
      const date = v.required('date', isoDate);
      const dir = v.required('direction', direction) as DeclarationDirection;
      const exporterName = v.required('exporter_name', text);
      const exporterCountry = v.required('exporter_country', country);
      const importerName = v.required('importer_name', text);
      const importerCountry = v.required('importer_country', country);
      const originCountry = v.required('origin_country', country);
      const destinationCountry = v.required('destination_country', country);
      const hs = v.required('hs_code', hsCode);
      const value = v.required('value', nonNegativeDecimal);
      const cur = v.required('currency', currency);
      return {
        type: 'declaration',
        declaration_id: declarationId,
        date,
        direction: dir,
        exporter_name: exporterName,
        exporter_country: exporterCountry,
        importer_name: importerName,
        importer_country: importerCountry,
        consignee_name: v.optional('consignee_name', text),
        consignee_country: v.optional('consignee_country', country),
        declarant_name: v.optional('declarant_name', text),
        origin_country: originCountry,
        destination_country: destinationCountry,
        hs_code: hs,
        hs6: hs.slice(0, 6),
        description: v.optional('description', text),
        quantity: v.optional('quantity', nonNegativeDecimal),
        unit: v.optional('unit', unit),
        value,
        currency: cur,
        vessel_imo: v.optional('vessel_imo', imo),
        port_of_loading: v.optional('port_of_loading', locode),
        port_of_discharge: v.optional('port_of_discharge', locode),
        transport_document: v.optional('transport_document', key),
        invoice_reference: v.optional('invoice_reference', key),
        extra: v.extra(),
      };
    },
  });
}
