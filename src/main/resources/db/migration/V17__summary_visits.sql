-- The village daily summary counts the grid workers' visits recorded since the last summary (issue 6,
-- possible once outreach records visits, V15).
alter table village_summary add column visits_made integer not null default 0;
