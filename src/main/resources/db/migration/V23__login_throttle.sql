-- Issue 15: brute-force limits on login, and sessions that end when an account is disabled or its password
-- or roles change — on every node of a cluster, hence both in the shared database.

-- Failed logins counted per account name (as typed, existing or not) and per client address. A key with too
-- many failures in the window is locked until locked_until; further attempts are refused before any
-- password check. Written through cn.canbao.security.LoginThrottle only.
create table login_throttle (
    kind             varchar(8)   not null check (kind in ('ACCOUNT', 'ADDRESS')),
    key              varchar(64)  not null,
    -- failures since window_started_at (reset when the window has passed or a lockout begins)
    failures         integer      not null,
    window_started_at timestamptz not null,
    last_failure_at  timestamptz  not null,
    -- lockouts in a row: each doubles the next one's length; forgotten after a quiet window
    lockouts         integer      not null default 0,
    locked_until     timestamptz,
    -- whether a refused attempt of the current lockout is in the audit log already (one row per lockout)
    refusal_audited  boolean      not null default false,
    primary key (kind, key)
);

-- old rows are purged a few at a time by age
create index login_throttle_last_failure on login_throttle (last_failure_at);

-- A session (form login) is valid while this still has the value it had at login: disabling the user,
-- resetting or changing the password and changing roles set it to now().
alter table app_user add column sessions_valid_after timestamptz;

-- the engine operator role (Role.OPERATOR) was missing from the allowed roles
alter table app_user_role drop constraint app_user_role_role_check;
alter table app_user_role add constraint app_user_role_role_check check (role in ('COUNTY_LEADER',
    'TOWNSHIP_LEADER', 'VILLAGE_CADRE', 'GRID_WORKER', 'CLERK', 'VOLUNTEER', 'ADMIN', 'OPERATOR'));
