-- Foundation: datasets, statements with provenance and marking, list versions,
-- ingest runs and their staging tables.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

CREATE TABLE datasets (
  name            text PRIMARY KEY,
  format          text NOT NULL,
  is_list         boolean NOT NULL DEFAULT false,
  authority       text,
  source_url      text,
  default_marking text NOT NULL DEFAULT 'TLP:CLEAR',
  agency          text NOT NULL DEFAULT 'local',
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- One row per value: the FtM statement model. The id is a hash of
-- (dataset, entity, property, value): re-ingesting the same value from the same
-- dataset only moves last_seen. (A hash, because values such as notes can be
-- longer than a btree key may be.)
CREATE TABLE statements (
  id            text PRIMARY KEY,
  dataset       text NOT NULL REFERENCES datasets(name),
  entity_id     text NOT NULL,
  prop          text NOT NULL,
  value         text NOT NULL,
  schema        text NOT NULL,
  prop_type     text NOT NULL,
  original      text,            -- as written in the source, when normalisation changed it
  match         text,            -- folded key for search and matching (names, identifiers)
  source_record text,
  agency        text NOT NULL,
  marking       text NOT NULL,
  first_seen    timestamptz NOT NULL,
  last_seen     timestamptz NOT NULL
);
CREATE INDEX statements_entity ON statements (entity_id);
CREATE INDEX statements_ref ON statements (value) WHERE prop_type = 'entity';
CREATE INDEX statements_ident ON statements (match) WHERE prop_type = 'identifier';
CREATE INDEX statements_name_trgm ON statements USING gin (match gin_trgm_ops) WHERE prop_type = 'name';
CREATE INDEX statements_name_fts ON statements USING gin (to_tsvector('simple', match)) WHERE prop_type = 'name';

-- Top-level FtM keys that are not properties (caption, referents, target, …), kept for export.
CREATE TABLE entity_extras (
  dataset   text NOT NULL REFERENCES datasets(name),
  entity_id text NOT NULL,
  extras    jsonb NOT NULL,
  PRIMARY KEY (dataset, entity_id)
);

CREATE TABLE list_versions (
  dataset       text NOT NULL REFERENCES datasets(name),
  version       integer NOT NULL,
  version_date  text,
  content_hash  text NOT NULL,
  source_path   text,
  ingested_at   timestamptz NOT NULL,
  last_seen     timestamptz NOT NULL,
  entities      integer NOT NULL,
  designations  integer NOT NULL,
  added         integer NOT NULL,
  removed       integer NOT NULL,
  changed       integer NOT NULL,
  PRIMARY KEY (dataset, version)
);

-- Which entities (and which designated ones) each version held, with a content
-- hash per entity so that changes between versions are a set operation.
CREATE TABLE version_entities (
  dataset      text NOT NULL,
  version      integer NOT NULL,
  entity_id    text NOT NULL,
  content_hash text NOT NULL,
  designated   boolean NOT NULL,
  is_sanction  boolean NOT NULL,
  PRIMARY KEY (dataset, version, entity_id),
  FOREIGN KEY (dataset, version) REFERENCES list_versions (dataset, version)
);

CREATE TABLE ingest_runs (
  id          text PRIMARY KEY,
  dataset     text NOT NULL REFERENCES datasets(name),
  path        text NOT NULL,
  format      text NOT NULL,
  started_at  timestamptz NOT NULL,
  finished_at timestamptz,
  records     integer,
  accepted    integer,
  rejected    integer,
  entities    integer,
  statements  integer,
  version     integer
);

-- Staging for one run: entity hashes and references, so that versions and
-- dangling references are computed in SQL with flat memory on any input size.
CREATE TABLE ingest_entities (
  run_id      text NOT NULL,
  entity_id   text NOT NULL,
  content_hash text NOT NULL,
  designated  boolean NOT NULL,
  is_sanction boolean NOT NULL
);
CREATE INDEX ingest_entities_run ON ingest_entities (run_id, entity_id);

CREATE TABLE ingest_refs (
  run_id    text NOT NULL,
  entity_id text NOT NULL,
  schema    text NOT NULL,
  prop      text NOT NULL,
  target    text NOT NULL,
  file      text NOT NULL,
  line      integer NOT NULL,
  record    text
);
CREATE INDEX ingest_refs_run ON ingest_refs (run_id);
