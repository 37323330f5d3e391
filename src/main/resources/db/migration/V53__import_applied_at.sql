-- When the import's own transaction committed its data (issue 17, point 7: "a restart of the app during an import
-- leaves it either fully applied or not at all, with the user told which"). Written by the last statement of that
-- transaction, so it is set exactly when the register changed: a run a dead node left RUNNING with it set stands
-- (SUCCEEDED, its figures refreshed after the restart), one without it wrote nothing (FAILED, import again).
alter table import_run add column applied_at timestamptz;
