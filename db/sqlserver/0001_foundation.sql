-- Foundation schema: organisation, monthly consumption with its history, factor tables, quotas and targets.
-- Same tables and columns as db/sqlite/0001_foundation.sql; see docs/data-model.md.

CREATE TABLE settings (
    name    NVARCHAR(100)  NOT NULL PRIMARY KEY,
    value   NVARCHAR(4000) NOT NULL
);

CREATE TABLE counties (
    code        NVARCHAR(32)  NOT NULL PRIMARY KEY,
    name        NVARCHAR(100) NOT NULL UNIQUE,
    kind        NVARCHAR(16)  NOT NULL CHECK (kind IN ('county', 'direct')),
    grid_region NVARCHAR(32)  NOT NULL DEFAULT 'national'
);

CREATE TABLE institutions (
    code             NVARCHAR(64)  NOT NULL PRIMARY KEY,
    name             NVARCHAR(200) NOT NULL,
    county_code      NVARCHAR(32)  NOT NULL REFERENCES counties (code),
    category         NVARCHAR(32)  NOT NULL CHECK (category IN ('organ', 'education', 'health', 'culture-sports', 'other-public-service', 'group')),
    building_area_m2 FLOAT         NOT NULL CHECK (building_area_m2 > 0),
    users            INT           NOT NULL CHECK (users > 0),
    key_unit         BIT           NOT NULL DEFAULT 0,
    updated_at       DATETIME2     NOT NULL
);

CREATE INDEX ix_institutions_county ON institutions (county_code);

CREATE TABLE institutions_history (
    id                    BIGINT IDENTITY (1, 1) NOT NULL PRIMARY KEY,
    code                  NVARCHAR(64)  NOT NULL,
    name                  NVARCHAR(200) NOT NULL,
    county_code           NVARCHAR(32)  NOT NULL,
    category              NVARCHAR(32)  NOT NULL,
    building_area_m2      FLOAT         NOT NULL,
    users                 INT           NOT NULL,
    key_unit              BIT           NOT NULL,
    valid_until           DATETIME2     NOT NULL,
    replaced_by_import_id BIGINT        NULL
);

CREATE TABLE institution_years (
    code             NVARCHAR(64) NOT NULL REFERENCES institutions (code),
    year             INT          NOT NULL,
    building_area_m2 FLOAT        NOT NULL CHECK (building_area_m2 > 0),
    users            INT          NOT NULL CHECK (users > 0),
    PRIMARY KEY (code, year)
);

CREATE TABLE imports (
    id          BIGINT IDENTITY (1, 1) NOT NULL PRIMARY KEY,
    kind        NVARCHAR(32)  NOT NULL,
    file_name   NVARCHAR(400) NOT NULL,
    sha256      NVARCHAR(64)  NOT NULL,
    row_count   INT           NOT NULL,
    inserted    INT           NOT NULL,
    replaced    INT           NOT NULL,
    unchanged   INT           NOT NULL,
    imported_at DATETIME2     NOT NULL
);

CREATE TABLE consumption (
    code               NVARCHAR(64) NOT NULL REFERENCES institutions (code),
    year               INT          NOT NULL,
    month              INT          NOT NULL CHECK (month BETWEEN 1 AND 12),
    electricity_kwh    FLOAT        NOT NULL DEFAULT 0,
    water_m3           FLOAT        NOT NULL DEFAULT 0,
    natural_gas_m3     FLOAT        NOT NULL DEFAULT 0,
    coal_t             FLOAT        NOT NULL DEFAULT 0,
    heat_gj            FLOAT        NOT NULL DEFAULT 0,
    lpg_kg             FLOAT        NOT NULL DEFAULT 0,
    diesel_l           FLOAT        NOT NULL DEFAULT 0,
    vehicle_gasoline_l FLOAT        NOT NULL DEFAULT 0,
    vehicle_diesel_l   FLOAT        NOT NULL DEFAULT 0,
    pv_kwh             FLOAT        NOT NULL DEFAULT 0,
    other_kgce         FLOAT        NOT NULL DEFAULT 0,
    import_id          BIGINT       NULL REFERENCES imports (id),
    PRIMARY KEY (code, year, month)
);

CREATE INDEX ix_consumption_year ON consumption (year, code);

CREATE TABLE consumption_history (
    id                    BIGINT IDENTITY (1, 1) NOT NULL PRIMARY KEY,
    code                  NVARCHAR(64) NOT NULL,
    year                  INT          NOT NULL,
    month                 INT          NOT NULL,
    electricity_kwh       FLOAT        NOT NULL,
    water_m3              FLOAT        NOT NULL,
    natural_gas_m3        FLOAT        NOT NULL,
    coal_t                FLOAT        NOT NULL,
    heat_gj               FLOAT        NOT NULL,
    lpg_kg                FLOAT        NOT NULL,
    diesel_l              FLOAT        NOT NULL,
    vehicle_gasoline_l    FLOAT        NOT NULL,
    vehicle_diesel_l      FLOAT        NOT NULL,
    pv_kwh                FLOAT        NOT NULL,
    other_kgce            FLOAT        NOT NULL,
    import_id             BIGINT       NULL,
    replaced_by_import_id BIGINT       NOT NULL REFERENCES imports (id),
    replaced_at           DATETIME2    NOT NULL
);

CREATE INDEX ix_consumption_history_key ON consumption_history (code, year, month);

CREATE TABLE factor_tables (
    id           NVARCHAR(100) NOT NULL,
    content_hash NVARCHAR(64)  NOT NULL,
    first_year   INT           NOT NULL,
    last_year    INT           NOT NULL,
    document     NVARCHAR(MAX) NOT NULL,
    source_file  NVARCHAR(400) NOT NULL,
    is_current   BIT           NOT NULL,
    loaded_at    DATETIME2     NOT NULL,
    PRIMARY KEY (id, content_hash)
);

CREATE TABLE quotas (
    category         NVARCHAR(32)   NOT NULL,
    indicator        NVARCHAR(32)   NOT NULL CHECK (indicator IN ('energy-per-capita', 'energy-per-area', 'water-per-capita')),
    first_year       INT            NOT NULL,
    constraint_value FLOAT          NOT NULL,
    baseline_value   FLOAT          NULL,
    guide_value      FLOAT          NOT NULL,
    source           NVARCHAR(1000) NOT NULL,
    PRIMARY KEY (category, indicator, first_year),
    CHECK (guide_value <= constraint_value)
);

CREATE TABLE targets (
    scope                     NVARCHAR(16)   NOT NULL CHECK (scope IN ('prefecture', 'county', 'institution')),
    scope_code                NVARCHAR(64)   NOT NULL,
    baseline_year             INT            NOT NULL,
    target_year               INT            NOT NULL,
    energy_per_area_decline   FLOAT          NULL,
    energy_per_capita_decline FLOAT          NULL,
    water_per_capita_decline  FLOAT          NULL,
    co2_per_area_decline      FLOAT          NULL,
    energy_cap_tce            FLOAT          NULL,
    water_cap_m3              FLOAT          NULL,
    co2_cap_tonnes            FLOAT          NULL,
    note                      NVARCHAR(1000) NULL,
    PRIMARY KEY (scope, scope_code, baseline_year),
    CHECK (target_year > baseline_year)
);
