-- 20261128090000 guarded version_entities' (dataset, version) against updates
-- with the function that compares only `dataset`: moving a row to another
-- version of its list passed unchecked. Its own function compares both.
CREATE FUNCTION version_entities_version_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.dataset, NEW.version) IS DISTINCT FROM (OLD.dataset, OLD.version) THEN
    RAISE EXCEPTION 'the list version of a row of table "version_entities" cannot change' USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER version_entities_version_unchanged ON version_entities;
CREATE TRIGGER version_entities_version_unchanged BEFORE UPDATE OF dataset, version ON version_entities
  FOR EACH ROW EXECUTE FUNCTION version_entities_version_unchanged();
