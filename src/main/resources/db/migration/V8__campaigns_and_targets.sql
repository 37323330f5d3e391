-- Campaigns (扩面行动) and their cascading targets (目标任务). A campaign is one BPMN process instance
-- (business key = campaign id); the tables hold what people decide in it, the engine holds where it waits.

create table campaign (
    id                  bigserial    primary key,
    name                varchar(100) not null,
    year                smallint     not null,
    county_code         varchar(12)  not null references region (code),
    collection_start    date         not null,
    collection_end      date         not null,
    coverage_goal       numeric(5,2) not null check (coverage_goal > 0 and coverage_goal <= 100),
    -- days each level has to confirm its breakdown, and days after that before it escalates upwards
    breakdown_days      smallint     not null default 3 check (breakdown_days between 1 and 60),
    escalation_days     smallint     not null default 2 check (escalation_days between 1 and 60),
    phase               varchar(10)  not null default 'MOBILISE'
        check (phase in ('MOBILISE', 'IMPLEMENT', 'SUMMARISE', 'CLOSED')),
    process_instance_id varchar(64),
    summary             text,
    created_by          varchar(64)  not null,
    created_at          timestamptz  not null default now(),
    check (collection_end >= collection_start)
);

create index campaign_county on campaign (county_code, year desc);

-- 征缴期延长: every extension of the collection period, with its reason
create table campaign_extension (
    id          bigserial   primary key,
    campaign_id bigint      not null references campaign (id),
    old_end     date        not null,
    new_end     date        not null,
    reason      text        not null,
    extended_by varchar(64) not null,
    extended_at timestamptz not null default now()
);

-- One row per region (county, township, village, grid) and campaign. proposed = uninsured + lapsed from
-- the register when the row was proposed; target = what the level above assigned. split_comment is the
-- justification a leader gives when their children's targets do not add up to their own target.
create table target (
    campaign_id   bigint      not null references campaign (id),
    region_code   varchar(15) not null,
    parent_code   varchar(15),
    level         varchar(10) not null check (level in ('COUNTY', 'TOWNSHIP', 'VILLAGE', 'GRID')),
    uninsured     integer     not null check (uninsured >= 0),
    lapsed        integer     not null check (lapsed >= 0),
    target        integer     not null check (target >= 0),
    status        varchar(10) not null default 'PROPOSED' check (status in ('PROPOSED', 'ASSIGNED')),
    split_comment text,
    confirmed_by  varchar(64),
    confirmed_at  timestamptz,
    updated_by    varchar(64) not null,
    updated_at    timestamptz not null default now(),
    primary key (campaign_id, region_code)
);

create index target_children on target (campaign_id, parent_code);

-- The history of every target: proposed, published, split (with old and new value), reminded,
-- escalated, chased; kept for the county to read.
create table target_history (
    id          bigserial   primary key,
    campaign_id bigint      not null references campaign (id),
    region_code varchar(15) not null,
    event       varchar(10) not null
        check (event in ('PROPOSED', 'PUBLISHED', 'SPLIT', 'CONFIRMED', 'ESCALATED', 'CHASED')),
    old_target  integer,
    new_target  integer,
    comment     text,
    actor       varchar(64) not null,
    at          timestamptz not null default now()
);

create index target_history_region on target_history (campaign_id, region_code, at);
