-- SMS payment reminders: an outbox written in the caller's transaction (a BPMN step), a dispatcher that
-- sends from it through a gateway (Twilio, or the local one below), delivery status from callbacks,
-- opt-outs, inbound replies and the county's templates. See docs/decisions.md (why an outbox).

create table sms_template (
    county_code  varchar(12)  not null,
    template_key varchar(40)  not null,
    body         text         not null,
    updated_by   varchar(64)  not null,
    updated_at   timestamptz  not null default now(),
    primary key (county_code, template_key)
);

-- One row per message a process asked for. dedup_key makes enqueueing idempotent; a message that must not
-- go out (opted out, no valid mobile) is still recorded, as SKIPPED with its reason.
-- QUEUED → SENDING (committed before the provider is called) → ACCEPTED (provider took it) → SENT →
-- DELIVERED | UNDELIVERED | FAILED; a SENDING row whose outcome is unknown (crash, network fault, 5xx) is
-- reconciled with the provider before it is ever sent again.
create table sms_message (
    id              bigserial    primary key,
    dedup_key       varchar(200) not null unique,
    id_number       char(18)     not null,
    mobile          varchar(11),
    region_code     varchar(15),
    campaign_id     bigint,
    template_key    varchar(40)  not null,
    body            text         not null,
    segments        smallint     not null,
    status          varchar(12)  not null check (status in ('QUEUED', 'SENDING', 'ACCEPTED', 'SENT', 'DELIVERED',
                                                             'UNDELIVERED', 'FAILED', 'SKIPPED')),
    skip_reason     varchar(20)  check (skip_reason in ('OPTED_OUT', 'NO_MOBILE')),
    attempts        integer      not null default 0,
    -- when the dispatcher may next look at it: '-infinity' = at once; later = deferred (caps, backoff)
    next_attempt_at timestamptz  not null default '-infinity',
    defer_reason    varchar(20),
    last_attempt_at timestamptz,
    provider_sid    varchar(64),
    error_code      integer,
    error_message   varchar(500),
    created_at      timestamptz  not null default now(),
    accepted_at     timestamptz,
    status_at       timestamptz
);

create index sms_message_due on sms_message (next_attempt_at, id) where status in ('QUEUED', 'SENDING');
create index sms_message_person on sms_message (id_number, created_at desc);
create index sms_message_mobile on sms_message (mobile, last_attempt_at) where last_attempt_at is not null;
create unique index sms_message_sid on sms_message (provider_sid) where provider_sid is not null;
create index sms_message_region on sms_message (region_code varchar_pattern_ops, created_at);

-- who opted out, how (a reply, a grid worker, a clerk) and by whom; the register's person.sms_opt_out is the flag
create table sms_opt_out (
    id          bigserial    primary key,
    id_number   char(18)     not null,
    region_code varchar(15),
    source      varchar(12)  not null check (source in ('SMS_REPLY', 'GRID_WORKER', 'CLERK')),
    recorded_by varchar(64)  not null,
    recorded_at timestamptz  not null default now()
);

create index sms_opt_out_region on sms_opt_out (region_code varchar_pattern_ops, recorded_at);

-- replies from residents (Twilio's inbound webhook)
create table sms_inbound (
    id           bigserial    primary key,
    provider_sid varchar(64)  unique,
    from_mobile  varchar(20)  not null,
    body         text         not null,
    opt_out      boolean      not null,
    persons      integer      not null,
    received_at  timestamptz  not null default now()
);

-- The local gateway (development, demo): messages it "sent", keyed by the dispatcher's idempotency key,
-- as a provider would hold them. Written outside the dispatcher's transactions, like an external system.
create table sms_local_gateway (
    idempotency_key varchar(64)  primary key,
    sid             varchar(64)  not null unique,
    to_number       varchar(20)  not null,
    body            text         not null,
    accepted_at     timestamptz  not null default now()
);

-- The dispatcher that last held the cluster-wide lock and when its round ended: a node taking over waits
-- out the rest of that second, so the rate limit holds across a hand-over.
create table sms_dispatch_state (
    id          smallint     primary key check (id = 1),
    node        varchar(100),
    round_ended timestamptz
);
insert into sms_dispatch_state (id) values (1);
