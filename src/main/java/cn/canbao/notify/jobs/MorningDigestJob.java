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

/** Every morning (07:30, canbao.zone) the digests of grid workers and village cadres. Clustered: one node. */
@DisallowConcurrentExecution
public class MorningDigestJob extends QuartzJobBean {

    private final MorningDigest digest;

    public MorningDigestJob(MorningDigest digest) {
        this.digest = digest;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        // a re-run the same day (recovery, a second node) queues nothing new: each digest's key carries the date
        digest.run();
    }

    @Configuration(proxyBeanMethods = false)
    static class Schedule {

        static final String NAME = "morning-digest";

        @Bean
        JobDetail morningDigestJob() {
            return QuartzJobs.recoverable(MorningDigestJob.class, JobKey.jobKey(NAME, "notify"), "早间待办提醒")
                    .build();
        }

        /** {@code canbao.notify.digest-cron} (Quartz cron, canbao.zone): 07:30 unless set. */
        @Bean
        Trigger morningDigestTrigger(
                JobDetail morningDigestJob,
                @Value("${canbao.notify.digest-cron:0 30 7 * * ?}") String cron,
                Clock clock) {
            return QuartzJobs.cron(
                    morningDigestJob.getKey(),
                    TriggerKey.triggerKey(NAME, "notify"),
                    CronScheduleBuilder.cronSchedule(cron),
                    clock.getZone());
        }
    }
}
