-- The staging tables lose their run_id indexes.
--
-- Why: every query on them reads one whole run (its content hash, its
-- version's entities, its dangling references, its deletion), which a scan
-- does as well as the index, while each staged row paid for an index entry
-- led by the 36-character run id. clearStaging empties both tables when no
-- other run has rows in them, so a scan reads the current run only (PGlite
-- never vacuums: rows deleted run after run used to pile up there for good).
DROP INDEX IF EXISTS ingest_entities_run;
DROP INDEX IF EXISTS ingest_refs_run;
