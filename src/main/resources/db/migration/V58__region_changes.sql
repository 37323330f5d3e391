-- Region and grid lists are data too (issue 17, point 10): what was done to a region after it was created — renamed,
-- attributes changed, merged into a successor, retired — by whom and when, kept for history. A merged or retired
-- region keeps its row (deleted_at set); its residents, open cases and tasks and users went to the successor.
create table region_change (
    id             bigserial    primary key,
    region_code    varchar(15)  not null references region (code),
    action         varchar(10)  not null check (action in ('CREATED', 'RENAMED', 'CHANGED', 'MERGED', 'RETIRED')),
    old_value      text,
    new_value      text,
    successor_code varchar(15)  references region (code),
    carried        text,
    changed_by     varchar(64)  not null,
    changed_at     timestamptz  not null default now()
);

create index region_change_region on region_change (region_code, changed_at);
