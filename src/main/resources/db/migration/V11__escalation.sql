-- Escalation of lagging townships (约谈 and 限期整改): the rule thresholds per campaign (read by the DMN
-- decision), and every case with its history.

create table escalation_rule (
    campaign_id        bigint       primary key references campaign (id),
    bottom_n           smallint     not null default 3 check (bottom_n between 0 and 50),
    -- lagging when completion is more than this many points below the expected progress line
    tolerance_points   numeric(5,2) not null default 0 check (tolerance_points >= 0),
    bulletins_running  smallint     not null default 2 check (bulletins_running between 1 and 5),
    rectification_days smallint     not null default 7 check (rectification_days between 1 and 60),
    -- the township head hands in the rectification plan within this many days of the summons
    plan_days          smallint     not null default 3 check (plan_days between 1 and 30),
    updated_by         varchar(64)  not null,
    updated_at         timestamptz  not null default now()
);

create table escalation_case (
    id                  bigserial    primary key,
    campaign_id         bigint       not null references campaign (id),
    township_code       varchar(12)  not null,
    bulletin_id         bigint       not null references bulletin (id),
    reason              varchar(200) not null,
    -- 1: summoned by the county; 2: escalated to the level above the county (city)
    level               smallint     not null default 1,
    status              varchar(12)  not null default 'SUMMONS'
        check (status in ('SUMMONS', 'RECTIFYING', 'RECHECK', 'RESOLVED', 'ESCALATED')),
    summons_date        date,
    attendees           text,
    minutes             text,
    plan                text,
    plan_due            timestamptz,
    -- 限期整改: the rectification deadline (summons date + rectification days), re-checked then
    plan_deadline       date,
    recheck_completion  numeric(6,2),
    recheck_expected    numeric(6,2),
    -- level 2: what was reported to the city, and to whom
    report              text,
    reported_to         varchar(200),
    process_instance_id varchar(64),
    opened_at           timestamptz  not null default now(),
    closed_at           timestamptz
);

create index escalation_case_campaign on escalation_case (campaign_id, township_code);
-- at most one open case per township and campaign, however often a bulletin is evaluated
create unique index escalation_case_open on escalation_case (campaign_id, township_code) where closed_at is null;

create table escalation_event (
    id        bigserial    primary key,
    case_id   bigint       not null references escalation_case (id),
    event     varchar(20)  not null,
    detail    text,
    actor     varchar(64)  not null,
    at        timestamptz  not null default now()
);

create index escalation_event_case on escalation_event (case_id, id);
