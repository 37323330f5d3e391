package cn.canbao.notify.jobs;

import cn.canbao.base.QuartzJobs;
import java.time.Clock;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** Every minute: the engine's new tasks into the users' tallies, and the tallies due as messages. Clustered: one node. */
@DisallowConcurrentExecution
public class NewTaskScanJob extends QuartzJobBean {

    private final NewTaskNotices notices;

    public NewTaskScanJob(NewTaskNotices notices) {
        this.notices = notices;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        notices.run();
    }

    @Configuration(proxyBeanMethods = false)
    static class Schedule {

        static final String NAME = "new-task-notices";

        @Bean
        JobDetail newTaskNoticesJob() {
            return QuartzJobs.recoverable(NewTaskScanJob.class, JobKey.jobKey(NAME, "notify"), "新增待办通知")
                    .build();
        }

        /** {@code canbao.notify.task-scan-cron}: every minute unless set (tests: never; they run the scan). */
        @Bean
        Trigger newTaskNoticesTrigger(
                JobDetail newTaskNoticesJob,
                @Value("${canbao.notify.task-scan-cron:0 * * * * ?}") String cron,
                Clock clock) {
            return QuartzJobs.cron(
                    newTaskNoticesJob.getKey(),
                    TriggerKey.triggerKey(NAME, "notify"),
                    CronScheduleBuilder.cronSchedule(cron),
                    clock.getZone());
        }
    }
}
