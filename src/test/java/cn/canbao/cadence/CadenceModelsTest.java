package cn.canbao.cadence;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;

import java.io.File;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The cadence's two BPMN files carry the ids and expressions the Java code relies on, and a complete diagram. */
class CadenceModelsTest {

    private final BpmnModelInstance summary = read("processes/village-summary.bpmn");
    private final BpmnModelInstance dispatch = read("processes/township-dispatch.bpmn");

    @Test
    void theVillageSummaryIsConfirmedByTheVillageCadreAndRemindedWhenOverdue() {
        assertProcess(summary, VillageSummaryProcess.KEY, "村每日汇总");
        assertUserTask(summary, VillageSummaryProcess.TASK_CONFIRM, "确认每日汇总（${regionName}）",
                "/tasks/village-summary", "${confirmVillageSummary}");
        assertReminder(summary, "Timer_RemindVillageSummary", VillageSummaryProcess.TASK_CONFIRM, "Task_RemindVillageSummary");
    }

    @Test
    void theTownshipDispatchRecordsInstructionsAndIsRemindedWhenOverdue() {
        assertProcess(dispatch, TownshipDispatchProcess.KEY, "乡镇调度");
        assertUserTask(dispatch, TownshipDispatchProcess.TASK_DISPATCH, "乡镇调度（${regionName}）",
                "/tasks/township-dispatch", "${dispatchTownship}");
        assertReminder(dispatch, "Timer_RemindDispatch", TownshipDispatchProcess.TASK_DISPATCH, "Task_RemindDispatch");
    }

    @Test
    void everyNodeAndFlowIsDrawn() {
        for (BpmnModelInstance model : new BpmnModelInstance[] {summary, dispatch}) {
            assertThat(model.getModelElementsByType(FlowNode.class))
                    .allSatisfy(n -> assertThat(n.getDiagramElement()).as(n.getId()).isInstanceOf(BpmnShape.class));
            assertThat(model.getModelElementsByType(SequenceFlow.class))
                    .allSatisfy(f -> assertThat(f.getDiagramElement()).as(f.getId()).isInstanceOf(BpmnEdge.class));
        }
    }

    private static BpmnModelInstance read(String path) {
        BpmnModelInstance model = Bpmn.readModelFromFile(new File(path));
        Bpmn.validateModel(model);
        return model;
    }

    private static <T extends ModelElementInstance> T element(BpmnModelInstance model, String id, Class<T> type) {
        ModelElementInstance element = model.getModelElementById(id);
        assertThat(element).as(id).isInstanceOf(type);
        return type.cast(element);
    }

    private static void assertProcess(BpmnModelInstance model, String id, String name) {
        Process process = element(model, id, Process.class);
        assertThat(process.getName()).isEqualTo(name);
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("P365D");
    }

    private static void assertUserTask(BpmnModelInstance model, String id, String name, String form, String onComplete) {
        UserTask task = element(model, id, UserTask.class);
        assertThat(task).as(id).extracting(UserTask::getName, UserTask::getCamundaCandidateGroups,
                UserTask::getCamundaDueDate, UserTask::getCamundaFormKey)
                .containsExactly(name, "${candidateGroup}", "${dueAt}", form);
        assertThat(task.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list())
                .as(id).extracting(CamundaTaskListener::getCamundaEvent, CamundaTaskListener::getCamundaDelegateExpression)
                .containsExactly(tuple("complete", onComplete));
        assertThat(task.getSucceedingNodes().singleResult().getId()).startsWith("End_");
    }

    /** A non-interrupting timer at the due date whose service task reminds whoever holds the task. */
    private static void assertReminder(BpmnModelInstance model, String timerId, String task, String reminder) {
        BoundaryEvent timer = element(model, timerId, BoundaryEvent.class);
        assertThat(timer.cancelActivity()).as(timerId).isFalse();
        assertThat(timer.getAttachedTo().getId()).isEqualTo(task);
        TimerEventDefinition definition = timer.getChildElementsByType(TimerEventDefinition.class).iterator().next();
        assertThat(definition.getTimeDate().getTextContent()).isEqualTo("${dueAt}");
        ServiceTask remind = element(model, reminder, ServiceTask.class);
        assertThat(timer.getSucceedingNodes().singleResult()).isSameAs(remind);
        assertThat(remind.getCamundaDelegateExpression()).isEqualTo("${remindOverdueTask}");
        CamundaInputParameter taskKey = remind.getExtensionElements().getElementsQuery()
                .filterByType(CamundaInputOutput.class).singleResult().getCamundaInputParameters().iterator().next();
        assertThat(taskKey).extracting(CamundaInputParameter::getCamundaName, CamundaInputParameter::getTextContent)
                .containsExactly("taskKey", task);
    }
}
