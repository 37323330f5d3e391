-- Every Canbao job is idempotent (a day's cadence is handled once, refreshes recompute, outreach claims what it
-- starts), so a job that was running on a node that died is run again by another node: Quartz does that only for
-- jobs stored with "requests recovery". The job beans now say so; jobs stored before (nodes never overwrite stored
-- jobs in a cluster) are updated here.
update qrtz_job_details set requests_recovery = true;
