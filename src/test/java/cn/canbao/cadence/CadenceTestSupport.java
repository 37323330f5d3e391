package cn.canbao.cadence;

import static org.awaitility.Awaitility.await;

import cn.canbao.base.CanbaoClock;
import cn.canbao.cadence.jobs.CadenceSchedule;
import cn.canbao.cadence.jobs.CadenceTickJob;
import cn.canbao.campaign.Campaign;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.stereotype.Component;

/** Drives a campaign's cadence through Quartz for a given day and waits for the run; cleans up after a test. */
@Component
public class CadenceTestSupport {

    private final Scheduler scheduler;
    private final RuntimeService runtime;
    /** day (ISO) of each finished run by job name, with the failure if there was one ("" when fine) */
    private final Map<String, String> finished = new ConcurrentHashMap<>();

    CadenceTestSupport(Scheduler scheduler, RuntimeService runtime) throws SchedulerException {
        this.scheduler = scheduler;
        this.runtime = runtime;
        scheduler
                .getListenerManager()
                .addJobListener(
                        new Recorder(), org.quartz.impl.matchers.GroupMatcher.jobGroupEquals(CadenceSchedule.GROUP));
    }

    public static void clockAt(LocalDate day, LocalTime time) {
        ClockUtil.setCurrentTime(
                Date.from(day.atTime(time).atZone(CanbaoClock.DEFAULT_ZONE).toInstant()));
    }

    public boolean scheduled(long campaignId) throws SchedulerException {
        return scheduler.checkExists(CadenceSchedule.triggerKey(campaignId))
                && scheduler.checkExists(CadenceSchedule.jobKey(campaignId));
    }

    public String cronOf(long campaignId) throws SchedulerException {
        return ((org.quartz.CronTrigger) scheduler.getTrigger(CadenceSchedule.triggerKey(campaignId)))
                .getCronExpression();
    }

    /** Fires the campaign's job now for the given day, through Quartz, and waits until it has run. */
    public void fire(long campaignId, LocalDate day) throws SchedulerException {
        String run = CadenceSchedule.jobKey(campaignId).getName() + "@" + day;
        finished.remove(run);
        JobDataMap data = new JobDataMap();
        data.put(CadenceTickJob.DAY, day.toString());
        scheduler.triggerJob(CadenceSchedule.jobKey(campaignId), data);
        await().atMost(Duration.ofSeconds(60)).until(() -> finished.containsKey(run));
        if (!finished.get(run).isEmpty()) {
            throw new AssertionError("the tick of " + run + " failed: " + finished.get(run));
        }
    }

    /** Deletes the campaign's report processes (and its own) and its Quartz job. */
    public void cleanUp(Campaign campaign) throws SchedulerException {
        ClockUtil.reset();
        if (campaign == null) {
            return;
        }
        runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(Long.toString(campaign.id()))
                .list()
                .forEach(p -> {
                    if (runtime.createProcessInstanceQuery()
                                    .processInstanceId(p.getId())
                                    .count()
                            > 0) {
                        runtime.deleteProcessInstance(p.getId(), "test finished");
                    }
                });
        scheduler.deleteJob(CadenceSchedule.jobKey(campaign.id()));
    }

    private final class Recorder implements JobListener {
        @Override
        public String getName() {
            return "cadence-test-recorder";
        }

        @Override
        public void jobToBeExecuted(JobExecutionContext context) {}

        @Override
        public void jobExecutionVetoed(JobExecutionContext context) {}

        @Override
        public void jobWasExecuted(JobExecutionContext context, JobExecutionException failure) {
            Object day = context.getMergedJobDataMap().get(CadenceTickJob.DAY);
            finished.put(
                    context.getJobDetail().getKey().getName() + "@" + day,
                    failure == null ? "" : String.valueOf(failure.getCause() != null ? failure.getCause() : failure));
        }
    }
}
