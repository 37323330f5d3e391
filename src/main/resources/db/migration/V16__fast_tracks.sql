-- Fast tracks for newborns and hardship groups (SPEC §5): the mother of a birth, subsidised enrollments,
-- one live fast-track process per person and kind, and the 100% target rows of the baseline and bulletins.

-- the mother's ID of a birth (police extract 母亲身份证号): the newborn's grid falls back to hers
alter table person add column mother_id_number char(18) check (mother_id_number ~ '^[0-9]{17}[0-9X]$');

-- enrolment paid by subsidy (hardship groups, recorded by the county clerk), not by the resident
alter table enrollment add column subsidised boolean not null default false;

-- One row per fast-track process: a newborn to enrol (task of the grid worker) or a hardship member to
-- enrol by subsidy (task of the county clerk), for an enrollment year. A person has at most one live
-- (not ended) track of each kind: the starters insert ... on conflict do nothing against that index.
create table fast_track (
    id                  bigserial    primary key,
    kind                varchar(10)  not null check (kind in ('NEWBORN', 'HARDSHIP')),
    id_number           char(18)     not null,
    year                smallint     not null,
    candidate_group     varchar(80)  not null,
    region_code         varchar(15),
    started_import      bigint,
    process_instance_id varchar(64),
    started_at          timestamptz  not null default now(),
    ended_at            timestamptz,
    -- TASK: the task was completed (enrollment written by it); IMPORT: an extract showed the enrollment
    ended_by            varchar(10)  check (ended_by in ('TASK', 'IMPORT')),
    ended_user          varchar(64),
    birth_certificate   varchar(40),
    check ((ended_at is null) = (ended_by is null))
);

create unique index fast_track_live on fast_track (kind, id_number) where ended_at is null;
create index fast_track_person on fast_track (id_number);

-- The 100% target groups of the baseline per region and enrollment year: members (active files whose
-- membership overlaps the year) and those of them enrolled that year. Refreshed with the baseline.
create table baseline_group (
    year         smallint    not null,
    region_code  varchar(12) not null,
    grp          varchar(20) not null check (grp in ('NEWBORN', 'HARDSHIP')),
    registered   integer     not null,
    enrolled     integer     not null,
    refreshed_at timestamptz not null default now(),
    primary key (year, region_code, grp)
);

-- The same groups as a bulletin printed them (county and townships), kept with the bulletin.
create table bulletin_group_row (
    bulletin_id bigint      not null references bulletin (id),
    grp         varchar(20) not null check (grp in ('NEWBORN', 'HARDSHIP')),
    region_code varchar(12) not null,
    registered  integer     not null,
    enrolled    integer     not null,
    primary key (bulletin_id, grp, region_code)
);
