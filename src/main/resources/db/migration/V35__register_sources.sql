-- Sources the documents name besides the police (issue 16). The Yancheng pilot (seeds/yancheng-one-person-one-file-
-- pilot.txt, 实施步骤 3): "初期与公安、司法等部门通过数据共享、对比，形成各地户籍区划内未参保人员数据；新增“职工中止参保人员”
-- 超3月、省内户籍转换数据" — justice data and employees whose employee insurance stopped more than 3 months ago.

-- the new extract kinds (the kind check of V4 lists every kind; recreated with the new ones added)
alter table import_run drop constraint if exists import_run_kind_check;
alter table import_run add constraint import_run_kind_check check (kind in ('POLICE_HOUSEHOLD', 'INSURANCE_STATUS',
    'HARDSHIP', 'STUDENT', 'TAX_PAYMENT', 'JUSTICE_CUSTODY', 'EMPLOYEE_SUSPENSION'));

-- 司法数据: a period a person is held (在押: detained, 服刑: serving a sentence) at an institution. While a period
-- covers the reference day the person is not in the target's denominator nor on the outreach list; released
-- (until set and passed) they count again. One row per person and start of the period.
create table person_custody (
    id_number   char(18)     not null,
    kind        varchar(10)  not null check (kind in ('DETAINED', 'SENTENCED')),
    since       date         not null,
    until       date,
    institution varchar(100),
    import_id   bigint,
    primary key (id_number, since),
    check (until is null or until >= since)
);

-- 职工中止参保: the employee insurance of a person stopped on suspended_on (resumed_on when it started again).
create table employee_suspension (
    id_number    char(18)     not null,
    suspended_on date         not null,
    resumed_on   date,
    employer     varchar(100),
    import_id    bigint,
    primary key (id_number, suspended_on),
    check (resumed_on is null or resumed_on >= suspended_on)
);

-- the baseline shows whom it left out of the registered population: files in custody on its reference day
alter table baseline add column in_custody integer not null default 0;
