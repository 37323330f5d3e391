package cn.canbao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.File;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/** Reading the files of processes/ and asserting what the Java code relies on in them: the model tests share these. */
public final class ProcessModels {

    private ProcessModels() {}

    /** Reads and schema-validates a BPMN file, e.g. {@code processes/campaign.bpmn}. */
    public static BpmnModelInstance read(String path) {
        BpmnModelInstance model = Bpmn.readModelFromFile(new File(path));
        Bpmn.validateModel(model);
        return model;
    }

    public static <T extends ModelElementInstance> T element(BpmnModelInstance model, String id, Class<T> type) {
        ModelElementInstance element = model.getModelElementById(id);
        assertThat(element).as(id).isInstanceOf(type);
        return type.cast(element);
    }

    /** An executable process with its Chinese name and the history time to live every process needs. */
    public static void assertProcess(BpmnModelInstance model, String id, String name) {
        Process process = element(model, id, Process.class);
        assertThat(process.getName()).isEqualTo(name);
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("P365D");
    }

    /** A user task with its candidate group, due date, form key and a complete listener. */
    public static UserTask assertUserTask(
            BpmnModelInstance model, String id, String group, String due, String form, String onComplete) {
        UserTask task = element(model, id, UserTask.class);
        assertThat(task)
                .as(id)
                .extracting(
                        UserTask::getCamundaCandidateGroups, UserTask::getCamundaDueDate, UserTask::getCamundaFormKey)
                .containsExactly(group, due, form);
        assertThat(taskListeners(task))
                .as(id)
                .extracting(CamundaTaskListener::getCamundaEvent, CamundaTaskListener::getCamundaDelegateExpression)
                .contains(tuple("complete", onComplete));
        return task;
    }

    public static List<CamundaTaskListener> taskListeners(BaseElement element) {
        return element.getExtensionElements()
                .getElementsQuery()
                .filterByType(CamundaTaskListener.class)
                .list();
    }

    public static String timeDate(ModelElementInstance event) {
        return event.getChildElementsByType(TimerEventDefinition.class)
                .iterator()
                .next()
                .getTimeDate()
                .getTextContent();
    }

    public static BoundaryEvent assertNonInterruptingTimer(
            BpmnModelInstance model, String id, String task, String due) {
        BoundaryEvent timer = element(model, id, BoundaryEvent.class);
        assertThat(timer.cancelActivity()).as(id).isFalse();
        assertThat(timer.getAttachedTo().getId()).as(id).isEqualTo(task);
        assertThat(timeDate(timer)).as(id).isEqualTo(due);
        return timer;
    }

    /** A non-interrupting timer on the task whose service task reminds whoever holds it ({@code ${remindOverdueTask}}). */
    public static void assertReminder(
            BpmnModelInstance model, String timerId, String task, String due, String reminder) {
        BoundaryEvent timer = assertNonInterruptingTimer(model, timerId, task, due);
        ServiceTask remind = element(model, reminder, ServiceTask.class);
        assertThat(timer.getSucceedingNodes().singleResult()).isSameAs(remind);
        assertThat(remind.getCamundaDelegateExpression()).isEqualTo("${remindOverdueTask}");
        CamundaInputParameter taskKey = remind.getExtensionElements()
                .getElementsQuery()
                .filterByType(CamundaInputOutput.class)
                .singleResult()
                .getCamundaInputParameters()
                .iterator()
                .next();
        assertThat(taskKey)
                .extracting(CamundaInputParameter::getCamundaName, CamundaInputParameter::getTextContent)
                .containsExactly("taskKey", task);
    }
}
