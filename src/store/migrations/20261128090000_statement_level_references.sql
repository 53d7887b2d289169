-- The bulk tables' references to their dataset (and a version's entities to
-- their version) are checked once per INSERT statement instead of once per row.
--
-- Why: a foreign key runs a lookup of the referenced row for every inserted
-- row. Every row of one bulk write comes from one dataset, so the lookups
-- repeat one answer thousands of times. In PGlite's WebAssembly build each
-- lookup costs about 6 µs, roughly a quarter of the time to write a statement.
-- The check below reads the statement's distinct datasets from its transition
-- table. It refuses what the foreign key refused, with the same SQLSTATE
-- (23503). A dataset or version that rows still point at can no more be
-- deleted or renamed than before.

ALTER TABLE statements DROP CONSTRAINT IF EXISTS statements_dataset_fkey;
ALTER TABLE entity_extras DROP CONSTRAINT IF EXISTS entity_extras_dataset_fkey;
ALTER TABLE payments DROP CONSTRAINT IF EXISTS payments_dataset_fkey;
ALTER TABLE declarations DROP CONSTRAINT IF EXISTS declarations_dataset_fkey;
ALTER TABLE positions DROP CONSTRAINT IF EXISTS positions_dataset_fkey;
ALTER TABLE version_entities DROP CONSTRAINT IF EXISTS version_entities_dataset_version_fkey;

-- Shared by every table with a `dataset` column; each trigger names its transition table new_rows.
CREATE FUNCTION rows_dataset_registered() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing text;
BEGIN
  SELECT n.dataset INTO missing
  FROM (SELECT DISTINCT dataset FROM new_rows) n
  WHERE NOT EXISTS (SELECT 1 FROM datasets d WHERE d.name = n.dataset)
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "%" violates its reference to datasets: dataset "%" is not registered', TG_TABLE_NAME, missing
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER statements_dataset_registered AFTER INSERT ON statements
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rows_dataset_registered();
CREATE TRIGGER entity_extras_dataset_registered AFTER INSERT ON entity_extras
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rows_dataset_registered();
CREATE TRIGGER payments_dataset_registered AFTER INSERT ON payments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rows_dataset_registered();
CREATE TRIGGER declarations_dataset_registered AFTER INSERT ON declarations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rows_dataset_registered();
CREATE TRIGGER positions_dataset_registered AFTER INSERT ON positions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rows_dataset_registered();
-- An upsert's DO UPDATE never sets `dataset` (it is part of every conflict key),
-- so only an UPDATE that names the column could move a row to an unknown dataset.
CREATE FUNCTION rows_dataset_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.dataset IS DISTINCT FROM OLD.dataset THEN
    RAISE EXCEPTION 'the dataset of a row of table "%" cannot change', TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER statements_dataset_unchanged BEFORE UPDATE OF dataset ON statements
  FOR EACH ROW EXECUTE FUNCTION rows_dataset_unchanged();
CREATE TRIGGER entity_extras_dataset_unchanged BEFORE UPDATE OF dataset ON entity_extras
  FOR EACH ROW EXECUTE FUNCTION rows_dataset_unchanged();
CREATE TRIGGER payments_dataset_unchanged BEFORE UPDATE OF dataset ON payments
  FOR EACH ROW EXECUTE FUNCTION rows_dataset_unchanged();
CREATE TRIGGER declarations_dataset_unchanged BEFORE UPDATE OF dataset ON declarations
  FOR EACH ROW EXECUTE FUNCTION rows_dataset_unchanged();
CREATE TRIGGER positions_dataset_unchanged BEFORE UPDATE OF dataset ON positions
  FOR EACH ROW EXECUTE FUNCTION rows_dataset_unchanged();
CREATE TRIGGER version_entities_version_unchanged BEFORE UPDATE OF dataset, version ON version_entities
  FOR EACH ROW EXECUTE FUNCTION rows_dataset_unchanged();

CREATE FUNCTION version_entities_version_registered() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing record;
BEGIN
  SELECT n.dataset, n.version INTO missing
  FROM (SELECT DISTINCT dataset, version FROM new_rows) n
  WHERE NOT EXISTS (SELECT 1 FROM list_versions v WHERE v.dataset = n.dataset AND v.version = n.version)
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert on table "version_entities" violates its reference to list_versions: version % of "%" is not recorded', missing.version, missing.dataset
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER version_entities_version_registered AFTER INSERT ON version_entities
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION version_entities_version_registered();

-- The referenced side: a dataset or version still pointed at stays.
CREATE FUNCTION dataset_unreferenced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.name = OLD.name THEN
    RETURN NEW;
  END IF;
  IF EXISTS (SELECT 1 FROM statements WHERE dataset = OLD.name)
     OR EXISTS (SELECT 1 FROM entity_extras WHERE dataset = OLD.name)
     OR EXISTS (SELECT 1 FROM payments WHERE dataset = OLD.name)
     OR EXISTS (SELECT 1 FROM declarations WHERE dataset = OLD.name)
     OR EXISTS (SELECT 1 FROM positions WHERE dataset = OLD.name) THEN
    RAISE EXCEPTION 'dataset "%" is still referenced by its rows', OLD.name USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER datasets_unreferenced BEFORE DELETE OR UPDATE OF name ON datasets
  FOR EACH ROW EXECUTE FUNCTION dataset_unreferenced();

CREATE FUNCTION list_version_unreferenced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.dataset = OLD.dataset AND NEW.version = OLD.version THEN
    RETURN NEW;
  END IF;
  IF EXISTS (SELECT 1 FROM version_entities WHERE dataset = OLD.dataset AND version = OLD.version) THEN
    RAISE EXCEPTION 'version % of "%" is still referenced by its entities', OLD.version, OLD.dataset USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER list_versions_unreferenced BEFORE DELETE OR UPDATE OF dataset, version ON list_versions
  FOR EACH ROW EXECUTE FUNCTION list_version_unreferenced();
