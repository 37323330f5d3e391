-- The reporting cadence of a campaign (村每日一汇总, 乡镇三天一调度, 县级五天一通报): its schedule, and
-- every village summary and township dispatch with its window, so timeliness can be counted.

create table campaign_cadence (
    campaign_id           bigint   primary key references campaign (id),
    first_day             date     not null,
    village_time          time     not null default '17:00',
    -- a report confirmed later than this many hours after it was due to start counts late
    village_window_hours  smallint not null default 16 check (village_window_hours between 1 and 72),
    township_every_days   smallint not null default 3 check (township_every_days between 1 and 30),
    township_window_hours smallint not null default 24 check (township_window_hours between 1 and 120),
    county_every_days     smallint not null default 5 check (county_every_days between 1 and 60),
    skip_weekends         boolean  not null default false,
    updated_by            varchar(64) not null,
    updated_at            timestamptz not null default now()
);

-- 每日一汇总: one row per village and reporting day, pre-filled from the register when the task starts
create table village_summary (
    campaign_id      bigint      not null references campaign (id),
    village_code     varchar(12) not null,
    township_code    varchar(12) not null,
    report_date      date        not null,
    -- the cut-off of the previous summary of this village (the campaign's start for the first one)
    since            timestamptz not null,
    until            timestamptz not null,
    new_enrollments  integer     not null,
    new_payments     integer     not null,
    reasons_recorded integer     not null,
    enrolled_to_date integer     not null,
    target           integer     not null,
    remarks          text,
    process_instance_id varchar(64),
    due_at           timestamptz not null,
    confirmed_at     timestamptz,
    confirmed_by     varchar(64),
    primary key (campaign_id, village_code, report_date)
);

create index village_summary_township on village_summary (campaign_id, township_code, report_date);

-- 乡镇三天一调度: one row per township and dispatch day
create table township_dispatch (
    campaign_id      bigint      not null references campaign (id),
    township_code    varchar(12) not null,
    dispatch_date    date        not null,
    lagging_villages text[]      not null default '{}',
    instructions     text,
    process_instance_id varchar(64),
    due_at           timestamptz not null,
    confirmed_at     timestamptz,
    confirmed_by     varchar(64),
    primary key (campaign_id, township_code, dispatch_date)
);

-- progress is measured against the register at the time the target was proposed: enrolled since then =
-- insured now (baseline of the campaign's year) − insured then. Null for grids (not in the baseline).
alter table target add column insured_at_start integer;

-- one row per campaign and reporting day the Quartz trigger has handled: a re-fired trigger (misfire,
-- two nodes, a manual run) finds the day taken and does nothing a second time
create table cadence_tick (
    campaign_id   bigint   not null references campaign (id),
    report_date   date     not null,
    reporting_day smallint not null,
    ticked_at     timestamptz not null default now(),
    primary key (campaign_id, report_date)
);

-- the daily pre-fill counts the not-enrolled reasons recorded since the previous summary: a small partial
-- index instead of scanning the whole change log by time
create index person_change_reason on person_change (changed_at) where field = 'not_enrolled_reason';
