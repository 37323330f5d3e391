-- 每年9月集中宣传: publicity drives of a county and the activities logged in them by region, rolled up
-- by region prefix to township and county.

create table publicity_drive (
    id                  bigserial    primary key,
    name                varchar(100) not null,
    year                smallint     not null,
    county_code         varchar(12)  not null references region (code),
    starts_on           date         not null,
    ends_on             date         not null,
    process_instance_id varchar(64),
    created_by          varchar(64)  not null,
    created_at          timestamptz  not null default now(),
    check (ends_on >= starts_on)
);

create table publicity_activity (
    id          bigserial    primary key,
    drive_id    bigint       not null references publicity_drive (id),
    -- a township or village code (12 digits)
    region_code varchar(12)  not null,
    kind        varchar(16)  not null
        check (kind in ('TALK', 'COMMUNITY_VISIT', 'SCHOOL_LETTER', 'PAYMENT_NOTICE', 'HOLIDAY_EVENT', 'OTHER')),
    held_on     date         not null,
    events      integer      not null default 1 check (events >= 0),
    audience    integer      not null default 0 check (audience >= 0),
    letters     integer      not null default 0 check (letters >= 0),
    notices     integer      not null default 0 check (notices >= 0),
    volunteers  integer      not null default 0 check (volunteers >= 0),
    note        varchar(500),
    logged_by   varchar(64)  not null,
    logged_at   timestamptz  not null default now()
);

create index publicity_activity_region on publicity_activity (drive_id, region_code varchar_pattern_ops);

-- a township leader's confirmation of the township's figures at the end of the drive
create table publicity_confirmation (
    drive_id      bigint      not null references publicity_drive (id),
    township_code varchar(12) not null,
    remarks       text,
    confirmed_by  varchar(64) not null,
    confirmed_at  timestamptz not null default now(),
    primary key (drive_id, township_code)
);
