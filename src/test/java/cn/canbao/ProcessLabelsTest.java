package cn.canbao;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.junit.jupiter.api.Test;

/**
 * Every element a reader of the diagram needs a label for has one, as bpmnlint's {@code label-required} rule
 * (in its recommended set) demands: every flow node — start, end, intermediate and boundary events, tasks,
 * call activities, forking exclusive/inclusive gateways — plus conditional sequence flows, participants and
 * lanes. Like the rule, it leaves out parallel and event-based gateways, joining gateways (one way out) and
 * sub-processes (their inner elements are checked).
 */
class ProcessLabelsTest {

    @Test
    void everyElementInProcessesCarriesTheNameBpmnlintRequires() throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.list(Path.of("processes"))) {
            files = all.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        for (Path file : files) {
            assertThat(unlabelled(ProcessModels.read(file.toString())))
                    .as(file.toString())
                    .isEmpty();
        }
    }

    @Test
    void theCheckFindsWhatBpmnlintReports() {
        BpmnModelInstance model =
                Bpmn.readModelFromStream(new ByteArrayInputStream("""
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_Check"
                             targetNamespace="http://bpmn.io/schema/bpmn">
                  <process id="Check" isExecutable="false">
                    <startEvent id="Start_Unnamed" />
                    <exclusiveGateway id="Gateway_Fork" />
                    <userTask id="Task_Named" name="确认" />
                    <serviceTask id="Task_Unnamed" name=" " />
                    <exclusiveGateway id="Gateway_Join" />
                    <parallelGateway id="Gateway_Parallel" />
                    <intermediateCatchEvent id="Event_Unnamed"><timerEventDefinition /></intermediateCatchEvent>
                    <boundaryEvent id="Boundary_Unnamed" attachedToRef="Task_Named"><timerEventDefinition /></boundaryEvent>
                    <endEvent id="End_Named" name="完成" />
                    <sequenceFlow id="Flow_1" sourceRef="Start_Unnamed" targetRef="Gateway_Fork" />
                    <sequenceFlow id="Flow_Yes" name="是" sourceRef="Gateway_Fork" targetRef="Task_Named">
                      <conditionExpression>${ok}</conditionExpression>
                    </sequenceFlow>
                    <sequenceFlow id="Flow_NoUnnamed" sourceRef="Gateway_Fork" targetRef="Task_Unnamed">
                      <conditionExpression>${!ok}</conditionExpression>
                    </sequenceFlow>
                    <sequenceFlow id="Flow_2" sourceRef="Task_Named" targetRef="Gateway_Join" />
                    <sequenceFlow id="Flow_3" sourceRef="Task_Unnamed" targetRef="Gateway_Join" />
                    <sequenceFlow id="Flow_4" sourceRef="Gateway_Join" targetRef="Gateway_Parallel" />
                    <sequenceFlow id="Flow_5" sourceRef="Gateway_Parallel" targetRef="Event_Unnamed" />
                    <sequenceFlow id="Flow_6" sourceRef="Event_Unnamed" targetRef="End_Named" />
                    <sequenceFlow id="Flow_7" sourceRef="Boundary_Unnamed" targetRef="End_Named" />
                  </process>
                </definitions>
                """.getBytes(StandardCharsets.UTF_8)));

        assertThat(unlabelled(model))
                .containsExactlyInAnyOrder(
                        "Start_Unnamed",
                        "Gateway_Fork",
                        "Task_Unnamed",
                        "Event_Unnamed",
                        "Boundary_Unnamed",
                        "Flow_NoUnnamed");
    }

    /** The ids of the elements bpmnlint's label-required rule would report. */
    static List<String> unlabelled(BpmnModelInstance model) {
        List<String> missing = new ArrayList<>();
        for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
            if (needsLabel(element) && blank(element.getName())) {
                missing.add(element.getId());
            }
        }
        model.getModelElementsByType(Participant.class).stream()
                .filter(p -> blank(p.getName()))
                .forEach(p -> missing.add(p.getId()));
        model.getModelElementsByType(Lane.class).stream()
                .filter(l -> blank(l.getName()))
                .forEach(l -> missing.add(l.getId()));
        return missing;
    }

    private static boolean needsLabel(FlowElement element) {
        if (element instanceof SequenceFlow flow) {
            return flow.getConditionExpression() != null;
        }
        if (element instanceof ParallelGateway
                || element instanceof EventBasedGateway
                || element instanceof SubProcess) {
            return false;
        }
        if (element instanceof Gateway gateway) {
            // forking: more than one flow leaves it (counted from the flows, whether or not <outgoing> lists them)
            return gateway.getModelInstance().getModelElementsByType(SequenceFlow.class).stream()
                            .filter(f -> f.getSource() == gateway)
                            .count()
                    > 1;
        }
        return element instanceof FlowNode;
    }

    private static boolean blank(String name) {
        return name == null || name.isBlank();
    }
}
