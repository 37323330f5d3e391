package cn.canbao.cadence;

import static org.awaitility.Awaitility.await;

import cn.canbao.base.CanbaoClock;
import cn.canbao.cadence.jobs.CadenceSchedule;
import cn.canbao.cadence.jobs.CadenceTickJob;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.campaign.TestCampaigns;
import cn.canbao.security.SystemAccess;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.stereotype.Component;

/**
 * Starts a campaign in the cadence county; drives its cadence for a given day, directly or through Quartz (waiting for
 * the run); cleans up after a test.
 */
@Component
public class CadenceTestSupport {

    private final Scheduler scheduler;
    private final RuntimeService runtime;
    private final CadenceService cadence;
    private final CadenceTestCounty county;
    private final TestCampaigns testCampaigns;
    /** day (ISO) of each finished run by job name, with the failure if there was one ("" when fine) */
    private final Map<String, String> finished = new ConcurrentHashMap<>();
    /** The campaigns {@link #start} started since the last {@link #cleanUp()}. */
    private final List<Campaign> started = new CopyOnWriteArrayList<>();

    CadenceTestSupport(
            Scheduler scheduler,
            RuntimeService runtime,
            CadenceService cadence,
            CadenceTestCounty county,
            TestCampaigns testCampaigns)
            throws SchedulerException {
        this.scheduler = scheduler;
        this.runtime = runtime;
        this.cadence = cadence;
        this.county = county;
        this.testCampaigns = testCampaigns;
        scheduler
                .getListenerManager()
                .addJobListener(
                        new Recorder(), org.quartz.impl.matchers.GroupMatcher.jobGroupEquals(CadenceSchedule.GROUP));
    }

    /**
     * A campaign of the cadence county (created unless an earlier test did), started by the county leader: {@code
     * name} of {@code year}, collecting for 60 days from {@code first}. {@link #cleanUp()} ends it after the test.
     */
    public Campaign start(String leader, String name, int year, LocalDate first) {
        ensureCounty();
        Campaign campaign = testCampaigns.start(
                leader, NewCampaign.of(name, year, CadenceTestCounty.COUNTY, first, first.plusDays(59)));
        started.add(campaign);
        return campaign;
    }

    /** Creates the cadence county ({@link CadenceTestCounty}) unless an earlier test did. */
    public void ensureCounty() {
        county.ensure();
    }

    /** The campaign's cadence for the day, as the system (what its Quartz job calls), without Quartz. */
    public CadenceTick tick(Campaign campaign, LocalDate day) {
        return SystemAccess.call(() -> cadence.tick(campaign.id(), day));
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

    /** Resets the engine clock and ends each campaign {@link #start} started, as {@link #cleanUp(Campaign)}. */
    public void cleanUp() throws SchedulerException {
        ClockUtil.reset();
        for (Campaign campaign : started) {
            cleanUp(campaign);
        }
        started.clear();
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
