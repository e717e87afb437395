-- Same columns as db/sqlite/0010_item_rows.sql.

ALTER TABLE assessment_results ADD item_set NVARCHAR(400) NULL;
ALTER TABLE assessment_results ADD item_points NVARCHAR(MAX) NULL;
