package cn.canbao;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.Test;

/** Every file in processes/ opens in Camunda Modeler: BPMN validates and every node and flow is drawn; DMN has its diagram. */
class ProcessFilesTest {

    @Test
    void everyBpmnFileValidatesAndEveryNodeAndFlowIsDrawn() throws IOException {
        List<Path> files = files(".bpmn");
        assertThat(files)
                .extracting(p -> p.getFileName().toString())
                .contains(
                        "campaign.bpmn",
                        "target-breakdown.bpmn",
                        "publicity-drive.bpmn",
                        "village-summary.bpmn",
                        "township-dispatch.bpmn",
                        "county-bulletin.bpmn",
                        "escalation-case.bpmn");
        for (Path file : files) {
            BpmnModelInstance model = ProcessModels.read(file.toString());
            assertThat(model.getModelElementsByType(FlowNode.class))
                    .as(file.toString())
                    .allSatisfy(
                            n -> assertThat(n.getDiagramElement()).as(n.getId()).isInstanceOf(BpmnShape.class));
            assertThat(model.getModelElementsByType(SequenceFlow.class))
                    .as(file.toString())
                    .allSatisfy(
                            f -> assertThat(f.getDiagramElement()).as(f.getId()).isInstanceOf(BpmnEdge.class));
        }
    }

    @Test
    void everyDmnFileCarriesItsDiagram() throws IOException {
        List<Path> files = files(".dmn");
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            assertThat(Files.readString(file)).as(file.toString()).contains("<dmndi:DMNShape");
        }
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> all = Files.list(Path.of("processes"))) {
            return all.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
