package cn.canbao.outreach;

import static cn.canbao.ProcessModels.assertProcess;
import static cn.canbao.ProcessModels.assertUserTask;
import static cn.canbao.ProcessModels.element;
import static cn.canbao.ProcessModels.read;
import static cn.canbao.ProcessModels.timeDate;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.outreach.process.OutreachProcess;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.junit.jupiter.api.Test;

/** lapsed-outreach.bpmn and data-correction.bpmn carry the ids, expressions and messages the Java code relies on. */
class OutreachProcessModelTest {

    private final BpmnModelInstance outreach = read("processes/lapsed-outreach.bpmn");
    private final BpmnModelInstance correction = read("processes/data-correction.bpmn");

    @Test
    void remindTwiceThenVisitAndAPaymentEndsItAnywhere() {
        assertProcess(outreach, OutreachProcess.KEY, "欠费居民催缴");
        assertThat(outreach.getModelElementById(OutreachProcess.KEY)
                        .getChildElementsByType(org.camunda.bpm.model.bpmn.instance.ExtensionElements.class)
                        .iterator()
                        .next()
                        .getElementsQuery()
                        .filterByType(CamundaExecutionListener.class)
                        .list())
                .extracting(
                        CamundaExecutionListener::getCamundaEvent,
                        CamundaExecutionListener::getCamundaDelegateExpression)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("end", "${outreachEnded}"));

        assertThat(targets("Gateway_CanText")).containsExactlyInAnyOrder("Task_FirstReminder", "Gateway_ToVisit");
        assertThat(reminder("Task_FirstReminder")).isEqualTo(OutreachProcess.TEMPLATE_FIRST);
        assertThat(targets("Task_FirstReminder")).containsExactly("Gateway_AfterFirst");
        assertEarlyVisit("Gateway_AfterFirst", "Timer_AfterFirst", "Message_VisitFirst");
        assertThat(duration("Timer_AfterFirst")).isEqualTo("${outreachWaits.reminderWait()}");
        assertThat(targets("Timer_AfterFirst")).containsExactly("Task_SecondReminder");
        assertThat(reminder("Task_SecondReminder")).isEqualTo(OutreachProcess.TEMPLATE_SECOND);
        assertThat(targets("Task_SecondReminder")).containsExactly("Gateway_AfterSecond");
        assertEarlyVisit("Gateway_AfterSecond", "Timer_AfterSecond", "Message_VisitSecond");
        assertThat(duration("Timer_AfterSecond")).isEqualTo("${outreachWaits.reminderWait()}");
        assertThat(targets("Timer_AfterSecond")).containsExactly("Gateway_ToVisit");
        assertThat(targets("Gateway_ToVisit")).containsExactly(OutreachProcess.TASK_VISIT);

        assertUserTask(outreach, OutreachProcess.TASK_VISIT, "${visitGroup}", null, "/tasks/visit", "${visitResident}");
        assertThat(targets(OutreachProcess.TASK_VISIT)).containsExactly("Gateway_Outcome");
        assertThat(targets("Gateway_Outcome")).containsExactlyInAnyOrder("Gateway_AfterPromise", "Task_CloseCase");
        assertEarlyVisit("Gateway_AfterPromise", "Timer_Promise", "Message_VisitPromise");
        assertThat(timeDate(element(outreach, "Timer_Promise", IntermediateCatchEvent.class)))
                .isEqualTo("${promisedBy}");
        assertThat(targets("Timer_Promise")).containsExactly("Gateway_ToVisit");
        assertThat(element(outreach, "Task_CloseCase", ServiceTask.class).getCamundaDelegateExpression())
                .isEqualTo("${closeOutreachCase}");

        SubProcess payment = element(outreach, "SubProcess_Payment", SubProcess.class);
        assertThat(payment.triggeredByEvent()).isTrue();
        StartEvent paid = element(outreach, "Start_PaymentReceived", StartEvent.class);
        assertThat(paid.isInterrupting()).isTrue();
        assertThat(paid.getEventDefinitions())
                .singleElement()
                .isInstanceOfSatisfying(
                        MessageEventDefinition.class,
                        m -> assertThat(m.getMessage().getName()).isEqualTo(OutreachProcess.MESSAGE_PAYMENT));
        assertThat(input("Task_ClosePaid", OutreachProcess.VAR_END_REASON)).isEqualTo("PAYMENT_RECEIVED");
    }

    @Test
    void aClerkVerifiesEveryCorrection() {
        assertProcess(correction, OutreachProcess.CORRECTION_KEY, "数据更正核实");
        assertUserTask(
                correction,
                OutreachProcess.TASK_REVIEW_CORRECTION,
                "${clerkGroup}",
                null,
                "/tasks/review-correction",
                "${reviewCorrection}");
        assertThat(element(correction, "Gateway_Approved", FlowNode.class).getOutgoing())
                .extracting(f -> f.getTarget().getId())
                .containsExactlyInAnyOrder("End_Corrected", "End_Rejected");
    }

    /** An event-based gateway: the wait's timer, or the grid worker's early visit (message) straight to the visit. */
    private void assertEarlyVisit(String gateway, String timer, String message) {
        element(outreach, gateway, org.camunda.bpm.model.bpmn.instance.EventBasedGateway.class);
        assertThat(targets(gateway)).containsExactlyInAnyOrder(timer, message);
        assertThat(element(outreach, message, IntermediateCatchEvent.class).getEventDefinitions())
                .singleElement()
                .isInstanceOfSatisfying(
                        MessageEventDefinition.class,
                        m -> assertThat(m.getMessage().getName()).isEqualTo(OutreachProcess.MESSAGE_VISIT));
        assertThat(targets(message)).containsExactly("Gateway_ToVisit");
    }

    private java.util.List<String> targets(String id) {
        return element(outreach, id, FlowNode.class).getOutgoing().stream()
                .map(SequenceFlow::getTarget)
                .map(FlowNode::getId)
                .toList();
    }

    private String reminder(String id) {
        assertThat(element(outreach, id, ServiceTask.class).getCamundaDelegateExpression())
                .isEqualTo("${sendReminder}");
        return input(id, OutreachProcess.VAR_TEMPLATE);
    }

    private String input(String id, String name) {
        return element(outreach, id, ServiceTask.class)
                .getExtensionElements()
                .getElementsQuery()
                .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput.class)
                .singleResult()
                .getCamundaInputParameters()
                .stream()
                .filter(p -> p.getCamundaName().equals(name))
                .map(CamundaInputParameter::getTextContent)
                .findFirst()
                .orElseThrow();
    }

    private String duration(String id) {
        return element(outreach, id, IntermediateCatchEvent.class)
                .getChildElementsByType(TimerEventDefinition.class)
                .iterator()
                .next()
                .getTimeDuration()
                .getTextContent();
    }
}
