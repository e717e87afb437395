-- SQL Server version of db/sqlite/0011_consumption_year_sums.sql: the same tables; one trigger marks the years a
-- statement touched. TRUNCATE TABLE fires no trigger: after truncating consumption, delete from both tables too.
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
    year               INT          NOT NULL,
    code               NVARCHAR(64) NOT NULL,
    months             INT          NOT NULL,
    month_mask         INT          NOT NULL,
    electricity_kwh    FLOAT        NOT NULL,
    water_m3           FLOAT        NOT NULL,
    natural_gas_m3     FLOAT        NOT NULL,
    coal_t             FLOAT        NOT NULL,
    heat_gj            FLOAT        NOT NULL,
    lpg_kg             FLOAT        NOT NULL,
    diesel_l           FLOAT        NOT NULL,
    vehicle_gasoline_l FLOAT        NOT NULL,
    vehicle_diesel_l   FLOAT        NOT NULL,
    pv_kwh             FLOAT        NOT NULL,
    other_kgce         FLOAT        NOT NULL,
    PRIMARY KEY (year, code)
);

-- A log, not a set: no unique key, so that writers of different months never wait on each other's marks. Readers
-- take its distinct rows.
CREATE TABLE consumption_year_sums_stale (
    year INT          NOT NULL,
    code NVARCHAR(64) NOT NULL
);

CREATE INDEX ix_consumption_year_sums_stale ON consumption_year_sums_stale (year, code);
GO

CREATE TRIGGER consumption_marks_year_stale ON consumption AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO consumption_year_sums_stale (year, code)
    SELECT year, code FROM inserted UNION SELECT year, code FROM deleted;
END;
GO

-- Months stored before this script: every year is stale until folded.
INSERT INTO consumption_year_sums_stale (year, code) SELECT DISTINCT year, code FROM consumption;
