-- The security audit log (issue 15): one append-only row per act that matters for trust — rule uploads,
-- refused or throttled logins, rejects downloads, user administration, refused attacks. Written through
-- cn.canbao.security.SecurityAudit only; read by admins.
create table security_audit (
    id         bigserial   primary key,
    at         timestamptz not null default now(),
    -- who acted: a username, "system" or "anonymous"
    actor      varchar(64) not null,
    -- what was done, a code (e.g. RULE_UPLOADED, LOGIN_THROTTLED, REJECTS_DOWNLOADED)
    action     varchar(64) not null,
    -- on what (an import id, a username, a rule version …), free text
    subject    text,
    -- the outcome: ALLOWED or REFUSED
    outcome    varchar(16) not null,
    -- where the request came from (client address), when there was one
    client     varchar(64),
    detail     text
);

create index security_audit_time on security_audit (at desc);
create index security_audit_action on security_audit (action, at desc);
