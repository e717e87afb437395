-- PostgreSQL version of db/sqlite/0011_consumption_year_sums.sql: the same tables; statement triggers with transition
-- tables mark the years a statement touched, once per statement, and a TRUNCATE of the months empties both tables.
--
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
    year               BIGINT NOT NULL,
    code               TEXT   NOT NULL,
    months             BIGINT NOT NULL,
    month_mask         BIGINT NOT NULL,
    electricity_kwh    DOUBLE PRECISION NOT NULL,
    water_m3           DOUBLE PRECISION NOT NULL,
    natural_gas_m3     DOUBLE PRECISION NOT NULL,
    coal_t             DOUBLE PRECISION NOT NULL,
    heat_gj            DOUBLE PRECISION NOT NULL,
    lpg_kg             DOUBLE PRECISION NOT NULL,
    diesel_l           DOUBLE PRECISION NOT NULL,
    vehicle_gasoline_l DOUBLE PRECISION NOT NULL,
    vehicle_diesel_l   DOUBLE PRECISION NOT NULL,
    pv_kwh             DOUBLE PRECISION NOT NULL,
    other_kgce         DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (year, code)
);

-- A log, not a set: no unique key, so that writers of different months never wait on each other's marks (two imports
-- touching the same institutions in different orders deadlocked on one). Readers take its distinct rows.
CREATE TABLE consumption_year_sums_stale (
    year BIGINT NOT NULL,
    code TEXT   NOT NULL
);

CREATE INDEX ix_consumption_year_sums_stale ON consumption_year_sums_stale (year, code);

CREATE FUNCTION consumption_marks_new_years_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO consumption_year_sums_stale (year, code) SELECT DISTINCT year, code FROM changed_rows;
    RETURN NULL;
END;
$$;

CREATE FUNCTION consumption_marks_changed_years_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO consumption_year_sums_stale (year, code)
    SELECT year, code FROM old_rows UNION SELECT year, code FROM new_rows;
    RETURN NULL;
END;
$$;

CREATE FUNCTION consumption_truncated_empties_year_sums() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM consumption_year_sums;
    DELETE FROM consumption_year_sums_stale;
    RETURN NULL;
END;
$$;

CREATE TRIGGER consumption_inserted_marks_year_stale AFTER INSERT ON consumption
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION consumption_marks_new_years_stale();

CREATE TRIGGER consumption_deleted_marks_year_stale AFTER DELETE ON consumption
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION consumption_marks_new_years_stale();

CREATE TRIGGER consumption_updated_marks_year_stale AFTER UPDATE ON consumption
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION consumption_marks_changed_years_stale();

CREATE TRIGGER consumption_truncated_empties_year_sums AFTER TRUNCATE ON consumption
    FOR EACH STATEMENT EXECUTE FUNCTION consumption_truncated_empties_year_sums();

-- Months stored before this script: every year is stale until folded.
INSERT INTO consumption_year_sums_stale (year, code) SELECT DISTINCT year, code FROM consumption;
