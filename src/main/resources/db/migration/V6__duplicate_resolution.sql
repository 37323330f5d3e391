-- Duplicates the clerk has dealt with: duplicate enrollments (one person insured twice in one year:
-- two places or both schemes) and duplicate files (one person under two ID numbers). A resolved or
-- dismissed item leaves the clerk's list; what changed is in person_change.
create table duplicate_resolution (
    kind        varchar(12)  not null check (kind in ('ENROLLMENT', 'FILE')),
    item_key    varchar(60)  not null,
    resolution  varchar(12)  not null check (resolution in ('RESOLVED', 'DISMISSED')),
    note        varchar(500),
    resolved_by varchar(64)  not null,
    resolved_at timestamptz  not null default now(),
    primary key (kind, item_key)
);
