package cn.canbao.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.ProcessTestBase;
import cn.canbao.Yongchun;
import cn.canbao.security.Role;
import cn.canbao.task.process.TaskVariables;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The task inbox on the engine: township leaders see their own township's tasks only, claim and return
 * them, filter them, complete them; overdue tasks get reminded; refusals of task listeners come through.
 */
@CanbaoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskInboxIT extends ProcessTestBase {

    // townships no other test gives tasks to (CamundaBehindLoginIT expects 101000 to have none)
    static final String TOWNSHIP_A = Yongchun.township(13);
    static final String TOWNSHIP_B = Yongchun.township(14);
    static final String LEADER_A1 = "leader.inbox.a1";
    static final String LEADER_A2 = "leader.inbox.a2";
    static final String LEADER_B = "leader.inbox.b";

    @Autowired
    InboxTestProcess process;

    @Autowired
    HistoryService history;

    private String deploymentId;
    private String groupA;
    private String groupB;

    @BeforeAll
    void leadersOfTwoTownships() {
        assertThat(regions.findUnscoped(TOWNSHIP_A)).isPresent();
        assertThat(regions.findUnscoped(TOWNSHIP_B)).isPresent();
        security.ensureUser(LEADER_A1, TOWNSHIP_A, Role.TOWNSHIP_LEADER);
        security.ensureUser(LEADER_A2, TOWNSHIP_A, Role.TOWNSHIP_LEADER);
        security.ensureUser(LEADER_B, TOWNSHIP_B, Role.TOWNSHIP_LEADER);
        groupA = Role.TOWNSHIP_LEADER.groupAt(TOWNSHIP_A);
        groupB = Role.TOWNSHIP_LEADER.groupAt(TOWNSHIP_B);
        deploymentId = process.deploy();
    }

    @AfterEach
    void resetClockAndInstances() {
        ClockUtil.reset();
        runtime.createProcessInstanceQuery()
                .processDefinitionKey(InboxTestProcess.KEY)
                .list()
                .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test done", true, true));
    }

    @AfterAll
    void removeProcess() {
        process.undeploy(deploymentId);
    }

    @Test
    void eachLeaderSeesOnlyTheirTownshipsTask() {
        Instant due = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String instance = process.start(groupA, groupB, due, "湖洋镇", false);
        String taskA = process.taskId(instance, InboxTestProcess.TASK_A);
        String taskB = process.taskId(instance, InboxTestProcess.TASK_B);

        List<InboxTask> forA = ofInstance(LEADER_A1, TaskFilter.ALL, instance);
        assertThat(forA).extracting(InboxTask::id).containsExactly(taskA);
        InboxTask seen = forA.get(0);
        assertThat(seen.name()).isEqualTo("测试任务甲");
        assertThat(seen.processDefinitionKey()).isEqualTo(InboxTestProcess.KEY);
        assertThat(seen.processInstanceId()).isEqualTo(instance);
        assertThat(seen.businessKey()).startsWith("inbox-湖洋镇-");
        assertThat(seen.taskDefinitionKey()).isEqualTo(InboxTestProcess.TASK_A);
        assertThat(seen.formKey()).isEqualTo("/tasks/test-form");
        assertThat(seen.due()).isEqualTo(due);
        assertThat(seen.created()).isNotNull();
        assertThat(seen.regionName()).isEqualTo("湖洋镇");
        assertThat(seen.campaignName()).isEqualTo(InboxTestProcess.CAMPAIGN);
        assertThat(seen.assignee()).isNull();
        assertThat(seen.claimable()).isTrue();
        assertThat(seen.mine()).isFalse();
        assertThat(seen.overdue()).isFalse();
        assertThat(seen.reminded()).isNull();

        assertThat(ofInstance(LEADER_B, TaskFilter.ALL, instance))
                .extracting(InboxTask::id)
                .containsExactly(taskB);
        assertThat(security.as(LEADER_B, () -> inbox.get(taskB)).name()).isEqualTo("测试任务乙");
    }

    @Test
    void anotherTownshipsTaskIsRefusedAndAFinishedOneIsGone() {
        String instance = process.start(groupA, groupB, Instant.now().plus(Duration.ofDays(1)), "湖洋镇", false);
        String taskA = process.taskId(instance, InboxTestProcess.TASK_A);

        assertRefused(() -> security.as(LEADER_B, () -> inbox.get(taskA)), "task.notVisible");
        assertRefused(() -> security.as(LEADER_B, () -> inbox.claim(taskA)), "task.notVisible");
        assertRefused(() -> security.as(LEADER_B, () -> inbox.variables(taskA)), "task.notVisible");
        assertRefused(() -> security.as(LEADER_B, () -> inbox.complete(taskA, Map.of())), "task.notVisible");
        assertRefused(() -> security.as(LEADER_A1, () -> inbox.get("no-such-task")), "task.gone");
        assertThat(security.as(LEADER_A1, () -> inbox.variables(taskA)))
                .containsEntry(TaskVariables.REGION_NAME, "湖洋镇")
                .containsEntry("groupA", groupA);
    }

    @Test
    void aClaimedTaskStaysVisibleToTheGroupButOnlyItsAssigneeMayReturnIt() {
        String instance = process.start(groupA, groupB, Instant.now().plus(Duration.ofDays(1)), "湖洋镇", false);
        String taskA = process.taskId(instance, InboxTestProcess.TASK_A);

        security.as(LEADER_A1, () -> inbox.claim(taskA));
        assertThat(tasks.createTaskQuery().taskId(taskA).singleResult().getAssignee())
                .isEqualTo(LEADER_A1);
        InboxTask mine = ofInstance(LEADER_A1, TaskFilter.MINE, instance).get(0);
        assertThat(mine.mine()).isTrue();
        assertThat(mine.claimable()).isFalse();

        InboxTask colleagues = ofInstance(LEADER_A2, TaskFilter.ALL, instance).get(0);
        assertThat(colleagues.id()).isEqualTo(taskA);
        assertThat(colleagues.assignee()).isEqualTo(LEADER_A1);
        assertThat(colleagues.assigneeName()).isEqualTo("测试 " + LEADER_A1);
        assertThat(colleagues.mine()).isFalse();
        assertThat(colleagues.claimable()).isFalse();
        assertThat(ofInstance(LEADER_A2, TaskFilter.MY_GROUPS, instance))
                .extracting(InboxTask::id)
                .containsExactly(taskA);
        assertThat(ofInstance(LEADER_A2, TaskFilter.MINE, instance)).isEmpty();

        TaskException taken = catchRefusal(() -> security.as(LEADER_A2, () -> inbox.claim(taskA)));
        assertThat(taken.messageKey()).isEqualTo("task.claimedByOther");
        assertThat(taken.args()).containsExactly("测试 " + LEADER_A1);
        assertRefused(() -> security.as(LEADER_A2, () -> inbox.unclaim(taskA)), "task.notAssignee");
        assertRefused(() -> security.as(LEADER_A2, () -> inbox.complete(taskA, Map.of())), "task.claimedByOther");

        security.as(LEADER_A1, () -> inbox.claim(taskA)); // claiming one's own task again changes nothing
        security.as(LEADER_A1, () -> inbox.unclaim(taskA));
        assertThat(ofInstance(LEADER_A2, TaskFilter.ALL, instance).get(0).claimable())
                .isTrue();
        assertThat(ofInstance(LEADER_A1, TaskFilter.MINE, instance)).isEmpty();
    }

    @Test
    void filtersAndOrderFollowDueDates() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String later = process.start(groupA, groupB, now.plus(Duration.ofDays(3)), "湖洋镇", false);
        String sooner = process.start(groupA, groupB, now.plus(Duration.ofDays(1)), "湖洋镇", false);
        String laterA = process.taskId(later, InboxTestProcess.TASK_A);
        String soonerA = process.taskId(sooner, InboxTestProcess.TASK_A);
        security.as(LEADER_A1, () -> inbox.claim(laterA));

        assertThat(ofInstances(LEADER_A1, TaskFilter.ALL, later, sooner)).containsExactly(soonerA, laterA);
        assertThat(ofInstances(LEADER_A1, TaskFilter.MINE, later, sooner)).containsExactly(laterA);
        assertThat(ofInstances(LEADER_A1, TaskFilter.MY_GROUPS, later, sooner)).containsExactly(soonerA, laterA);
        assertThat(ofInstances(LEADER_A1, TaskFilter.OVERDUE, later, sooner)).isEmpty();

        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofDays(2))));
        assertThat(ofInstances(LEADER_A1, TaskFilter.OVERDUE, later, sooner)).containsExactly(soonerA);
        List<InboxTask> all = ofInstance(LEADER_A1, TaskFilter.ALL, sooner);
        assertThat(all.get(0).overdue()).isTrue();
        assertThat(ofInstance(LEADER_A1, TaskFilter.ALL, later).get(0).overdue())
                .isFalse();
        assertThat(ofInstances(LEADER_B, TaskFilter.OVERDUE, later, sooner))
                .containsExactly(process.taskId(sooner, InboxTestProcess.TASK_B));
    }

    @Test
    void completingClaimsForTheUserAndTheTaskDisappears() {
        String instance = process.start(groupA, groupB, Instant.now().plus(Duration.ofDays(1)), "湖洋镇", false);
        String taskA = process.taskId(instance, InboxTestProcess.TASK_A);

        security.as(LEADER_A2, () -> inbox.complete(taskA, Map.of("note", "已分解")));

        assertThat(ofInstance(LEADER_A2, TaskFilter.ALL, instance)).isEmpty();
        assertRefused(() -> security.as(LEADER_A2, () -> inbox.get(taskA)), "task.gone");
        assertThat(history.createHistoricTaskInstanceQuery()
                        .taskId(taskA)
                        .singleResult()
                        .getAssignee())
                .isEqualTo(LEADER_A2);
        assertThat(runtime.getVariable(instance, "note")).isEqualTo("已分解");
        // the other branch still waits
        assertThat(ofInstance(LEADER_B, TaskFilter.ALL, instance))
                .extracting(InboxTask::taskDefinitionKey)
                .containsExactly(InboxTestProcess.TASK_B);
    }

    @Test
    void anOverdueTaskIsRemindedByItsTimer() {
        Instant due = Instant.now().plus(Duration.ofHours(1));
        String instance = process.start(groupA, groupB, due, "湖洋镇", false);
        String taskA = process.taskId(instance, InboxTestProcess.TASK_A);
        String taskB = process.taskId(instance, InboxTestProcess.TASK_B);

        Instant later = due.plus(Duration.ofMinutes(5));
        ClockUtil.setCurrentTime(Date.from(later));
        Job timer =
                management.createJobQuery().processInstanceId(instance).timers().singleResult();
        assertThat(timer.getDuedate()).isBeforeOrEqualTo(Date.from(later));
        management.executeJob(timer.getId());

        Task reminded = tasks.createTaskQuery().taskId(taskA).singleResult();
        assertThat(reminded.getPriority()).isEqualTo(80);
        assertThat((Date) tasks.getVariableLocal(taskA, TaskVariables.REMINDED_AT))
                .isEqualTo(Date.from(later));
        assertThat(tasks.getTaskComments(taskA))
                .extracting(Comment::getFullMessage)
                .containsExactly("已逾期，请尽快办理");
        assertThat(tasks.createTaskQuery().taskId(taskB).singleResult().getPriority())
                .isEqualTo(50);
        assertThat(tasks.getTaskComments(taskB)).isEmpty();

        InboxTask listed = ofInstance(LEADER_A1, TaskFilter.OVERDUE, instance).get(0);
        assertThat(listed.reminded()).isEqualTo(later.truncatedTo(ChronoUnit.MILLIS));
        assertThat(listed.priority()).isEqualTo(80);
        assertThat(listed.overdue()).isTrue();
        assertThat(ofInstance(LEADER_B, TaskFilter.ALL, instance).get(0).reminded())
                .isNull();
    }

    @Test
    void aRefusalOfATaskListenerReachesTheCallerAndNothingChanges() {
        String instance = process.start(groupA, groupB, Instant.now().plus(Duration.ofDays(1)), "湖洋镇", true);
        String taskB = process.taskId(instance, InboxTestProcess.TASK_B);
        // the engine itself wraps what a task listener throws ...
        assertThatThrownBy(() -> tasks.complete(taskB))
                .isInstanceOf(ProcessEngineException.class)
                .hasRootCauseInstanceOf(RefuseCompletionListener.CompletionRefused.class);

        // ... the inbox hands the refusal itself to its caller
        assertThatThrownBy(() -> security.as(LEADER_B, () -> inbox.complete(taskB, Map.of("note", "x"))))
                .isInstanceOf(RefuseCompletionListener.CompletionRefused.class)
                .hasMessageStartingWith("test.completionRefused");
        Task still = tasks.createTaskQuery().taskId(taskB).singleResult();
        assertThat(still).isNotNull();
        assertThat(still.getAssignee())
                .as("the claim before completing is rolled back too")
                .isNull();
    }

    private List<InboxTask> ofInstance(String username, TaskFilter filter, String instance) {
        return security.as(username, () -> inbox.open(filter)).stream()
                .filter(t -> instance.equals(t.processInstanceId()))
                .toList();
    }

    private List<String> ofInstances(String username, TaskFilter filter, String... instances) {
        List<String> wanted = List.of(instances);
        return security.as(username, () -> inbox.open(filter)).stream()
                .filter(t -> wanted.contains(t.processInstanceId()))
                .map(InboxTask::id)
                .toList();
    }

    private static void assertRefused(Runnable call, String messageKey) {
        assertThat(catchRefusal(call).messageKey()).isEqualTo(messageKey);
    }

    private static TaskException catchRefusal(Runnable call) {
        try {
            call.run();
        } catch (TaskException refused) {
            return refused;
        }
        throw new AssertionError("expected a TaskException");
    }
}
