package cn.canbao.bulletin;

import static cn.canbao.ProcessModels.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.canbao.bulletin.process.BulletinProcess;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;

/** processes/county-bulletin.bpmn carries the ids and expressions the Java code relies on, fully drawn. */
class CountyBulletinModelTest {

    private final BpmnModelInstance model = read("processes/county-bulletin.bpmn");

    @Test
    void theCountyLeaderReviewsAndPublishes() {
        Process process = model.getModelElementById(BulletinProcess.KEY);
        assertThat(process.getName()).isEqualTo("县级通报");
        assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("P365D");
        UserTask review = model.getModelElementById(BulletinProcess.TASK_REVIEW);
        assertThat(review)
                .extracting(
                        UserTask::getName,
                        UserTask::getCamundaCandidateGroups,
                        UserTask::getCamundaDueDate,
                        UserTask::getCamundaFormKey)
                .containsExactly(
                        "审核并发布通报（第${bulletinNumber}期）",
                        "${countyLeaderGroup}",
                        "${reviewDue}",
                        "/tasks/review-bulletin");
        assertThat(review.getExtensionElements()
                        .getElementsQuery()
                        .filterByType(CamundaTaskListener.class)
                        .list())
                .extracting(CamundaTaskListener::getCamundaEvent, CamundaTaskListener::getCamundaDelegateExpression)
                .containsExactly(tuple("complete", "${publishBulletin}"));
    }
}
