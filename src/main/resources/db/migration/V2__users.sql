-- Users of Canbao. Each is bound to one region or grid and sees only its subtree. The same users
-- (and groups derived from roles and regions) are what Camunda's webapps and REST API see.
create table app_user (
    username      varchar(64)  primary key check (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
    display_name  varchar(100) not null,
    password_hash varchar(100) not null,
    region_code   varchar(15)  not null references region (code),
    phone         varchar(11),
    locale        varchar(10)  not null default 'zh-CN',
    enabled       boolean      not null default true,
    created_at    timestamptz  not null default now(),
    created_by    varchar(64),
    last_login_at timestamptz
);

create index app_user_region on app_user (region_code);

create table app_user_role (
    username varchar(64) not null references app_user (username) on delete cascade,
    role     varchar(20) not null check (role in ('COUNTY_LEADER', 'TOWNSHIP_LEADER', 'VILLAGE_CADRE', 'GRID_WORKER',
                                                  'CLERK', 'VOLUNTEER', 'ADMIN')),
    primary key (username, role)
);

create index app_user_role_role on app_user_role (role);
