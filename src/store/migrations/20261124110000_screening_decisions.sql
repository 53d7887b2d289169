-- Analysts' decisions on screening results: this query subject is (or is not)
-- this list entity. Kept per agency, reversible, with who and when.
CREATE TABLE screening_decisions (
  id           text PRIMARY KEY,
  agency       text NOT NULL,
  subject_key  text NOT NULL,
  subject      jsonb NOT NULL,
  entity_id    text NOT NULL,
  decision     text NOT NULL CHECK (decision IN ('match', 'no_match')),
  note         text,
  decided_by   text NOT NULL,
  decided_at   timestamptz NOT NULL,
  revoked_by   text,
  revoked_at   timestamptz
);
-- One standing decision per agency, subject and entity.
CREATE UNIQUE INDEX screening_decisions_live ON screening_decisions (agency, subject_key, entity_id) WHERE revoked_at IS NULL;
CREATE INDEX screening_decisions_entity ON screening_decisions (agency, entity_id);
