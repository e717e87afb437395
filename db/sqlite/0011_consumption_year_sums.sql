-- Each institution's consumption summed over the months it reported in a year, kept beside the months so that a year
-- is read as one row per institution (1.6 million nationally) instead of being grouped from its months (19.2 million)
-- at every assessment and simulation.
--
-- The months stay the truth. Triggers mark the (year, code) of every month inserted, changed or deleted, by this
-- program or any other, as stale; a read sums a stale year from its months again; the program folds stale years into
-- this table before an assessment, at the start of a split run and after writing a demo
-- (ConsumptionRepository.RefreshYearSumsAsync). Both use the same statement, adding each institution's months in
-- month order (SQL Server has no ordered sums: there a parallel plan may differ in the last bit), so a year reads
-- the same sums whether it was folded or not.

CREATE TABLE consumption_year_sums (
    year               INTEGER NOT NULL,
    code               TEXT    NOT NULL,
    months             INTEGER NOT NULL,
    month_mask         INTEGER NOT NULL,
    electricity_kwh    REAL    NOT NULL,
    water_m3           REAL    NOT NULL,
    natural_gas_m3     REAL    NOT NULL,
    coal_t             REAL    NOT NULL,
    heat_gj            REAL    NOT NULL,
    lpg_kg             REAL    NOT NULL,
    diesel_l           REAL    NOT NULL,
    vehicle_gasoline_l REAL    NOT NULL,
    vehicle_diesel_l   REAL    NOT NULL,
    pv_kwh             REAL    NOT NULL,
    other_kgce         REAL    NOT NULL,
    PRIMARY KEY (year, code)
) WITHOUT ROWID;

CREATE TABLE consumption_year_sums_stale (
    year INTEGER NOT NULL,
    code TEXT    NOT NULL,
    PRIMARY KEY (year, code)
) WITHOUT ROWID;

-- A year already marked is not inserted again (not INSERT OR IGNORE: the conflict clause of the statement that fires a
-- trigger overrides the trigger's own). The WHEN form is the cheaper: a demo's months take a third longer to insert.
CREATE TRIGGER consumption_inserted_marks_year_stale AFTER INSERT ON consumption
    WHEN NOT EXISTS (SELECT 1 FROM consumption_year_sums_stale WHERE year = NEW.year AND code = NEW.code)
BEGIN
    INSERT INTO consumption_year_sums_stale (year, code) VALUES (NEW.year, NEW.code);
END;

CREATE TRIGGER consumption_updated_marks_year_stale AFTER UPDATE ON consumption
BEGIN
    INSERT INTO consumption_year_sums_stale (year, code) SELECT OLD.year, OLD.code
        WHERE NOT EXISTS (SELECT 1 FROM consumption_year_sums_stale WHERE year = OLD.year AND code = OLD.code);
    INSERT INTO consumption_year_sums_stale (year, code) SELECT NEW.year, NEW.code
        WHERE NOT EXISTS (SELECT 1 FROM consumption_year_sums_stale WHERE year = NEW.year AND code = NEW.code);
END;

CREATE TRIGGER consumption_deleted_marks_year_stale AFTER DELETE ON consumption
    WHEN NOT EXISTS (SELECT 1 FROM consumption_year_sums_stale WHERE year = OLD.year AND code = OLD.code)
BEGIN
    INSERT INTO consumption_year_sums_stale (year, code) VALUES (OLD.year, OLD.code);
END;

-- Months stored before this script: every year is stale until folded.
INSERT INTO consumption_year_sums_stale (year, code) SELECT DISTINCT year, code FROM consumption;
