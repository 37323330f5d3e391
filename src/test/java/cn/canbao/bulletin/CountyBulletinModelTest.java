package cn.canbao.bulletin;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;

import java.io.File;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** processes/county-bulletin.bpmn carries the ids and expressions the Java code relies on, fully drawn. */
class CountyBulletinModelTest {

    private final BpmnModelInstance model = Bpmn.readModelFromFile(new File("processes/county-bulletin.bpmn"));

    @Test
    void theCountyLeaderReviewsAndPublishes() {
        Bpmn.validateModel(model);
        Process process = model.getModelElementById(BulletinProcess.KEY);
        assertThat(process.getName()).isEqualTo("县级通报");
        assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("P365D");
        UserTask review = model.getModelElementById(BulletinProcess.TASK_REVIEW);
        assertThat(review).extracting(UserTask::getName, UserTask::getCamundaCandidateGroups, UserTask::getCamundaDueDate,
                        UserTask::getCamundaFormKey)
                .containsExactly("审核并发布通报（第${bulletinNumber}期）", "${countyLeaderGroup}", "${reviewDue}",
                        "/tasks/review-bulletin");
        assertThat(review.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list())
                .extracting(CamundaTaskListener::getCamundaEvent, CamundaTaskListener::getCamundaDelegateExpression)
                .containsExactly(tuple("complete", "${publishBulletin}"));
    }

    @Test
    void everyNodeAndFlowIsDrawn() {
        assertThat(model.getModelElementsByType(FlowNode.class))
                .allSatisfy(n -> assertThat(n.getDiagramElement()).as(n.getId()).isInstanceOf(BpmnShape.class));
        assertThat(model.getModelElementsByType(SequenceFlow.class))
                .allSatisfy(f -> assertThat(f.getDiagramElement()).as(f.getId()).isInstanceOf(BpmnEdge.class));
    }
}
