-- Real-world extracts (issue 17, point 1): how a file is read and mapped, and dry runs.
-- encoding: null = detected over the whole file; sheet_index: the XLSX sheet (0 = first); header_row: which non-blank
-- row is the header (1 = first); column_mapping: the clerk's mapping as JSON (column → header, "" = ignore), null =
-- automatic by name and synonyms; a dry run does everything in a transaction that is rolled back and keeps only its
-- counts (dry_run_result, JSON: new and changed persons, duplicate and rejected rows, rejects by reason).
alter table import_run add column encoding       varchar(10),
                       add column sheet_index    integer not null default 0,
                       add column header_row     integer not null default 1,
                       add column column_mapping text,
                       add column dry_run        boolean not null default false,
                       add column dry_run_result text;

-- Mappings saved per source for the next upload: one name per kind and region.
create table import_mapping (
    id          bigserial    primary key,
    kind        varchar(20)  not null,
    name        varchar(60)  not null,
    scope_code  varchar(15)  not null references region (code),
    mapping     text         not null,
    encoding    varchar(10),
    sheet_index integer      not null default 0,
    header_row  integer      not null default 1,
    saved_by    varchar(64)  not null,
    saved_at    timestamptz  not null default now(),
    unique (kind, scope_code, name)
);
