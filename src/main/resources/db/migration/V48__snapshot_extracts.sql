-- Snapshot extracts (issue 17, point 4: "a police extract without 变动类型/变动日期 imports as the register as of a date
-- the clerk gives (everyone listed is registered; who is missing since the last snapshot is reported as a candidate
-- move-out, never deleted silently)").
alter table import_run add column snapshot_as_of  date,
                       add column snapshot_absent integer not null default 0;

-- The persons of the snapshot's villages the register holds as active but the snapshot does not list: candidates for
-- a move-out the clerk checks; nothing about them is changed.
create table snapshot_absentee (
    import_id        bigint      not null references import_run (id) on delete cascade,
    id_number        char(18)    not null,
    household_region varchar(12) not null,
    primary key (import_id, id_number)
);
