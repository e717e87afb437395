-- Same columns as db/sqlite/0008_result_history.sql.

ALTER TABLE assessment_results ADD penalty_actions NVARCHAR(1000) NULL;
ALTER TABLE assessment_results ADD titles NVARCHAR(1000) NULL;
