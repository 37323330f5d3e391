package cn.canbao.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Autowired;

/** Quartz runs clustered on the JDBC job store in our PostgreSQL: a scheduled job is stored, then runs. */
@CanbaoIntegrationTest
class QuartzJobStoreIT extends IntegrationTestBase {

    static final Map<String, String> RUNS = new ConcurrentHashMap<>();

    @Autowired
    Scheduler scheduler;

    /** Records which scheduler instance ran it, and with which data. */
    public static class RecordingJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            try {
                RUNS.put(
                        context.getMergedJobDataMap().getString("token"),
                        context.getScheduler().getSchedulerInstanceId());
            } catch (SchedulerException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aScheduledJobIsPersistedAndRunsOnThisClusteredNode() throws Exception {
        String token = "t-" + System.nanoTime();
        JobKey key = JobKey.jobKey("recording-" + token, "test");
        JobDetail job = JobBuilder.newJob(RecordingJob.class)
                .withIdentity(key)
                .usingJobData("token", token)
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .forJob(job)
                .startAt(new Date(System.currentTimeMillis() + 1_500))
                .build();
        scheduler.scheduleJob(job, trigger);

        assertThat(jdbc.queryForObject(
                        "select count(*) from qrtz_job_details where job_name = ? and sched_name = ?",
                        Integer.class,
                        key.getName(),
                        scheduler.getSchedulerName()))
                .isEqualTo(1);

        await().atMost(Duration.ofSeconds(30)).until(() -> RUNS.containsKey(token));
        assertThat(RUNS.get(token)).isEqualTo(scheduler.getSchedulerInstanceId());
        assertThat(jdbc.queryForObject(
                        "select count(*) from qrtz_scheduler_state where sched_name = ? " + "and instance_name = ?",
                        Integer.class,
                        scheduler.getSchedulerName(),
                        scheduler.getSchedulerInstanceId()))
                .isEqualTo(1);
        // a one-shot trigger is gone once fired; the non-durable job with it
        await().atMost(Duration.ofSeconds(10)).until(() -> !scheduler.checkExists(key));
    }
}
