-- Same columns as db/sqlite/0005_accounts.sql.

ALTER TABLE users ADD
    password_hash NVARCHAR(400) NULL,
    failed_logins INT           NOT NULL CONSTRAINT df_users_failed_logins DEFAULT 0,
    locked_until  DATETIME2     NULL;
