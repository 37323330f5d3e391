package cn.canbao.task;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * The test process {@code InboxTest} (processes-test/inbox-test.bpmn): Task_A for group A and Task_B
 * for group B in parallel, both due at {@code due}, Task_A reminded by a timer at {@code due}, Task_B
 * refusing completion when {@code refuseCompletion} is true.
 */
@Component
public class InboxTestProcess {

    public static final String KEY = "InboxTest";
    public static final String TASK_A = "Task_A";
    public static final String TASK_B = "Task_B";
    public static final String CAMPAIGN = "2026 年度城乡居民医保集中征缴";

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final TaskService tasks;

    InboxTestProcess(RepositoryService repository, RuntimeService runtime, TaskService tasks) {
        this.repository = repository;
        this.runtime = runtime;
        this.tasks = tasks;
    }

    /** Deploys the process (not auto-deployed: the app deploys only processes/); returns the deployment id. */
    public String deploy() {
        return repository.createDeployment().name("inbox-test")
                .addClasspathResource("processes-test/inbox-test.bpmn").deploy().getId();
    }

    /** Removes the deployment with its instances, so no test task lingers for other tests' users. */
    public void undeploy(String deploymentId) {
        repository.deleteDeployment(deploymentId, true, true);
    }

    /** Starts an instance; returns its id. */
    public String start(String groupA, String groupB, Instant due, String regionName, boolean refuseCompletion) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("groupA", groupA);
        variables.put("groupB", groupB);
        variables.put("due", Date.from(due));
        variables.put(TaskVariables.REGION_NAME, regionName);
        variables.put(TaskVariables.CAMPAIGN_NAME, CAMPAIGN);
        variables.put("refuseCompletion", refuseCompletion);
        return runtime.startProcessInstanceByKey(KEY, "inbox-" + regionName + "-" + due.toEpochMilli(), variables)
                .getId();
    }

    public String taskId(String processInstanceId, String taskKey) {
        return tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey)
                .singleResult().getId();
    }
}
