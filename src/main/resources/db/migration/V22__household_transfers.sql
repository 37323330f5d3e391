-- Household transfers (户籍迁移申请, issue 15): a police row that would move a person's household across
-- the boundary of the importer's region is not applied; it waits here until the other side (a clerk
-- whose region covers approver_region, or the county clerk above both) approves or rejects it.
create table household_transfer (
    id              bigserial    primary key,
    id_number       char(18)     not null,
    -- the name as the police row gave it (for the reviewer; a transfer does not rename)
    name            varchar(60)  not null,
    -- the household village before (the person's file when the import ran) and the one the row asks for
    from_region     varchar(12)  not null,
    to_region       varchar(12)  not null,
    -- residence village, grid and address of the row, applied with the household on approval
    to_residence    varchar(12),
    to_grid         varchar(15),
    to_address      varchar(200),
    event           varchar(12)  not null check (event in ('REGISTERED', 'BIRTH', 'MOVE')),
    event_date      date         not null,
    -- the side the requesting import does not cover: whoever decides must cover this village
    approver_region varchar(12)  not null,
    import_id       bigint       not null references import_run (id),
    row_number      bigint       not null,
    requested_by    varchar(64)  not null,
    requested_at    timestamptz  not null default now(),
    status          varchar(10)  not null default 'PENDING' check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    decided_by      varchar(64),
    decided_at      timestamptz,
    note            varchar(500),
    check ((status = 'PENDING') = (decided_by is null))
);

-- one open request per person: a later file asking for another household waits until it is decided
create unique index household_transfer_pending on household_transfer (id_number) where status = 'PENDING';
create index household_transfer_person on household_transfer (id_number, status);
create index household_transfer_from on household_transfer (from_region varchar_pattern_ops, status);
create index household_transfer_to on household_transfer (to_region varchar_pattern_ops, status);

-- rows of an import that became transfer requests: neither accepted nor rejected
alter table import_run add column rows_transfer_requested integer not null default 0;
