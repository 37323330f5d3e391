package cn.canbao.quota.jobs;

import cn.canbao.base.QuartzJobs;
import cn.canbao.quota.BaselineService;
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
            return QuartzJobs.recoverable(BaselineRefreshJob.class, JobKey.jobKey(NAME, "target"), "刷新参保扩面基数表")
                    .build();
        }

        @Bean
        Trigger baselineRefreshTrigger(JobDetail baselineRefreshJob, Clock clock) {
            return QuartzJobs.cron(
                    baselineRefreshJob.getKey(),
                    TriggerKey.triggerKey(NAME, "target"),
                    CronScheduleBuilder.dailyAtHourAndMinute(2, 30),
                    clock.getZone());
        }
    }
}
