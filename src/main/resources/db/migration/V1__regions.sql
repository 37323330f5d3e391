-- The administrative hierarchy (五级网络): province → city → county → township → village → grid.
-- Regions carry the 12-digit statistical division code; a grid's code is its village's code plus
-- three digits. `path` is the materialised chain of codes from the root, so a subtree is one
-- index-backed `path <@ :root` lookup instead of a recursive walk.
create extension if not exists ltree;

create table region (
    code                 varchar(15)  primary key,
    name                 varchar(100) not null,
    level                varchar(10)  not null
        check (level in ('PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE', 'GRID')),
    parent_code          varchar(15)  references region (code),
    path                 ltree        not null unique,
    grid_kind            varchar(10)  check (grid_kind in ('COMMUNITY', 'INDUSTRY')),
    sector               varchar(20)  check (sector in ('EDUCATION', 'HEALTH', 'TRANSPORT', 'HOUSING', 'JUSTICE',
                                                        'AGRICULTURE', 'VETERANS', 'POSTAL', 'DISABLED_PERSONS')),
    -- 区域户籍人口数 as published by the statistics office (the register counts people separately)
    household_population integer      check (household_population >= 0),
    synthetic            boolean      not null default false,
    created_at           timestamptz  not null default now(),
    deleted_at           timestamptz,
    constraint region_code_digits check (code ~ '^[0-9]{12}([0-9]{3})?$'),
    constraint region_grid_fields check ((level = 'GRID') = (grid_kind is not null)
        and (level = 'GRID') = (length(code) = 15)),
    constraint region_sector_for_industry check ((grid_kind = 'INDUSTRY') = (sector is not null)),
    constraint region_root_or_parent check ((parent_code is null) = (nlevel(path) = 1))
);

create index region_path_gist on region using gist (path);
create index region_parent on region (parent_code);
