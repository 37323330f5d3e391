-- The register (一人一档): one row per person keyed by the 18-digit ID number, enrollments per year,
-- groups, a change log of every change, and the imports that feed it with their rejected rows.
-- Region columns hold 12-digit village codes (15-digit grid codes); because every code starts with
-- its ancestors' significant digits, a subtree is a prefix: `household_region like '350525101%'`,
-- backed by the varchar_pattern_ops indexes below.
-- The tables that grow with people carry no foreign keys: a county import writes millions of rows, and
-- a per-row referential check would cost more than the insert itself. The imports check every
-- reference set-based before merging (unknown regions and persons are refused with a reason), and
-- persons, regions and imports are never deleted (a region is revoked, a person deceased or cancelled).

create table import_run (
    id            bigserial    primary key,
    kind          varchar(20)  not null check (kind in ('POLICE_HOUSEHOLD', 'INSURANCE_STATUS', 'HARDSHIP',
                                                        'STUDENT', 'TAX_PAYMENT')),
    file_name     varchar(255) not null,
    stored_file   varchar(500) not null,
    file_sha256   char(64)     not null,
    scope_code    varchar(15)  not null references region (code),
    status        varchar(10)  not null default 'QUEUED'
        check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    format        varchar(10),
    -- lines of a CSV counted when stored (for the progress bar); null for XLSX
    rows_expected integer,
    rows_read     integer      not null default 0,
    rows_accepted integer      not null default 0,
    rows_rejected integer      not null default 0,
    persons_changed integer    not null default 0,
    error_key     varchar(100),
    error_detail  text,
    created_by    varchar(64)  not null,
    created_at    timestamptz  not null default now(),
    started_at    timestamptz,
    finished_at   timestamptz,
    heartbeat_at  timestamptz,
    -- the Quartz scheduler instance of the node running it: a node that stopped checking in is gone
    node          varchar(200),
    rerun_of      bigint       references import_run (id)
);

create index import_run_scope on import_run (scope_code varchar_pattern_ops, created_at desc);

create table import_reject (
    import_id   bigint       not null references import_run (id) on delete cascade,
    row_number  bigint       not null,
    reason_key  varchar(100) not null,
    reason_args text[]       not null default '{}',
    -- the row as read (cells joined as CSV); rows refused by the SQL merge get it in a second pass
    raw         text,
    primary key (import_id, row_number)
);

create table person (
    id_number           char(18)     primary key check (id_number ~ '^[0-9]{17}[0-9X]$'),
    name                varchar(60)  not null,
    birth_date          date         not null,
    sex                 char(1)      not null check (sex in ('M', 'F')),
    household_region    varchar(12),
    residence_region    varchar(12),
    grid_code           varchar(15),
    address             varchar(200),
    mobile              varchar(11)  check (mobile ~ '^1[3-9][0-9]{9}$'),
    status              varchar(10)  not null default 'ACTIVE' check (status in ('ACTIVE', 'DECEASED', 'CANCELLED')),
    status_date         date,
    not_enrolled_reason varchar(24)  check (not_enrolled_reason in ('WORKS_AWAY', 'INSURED_ELSEWHERE',
        'FINANCIAL_HARDSHIP', 'UNWILLING', 'DECEASED_NOT_DEREGISTERED', 'MILITARY_SERVICE', 'ABROAD',
        'NOT_FOUND', 'OTHER')),
    sms_opt_out         boolean      not null default false,
    file_number         varchar(32),
    file_type           varchar(16),
    file_marker         varchar(16),
    created_import      bigint,
    created_at          timestamptz  not null default now(),
    updated_at          timestamptz  not null default now()
);

create index person_household on person (household_region varchar_pattern_ops);
create index person_residence on person (residence_region varchar_pattern_ops);
create index person_grid on person (grid_code);
create index person_mobile on person (mobile) where mobile is not null;

create table enrollment (
    id_number      char(18)     not null,
    year           smallint     not null check (year between 1998 and 2100),
    scheme         varchar(10)  not null check (scheme in ('EMPLOYEE', 'RESIDENT')),
    place          varchar(10)  not null check (place in ('LOCAL', 'ELSEWHERE')),
    insured_region varchar(12),
    paid_date      date,
    amount         numeric(10, 2) check (amount >= 0),
    import_id      bigint,
    primary key (id_number, year, scheme, place)
);

create index enrollment_year on enrollment (year, id_number);

-- groups of SPEC §3: STUDENT, PRESCHOOL, NEWBORN, HARDSHIP, NEW_FORM_WORKER, FLEXIBLE_EMPLOYMENT, MIGRANT.
-- detail tells the kind within the group where one person can be in several (hardship categories:
-- DIBAO, TEKUN …); organisation is the school, contact_mobile the guardian's phone for children.
create table person_group (
    id_number      char(18)     not null,
    grp            varchar(20)  not null check (grp in ('STUDENT', 'PRESCHOOL', 'NEWBORN', 'HARDSHIP',
                                                        'NEW_FORM_WORKER', 'FLEXIBLE_EMPLOYMENT', 'MIGRANT')),
    detail         varchar(40)  not null default '',
    organisation   varchar(100),
    contact_mobile varchar(11),
    since          date,
    until          date,
    import_id      bigint,
    primary key (id_number, grp, detail)
);

create table payment (
    receipt_no varchar(40)    primary key,
    id_number  char(18)       not null,
    year       smallint       not null,
    scheme     varchar(10)    not null check (scheme in ('EMPLOYEE', 'RESIDENT')),
    paid_date  date           not null,
    amount     numeric(10, 2) not null check (amount >= 0),
    import_id  bigint
);

create index payment_person on payment (id_number, year);

-- every change to a person: which field, old and new value, by which import (or user)
create table person_change (
    id         bigserial    primary key,
    id_number  char(18)     not null,
    import_id  bigint,
    field      varchar(40)  not null,
    old_value  text,
    new_value  text,
    changed_at timestamptz  not null default now(),
    changed_by varchar(64)  not null
);

create index person_change_person on person_change (id_number, changed_at);
create index person_change_import on person_change (import_id);
