package cn.canbao.register.jobs;

import cn.canbao.register.imports.ImportRetention;
import cn.canbao.security.SystemAccess;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Nightly at 03:15 the uploads and rejected rows older than the retention period are deleted
 * ({@link ImportRetention}). Clustered Quartz: one node runs it. The hour is the server's: for a period
 * counted in days it does not matter which night-time zone it is.
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
            return JobBuilder.newJob(ImportRetentionJob.class)
                    .withIdentity(NAME, GROUP)
                    .storeDurably()
                    // a node dying while it runs: another node runs it again (the job is idempotent)
                    .requestRecovery()
                    .withDescription("按保留期限删除上传的数据文件和拒收行")
                    .build();
        }

        @Bean
        Trigger importRetentionTrigger(JobDetail importRetentionJob) {
            return TriggerBuilder.newTrigger()
                    .forJob(importRetentionJob)
                    .withIdentity(NAME, GROUP)
                    .withSchedule(CronScheduleBuilder.dailyAtHourAndMinute(3, 15)
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build();
        }
    }
}
