-- Issue 15, hole 1: a process's record comes from state the process owns, never from a variable a user can
-- write. A target breakdown names a (campaign, region) pair: its first step (system) claims the target row
-- with its process instance id, and its tasks find their region through that id.
alter table target add column breakdown_instance_id varchar(64);
create unique index target_breakdown_instance on target (breakdown_instance_id) where breakdown_instance_id is not null;

