package cn.canbao.cadence.jobs;

import cn.canbao.base.QuartzJobs;
import java.time.Clock;
import java.time.LocalTime;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
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
            JobDetail job = QuartzJobs.recoverable(
                            CadenceTickJob.class, jobKey(campaignId), "扩面行动 " + campaignId + " 报告节奏")
                    .usingJobData(CadenceTickJob.CAMPAIGN_ID, Long.toString(campaignId))
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
        return QuartzJobs.cron(
                jobKey(campaignId),
                triggerKey(campaignId),
                CronScheduleBuilder.dailyAtHourAndMinute(at.getHour(), at.getMinute()),
                clock.getZone());
    }
}
