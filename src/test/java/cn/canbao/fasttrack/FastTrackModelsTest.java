package cn.canbao.fasttrack;

import static cn.canbao.ProcessModels.assertProcess;
import static cn.canbao.ProcessModels.read;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.ProcessModels;
import cn.canbao.fasttrack.process.HardshipEnrolmentProcess;
import cn.canbao.fasttrack.process.NewbornEnrolmentProcess;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/** The two fast-track BPMN files carry the ids, names and expressions the Java code relies on. */
class FastTrackModelsTest {

    private final BpmnModelInstance newborn = read("processes/newborn-enrolment.bpmn");
    private final BpmnModelInstance hardship = read("processes/hardship-enrolment.bpmn");

    @Test
    void theNewbornIsEnrolledByTheGridWorkerOrByAnImportAndRemindedWhenOverdue() {
        assertProcess(newborn, NewbornEnrolmentProcess.KEY, "新生儿参保快速通道");
        assertFastTrack(
                newborn,
                NewbornEnrolmentProcess.TASK_ENROL,
                "新生儿参保登记（${personName}）",
                "/tasks/newborn-enrolment",
                "${recordNewbornEnrolment}",
                NewbornEnrolmentProcess.MESSAGE_ENROLLED);
        ProcessModels.assertReminder(
                newborn, "Timer_RemindNewborn", NewbornEnrolmentProcess.TASK_ENROL, "${dueAt}", "Task_RemindNewborn");
    }

    @Test
    void theHardshipMemberIsEnrolledByTheClerkOrByAnImportAndRemindedWhenOverdue() {
        assertProcess(hardship, HardshipEnrolmentProcess.KEY, "困难群体资助参保");
        assertFastTrack(
                hardship,
                HardshipEnrolmentProcess.TASK_ENROL,
                "困难群体资助参保（${personName}）",
                "/tasks/hardship-enrolment",
                "${recordHardshipEnrolment}",
                HardshipEnrolmentProcess.MESSAGE_ENROLLED);
        ProcessModels.assertReminder(
                hardship,
                "Timer_RemindHardship",
                HardshipEnrolmentProcess.TASK_ENROL,
                "${dueAt}",
                "Task_RemindHardship");
    }

    @Test
    void eachKindSendsTheMessageOfItsOwnProcess() {
        assertThat(FastTrackKind.NEWBORN.processKey()).isEqualTo(NewbornEnrolmentProcess.KEY);
        assertThat(FastTrackKind.HARDSHIP.enrolledMessage()).isEqualTo(HardshipEnrolmentProcess.MESSAGE_ENROLLED);
    }

    /** The task ends the process when completed, and an interrupting message on it ends it when an import enrolled. */
    private static void assertFastTrack(
            BpmnModelInstance model, String taskId, String name, String form, String onComplete, String message) {
        UserTask task = ProcessModels.assertUserTask(model, taskId, "${candidateGroup}", "${dueAt}", form, onComplete);
        assertThat(task.getName()).isEqualTo(name);
        assertThat(task.getSucceedingNodes().singleResult()).isInstanceOf(EndEvent.class);
        BoundaryEvent byImport = ProcessModels.element(model, "Message_EnrolledByImport", BoundaryEvent.class);
        assertThat(byImport.getAttachedTo().getId()).isEqualTo(taskId);
        assertThat(byImport.cancelActivity()).isTrue();
        assertThat(byImport.getEventDefinitions())
                .singleElement()
                .isInstanceOfSatisfying(
                        MessageEventDefinition.class,
                        d -> assertThat(d.getMessage().getName()).isEqualTo(message));
        assertThat(byImport.getSucceedingNodes().singleResult()).isInstanceOf(EndEvent.class);
    }
}
