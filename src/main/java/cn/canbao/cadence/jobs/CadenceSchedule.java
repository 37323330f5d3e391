package cn.canbao.cadence.jobs;

import java.time.Clock;
import java.time.LocalTime;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.springframework.stereotype.Component;

/**
 * The Quartz side of the cadence: one job and one cron trigger per campaign, daily at the village time,
 * China time. The job store is clustered and shared by every node, so nothing is overwritten blindly:
 * schedule only when absent, replace a trigger by its key. Calls join the caller's transaction (Spring's
 * job store uses the transactional data source), so a campaign and its schedule commit together.
 */
@Component
public class CadenceSchedule {

    public static final String GROUP = "cadence";

    private final Scheduler scheduler;
    private final Clock clock;

    CadenceSchedule(Scheduler scheduler, Clock clock) {
        this.clock = clock;
        this.scheduler = scheduler;
    }

    public static JobKey jobKey(long campaignId) {
        return JobKey.jobKey("campaign-" + campaignId, GROUP);
    }

    public static TriggerKey triggerKey(long campaignId) {
        return TriggerKey.triggerKey("campaign-" + campaignId, GROUP);
    }

    /** Schedules the campaign's tick unless it is scheduled already (another node, a second event). */
    public void ensure(long campaignId, LocalTime villageTime) {
        try {
            if (scheduler.checkExists(jobKey(campaignId))) {
                return;
            }
            JobDetail job = JobBuilder.newJob(CadenceTickJob.class)
                    .withIdentity(jobKey(campaignId))
                    .usingJobData(CadenceTickJob.CAMPAIGN_ID, Long.toString(campaignId))
                    .withDescription("扩面行动 " + campaignId + " 报告节奏")
                    .storeDurably()
                    // a node dying while it runs: another node runs it again (the job is idempotent)
                    .requestRecovery()
                    .build();
            scheduler.scheduleJob(job, trigger(campaignId, villageTime));
        } catch (ObjectAlreadyExistsException raced) {
            // another node scheduled it between the check and ours: the same schedule
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule the cadence of campaign " + campaignId, e);
        }
    }

    /** Moves the tick to a new time of day (settings changed); schedules it if it was missing. */
    public void reschedule(long campaignId, LocalTime villageTime) {
        try {
            if (scheduler.checkExists(triggerKey(campaignId))) {
                scheduler.rescheduleJob(triggerKey(campaignId), trigger(campaignId, villageTime));
            } else {
                ensure(campaignId, villageTime);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot reschedule the cadence of campaign " + campaignId, e);
        }
    }

    /** Removes the campaign's job and trigger (the campaign summarises or closed). */
    public void remove(long campaignId) {
        try {
            scheduler.deleteJob(jobKey(campaignId));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot unschedule the cadence of campaign " + campaignId, e);
        }
    }

    private Trigger trigger(long campaignId, LocalTime at) {
        return TriggerBuilder.newTrigger()
                .forJob(jobKey(campaignId))
                .withIdentity(triggerKey(campaignId))
                .withSchedule(CronScheduleBuilder.dailyAtHourAndMinute(at.getHour(), at.getMinute())
                        .inTimeZone(TimeZone.getTimeZone(clock.getZone()))
                        // down at the time (deploy, outage): tick once when back, not once per missed day
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
