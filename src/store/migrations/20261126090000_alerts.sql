-- Alerts (FORMATS.md §6): what detection found. The id is a hash of the
-- indicator and the indicator's own key, so a re-run updates the alert it
-- found before (score, evidence, last_seen) instead of adding a copy; an
-- analyst's status survives re-runs. `classes` lists the (dataset, agency,
-- marking, schema) of every evidence record: a viewer sees an alert only when
-- the policy lets them see all of them, and `marking` is the most restrictive
-- of their markings.
CREATE TABLE alerts (
  id            text PRIMARY KEY,
  indicator     text NOT NULL,
  score         double precision NOT NULL CHECK (score >= 0 AND score <= 1),
  subjects      jsonb NOT NULL,
  subject_ids   text[] NOT NULL,            -- subjects' ids and identifiers, for filtering
  window_start  timestamptz NOT NULL,
  window_end    timestamptz NOT NULL,
  evidence      jsonb NOT NULL,
  classes       jsonb NOT NULL,
  explanation   text NOT NULL,
  details       jsonb NOT NULL DEFAULT '{}',
  params        jsonb NOT NULL DEFAULT '{}', -- the parameters the indicator ran with
  marking       text NOT NULL,
  status        text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'triaged', 'dismissed', 'escalated')),
  first_seen    timestamptz NOT NULL,
  last_seen     timestamptz NOT NULL
);
CREATE INDEX alerts_indicator ON alerts (indicator);
CREATE INDEX alerts_window ON alerts (window_start);
CREATE INDEX alerts_subject_ids ON alerts USING gin (subject_ids);
