-- The leaders' dashboard (数据看板): figures pre-aggregated per campaign, region (county … grid) and day,
-- refreshed set-based after imports, after each cadence tick and nightly, so a county's dashboard reads a
-- few hundred small rows instead of the register. One row per region and day keeps the progress history.
-- County, township and village rows take registered / insured / lapsed from the baseline of the campaign's
-- year (household region); grid rows count the persons assigned to the grid (residence), as grid targets do.
create table dashboard_figure (
    campaign_id      bigint      not null references campaign (id),
    region_code      varchar(15) not null,
    day              date        not null,
    parent_code      varchar(15),
    level            varchar(10) not null check (level in ('COUNTY', 'TOWNSHIP', 'VILLAGE', 'GRID')),
    registered       integer     not null,
    insured          integer     not null,
    lapsed           integer     not null,
    -- the region's target in the campaign (0 without one) and the insured when it was proposed (for grids,
    -- which have none, the insured at the region's first refresh): enrolled = insured − insured_at_start
    target           integer     not null,
    insured_at_start integer     not null,
    enrolled         integer     not null,
    -- the outreach funnel: residents in outreach, reminded by text, visited, who promised, who paid
    outreach         integer     not null,
    reminded         integer     not null,
    visited          integer     not null,
    promised         integer     not null,
    paid             integer     not null,
    refreshed_at     timestamptz not null default now(),
    primary key (campaign_id, region_code, day)
);

create index dashboard_figure_children on dashboard_figure (campaign_id, parent_code, day);

-- why the registered not insured in the campaign's year are not enrolled (person.not_enrolled_reason,
-- UNRECORDED when nobody recorded one), per region as of the last refresh: they add up to the uninsured
create table dashboard_reason (
    campaign_id bigint      not null references campaign (id),
    region_code varchar(15) not null,
    reason      varchar(24) not null,
    persons     integer     not null,
    primary key (campaign_id, region_code, reason)
);

-- SMS per region of the message (grid or village) and local day, counted as the SMS page counts them
create table dashboard_sms (
    region_code varchar(15) not null,
    day         date        not null,
    sent        integer     not null,
    delivered   integer     not null,
    failed      integer     not null,
    skipped     integer     not null,
    primary key (region_code, day)
);

create index dashboard_sms_region on dashboard_sms (region_code varchar_pattern_ops, day);
