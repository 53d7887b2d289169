-- Governance: agencies, users and their credentials, sharing agreements, the
-- hash-chained audit log, retention settings, and the classes of statements
-- that the policy module decides on.

CREATE TABLE agencies (
  id              text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{1,62}$'),
  name            text NOT NULL,
  country         text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  sector          text NOT NULL,
  -- Marking given to statements this agency ingests when neither the run nor the dataset sets one.
  default_marking text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id                   text PRIMARY KEY,
  agency_id            text NOT NULL REFERENCES agencies(id),
  username             text NOT NULL UNIQUE,
  display_name         text,
  roles                text[] NOT NULL,
  clearance            text NOT NULL,
  password_hash        text,
  must_change_password boolean NOT NULL DEFAULT false,
  disabled             boolean NOT NULL DEFAULT false,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);

-- Failed logins per user name, whether or not the name exists, so that the
-- lock-out itself does not tell which names exist.
CREATE TABLE login_failures (
  username     text PRIMARY KEY,
  failures     integer NOT NULL,
  last_failure timestamptz NOT NULL,
  locked_until timestamptz
);

-- Browser sessions: only a hash of the cookie value is stored.
CREATE TABLE sessions (
  id_hash      text PRIMARY KEY,
  user_id      text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);

-- API tokens for machines: stored hashed, scoped, expiring, revocable.
CREATE TABLE api_tokens (
  id           text PRIMARY KEY,
  user_id      text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name         text NOT NULL,
  token_hash   text NOT NULL UNIQUE,
  scopes       text[] NOT NULL,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  last_used_at timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Sharing agreements (memoranda of understanding) as data. Every party shares
-- its own data with the other parties on these terms once it has approved.
CREATE TABLE agreements (
  id             text PRIMARY KEY,
  name           text NOT NULL,
  parties        text[] NOT NULL,
  categories     jsonb NOT NULL,
  purposes       text[] NOT NULL,
  max_tlp        text NOT NULL,
  max_level      text NOT NULL,
  minimisation   jsonb NOT NULL,
  retention_days integer,
  valid_from     date NOT NULL,
  valid_until    date,
  -- Key of the keyed hash that minimisation rule "hash" applies; parties hold it to match their own identifiers.
  hash_key       text NOT NULL,
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL,
  revoked_at     timestamptz,
  revoked_by     text
);

CREATE TABLE agreement_approvals (
  agreement_id text NOT NULL REFERENCES agreements(id),
  agency_id    text NOT NULL REFERENCES agencies(id),
  user_id      text NOT NULL,
  approved_at  timestamptz NOT NULL,
  PRIMARY KEY (agreement_id, agency_id)
);

-- The audit log: append-only and hash-chained. Each record carries the hash of
-- the one before it; checkpoints pin the chain's head at a point in time.
CREATE TABLE audit_log (
  seq       bigint PRIMARY KEY,
  at        timestamptz NOT NULL,
  actor     text NOT NULL,
  agency    text,
  action    text NOT NULL,
  purpose   text,
  details   jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash      text NOT NULL
);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);

CREATE TABLE audit_checkpoints (
  seq  bigint PRIMARY KEY,
  hash text NOT NULL,
  at   timestamptz NOT NULL
);

-- Append-only in the database itself: updates and deletes are refused. (An
-- owner can still disable the trigger; `sextant audit verify` catches that.)
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- Retention per dataset, and the agreement a dataset was received under.
ALTER TABLE datasets ADD COLUMN retention_days integer;
ALTER TABLE datasets ADD COLUMN agreement_id text REFERENCES agreements(id);

-- The distinct (dataset, agency, marking, schema, property) classes of
-- statements. Access decisions depend on nothing else, so the policy module
-- decides once per class and the store filters by the allowed classes in SQL
-- (counts and pages then never include what a viewer may not see).
CREATE TABLE statement_classes (
  dataset   text NOT NULL,
  agency    text NOT NULL,
  marking   text NOT NULL,
  schema    text NOT NULL,
  prop      text NOT NULL,
  prop_type text NOT NULL,
  PRIMARY KEY (dataset, agency, marking, schema, prop)
);
INSERT INTO statement_classes
  SELECT DISTINCT dataset, agency, marking, schema, prop, prop_type FROM statements;
