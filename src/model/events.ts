/**
 * Events: the streams FtM has no good shape for at their volume — payments,
 * customs declarations, vessel positions (FORMATS.md §3–5). Readers produce
 * them normalised and checked; the store keeps them as typed rows in their own
 * tables (store/events.ts), not as statements. Field names are the column names.
 */
export type EventType = 'payment' | 'declaration' | 'position';

/** A financial transaction (FORMATS.md §4). */
export interface PaymentEvent {
  type: 'payment';
  txn_id: string;
  /** ISO 8601 UTC (`…Z`); a date-only source value is midnight UTC. */
  ts: string;
  /** Positive decimal as written (digits kept exactly, no float rounding). */
  amount: string;
  /** ISO 4217 code, upper case. */
  currency: string;
  /** Compact upper-case IBAN when it is one, else the local account number as written. */
  originator_account: string;
  originator_name: string | null;
  /** BIC, compact upper case. */
  originator_bank: string | null;
  /** ISO 3166-1 alpha-2, lower case as everywhere in Sextant. */
  originator_country: string | null;
  beneficiary_account: string;
  beneficiary_name: string | null;
  beneficiary_bank: string | null;
  beneficiary_country: string | null;
  purpose: string | null;
  reference: string | null;
  /** Columns the format does not define, by header name as written. */
  extra: Record<string, string> | null;
}

export type DeclarationDirection = 'export' | 'import';

/** A customs declaration (FORMATS.md §5). Countries lower-case alpha-2. */
export interface DeclarationEvent {
  type: 'declaration';
  declaration_id: string;
  /** ISO date of acceptance, YYYY-MM-DD. */
  date: string;
  direction: DeclarationDirection;
  exporter_name: string;
  exporter_country: string;
  importer_name: string;
  importer_country: string;
  consignee_name: string | null;
  consignee_country: string | null;
  declarant_name: string | null;
  origin_country: string;
  destination_country: string;
  /** 6 to 10 digits. */
  hs_code: string;
  /** The HS6 heading: the first six digits of hs_code. */
  hs6: string;
  description: string | null;
  quantity: string | null;
  unit: string | null;
  /** Customs value, decimal as written. */
  value: string;
  currency: string;
  /** Seven digits, check digit verified. */
  vessel_imo: string | null;
  /** UN/LOCODE, five characters, upper case. */
  port_of_loading: string | null;
  port_of_discharge: string | null;
  transport_document: string | null;
  invoice_reference: string | null;
  extra: Record<string, string> | null;
}

/** One AIS position report (FORMATS.md §3). Null is "not available", never a sentinel. */
export interface PositionEvent {
  type: 'position';
  /** Nine digits. */
  mmsi: string;
  /** ISO 8601 UTC. */
  ts: string;
  lat: number;
  lon: number;
  /** Speed over ground, knots. */
  sog: number | null;
  /** Course over ground, degrees. */
  cog: number | null;
  /** True heading, degrees. */
  heading: number | null;
  vessel_name: string | null;
  /** Seven digits, check digit verified. */
  imo: string | null;
  call_sign: string | null;
  vessel_type: number | null;
  /** AIS navigational status, 0–15. */
  status: number | null;
  /** Metres. */
  length: number | null;
  width: number | null;
  draft: number | null;
  cargo: number | null;
  /** `A` or `B`. */
  transceiver_class: string | null;
}

export type SextantEvent = PaymentEvent | DeclarationEvent | PositionEvent;

/**
 * The schema name each event kind is governed under: the statement class
 * (dataset, agency, marking, schema, `*`) the policy module decides on for the
 * events of a run. `Payment` is FtM's; the other two are Sextant's extensions.
 */
export const EVENT_SCHEMA: Record<EventType, string> = {
  payment: 'Payment',
  declaration: 'CustomsDeclaration',
  position: 'VesselPosition',
};
