package cn.canbao;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine settings a cluster needs (README "Clustering"), as the application actually runs them: Camunda's job
 * executor backs off on acquisition clashes and locks a job longer than any of ours takes; history is cleaned in a
 * nightly window; every Quartz job asks to be recovered when its node dies, in the scheduler and in its table.
 */
@CanbaoIntegrationTest
class ClusterSettingsIT extends IntegrationTestBase {

    @Autowired
    ProcessEngine engine;

    @Autowired
    org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties camunda;

    @Autowired
    Scheduler scheduler;

    @Test
    void camundasJobExecutorAndHistoryCleanupAreSetForSeveralNodes() {
        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        // the tests switch the executor off (they drive jobs); the settings every node starts it with:
        var executor = camunda.getJobExecution();
        assertThat(executor.getLockTimeInMillis()).isEqualTo(600_000);
        assertThat(executor.getBackoffTimeInMillis()).isEqualTo(200);
        assertThat(executor.getMaxBackoff()).isEqualTo(5_000L);
        assertThat(executor.getBackoffDecreaseThreshold()).isEqualTo(100);
        assertThat(executor.getWaitIncreaseFactor()).isEqualTo(2f);
        assertThat(config.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
        assertThat(config.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
        assertThat(config.getHistoryTimeToLive()).isEqualTo("P365D");
    }

    @Test
    void everyQuartzJobIsRecoveredWhenItsNodeDies() throws Exception {
        var keys = scheduler.getJobKeys(GroupMatcher.anyJobGroup());
        assertThat(keys).isNotEmpty();
        for (JobKey key : keys) {
            JobDetail job = scheduler.getJobDetail(key);
            assertThat(job.requestsRecovery()).as("%s requests recovery", key).isTrue();
        }
        assertThat(jdbc.queryForObject(
                        "select count(*) from qrtz_job_details where not requests_recovery", Integer.class))
                .isZero();
    }
}
