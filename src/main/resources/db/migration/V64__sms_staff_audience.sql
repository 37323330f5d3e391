-- Staff notices by SMS (issue 20) go through the same outbox and gateway as residents' reminders but are never mixed
-- with them: a staff row is marked STAFF, names the user (staff_user) instead of a resident (id_number null) and
-- carries no region code, so the residents' reports, tallies and per-person caps (all keyed by id_number or
-- region_code) never see it.
alter table sms_message add column audience varchar(8) not null default 'RESIDENT'
    check (audience in ('RESIDENT', 'STAFF'));
alter table sms_message add column staff_user varchar(64);
alter table sms_message alter column id_number drop not null;
alter table sms_message add constraint sms_message_staff_check check (case audience
    when 'RESIDENT' then id_number is not null and staff_user is null
    else id_number is null and staff_user is not null and region_code is null and campaign_id is null end);
