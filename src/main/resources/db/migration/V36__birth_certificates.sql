-- Newborns from the birth certificate (出生医学证明, the health commission's extract), before the household
-- registration gives them an ID number. Heilongjiang (seeds/heilongjiang-long-term-enrollment-mechanism.txt, (八)):
-- "完善新生儿凭出生医学证明参保等服务，促进监护人为新生儿在出生当年参保"; (七): "及时共享公民出生、死亡和户口登记、
-- 迁移、注销等信息". One row per certificate: the register's file of a child not yet registered. When the police
-- register the birth (a BIRTH row naming the certificate, or the same mother, birth date and name), id_number links
-- it to the person file that row creates, and an enrolment made on the certificate moves into that file: one
-- person, one file.
alter table import_run drop constraint if exists import_run_kind_check;
alter table import_run add constraint import_run_kind_check check (kind in ('POLICE_HOUSEHOLD', 'INSURANCE_STATUS',
    'HARDSHIP', 'STUDENT', 'TAX_PAYMENT', 'JUSTICE_CUSTODY', 'EMPLOYEE_SUSPENSION', 'BIRTH_CERTIFICATE'));

create table birth_certificate (
    certificate_no   varchar(20)  primary key check (certificate_no ~ '^[A-Z0-9]{6,20}$'),
    name             varchar(60)  not null,
    sex              char(1)      not null check (sex in ('M', 'F')),
    birth_date       date         not null,
    mother_id_number char(18)     not null check (mother_id_number ~ '^[0-9]{17}[0-9X]$'),
    father_id_number char(18)     check (father_id_number ~ '^[0-9]{17}[0-9X]$'),
    -- where the child lives: the row's village and grid, else the mother's
    residence_region varchar(12),
    grid_code        varchar(15),
    -- the county whose clerk answers for the child (the residence's, else the mother's household county)
    county_code      varchar(12)  not null,
    -- the person file once the police registered the birth, and the import that linked it
    id_number        char(18)     unique,
    linked_import    bigint,
    -- an enrolment recorded on the certificate before there was a file (moved into enrollment on linking)
    enrolled_year    smallint,
    enrolled_scheme  varchar(10)  check (enrolled_scheme in ('EMPLOYEE', 'RESIDENT')),
    enrolled_on      date,
    enrolled_by      varchar(64),
    import_id        bigint       not null,
    created_at       timestamptz  not null default now(),
    updated_at       timestamptz  not null default now()
);

create index birth_certificate_mother on birth_certificate (mother_id_number, birth_date);
create index birth_certificate_residence on birth_certificate (residence_region varchar_pattern_ops);
create index birth_certificate_import on birth_certificate (import_id);

-- a newborn fast track may start from the certificate, before there is an ID number
alter table fast_track alter column id_number drop not null;
alter table fast_track add column certificate_no varchar(20);
alter table fast_track add constraint fast_track_person_or_certificate
    check (id_number is not null or certificate_no is not null);
create unique index fast_track_live_certificate on fast_track (kind, certificate_no)
    where ended_at is null and certificate_no is not null;
