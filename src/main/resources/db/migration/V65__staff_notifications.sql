-- Notices to staff (issue 20): new tasks, the morning digest, leaders' notices, sent by SMS to the user's own phone or
-- to the region's work group chat (WeCom or DingTalk robot). See docs/staff-notifications.md.

-- A user's own choice: the channel (DEFAULT: the region's), an opt-out of all notices and quiet hours of their own
-- (null: canbao.notify.quiet-start/-end). Written by the user only.
create table notify_preference (
    username    varchar(64)  primary key,
    channel     varchar(8)   not null default 'DEFAULT' check (channel in ('DEFAULT', 'SMS', 'GROUP', 'NONE')),
    opted_out   boolean      not null default false,
    quiet_start time,
    quiet_end   time,
    updated_at  timestamptz  not null default now(),
    check ((quiet_start is null) = (quiet_end is null))
);

-- A region's default channel for its users and those below it (the nearest ancestor's row counts); set by an admin or
-- leader above or at the region. The robots' addresses and secrets are settings (canbao.notify.robots.<code>), never here.
create table notify_region_channel (
    region_code varchar(15)  primary key,
    channel     varchar(8)   not null check (channel in ('SMS', 'GROUP', 'NONE')),
    set_by      varchar(64)  not null,
    set_at      timestamptz  not null default now()
);

-- The outbox: one row per notice to one user on one channel. QUEUED → SENDING (committed before the post) → SENT, or
-- back to QUEUED after a refused post (backoff), FAILED after the last attempt; a row left SENDING (crash, a timeout
-- whose outcome is unknown) becomes UNRESOLVED and is never posted again: a notice is sent at most once.
create table notify_message (
    id              bigserial    primary key,
    dedup_key       varchar(200) not null unique,
    username        varchar(64)  not null,
    kind            varchar(20)  not null,
    channel         varchar(8)   not null check (channel in ('SMS', 'WECOM', 'DINGTALK')),
    robot           varchar(15),
    body            text         not null,
    status          varchar(12)  not null check (status in ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'SKIPPED',
                                                             'UNRESOLVED')),
    skip_reason     varchar(20),
    attempts        integer      not null default 0,
    next_attempt_at timestamptz  not null default '-infinity',
    last_attempt_at timestamptz,
    provider_reply  varchar(500),
    created_at      timestamptz  not null default now(),
    sent_at         timestamptz,
    check ((channel in ('WECOM', 'DINGTALK')) = (robot is not null))
);

create index notify_message_due on notify_message (next_attempt_at, id) where status in ('QUEUED', 'SENDING');
create index notify_message_user on notify_message (username, kind, created_at desc);

-- New tasks seen for a user and not yet told: at most one message per user per hour sums them up.
create table notify_task_tally (
    username varchar(64)  primary key,
    tasks    integer      not null,
    -- of them, visits to households (入户走访): told as 新增待走访 n 户
    visits   integer      not null default 0,
    first_at timestamptz  not null
);

-- The engine's tasks already counted into a tally (a scan looks back a while: a long transaction commits its tasks
-- late); kept a day.
create table notify_task_seen (
    task_id varchar(64)  primary key,
    seen_at timestamptz  not null default now()
);

-- Up to when the engine's new tasks have been looked at (one row).
create table notify_task_scan (
    id            smallint     primary key check (id = 1),
    scanned_until timestamptz  not null
);
insert into notify_task_scan (id, scanned_until) values (1, now());
