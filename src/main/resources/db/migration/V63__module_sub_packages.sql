-- The Quartz jobs' classes moved into their modules' jobs sub-packages (issue 19, point 2: a module's root holds its
-- public face, its internals live in sub-packages). Quartz keeps each job's class by name: a database made before
-- the move would fail to load these jobs, so the stored names follow the code (as V45 did for the quota package).
update qrtz_job_details set job_class_name = replace(job_class_name, 'cn.canbao.cadence.CadenceTickJob', 'cn.canbao.cadence.jobs.CadenceTickJob')
where job_class_name like 'cn.canbao.cadence.CadenceTickJob%';
update qrtz_job_details set job_class_name = replace(job_class_name, 'cn.canbao.dashboard.DashboardRefreshJob', 'cn.canbao.dashboard.jobs.DashboardRefreshJob')
where job_class_name like 'cn.canbao.dashboard.DashboardRefreshJob%';
update qrtz_job_details set job_class_name = replace(job_class_name, 'cn.canbao.outreach.OutreachJob', 'cn.canbao.outreach.jobs.OutreachJob')
where job_class_name like 'cn.canbao.outreach.OutreachJob%';
update qrtz_job_details set job_class_name = replace(job_class_name, 'cn.canbao.quota.BaselineRefreshJob', 'cn.canbao.quota.jobs.BaselineRefreshJob')
where job_class_name like 'cn.canbao.quota.BaselineRefreshJob%';
update qrtz_job_details set job_class_name = replace(job_class_name, 'cn.canbao.register.ImportRetentionJob', 'cn.canbao.register.jobs.ImportRetentionJob')
where job_class_name like 'cn.canbao.register.ImportRetentionJob%';
