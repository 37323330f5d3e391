-- Progress per phase (issue 17, point 8: "a bar per phase (read, check, merge, coverage) with rows/s and time left;
-- cancellable"): the phase running now and since when, each finished phase's time (JSON, milliseconds), and a
-- clerk's request to cancel (the worker stops at its next check, the transaction rolls back, the import ends
-- CANCELLED with nothing written).
alter table import_run add column phase            varchar(10),
                       add column phase_started_at timestamptz,
                       add column phase_times      text,
                       add column cancel_requested boolean not null default false;
alter table import_run drop constraint if exists import_run_status_check;
alter table import_run add constraint import_run_status_check
    check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'));
