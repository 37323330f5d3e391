-- One ID number under different names in one file (issue 17.3): the import applies none of its rows and holds
-- them here for a clerk, who picks the row to apply (imported again on its own) or none, on the duplicates page.
-- The decision is a duplicate_resolution row of kind IN_FILE with item_key '<import id>:<ID number>'. Held rows
-- are personal data of the file: the retention job deletes them with the import's rejected rows.
create table import_held_row (
    import_id  bigint      not null references import_run (id) on delete cascade,
    row_number bigint      not null,
    id_number  char(18)    not null,
    name       varchar(60) not null,
    primary key (import_id, row_number)
);

create index import_held_row_person on import_held_row (import_id, id_number);

alter table duplicate_resolution drop constraint duplicate_resolution_kind_check;
alter table duplicate_resolution add constraint duplicate_resolution_kind_check
    check (kind in ('ENROLLMENT', 'FILE', 'IN_FILE'));
