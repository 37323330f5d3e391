-- Retention of uploaded extracts (issue 15): after canbao.imports.retention (default 30 days) a nightly job
-- deletes an import's stored file and its rejected rows (raw personal data) and sets purged_at; the import
-- row with its counts and summary stays.
alter table import_run add column purged_at timestamptz;

-- the job's selection: finished imports not yet purged, oldest first
create index import_run_unpurged on import_run (finished_at) where purged_at is null;
