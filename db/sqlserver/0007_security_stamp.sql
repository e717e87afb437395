-- Same column as db/sqlite/0007_security_stamp.sql.

ALTER TABLE users ADD security_stamp NVARCHAR(64) NULL;
