-- 县级五天一通报: bulletins ranking the townships of a campaign, drafted automatically, reviewed and
-- published by the county leader, readable by every level. A bulletin covers the reports whose window
-- closed after the previous bulletin's period_end and on or before its own (days in Asia/Shanghai).

create table bulletin (
    id            bigserial   primary key,
    campaign_id   bigint      not null references campaign (id),
    number        integer     not null,
    period_end    date        not null,
    status        varchar(10) not null default 'DRAFT' check (status in ('DRAFT', 'PUBLISHED')),
    -- the county leader's words above the table
    remarks       text,
    process_instance_id varchar(64),
    created_at    timestamptz not null default now(),
    published_at  timestamptz,
    published_by  varchar(64),
    unique (campaign_id, number),
    -- one bulletin per campaign and period: a second call for the same period finds this and does nothing
    unique (campaign_id, period_end)
);

create table bulletin_row (
    bulletin_id         bigint       not null references bulletin (id),
    township_code       varchar(12)  not null,
    rank                integer      not null,
    target              integer      not null,
    enrolled            integer      not null,
    -- enrolled / target in percent; previous = the same township in the previous bulletin
    completion          numeric(6,2) not null,
    previous_completion numeric(6,2),
    coverage_rate       numeric(5,2) not null,
    -- the share of the collection period elapsed at period_end, in percent (the expected progress line)
    expected_completion numeric(6,2) not null,
    reports_due         integer      not null,
    reports_late        integer      not null,
    reports_missing     integer      not null,
    band                varchar(6)   not null check (band in ('GREEN', 'YELLOW', 'RED')),
    lagging             boolean      not null default false,
    lagging_reason      varchar(200),
    escalation_case_id  bigint,
    primary key (bulletin_id, township_code)
);
