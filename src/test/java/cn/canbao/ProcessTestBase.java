package cn.canbao;

import cn.canbao.base.CanbaoClock;
import cn.canbao.task.TaskInbox;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An integration test that walks processes: the engine's runtime, tasks and jobs, the users' task inbox, and the
 * clean-up of what a test started.
 */
public abstract class ProcessTestBase extends IntegrationTestBase {

    @Autowired
    protected TaskInbox inbox;

    @Autowired
    protected TaskService tasks;

    @Autowired
    protected RuntimeService runtime;

    @Autowired
    protected ManagementService management;

    @Autowired
    protected ProcessTestSupport processes;

    /** The engine's day (its clock, which process tests move) in the application's zone. */
    protected static LocalDate today() {
        return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), CanbaoClock.DEFAULT_ZONE);
    }

    /** Sets the engine's clock to that day and time in the application's zone. */
    protected static void clockAt(LocalDate day, LocalTime time) {
        ClockUtil.setCurrentTime(
                Date.from(day.atTime(time).atZone(CanbaoClock.DEFAULT_ZONE).toInstant()));
    }

    /** Moves the engine's clock on and runs the timers of that process that fell due. */
    protected void advance(Duration by, String processDefinitionKey) {
        ClockUtil.setCurrentTime(
                Date.from(ClockUtil.getCurrentTime().toInstant().plus(by)));
        management
                .createJobQuery()
                .processDefinitionKey(processDefinitionKey)
                .timers()
                .duedateLowerThan(ClockUtil.getCurrentTime())
                .list()
                .forEach(j -> management.executeJob(j.getId()));
    }
}
