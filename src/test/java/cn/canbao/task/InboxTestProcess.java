package cn.canbao.task;

import cn.canbao.task.process.TaskVariables;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.stereotype.Component;

/**
 * The test process {@code InboxTest}: Task_A for group A and Task_B
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

    /**
     * Deploys the process, built here with Camunda's model API (it exists for tests only, so it lives with
     * them and not in processes/); returns the deployment id.
     */
    public String deploy() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(KEY)
                .name("任务列表测试")
                .camundaHistoryTimeToLive(365)
                .startEvent("StartEvent_Started")
                .name("开始")
                .parallelGateway("Gateway_Split")
                .userTask(TASK_A)
                .name("测试任务甲")
                .camundaCandidateGroups("${groupA}")
                .camundaDueDate("${due}")
                .camundaFormKey("/tasks/test-form")
                .boundaryEvent("Timer_AOverdue")
                .name("甲已逾期")
                .cancelActivity(false)
                .timerWithDate("${due}")
                .serviceTask("Task_RemindOverdue")
                .name("催办甲")
                .camundaDelegateExpression("${remindOverdueTask}")
                .camundaInputParameter("taskKey", TASK_A)
                .endEvent("EndEvent_Reminded")
                .name("已催办")
                .moveToActivity(TASK_A)
                .parallelGateway("Gateway_Join")
                .endEvent("EndEvent_Done")
                .name("完成")
                .moveToNode("Gateway_Split")
                .userTask(TASK_B)
                .name("测试任务乙")
                .camundaCandidateGroups("${groupB}")
                .camundaDueDate("${due}")
                .camundaFormKey("/tasks/test-form")
                .camundaTaskListenerClass("complete", RefuseCompletionListener.class)
                .connectTo("Gateway_Join")
                .done();
        return repository
                .createDeployment()
                .name("inbox-test")
                .addModelInstance("inbox-test.bpmn", model)
                .deploy()
                .getId();
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
        return tasks.createTaskQuery()
                .processInstanceId(processInstanceId)
                .taskDefinitionKey(taskKey)
                .singleResult()
                .getId();
    }
}
