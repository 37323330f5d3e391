-- Provider faults (issue 18): what the provider says decides what happens to a message and to the dispatcher.

-- The dispatcher pauses when the provider refuses our account (wrong credentials, suspended account, a sender not
-- allowed): messages stay queued, an operator is alerted and resumes it. Cluster-wide: every node's dispatcher reads it.
alter table sms_dispatch_state add column paused_at     timestamptz;
alter table sms_dispatch_state add column paused_code   integer;
alter table sms_dispatch_state add column paused_reason varchar(500);
alter table sms_dispatch_state add column resumed_by    varchar(64);
alter table sms_dispatch_state add column resumed_at    timestamptz;

-- Lookups of a message whose outcome is unknown count, like sends; after the last one the message waits in the
-- operator's queue (UNRESOLVED) instead of staying SENDING for ever.
alter table sms_message add column lookups integer not null default 0;
alter table sms_message drop constraint sms_message_status_check;
alter table sms_message add constraint sms_message_status_check check (status in ('QUEUED', 'SENDING', 'ACCEPTED',
    'SENT', 'DELIVERED', 'UNDELIVERED', 'FAILED', 'SKIPPED', 'UNRESOLVED'));
create index sms_message_unresolved on sms_message (id) where status = 'UNRESOLVED';

-- A status callback can arrive before the send that it is about has been recorded (the provider calls back while
-- our sender still writes its answer): it waits here and is applied when the provider's id is recorded.
create table sms_early_status (
    id            bigserial    primary key,
    provider_sid  varchar(64)  not null,
    status        varchar(20)  not null,
    error_code    integer,
    error_message varchar(500),
    received_at   timestamptz  not null default now()
);
create index sms_early_status_sid on sms_early_status (provider_sid);
