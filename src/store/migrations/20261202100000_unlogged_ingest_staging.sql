-- A run's staging rows (ingest_entities, ingest_refs) live only while the run
-- does and are deleted at its end: they need no write-ahead log. After a
-- crash PostgreSQL empties unlogged tables, which only drops the staging of a
-- run that was cut off anyway (ingest is idempotent: run it again).
ALTER TABLE ingest_entities SET UNLOGGED;
ALTER TABLE ingest_refs SET UNLOGGED;
