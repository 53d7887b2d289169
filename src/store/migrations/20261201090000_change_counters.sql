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

CREATE TRIGGER agencies_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agencies
  FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('governance');
CREATE TRIGGER users_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('governance');
CREATE TRIGGER api_tokens_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON api_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('governance');
CREATE TRIGGER agreements_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agreements
  FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('governance');
CREATE TRIGGER agreement_approvals_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agreement_approvals
  FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('governance');
CREATE TRIGGER screening_decisions_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON screening_decisions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('screening_decisions');
CREATE TRIGGER statements_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON statements
  FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('statements');
CREATE TRIGGER ingest_runs_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ingest_runs
  FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('statements');
