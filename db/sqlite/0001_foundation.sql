-- Foundation schema: organisation, monthly consumption with its history, factor tables, quotas and targets.
-- Quantities are in the units of the public-institution statistics form; see docs/data-model.md.

CREATE TABLE settings (
    name  TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE counties (
    code        TEXT NOT NULL PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('county', 'direct')),
    grid_region TEXT NOT NULL DEFAULT 'national'
);

CREATE TABLE institutions (
    code             TEXT    NOT NULL PRIMARY KEY,
    name             TEXT    NOT NULL,
    county_code      TEXT    NOT NULL REFERENCES counties (code),
    category         TEXT    NOT NULL CHECK (category IN ('organ', 'education', 'health', 'culture-sports', 'other-public-service', 'group')),
    building_area_m2 REAL    NOT NULL CHECK (building_area_m2 > 0),
    users            INTEGER NOT NULL CHECK (users > 0),
    key_unit         INTEGER NOT NULL DEFAULT 0 CHECK (key_unit IN (0, 1)),
    updated_at       TEXT    NOT NULL
);

CREATE INDEX ix_institutions_county ON institutions (county_code);

-- Earlier master records, kept when an import changes an institution.
CREATE TABLE institutions_history (
    id                    INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    code                  TEXT    NOT NULL,
    name                  TEXT    NOT NULL,
    county_code           TEXT    NOT NULL,
    category              TEXT    NOT NULL,
    building_area_m2      REAL    NOT NULL,
    users                 INTEGER NOT NULL,
    key_unit              INTEGER NOT NULL,
    valid_until           TEXT    NOT NULL,
    replaced_by_import_id INTEGER
);

-- Building area and energy users as reported for a year.
CREATE TABLE institution_years (
    code             TEXT    NOT NULL REFERENCES institutions (code),
    year             INTEGER NOT NULL,
    building_area_m2 REAL    NOT NULL CHECK (building_area_m2 > 0),
    users            INTEGER NOT NULL CHECK (users > 0),
    PRIMARY KEY (code, year)
);

CREATE TABLE imports (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    kind        TEXT    NOT NULL,
    file_name   TEXT    NOT NULL,
    sha256      TEXT    NOT NULL,
    row_count   INTEGER NOT NULL,
    inserted    INTEGER NOT NULL,
    replaced    INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL,
    imported_at TEXT    NOT NULL
);

CREATE TABLE consumption (
    code               TEXT    NOT NULL REFERENCES institutions (code),
    year               INTEGER NOT NULL,
    month              INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    electricity_kwh    REAL    NOT NULL DEFAULT 0,
    water_m3           REAL    NOT NULL DEFAULT 0,
    natural_gas_m3     REAL    NOT NULL DEFAULT 0,
    coal_t             REAL    NOT NULL DEFAULT 0,
    heat_gj            REAL    NOT NULL DEFAULT 0,
    lpg_kg             REAL    NOT NULL DEFAULT 0,
    diesel_l           REAL    NOT NULL DEFAULT 0,
    vehicle_gasoline_l REAL    NOT NULL DEFAULT 0,
    vehicle_diesel_l   REAL    NOT NULL DEFAULT 0,
    pv_kwh             REAL    NOT NULL DEFAULT 0,
    other_kgce         REAL    NOT NULL DEFAULT 0,
    import_id          INTEGER REFERENCES imports (id),
    PRIMARY KEY (code, year, month)
);

CREATE INDEX ix_consumption_year ON consumption (year, code);

-- Values replaced by a later import of the same month, never updated or deleted.
CREATE TABLE consumption_history (
    id                    INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    code                  TEXT    NOT NULL,
    year                  INTEGER NOT NULL,
    month                 INTEGER NOT NULL,
    electricity_kwh       REAL    NOT NULL,
    water_m3              REAL    NOT NULL,
    natural_gas_m3        REAL    NOT NULL,
    coal_t                REAL    NOT NULL,
    heat_gj               REAL    NOT NULL,
    lpg_kg                REAL    NOT NULL,
    diesel_l              REAL    NOT NULL,
    vehicle_gasoline_l    REAL    NOT NULL,
    vehicle_diesel_l      REAL    NOT NULL,
    pv_kwh                REAL    NOT NULL,
    other_kgce            REAL    NOT NULL,
    import_id             INTEGER,
    replaced_by_import_id INTEGER NOT NULL REFERENCES imports (id),
    replaced_at           TEXT    NOT NULL
);

CREATE INDEX ix_consumption_history_key ON consumption_history (code, year, month);

-- Every version of every factor table loaded; results name (id, content_hash).
CREATE TABLE factor_tables (
    id           TEXT    NOT NULL,
    content_hash TEXT    NOT NULL,
    first_year   INTEGER NOT NULL,
    last_year    INTEGER NOT NULL,
    document     TEXT    NOT NULL,
    source_file  TEXT    NOT NULL,
    is_current   INTEGER NOT NULL CHECK (is_current IN (0, 1)),
    loaded_at    TEXT    NOT NULL,
    PRIMARY KEY (id, content_hash)
);

CREATE TABLE quotas (
    category         TEXT    NOT NULL,
    indicator        TEXT    NOT NULL CHECK (indicator IN ('energy-per-capita', 'energy-per-area', 'water-per-capita')),
    first_year       INTEGER NOT NULL,
    constraint_value REAL    NOT NULL,
    baseline_value   REAL,
    guide_value      REAL    NOT NULL,
    source           TEXT    NOT NULL,
    PRIMARY KEY (category, indicator, first_year),
    CHECK (guide_value <= constraint_value)
);

CREATE TABLE targets (
    scope                       TEXT    NOT NULL CHECK (scope IN ('prefecture', 'county', 'institution')),
    scope_code                  TEXT    NOT NULL,
    baseline_year               INTEGER NOT NULL,
    target_year                 INTEGER NOT NULL,
    energy_per_area_decline     REAL,
    energy_per_capita_decline   REAL,
    water_per_capita_decline    REAL,
    co2_per_area_decline        REAL,
    energy_cap_tce              REAL,
    water_cap_m3                REAL,
    co2_cap_tonnes              REAL,
    note                        TEXT,
    PRIMARY KEY (scope, scope_code, baseline_year),
    CHECK (target_year > baseline_year)
);
