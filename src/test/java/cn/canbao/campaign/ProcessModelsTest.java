package cn.canbao.campaign;

import static cn.canbao.ProcessModels.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BpmnModelElementInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TerminateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;

/** The two BPMN files carry the ids and expressions the Java code relies on, and a complete diagram. */
class ProcessModelsTest {

    private final BpmnModelInstance campaign = read("processes/campaign.bpmn");
    private final BpmnModelInstance breakdown = read("processes/target-breakdown.bpmn");

    @Test
    void campaignWalksThePhasesAndCallsOneBreakdownPerTownship() {
        assertProcess(campaign, "Campaign", "全民参保扩面行动");
        for (String phase : new String[] {"Phase_Mobilise", "Phase_Implement", "Phase_Summarise", "End_Campaign"}) {
            assertThat(extension(element(campaign, phase, FlowNode.class), CamundaExecutionListener.class))
                    .as(phase)
                    .extracting(
                            CamundaExecutionListener::getCamundaEvent,
                            CamundaExecutionListener::getCamundaDelegateExpression)
                    .containsExactly("start", "${enterPhase}");
        }
        assertThat(element(campaign, "Task_ProposeTownshipTargets", ServiceTask.class)
                        .getCamundaDelegateExpression())
                .isEqualTo("${proposeTownshipTargets}");
        assertUserTask(
                campaign,
                "Task_PublishTownshipTargets",
                "${countyLeaderGroup}",
                "${publishDue}",
                "/tasks/publish-targets",
                "${publishTownshipTargets}");
        assertReminder(
                campaign, "Timer_RemindPublish", "Task_PublishTownshipTargets", "${publishDue}", "Task_RemindPublish");
        assertBreakdownCall(campaign, "Call_TownshipBreakdown", "${townships}", "township");
        assertUserTask(
                campaign,
                "Task_SummariseCampaign",
                "${countyLeaderGroup}",
                null,
                "/tasks/summarise-campaign",
                "${summariseCampaign}");

        EventBasedGateway wait = element(campaign, "Gateway_CollectionWait", EventBasedGateway.class);
        assertThat(wait.getOutgoing())
                .extracting(f -> f.getTarget().getId())
                .containsExactlyInAnyOrder("Timer_CollectionEnd", "Message_CollectionExtended");
        assertThat(timeDate(element(campaign, "Timer_CollectionEnd", CatchEvent.class)))
                .isEqualTo("${collectionEnd}");
        CatchEvent extended = element(campaign, "Message_CollectionExtended", CatchEvent.class);
        assertThat(definition(extended, MessageEventDefinition.class)
                        .getMessage()
                        .getName())
                .isEqualTo("CollectionPeriodExtended");
        assertThat(extended.getSucceedingNodes().singleResult().getId()).isEqualTo("Gateway_CollectionLoop");
    }

    @Test
    void breakdownConfirmsRemindsChasesAndRecursesIntoVillages() {
        assertProcess(breakdown, "TargetBreakdown", "目标分解");
        assertThat(element(breakdown, "Task_PrepareBreakdown", ServiceTask.class)
                        .getCamundaDelegateExpression())
                .isEqualTo("${prepareBreakdown}");

        UserTask split = assertUserTask(
                breakdown,
                "Task_SplitTarget",
                "${candidateGroup}",
                "${splitDue}",
                "/tasks/split-target",
                "${splitTarget}");
        assertThat(split.getName()).isEqualTo("确认并分解目标（${regionName}）");
        assertThat(split.getParentElement()).isSameAs(element(breakdown, "SubProcess_ConfirmSplit", SubProcess.class));

        EndEvent confirmed = element(breakdown, "End_SplitConfirmed", EndEvent.class);
        assertThat(definition(confirmed, TerminateEventDefinition.class)).isNotNull();
        assertThat(confirmed.getParentElement()).isSameAs(split.getParentElement());

        assertReminder(breakdown, "Timer_RemindSplit", "Task_SplitTarget", "${splitDue}", "Task_RemindSplit");
        BoundaryEvent escalate =
                assertNonInterruptingTimer(breakdown, "Timer_EscalateSplit", "Task_SplitTarget", "${escalateAt}");
        assertThat(escalate.getSucceedingNodes().singleResult().getId()).isEqualTo("Task_ChaseOverdueSplit");
        UserTask chase = assertUserTask(
                breakdown,
                "Task_ChaseOverdueSplit",
                "${parentGroup}",
                null,
                "/tasks/chase-split",
                "${chaseOverdueSplit}");
        assertThat(chase.getName()).isEqualTo("督办逾期分解（${regionName}）");
        // the escalation itself is recorded when the chase task is created
        assertThat(chase.getExtensionElements()
                        .getElementsQuery()
                        .filterByType(CamundaTaskListener.class)
                        .list())
                .extracting(CamundaTaskListener::getCamundaEvent)
                .containsExactly("create", "complete");

        assertCondition("Flow_ToVillages", "是", "Call_VillageBreakdown", "${hasChildTasks}");
        assertCondition("Flow_NoChildTasks", "否", "End_GridsAssigned", "${!hasChildTasks}");
        assertBreakdownCall(breakdown, "Call_VillageBreakdown", "${childRegions}", "childRegion");
    }

    private static <T extends BpmnModelElementInstance> T extension(BaseElement element, Class<T> type) {
        return element.getExtensionElements()
                .getElementsQuery()
                .filterByType(type)
                .singleResult();
    }

    private static void assertBreakdownCall(
            BpmnModelInstance model, String id, String collection, String elementVariable) {
        CallActivity call = element(model, id, CallActivity.class);
        assertThat(call.getCalledElement()).isEqualTo("TargetBreakdown");
        assertThat(call.getCamundaCalledElementBinding()).isEqualTo("latest");
        var loop = (MultiInstanceLoopCharacteristics) call.getLoopCharacteristics();
        assertThat(loop.isSequential()).as(id).isFalse();
        assertThat(loop.getCamundaCollection()).isEqualTo(collection);
        assertThat(loop.getCamundaElementVariable()).isEqualTo(elementVariable);
        assertThat(call.getExtensionElements()
                        .getElementsQuery()
                        .filterByType(CamundaIn.class)
                        .list())
                .as(id)
                .extracting(CamundaIn::getCamundaBusinessKey, CamundaIn::getCamundaSource, CamundaIn::getCamundaTarget)
                .containsExactly(
                        tuple("#{execution.processBusinessKey}", null, null),
                        tuple(null, "campaignId", "campaignId"),
                        tuple(null, elementVariable, "regionCode"));
    }

    private void assertCondition(String flowId, String name, String target, String condition) {
        SequenceFlow flow = element(breakdown, flowId, SequenceFlow.class);
        assertThat(flow)
                .as(flowId)
                .extracting(
                        SequenceFlow::getName,
                        f -> f.getSource().getId(),
                        f -> f.getTarget().getId(),
                        f -> f.getConditionExpression().getTextContent())
                .containsExactly(name, "Gateway_HasChildTasks", target, condition);
    }

    private static <T extends EventDefinition> T definition(ModelElementInstance event, Class<T> type) {
        return event.getChildElementsByType(type).stream().findFirst().orElse(null);
    }
}
