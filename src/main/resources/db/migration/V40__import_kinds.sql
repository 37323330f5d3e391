-- The import kinds of the veterans' extract (V27) and of the justice, employee-suspension and birth-certificate
-- extracts (V35, V36) were each added by a migration that re-created the check with the kinds it knew; this one
-- lists them all.
alter table import_run drop constraint if exists import_run_kind_check;
alter table import_run add constraint import_run_kind_check
    check (kind in ('POLICE_HOUSEHOLD', 'INSURANCE_STATUS', 'HARDSHIP', 'STUDENT', 'TAX_PAYMENT', 'VETERAN',
                    'JUSTICE_CUSTODY', 'EMPLOYEE_SUSPENSION', 'BIRTH_CERTIFICATE'));
