-- The enrollment targets' package is cn.canbao.quota, no longer cn.canbao.target (a build folder's name: tools and
-- ignore rules skipped it; issue 19). Quartz keeps each job's class by name: a database made before the rename
-- would fail to load the baseline refresh job, so the stored names follow the code.
update qrtz_job_details set job_class_name = replace(job_class_name, 'cn.canbao.target.', 'cn.canbao.quota.')
where job_class_name like 'cn.canbao.target.%';
