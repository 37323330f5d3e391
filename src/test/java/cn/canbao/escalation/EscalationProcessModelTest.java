package cn.canbao.escalation;

import static cn.canbao.ProcessModels.timeDate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.canbao.ProcessModels;
import cn.canbao.escalation.process.EscalationProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;

/** escalation-case.bpmn and lagging-township.dmn carry the ids and expressions the Java code relies on. */
class EscalationProcessModelTest {

    private final BpmnModelInstance model = read();

    @Test
    void aLaggingTownshipIsProposedAndTheCountyLeaderConfirmsWaivesOrPostpones() {
        Process process = element("EscalationCase", Process.class);
        assertThat(process.getName()).isEqualTo("滞后乡镇约谈整改");
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("P365D");

        assertThat(next("Start_Case")).isEqualTo(EscalationProcess.TASK_PROPOSE_SUMMONS);
        assertUserTask(
                EscalationProcess.TASK_PROPOSE_SUMMONS,
                "是否约谈（${regionName}）",
                "${countyLeaderGroup}",
                null,
                "/tasks/summons-proposal",
                "${decideSummonsProposal}");
        assertThat(next(EscalationProcess.TASK_PROPOSE_SUMMONS)).isEqualTo("Gateway_ProposalDecision");
        assertThat(element("Gateway_ProposalDecision", FlowNode.class).getOutgoing())
                .extracting(
                        SequenceFlow::getName,
                        f -> f.getTarget().getId(),
                        f -> f.getConditionExpression().getTextContent())
                .containsExactlyInAnyOrder(
                        tuple("确认约谈", EscalationProcess.TASK_SUMMONS, "${proposalDecision == 'CONFIRM'}"),
                        tuple("免予约谈", "End_Waived", "${proposalDecision == 'WAIVE'}"),
                        tuple("暂缓", "Timer_Postponed", "${proposalDecision == 'POSTPONE'}"));
        assertThat(timeDate(element("Timer_Postponed", IntermediateCatchEvent.class)))
                .isEqualTo("${postponedUntil}");
        assertThat(next("Timer_Postponed")).isEqualTo("Task_ProposeAgain");
        assertThat(element("Task_ProposeAgain", ServiceTask.class).getCamundaDelegateExpression())
                .isEqualTo("${proposeSummonsAgain}");
        // when the postponement ends the township is checked again: still lagging, proposed again; else the case ends
        assertThat(next("Task_ProposeAgain")).isEqualTo("Gateway_StillLaggingAfterPostpone");
        assertThat(element("Gateway_StillLaggingAfterPostpone", FlowNode.class).getOutgoing())
                .extracting(
                        f -> f.getTarget().getId(),
                        f -> f.getConditionExpression().getTextContent())
                .containsExactlyInAnyOrder(
                        tuple(EscalationProcess.TASK_PROPOSE_SUMMONS, "${stillLagging}"),
                        tuple("End_NoLongerLagging", "${!stillLagging}"));
    }

    @Test
    void aConfirmedSummonsAsksForAPlanRechecksAndEscalatesToTheConfiguredLevels() {
        assertUserTask(
                EscalationProcess.TASK_SUMMONS,
                "约谈（${regionName}）",
                "${countyLeaderGroup}",
                null,
                "/tasks/summons",
                "${recordSummons}");
        assertUserTask(
                EscalationProcess.TASK_RECTIFICATION_PLAN,
                "限期整改方案（${regionName}）",
                "${townshipLeaderGroup}",
                "${planDue}",
                "/tasks/rectification-plan",
                "${submitRectificationPlan}");
        UserTask report = assertUserTask(
                EscalationProcess.TASK_REPORT_TO_CITY,
                "报请上级督办（${regionName}：${reportLevelNames}）",
                "${countyLeaderGroup}",
                null,
                "/tasks/report-to-city",
                "${reportToCity}");
        assertThat(report.getExtensionElements()
                        .getElementsQuery()
                        .filterByType(CamundaTaskListener.class)
                        .list())
                .extracting(CamundaTaskListener::getCamundaEvent)
                .containsExactly("complete");

        assertThat(next(EscalationProcess.TASK_SUMMONS)).isEqualTo(EscalationProcess.TASK_RECTIFICATION_PLAN);
        assertThat(next(EscalationProcess.TASK_RECTIFICATION_PLAN)).isEqualTo("Timer_RectificationDeadline");
        assertThat(timeDate(element("Timer_RectificationDeadline", IntermediateCatchEvent.class)))
                .isEqualTo("${rectificationDeadline}");
        assertThat(next("Timer_RectificationDeadline")).isEqualTo(EscalationProcess.TASK_RECHECK);
        assertThat(element(EscalationProcess.TASK_RECHECK, ServiceTask.class).getCamundaDelegateExpression())
                .isEqualTo("${recheckTownship}");
        assertThat(next(EscalationProcess.TASK_RECHECK)).isEqualTo("Gateway_StillLagging");
        assertThat(element("Gateway_StillLagging", FlowNode.class).getOutgoing())
                .extracting(
                        SequenceFlow::getName,
                        f -> f.getTarget().getId(),
                        f -> f.getConditionExpression().getTextContent())
                .containsExactlyInAnyOrder(
                        tuple("否", "End_Resolved", "${!stillLagging}"),
                        tuple("是", "Task_EscalateCase", "${stillLagging}"));
        assertThat(element("Task_EscalateCase", ServiceTask.class).getCamundaDelegateExpression())
                .isEqualTo("${escalateCase}");
        assertThat(next("Task_EscalateCase")).isEqualTo("Gateway_ReportAbove");
        assertThat(element("Gateway_ReportAbove", FlowNode.class).getOutgoing())
                .extracting(
                        f -> f.getTarget().getId(),
                        f -> f.getConditionExpression().getTextContent())
                .containsExactlyInAnyOrder(
                        tuple(EscalationProcess.TASK_REPORT_TO_CITY, "${reportAbove}"),
                        tuple("End_Unresolved", "${!reportAbove}"));
        assertThat(next(EscalationProcess.TASK_REPORT_TO_CITY)).isEqualTo("End_Escalated");
    }

    @Test
    void aPlanNotInByItsDueDateEscalatesAtOnce() {
        BoundaryEvent due = element("Timer_PlanDue", BoundaryEvent.class);
        assertThat(due.cancelActivity()).isTrue();
        assertThat(due.getAttachedTo().getId()).isEqualTo(EscalationProcess.TASK_RECTIFICATION_PLAN);
        assertThat(timeDate(due)).isEqualTo("${planDue}");
        assertThat(next("Timer_PlanDue")).isEqualTo("Task_PlanOverdue");
        assertThat(element("Task_PlanOverdue", ServiceTask.class).getCamundaDelegateExpression())
                .isEqualTo("${planOverdue}");
        assertThat(next("Task_PlanOverdue")).isEqualTo("Task_EscalateCase");
    }

    @Test
    void theDecisionTakesTheThresholdsAsInputsCollectsTheCriteriaAndIsDrawn() throws Exception {
        DmnModelInstance dmn = Dmn.readModelFromFile(new File("processes/lagging-township.dmn"));
        Decision decision = dmn.getModelElementById(EscalationProcess.DECISION);
        assertThat(decision.getName()).isEqualTo("乡镇是否滞后");
        DecisionTable table =
                decision.getChildElementsByType(DecisionTable.class).iterator().next();
        assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.COLLECT);
        assertThat(table.getInputs())
                .extracting(i -> i.getInputExpression().getText().getTextContent())
                .containsExactly(
                        EscalationProcess.IN_RANK,
                        EscalationProcess.IN_TOWNSHIP_COUNT,
                        EscalationProcess.IN_BOTTOM_N,
                        EscalationProcess.IN_COMPLETION,
                        EscalationProcess.IN_EXPECTED_COMPLETION,
                        EscalationProcess.IN_BELOW_LINE_POINTS,
                        EscalationProcess.IN_COVERAGE,
                        EscalationProcess.IN_COVERAGE_BELOW);
        assertThat(table.getOutputs())
                .extracting(Output::getName)
                .containsExactly(EscalationProcess.OUT_CRITERION, EscalationProcess.OUT_REASON);
        assertThat(table.getInputs()).extracting(Input::getLabel).doesNotContainNull();
        assertThat(Files.readString(Path.of("processes/lagging-township.dmn")))
                .contains("<dmndi:DMNShape", "dmnElementRef=\"LaggingTownship\"");
    }

    private static BpmnModelInstance read() {
        return ProcessModels.read("processes/escalation-case.bpmn");
    }

    private <T extends ModelElementInstance> T element(String id, Class<T> type) {
        ModelElementInstance element = model.getModelElementById(id);
        assertThat(element).as(id).isInstanceOf(type);
        return type.cast(element);
    }

    private String next(String id) {
        return element(id, FlowNode.class).getSucceedingNodes().singleResult().getId();
    }

    private UserTask assertUserTask(String id, String name, String group, String due, String form, String onComplete) {
        UserTask task = element(id, UserTask.class);
        assertThat(task)
                .as(id)
                .extracting(
                        UserTask::getName,
                        UserTask::getCamundaCandidateGroups,
                        UserTask::getCamundaDueDate,
                        UserTask::getCamundaFormKey)
                .containsExactly(name, group, due, form);
        assertThat(task.getExtensionElements()
                        .getElementsQuery()
                        .filterByType(CamundaTaskListener.class)
                        .list())
                .as(id)
                .extracting(CamundaTaskListener::getCamundaEvent, CamundaTaskListener::getCamundaDelegateExpression)
                .contains(tuple("complete", onComplete));
        return task;
    }
}
