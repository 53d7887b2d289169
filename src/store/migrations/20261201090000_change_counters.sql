-- Counters that in-memory caches check instead of re-reading what they hold:
-- one small query per API request tells the server whether tokens, users,
-- agencies and agreements (governance), analysts' screening decisions, or
-- statements and ingest runs (statements) changed since it last looked.
-- Bumped by statement-level triggers inside the writing transaction, so a
-- reader sees a new count only together with the committed change; writes to
-- these tables are rare or batched, so the row lock is held only briefly.
CREATE TABLE change_counters (
  topic text PRIMARY KEY,
  n bigint NOT NULL DEFAULT 0
);
INSERT INTO change_counters (topic) VALUES ('governance'), ('screening_decisions'), ('statements');

CREATE FUNCTION bump_change_counter() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE change_counters SET n = n + 1 WHERE topic = TG_ARGV[0];
  RETURN NULL;
END $$;

-- One trigger per table, named <table>_changed: each names the count it bumps.
-- An API token's last use (written once a minute while it is used) is left
-- out: no access depends on it, and it would empty every cache each time
-- (a column added to api_tokens later must be named here to count).
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('agencies', 'governance', 'UPDATE'), ('users', 'governance', 'UPDATE'),
    ('api_tokens', 'governance', 'UPDATE OF id, user_id, name, token_hash, scopes, created_at, expires_at, revoked_at'),
    ('agreements', 'governance', 'UPDATE'), ('agreement_approvals', 'governance', 'UPDATE'),
    ('screening_decisions', 'screening_decisions', 'UPDATE'),
    ('statements', 'statements', 'UPDATE'), ('ingest_runs', 'statements', 'UPDATE')
  ) AS v(tbl, topic, updates) LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR %s OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter(%L)',
      t.tbl || '_changed', t.updates, t.tbl, t.topic);
  END LOOP;
END $$;
