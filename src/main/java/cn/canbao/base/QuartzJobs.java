package cn.canbao.base;

import java.time.ZoneId;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * How every Quartz job and trigger of Canbao is built, so that the cluster guarantees are set in one place: the
 * store is shared by all nodes, jobs are stored durably and recovered on another node, triggers keep the clock's
 * zone and fire once after an outage.
 */
public final class QuartzJobs {

    private QuartzJobs() {}

    /**
     * A stored job of this type: when its node dies while it runs, another node runs it again ({@code
     * requestRecovery}), which every job here may do because each is idempotent.
     */
    public static JobBuilder recoverable(Class<? extends Job> type, JobKey key, String description) {
        return JobBuilder.newJob(type)
                .withIdentity(key)
                .storeDurably()
                .requestRecovery()
                .withDescription(description);
    }

    /**
     * A cron trigger of the job in the zone. Down at the time (deploy, outage), it fires once when back, not once per
     * missed time.
     */
    public static Trigger cron(JobKey job, TriggerKey key, CronScheduleBuilder schedule, ZoneId zone) {
        return TriggerBuilder.newTrigger()
                .forJob(job)
                .withIdentity(key)
                .withSchedule(
                        schedule.inTimeZone(TimeZone.getTimeZone(zone)).withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
