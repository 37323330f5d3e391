-- Person search and the audit log of who opened which person file (SPEC §3: full ID numbers and
-- mobiles are shown only on the person file, and every opening of a file is recorded).

-- One row per opening of a person file: written by PersonDirectory.open, read by admins. Append-only.
create table person_access (
    id        bigserial   primary key,
    id_number char(18)    not null references person (id_number),
    username  varchar(64) not null,
    opened_at timestamptz not null default now(),
    -- where the file was opened from (e.g. PERSON_VIEW); a code, not a text for users
    purpose   text
);

-- "who opened this person", newest first
create index person_access_person on person_access (id_number, opened_at desc);
-- "what did this user open", newest first
create index person_access_user on person_access (username, opened_at desc);
-- the admin's unfiltered log, newest first: walks this index and stops at the page's end
create index person_access_time on person_access (opened_at desc);

-- Name search. Not pg_trgm: it extracts no trigrams from Chinese characters when the database's
-- LC_CTYPE is C (the embedded server's initdb uses --locale=C), and a 2-character contains pattern
-- ('%志明%', the common case for Chinese names) yields no trigram in any locale, so its GIN index would
-- never be used. Instead:
--   * one character is a surname: prefix search, served by a pattern_ops btree (works in every collation);
--   * two or more characters: contains search, `string_to_array(name, null) @> array[chars] and
--     name like '%text%'`, served by a GIN index over the name's characters, whatever the locale.
create index person_name_prefix on person (name varchar_pattern_ops);
create index person_name_chars on person using gin (string_to_array(name, null));

-- Filters that pick out a few people of a large subtree.
create index person_inactive on person (status) where status <> 'ACTIVE';
create index person_not_enrolled_reason on person (not_enrolled_reason) where not_enrolled_reason is not null;
-- "the students of a township": from the group to the persons (the primary key starts with the person)
create index person_group_grp on person_group (grp, id_number);
