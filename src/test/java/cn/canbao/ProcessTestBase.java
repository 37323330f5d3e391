package cn.canbao;

import cn.canbao.task.TaskInbox;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
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
}
