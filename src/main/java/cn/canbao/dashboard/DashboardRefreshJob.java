package cn.canbao.dashboard;

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

import java.util.TimeZone;

/**
 * Nightly at 02:45 (China time), after the baseline's refresh at 02:30, every open campaign's dashboard figures
 * are refreshed for the new day, whatever changed during the day besides imports and ticks. Clustered: one node.
 */
@DisallowConcurrentExecution
public class DashboardRefreshJob extends QuartzJobBean {

    private final DashboardService dashboard;

    public DashboardRefreshJob(DashboardService dashboard) {
        this.dashboard = dashboard;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        SystemAccess.run(dashboard::refreshOpenCampaigns);
    }

    @Configuration(proxyBeanMethods = false)
    static class Schedule {

        static final String NAME = "dashboard-refresh";

        @Bean
        JobDetail dashboardRefreshJob() {
            return JobBuilder.newJob(DashboardRefreshJob.class).withIdentity(NAME, "dashboard").storeDurably()
                    .withDescription("刷新数据看板").build();
        }

        @Bean
        Trigger dashboardRefreshTrigger(JobDetail dashboardRefreshJob) {
            return TriggerBuilder.newTrigger().forJob(dashboardRefreshJob).withIdentity(NAME, "dashboard")
                    .withSchedule(CronScheduleBuilder.dailyAtHourAndMinute(2, 45)
                            .inTimeZone(TimeZone.getTimeZone("Asia/Shanghai"))
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build();
        }
    }
}
