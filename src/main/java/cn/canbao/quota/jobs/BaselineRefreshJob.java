package cn.canbao.quota.jobs;

import cn.canbao.quota.BaselineService;
import cn.canbao.security.SystemAccess;
import java.time.Clock;
import java.util.TimeZone;
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
 * Nightly at 02:30 (canbao.zone) the baseline table is recomputed from the register, whatever changed
 * it during the day besides imports. Clustered Quartz: one node runs it.
 */
@DisallowConcurrentExecution
public class BaselineRefreshJob extends QuartzJobBean {

    private final BaselineService baseline;

    public BaselineRefreshJob(BaselineService baseline) {
        this.baseline = baseline;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        SystemAccess.run(baseline::refreshRecentYears);
    }

    @Configuration(proxyBeanMethods = false)
    public static class Schedule {

        public static final String NAME = "baseline-refresh";

        @Bean
        JobDetail baselineRefreshJob() {
            return JobBuilder.newJob(BaselineRefreshJob.class)
                    .withIdentity(NAME, "target")
                    .storeDurably()
                    // a node dying while it runs: another node runs it again (the job is idempotent)
                    .requestRecovery()
                    .withDescription("刷新参保扩面基数表")
                    .build();
        }

        @Bean
        Trigger baselineRefreshTrigger(JobDetail baselineRefreshJob, Clock clock) {
            return TriggerBuilder.newTrigger()
                    .forJob(baselineRefreshJob)
                    .withIdentity(NAME, "target")
                    .withSchedule(CronScheduleBuilder.dailyAtHourAndMinute(2, 30)
                            .inTimeZone(TimeZone.getTimeZone(clock.getZone()))
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build();
        }
    }
}
