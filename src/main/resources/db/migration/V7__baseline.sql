-- 参保扩面基数表: per region (province … village) and enrollment year, the register's registered
-- population, insured locally, insured elsewhere and lapsed (paid the year before, not this year),
-- pre-aggregated so a county's table answers at once. Refreshed after every import and nightly.
-- Registered counts every file not cancelled (a deceased person not yet deregistered still counts,
-- as in the campaign plans); a person insured both locally and elsewhere counts as local.
create table baseline (
    year              smallint    not null,
    region_code       varchar(12) not null,
    registered        integer     not null,
    insured_local     integer     not null,
    insured_elsewhere integer     not null,
    lapsed            integer     not null,
    refreshed_at      timestamptz not null default now(),
    primary key (year, region_code)
);
