-- Policy rules (SPEC §7): the versions of the rule tables a clerk uploaded. The decisions themselves
-- live in Camunda's repository (ACT_RE_DECISION_DEF), tagged with the year they apply from
-- (camunda:versionTag); this table says who uploaded which file for which year, and how many of the
-- bundled example cases it passed. The version bundled in processes/ is deployed at start-up and has no row.
create table policy_rule_version (
    id            bigserial    primary key,
    year          smallint     not null check (year between 2000 and 2100),
    deployment_id varchar(64)  not null unique,
    file_name     varchar(255) not null,
    cases_passed  integer      not null,
    uploaded_by   varchar(64)  not null,
    uploaded_at   timestamptz  not null default now()
);

create index policy_rule_version_year on policy_rule_version (year, uploaded_at desc);

-- Discharged soldiers (退役军人) enrol without a waiting period: a group like the others.
alter table person_group drop constraint person_group_grp_check;
alter table person_group add constraint person_group_grp_check
    check (grp in ('STUDENT', 'PRESCHOOL', 'NEWBORN', 'HARDSHIP', 'NEW_FORM_WORKER', 'FLEXIBLE_EMPLOYMENT', 'MIGRANT',
                   'VETERAN'));
