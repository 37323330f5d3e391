-- Issue 18 (a province: ten counties' campaigns, 350,000 outreach cases in one table).
-- A payment, a cadence or a case's end finds the case of a process instance: without an index each lookup read the
-- whole table (60 ms at two counties, growing with every county).
create index outreach_case_instance on outreach_case (process_instance_id) where process_instance_id is not null;
-- A worklist of live cases in the order people work them (next action first): read from the index, 50 rows at a
-- time, instead of sorting a county's 35,000 cases on every page.
create index outreach_case_live_order on outreach_case (campaign_id, next_action_at, id) where ended_at is null;
-- Residents living in another county than the one they are registered in (人户分离 across counties, about 2 %): an
-- insurance extract of the county they live in enrols them, and the baseline of the county they are registered in
-- must follow. A small partial index instead of reading the county's every resident.
create index person_living_elsewhere on person (residence_region varchar_pattern_ops)
    where left(residence_region, 6) <> left(household_region, 6);
