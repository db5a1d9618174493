-- RT 6.0 over the 5.0 tables (rt-5.0.sql): who did the work and for which day
-- are recorded apart from who entered it and when; and 6.0's own tables
-- (savedsearches is the one we look for) tell the version.
ALTER TABLE transactions ADD COLUMN timeworker int NOT NULL DEFAULT 0, ADD COLUMN timeworkeddate date;

CREATE TABLE savedsearches (
  id int PRIMARY KEY
);
