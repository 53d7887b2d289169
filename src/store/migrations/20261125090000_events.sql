-- Event streams: payments, customs declarations and vessel positions
-- (FORMATS.md §3–5), as typed rows in their own tables rather than FtM
-- statements: they come by the million and detection reads them by key and
-- time range. Each row carries the provenance a statement carries (dataset,
-- source record, agency, marking, first and last seen). The keys make
-- re-ingest idempotent: the same record again only moves last_seen.
-- A value that fails its checks never reaches these tables (the readers
-- refuse or drop it), so the few CHECKs here only state what readers ensure.

CREATE TABLE payments (
  dataset             text NOT NULL REFERENCES datasets(name),
  txn_id              text NOT NULL,
  ts                  timestamptz NOT NULL,   -- the `timestamp` column
  amount              numeric NOT NULL CHECK (amount > 0),
  currency            text NOT NULL,
  originator_account  text NOT NULL,          -- compact IBAN, or the local number as written
  originator_name     text,
  originator_bank     text,                   -- BIC
  originator_country  text,                   -- lower-case alpha-2
  beneficiary_account text NOT NULL,
  beneficiary_name    text,
  beneficiary_bank    text,
  beneficiary_country text,
  purpose             text,
  reference           text,
  extra               jsonb,                  -- columns the format does not define
  source_record       text NOT NULL,
  agency              text NOT NULL,
  marking             text NOT NULL,
  first_seen          timestamptz NOT NULL,
  last_seen           timestamptz NOT NULL,
  PRIMARY KEY (dataset, txn_id)
);
CREATE INDEX payments_originator ON payments (originator_account);
CREATE INDEX payments_beneficiary ON payments (beneficiary_account);
CREATE INDEX payments_ts ON payments (ts);
CREATE INDEX payments_reference ON payments (reference) WHERE reference IS NOT NULL;

CREATE TABLE declarations (
  dataset             text NOT NULL REFERENCES datasets(name),
  declaration_id      text NOT NULL,
  date                date NOT NULL,          -- of acceptance
  direction           text NOT NULL CHECK (direction IN ('export', 'import')),
  exporter_name       text NOT NULL,
  exporter_country    text NOT NULL,
  importer_name       text NOT NULL,
  importer_country    text NOT NULL,
  consignee_name      text,
  consignee_country   text,
  declarant_name      text,
  origin_country      text NOT NULL,
  destination_country text NOT NULL,
  hs_code             text NOT NULL,
  hs6                 text NOT NULL,          -- first six digits of hs_code
  description         text,
  quantity            numeric,
  unit                text,
  value               numeric NOT NULL,
  currency            text NOT NULL,
  vessel_imo          text,
  port_of_loading     text,                   -- UN/LOCODE
  port_of_discharge   text,
  transport_document  text,
  invoice_reference   text,                   -- meets payments.reference
  extra               jsonb,
  source_record       text NOT NULL,
  agency              text NOT NULL,
  marking             text NOT NULL,
  first_seen          timestamptz NOT NULL,
  last_seen           timestamptz NOT NULL,
  PRIMARY KEY (dataset, declaration_id)
);
CREATE INDEX declarations_hs6 ON declarations (hs6);
CREATE INDEX declarations_invoice ON declarations (invoice_reference) WHERE invoice_reference IS NOT NULL;
CREATE INDEX declarations_vessel ON declarations (vessel_imo) WHERE vessel_imo IS NOT NULL;

-- Null is "not available": AIS sentinels (heading 511, course 360, speed 102.3)
-- are stored as null, never as numbers.
CREATE TABLE positions (
  dataset           text NOT NULL REFERENCES datasets(name),
  mmsi              text NOT NULL,            -- nine digits (leading zeros are meaningful)
  ts                timestamptz NOT NULL,
  lat               float8 NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon               float8 NOT NULL CHECK (lon BETWEEN -180 AND 180),
  sog               real,                     -- knots
  cog               real,                     -- degrees
  heading           real,                     -- degrees
  vessel_name       text,
  imo               text,
  call_sign         text,
  vessel_type       smallint,
  status            smallint,                 -- AIS navigational status
  length            real,                     -- metres
  width             real,
  draft             real,
  cargo             smallint,
  transceiver_class text,
  source_record     text NOT NULL,            -- line in the source file
  agency            text NOT NULL,
  marking           text NOT NULL,
  first_seen        timestamptz NOT NULL,
  last_seen         timestamptz NOT NULL,
  PRIMARY KEY (dataset, mmsi, ts)
);
-- Tracks across datasets (one vessel heard by several feeds).
CREATE INDEX positions_mmsi_ts ON positions (mmsi, ts);

ALTER TABLE ingest_runs ADD COLUMN events integer;
