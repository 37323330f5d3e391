-- The field page (issue 20, point 3): visit forms filled on a phone, kept there while offline and submitted when the
-- connection returns. Each filled form carries a key the phone made (a UUID); the first submission of a key records
-- the visit, a repeat of the same form is answered with the first result, and nothing is recorded twice.

-- One row per key, written in the transaction that records the visit (a refused visit leaves no row): the key is
-- unique, so two submissions of one form racing each other record one visit; the second waits and finds the first.
create table field_submission (
    idempotency_key uuid        primary key,
    username        varchar(64) not null,
    task_id         varchar(64) not null,
    case_id         bigint      not null references outreach_case (id),
    -- SHA-256 of the form and photo as submitted: the same key with another form is refused
    body_hash       char(64)    not null,
    -- the first visit row the submission recorded (a household's visit records one per member); set in the same
    -- transaction once the visit is recorded (the row is written first, so that a racing twin waits for it)
    visit_id        bigint      references visit (id),
    submitted_at    timestamptz not null
);

create index field_submission_case on field_submission (case_id);

-- A photo of the receipt or notice the grid worker took on the visit (JPEG or PNG, size limited by
-- canbao.outreach.field.photo-max-size): one row, linked to every visit row of that visit (a household's members).
create table visit_photo (
    id           bigserial   primary key,
    content_type varchar(16) not null check (content_type in ('image/jpeg', 'image/png')),
    bytes        bytea       not null,
    size_bytes   integer     not null,
    uploaded_by  varchar(64) not null,
    uploaded_at  timestamptz not null
);

create table visit_photo_link (
    visit_id bigint not null references visit (id),
    photo_id bigint not null references visit_photo (id),
    primary key (visit_id, photo_id)
);

create index visit_photo_link_photo on visit_photo_link (photo_id);

-- Who looked at which photo (it shows a resident's receipt or notice): append-only, like person_access.
create table visit_photo_access (
    id        bigserial   primary key,
    photo_id  bigint      not null references visit_photo (id),
    username  varchar(64) not null,
    opened_at timestamptz not null,
    purpose   text
);

create index visit_photo_access_photo on visit_photo_access (photo_id, opened_at desc);
create index visit_photo_access_user on visit_photo_access (username, opened_at desc);
