-- Escalation with discretion (issue 16). "县领导将视情况对工作滞后的乡镇主官进行约谈，限期整改。" (Yongchun 2023
-- plan): a lagging verdict proposes a summons, the county leader confirms, waives (with a reason) or postpones it.
-- Who lags is decided by thresholds each county sets for itself (no fixed "bottom three"), and which levels above
-- the county a township still lagging after its rectification is reported to is the county's setting too.

create table escalation_setting (
    county_code        varchar(12)  primary key,
    -- the bottom N of a bulletin's ranking lag; null: the ranking is not a criterion
    bottom_n           smallint     check (bottom_n between 1 and 50),
    -- lagging when the completion is more than this many points below the expected progress line; null: off
    below_line_points  numeric(5,2) check (below_line_points between 0 and 100),
    -- lagging when the township's coverage rate (%) is below this; null: off
    coverage_below     numeric(5,2) check (coverage_below between 0 and 100),
    -- ANY: one configured criterion is enough; ALL: every configured criterion must hold
    combine            varchar(3)   not null default 'ANY' check (combine in ('ANY', 'ALL')),
    bulletins_running  smallint     not null check (bulletins_running between 1 and 5),
    rectification_days smallint     not null check (rectification_days between 1 and 60),
    plan_days          smallint     not null check (plan_days between 1 and 30),
    -- the levels above the county (CITY, PROVINCE) a township still lagging is reported to; empty: none
    report_levels      varchar(20)[] not null default '{}',
    updated_by         varchar(64)  not null,
    updated_at         timestamptz  not null default now(),
    check (bottom_n is not null or below_line_points is not null or coverage_below is not null)
);

-- every change of a county's setting: the values as saved, who saved them (updated_by), when (updated_at)
create table escalation_setting_history (
    id                 bigserial    primary key,
    county_code        varchar(12)  not null,
    bottom_n           smallint,
    below_line_points  numeric(5,2),
    coverage_below     numeric(5,2),
    combine            varchar(3)   not null,
    bulletins_running  smallint     not null,
    rectification_days smallint     not null,
    plan_days          smallint     not null,
    report_levels      varchar(20)[] not null,
    updated_by         varchar(64)  not null,
    updated_at         timestamptz  not null
);

create index escalation_setting_history_county on escalation_setting_history (county_code, id);

-- the thresholds a county leader set for a campaign become the county's (the latest campaign's, per county)
insert into escalation_setting (county_code, bottom_n, below_line_points, combine, bulletins_running,
                                rectification_days, plan_days, report_levels, updated_by, updated_at)
select distinct on (c.county_code) c.county_code, nullif(r.bottom_n, 0), r.tolerance_points, 'ANY',
       r.bulletins_running, r.rectification_days, r.plan_days, '{CITY}', r.updated_by, r.updated_at
from escalation_rule r join campaign c on c.id = r.campaign_id
order by c.county_code, r.updated_at desc;

drop table escalation_rule;

alter table escalation_case drop constraint escalation_case_status_check;
alter table escalation_case alter column status set default 'PROPOSED';
alter table escalation_case add constraint escalation_case_status_check check (status in
    ('PROPOSED', 'POSTPONED', 'WAIVED', 'SUMMONS', 'RECTIFYING', 'RECHECK', 'RESOLVED', 'ESCALATED', 'UNRESOLVED'));
alter table escalation_case
    -- 免予约谈: why the county leader waived the proposed summons
    add column waive_reason    text,
    -- 暂缓: the summons is proposed again on this day
    add column postponed_until date,
    -- the levels above the county the case was reported to (the county's setting when it escalated)
    add column report_levels   varchar(20)[];
alter table escalation_event alter column event type varchar(24);
