-- Lapsed-resident outreach (催缴): one case per resident and campaign, driven by one LapsedOutreach
-- process instance (business key = case id); the grid worker's visits; and the data-correction requests
-- a visit raises (moved / deceased / insured elsewhere), which a clerk verifies before the register changes.

create table outreach_case (
    id                  bigserial    primary key,
    campaign_id         bigint       not null references campaign (id),
    id_number           char(18)     not null,
    -- LAPSED: paid the year before, not yet this year; UNINSURED: no enrollment either year
    kind                varchar(10)  not null check (kind in ('LAPSED', 'UNINSURED')),
    -- the village that mobilises the resident: the residence village when it is in the county, else the
    -- household village (人户分离: the household region must find them); grid only with the residence
    village_code        varchar(12),
    grid_code           varchar(15),
    stage               varchar(16)  not null default 'STARTED'
        check (stage in ('STARTED', 'REMINDED', 'REMINDED_AGAIN', 'VISIT_DUE', 'PROMISED', 'ENDED')),
    -- why it ended: PAID (payment imported) or the visit's outcome
    end_reason          varchar(20),
    next_action_at      timestamptz,
    last_contact_at     timestamptz,
    process_instance_id varchar(64),
    started_at          timestamptz  not null default now(),
    ended_at            timestamptz,
    -- never two cases (so never two live instances) for one resident and campaign
    unique (campaign_id, id_number)
);

create index outreach_case_person on outreach_case (id_number) where ended_at is null;
create index outreach_case_grid on outreach_case (grid_code, next_action_at) where ended_at is null;
create index outreach_case_region on outreach_case (campaign_id, village_code varchar_pattern_ops);
create index outreach_case_unstarted on outreach_case (campaign_id, id) where process_instance_id is null;

create table visit (
    id                bigserial    primary key,
    case_id           bigint       references outreach_case (id),
    campaign_id       bigint,
    id_number         char(18)     not null,
    village_code      varchar(12),
    grid_code         varchar(15),
    visited_by        varchar(64)  not null,
    visited_at        timestamptz  not null default now(),
    method            varchar(10)  not null check (method in ('HOME', 'PHONE', 'WECHAT', 'OTHER')),
    outcome           varchar(20)  not null check (outcome in ('PAID', 'PROMISED', 'REFUSED', 'INSURED_ELSEWHERE',
                                                               'MOVED', 'DECEASED', 'UNREACHABLE')),
    reason            varchar(24)  check (reason in ('WORKS_AWAY', 'INSURED_ELSEWHERE', 'FINANCIAL_HARDSHIP',
        'UNWILLING', 'DECEASED_NOT_DEREGISTERED', 'MILITARY_SERVICE', 'ABROAD', 'NOT_FOUND', 'OTHER')),
    promised_date     date,
    corrected_mobile  varchar(11),
    corrected_address varchar(200),
    note              text,
    check (outcome <> 'PROMISED' or promised_date is not null)
);

create index visit_region_time on visit (village_code varchar_pattern_ops, visited_at);
create index visit_person on visit (id_number, visited_at);
create index visit_worker on visit (visited_by, visited_at);

create table correction_request (
    id                  bigserial    primary key,
    id_number           char(18)     not null,
    campaign_id         bigint       references campaign (id),
    visit_id            bigint       references visit (id),
    kind                varchar(20)  not null check (kind in ('MOVED', 'DECEASED', 'INSURED_ELSEWHERE')),
    evidence            text         not null,
    -- MOVED: the new residence region (a village or grid in the register), or null when moved out of the county;
    -- DECEASED: the date of death; INSURED_ELSEWHERE: where and in which scheme
    moved_to            varchar(15),
    event_date          date,
    insured_scheme      varchar(10)  check (insured_scheme in ('EMPLOYEE', 'RESIDENT')),
    insured_where       varchar(100),
    status              varchar(10)  not null default 'PENDING' check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    requested_by        varchar(64)  not null,
    requested_at        timestamptz  not null default now(),
    decided_by          varchar(64),
    decided_at          timestamptz,
    decision_note       text,
    process_instance_id varchar(64)
);

create index correction_request_person on correction_request (id_number);
create index correction_request_pending on correction_request (status, requested_at) where status = 'PENDING';
