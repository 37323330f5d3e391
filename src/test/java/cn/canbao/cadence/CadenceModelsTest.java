package cn.canbao.cadence;

import static cn.canbao.ProcessModels.assertProcess;
import static cn.canbao.ProcessModels.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.canbao.ProcessModels;
import cn.canbao.cadence.process.TownshipDispatchProcess;
import cn.canbao.cadence.process.VillageSummaryProcess;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;

/** The cadence's two BPMN files carry the ids and expressions the Java code relies on, and a complete diagram. */
class CadenceModelsTest {

    private final BpmnModelInstance summary = read("processes/village-summary.bpmn");
    private final BpmnModelInstance dispatch = read("processes/township-dispatch.bpmn");

    @Test
    void theVillageSummaryIsConfirmedByTheVillageCadreAndRemindedWhenOverdue() {
        assertProcess(summary, VillageSummaryProcess.KEY, "村每日汇总");
        assertUserTask(
                summary,
                VillageSummaryProcess.TASK_CONFIRM,
                "确认每日汇总（${regionName}）",
                "/tasks/village-summary",
                "${confirmVillageSummary}");
        assertReminder(
                summary, "Timer_RemindVillageSummary", VillageSummaryProcess.TASK_CONFIRM, "Task_RemindVillageSummary");
    }

    @Test
    void theTownshipDispatchRecordsInstructionsAndIsRemindedWhenOverdue() {
        assertProcess(dispatch, TownshipDispatchProcess.KEY, "乡镇调度");
        assertUserTask(
                dispatch,
                TownshipDispatchProcess.TASK_DISPATCH,
                "乡镇调度（${regionName}）",
                "/tasks/township-dispatch",
                "${dispatchTownship}");
        assertReminder(dispatch, "Timer_RemindDispatch", TownshipDispatchProcess.TASK_DISPATCH, "Task_RemindDispatch");
    }

    private static void assertUserTask(
            BpmnModelInstance model, String id, String name, String form, String onComplete) {
        UserTask task = ProcessModels.assertUserTask(model, id, "${candidateGroup}", "${dueAt}", form, onComplete);
        assertThat(task.getName()).isEqualTo(name);
        assertThat(ProcessModels.taskListeners(task))
                .as(id)
                .extracting(CamundaTaskListener::getCamundaEvent, CamundaTaskListener::getCamundaDelegateExpression)
                .containsExactly(tuple("complete", onComplete));
        assertThat(task.getSucceedingNodes().singleResult().getId()).startsWith("End_");
    }

    /** A non-interrupting timer at the due date whose service task reminds whoever holds the task. */
    private static void assertReminder(BpmnModelInstance model, String timerId, String task, String reminder) {
        ProcessModels.assertReminder(model, timerId, task, "${dueAt}", reminder);
    }
}
