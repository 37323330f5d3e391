-- Rule sets (SPEC §7, issue 16): one active set of rules per scheme year and place (province, city or county
-- region code; the most specific applies): contribution standard, government subsidy, the place's original
-- serious-illness maximum, the concentrated enrollment period, whether (and since when) the long-term mechanism
-- applies, and the subsidy of each hardship category. A change adds a row and retires the previous one, which
-- stays for the record.
create table policy_rule_set (
    id                    bigserial      primary key,
    scheme_year           smallint       not null check (scheme_year between 2000 and 2100),
    place_code            varchar(12)    not null check (place_code ~ '^[0-9]{12}$'),
    place_name            varchar(100)   not null,
    mechanism_from        smallint       check (mechanism_from between 2000 and 2100),
    personal_contribution numeric(10, 2) not null check (personal_contribution >= 0),
    government_subsidy    numeric(10, 2) not null check (government_subsidy >= 0),
    original_limit        numeric(12, 2) check (original_limit > 0),
    collection_start      date           not null,
    collection_end        date           not null,
    raise_amount          numeric(10, 2) not null default 1000 check (raise_amount >= 1000),
    reduction_amount      numeric(10, 2) not null default 1000 check (reduction_amount > 0),
    bound_percent         smallint       not null default 20 check (bound_percent between 0 and 100),
    active                boolean        not null default true,
    created_by            varchar(64)    not null,
    created_at            timestamptz    not null default now(),
    retired_by            varchar(64),
    retired_at            timestamptz,
    constraint policy_rule_set_period check (collection_end >= collection_start),
    -- the 20% bounds are shares of the original maximum: a place under the mechanism must say what it is
    constraint policy_rule_set_limit check (mechanism_from is null or original_limit is not null)
);

create unique index policy_rule_set_active on policy_rule_set (scheme_year, place_code) where active;

-- 分类资助: per rule set and hardship category, the whole personal contribution (full) or a fixed amount.
create table policy_hardship_subsidy (
    rule_set_id bigint        not null references policy_rule_set (id),
    category    varchar(24)   not null check (category in ('TEKUN', 'ORPHAN', 'DE_FACTO_ORPHAN', 'DIBAO',
                                                           'RETURNED_TO_POVERTY', 'MONITORED', 'SEVERE_DISABILITY')),
    full_amount boolean       not null,
    amount      numeric(10, 2) check (amount >= 0),
    primary key (rule_set_id, category),
    constraint policy_hardship_subsidy_amount check (full_amount = (amount is null))
);

-- The spouse who accompanied a soldier leaving service, from the veterans' extract (VETERAN).
alter table person_group drop constraint person_group_grp_check;
alter table person_group add constraint person_group_grp_check
    check (grp in ('STUDENT', 'PRESCHOOL', 'NEWBORN', 'HARDSHIP', 'NEW_FORM_WORKER', 'FLEXIBLE_EMPLOYMENT', 'MIGRANT',
                   'VETERAN', 'MILITARY_SPOUSE'));

alter table import_run drop constraint import_run_kind_check;
alter table import_run add constraint import_run_kind_check
    check (kind in ('POLICE_HOUSEHOLD', 'INSURANCE_STATUS', 'HARDSHIP', 'STUDENT', 'TAX_PAYMENT', 'VETERAN'));
