-- A vessel is looked up by IMO number as often as by MMSI (GET /vessels/{id},
-- sextant vessel): which radios broadcast this hull's IMO. Partial: most
-- position-only fixes carry no IMO.
CREATE INDEX positions_imo ON positions (imo) WHERE imo IS NOT NULL;
