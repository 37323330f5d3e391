-- Rejects name the column and the value they are about (issue 17.9): "区划 X 不存在" did not say whether
-- 户籍地, 常住地 or 网格 was wrong. column_name is the header as the layout names it; cell_value the value as
-- a list may show it (ID numbers and phones masked: the raw row keeps the full value for whoever corrects it).
-- Both null for reasons about the whole row (unknown person, out of scope …) and for rejects of older imports.
alter table import_reject add column column_name varchar(60);
alter table import_reject add column cell_value  varchar(200);

-- The gap between rows read and rows accepted, explained (issue 17.3 and 17.9): exact repeats of a row of the
-- same file, and rows held for a clerk (one ID number under two names in one file) are neither accepted nor
-- rejected. persons_accepted: distinct persons of the accepted rows (null for kinds without an ID per row), so
-- the summary can say how many of them the import left unchanged. header: the file's header row as read (CSV),
-- which a held row is imported again with once a clerk chose it.
alter table import_run add column rows_duplicate   integer not null default 0;
alter table import_run add column rows_held        integer not null default 0;
alter table import_run add column persons_accepted integer;
alter table import_run add column header           text;
