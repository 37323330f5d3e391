package cn.canbao.dashboard.jobs;

import cn.canbao.base.QuartzJobs;
import cn.canbao.dashboard.DashboardService;
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
 * Nightly at 02:45 (canbao.zone), after the baseline's refresh at 02:30, every open campaign's dashboard figures
 * are refreshed for the new day, whatever changed during the day besides imports and ticks. Clustered: one node.
 */
@DisallowConcurrentExecution
public class DashboardRefreshJob extends QuartzJobBean {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DashboardRefreshJob.class);

    private final DashboardService dashboard;

    public DashboardRefreshJob(DashboardService dashboard) {
        this.dashboard = dashboard;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        // one line per run, with the time the trigger was due: a cluster runs each due time on one node only
        log.info(
                "dashboard refresh for the trigger fired at {}",
                context.getScheduledFireTime() == null
                        ? null
                        : context.getScheduledFireTime().toInstant());
        SystemAccess.run(dashboard::refreshOpenCampaigns);
    }

    @Configuration(proxyBeanMethods = false)
    static class Schedule {

        public static final String NAME = "dashboard-refresh";

        @Bean
        JobDetail dashboardRefreshJob() {
            return QuartzJobs.recoverable(DashboardRefreshJob.class, JobKey.jobKey(NAME, "dashboard"), "刷新数据看板")
                    .build();
        }

        /**
         * {@code canbao.dashboard.refresh-cron} (Quartz cron, canbao.zone's time): nightly at 02:45 unless set; the cluster
         * test sets every 5 s. A stored trigger keeps its schedule (nodes never overwrite stored jobs in a cluster).
         */
        @Bean
        Trigger dashboardRefreshTrigger(
                JobDetail dashboardRefreshJob,
                @org.springframework.beans.factory.annotation.Value("${canbao.dashboard.refresh-cron:0 45 2 * * ?}")
                        String cron,
                Clock clock) {
            return QuartzJobs.cron(
                    dashboardRefreshJob.getKey(),
                    TriggerKey.triggerKey(NAME, "dashboard"),
                    CronScheduleBuilder.cronSchedule(cron),
                    clock.getZone());
        }
    }
}
