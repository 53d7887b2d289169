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
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('agencies', 'governance'), ('users', 'governance'), ('api_tokens', 'governance'),
    ('agreements', 'governance'), ('agreement_approvals', 'governance'),
    ('screening_decisions', 'screening_decisions'),
    ('statements', 'statements'), ('ingest_runs', 'statements')
  ) AS v(tbl, topic) LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter(%L)',
      t.tbl || '_changed', t.tbl, t.topic);
  END LOOP;
END $$;
