package cn.canbao.register.jobs;

import cn.canbao.base.QuartzJobs;
import cn.canbao.register.imports.ImportRetention;
import cn.canbao.security.SystemAccess;
import java.time.Clock;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Nightly at 03:15 the uploads and rejected rows older than the retention period are deleted
 * ({@link ImportRetention}), at the clock's zone (canbao.zone) like every other schedule. Clustered Quartz: one
 * node runs it.
 */
@DisallowConcurrentExecution
public class ImportRetentionJob extends QuartzJobBean {

    private final ImportRetention retention;

    public ImportRetentionJob(ImportRetention retention) {
        this.retention = retention;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        SystemAccess.run(retention::purgeExpired);
    }

    @Configuration(proxyBeanMethods = false)
    public static class Schedule {

        public static final String NAME = "import-retention";
        public static final String GROUP = "register";

        @Bean
        JobDetail importRetentionJob() {
            return QuartzJobs.recoverable(ImportRetentionJob.class, JobKey.jobKey(NAME, GROUP), "按保留期限删除上传的数据文件和拒收行")
                    .build();
        }

        @Bean
        Trigger importRetentionTrigger(JobDetail importRetentionJob, Clock clock) {
            return QuartzJobs.cron(
                    importRetentionJob.getKey(),
                    TriggerKey.triggerKey(NAME, GROUP),
                    CronScheduleBuilder.dailyAtHourAndMinute(3, 15),
                    clock.getZone());
        }
    }
}
