-- Households (户): the police extract may carry 户号 and 与户主关系 (issue 16: "Visits and reminders are planned per
-- household (户): one visit covers all uninsured members, one SMS to the household contact lists the members still
-- to pay"). 户号 is unique within the household village's police station, so a household is (household_region,
-- household_number).
alter table person add column household_number   varchar(20),
                   add column household_relation varchar(20);
create index person_household_number on person (household_region, household_number) where household_number is not null;

-- Outreach keeps its own copy of the household on the case (it owns its table): the household's key
-- (household village / 户号), the member's rank in it (户主 first) and the lead case whose process visits and
-- reminds the whole household; a lead's own lead_case_id is null.
alter table outreach_case add column household_key  varchar(40),
                          add column household_rank smallint,
                          add column lead_case_id   bigint references outreach_case (id);
create index outreach_case_lead on outreach_case (lead_case_id) where lead_case_id is not null;
create index outreach_case_household on outreach_case (campaign_id, household_key) where household_key is not null;
