-- Grid-staff work tally (网格员工作量): the tiers a county pays its grid workers by, per month. A worker's
-- tier is the highest whose minima (residents enrolled after their visit, visits recorded) they reach;
-- the reward is per resident enrolled after a visit. Counties without rows use the defaults in WorkTiers.
create table work_tier (
    county_code         varchar(12)   not null references region (code),
    rank                smallint      not null check (rank between 1 and 9),
    name                varchar(40)   not null,
    min_enrolled        integer       not null check (min_enrolled >= 0),
    min_visits          integer       not null check (min_visits >= 0),
    reward_per_enrolled numeric(8, 2) not null check (reward_per_enrolled >= 0),
    updated_by          varchar(64)   not null,
    updated_at          timestamptz   not null default now(),
    primary key (county_code, rank)
);

-- the tally credits an enrollment to the last visit before it: enrollments learned after a visit
create index person_change_enrollment on person_change (id_number, changed_at) where field = 'enrollment' and old_value is null;
