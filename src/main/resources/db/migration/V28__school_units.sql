-- Whole-school registration (整体参保): "鼓励以学校为单位在学校所在地统一办理参保登记手续，整体参保缴费" (Heilongjiang
-- mechanism 二(一)). One row per county, school (the name on the education rolls) and scheme year.
create table school_enrollment_unit (
    county_code     varchar(12)  not null,
    school          varchar(100) not null,
    year            smallint     not null check (year between 2000 and 2100),
    registered_on   date         not null,
    declared_pupils integer      not null check (declared_pupils >= 0),
    registered_by   varchar(64)  not null,
    registered_at   timestamptz  not null default now(),
    primary key (county_code, school, year)
);
