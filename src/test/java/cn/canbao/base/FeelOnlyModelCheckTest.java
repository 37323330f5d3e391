package cn.canbao.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The FEEL-only check on its own, with the models of this repository as the friendly side: the bundled
 * DMNs pass, and every way a model could reach code or the file system is refused with its reason and
 * the id of the element where it sits.
 */
class FeelOnlyModelCheckTest {

    static final String DMN = "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" "
            + "xmlns:camunda=\"http://camunda.org/schema/1.0/dmn\" id=\"D\" name=\"d\" namespace=\"n\"%s>"
            + "<decision id=\"Decision_1\" name=\"x\"><decisionTable id=\"Table_1\">"
            + "<input id=\"Input_1\"><inputExpression id=\"InputExpression_1\" typeRef=\"integer\"%s><text>%s</text></inputExpression></input>"
            + "<output id=\"Output_1\" name=\"out\" typeRef=\"string\" />"
            + "<rule id=\"Rule_1\"><inputEntry id=\"InputEntry_1\"%s><text>%s</text></inputEntry>"
            + "<outputEntry id=\"OutputEntry_1\"%s><text>%s</text></outputEntry></rule>"
            + "</decisionTable></decision></definitions>";
    static final String BPMN = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
            + "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" id=\"Definitions_1\" targetNamespace=\"t\">"
            + "<process id=\"Process_1\" isExecutable=\"true\">%s</process></definitions>";

    static String dmn(
            String definitionsAttr,
            String inputLanguage,
            String input,
            String entryLanguage,
            String entry,
            String outputLanguage,
            String output) {
        return String.format(DMN, definitionsAttr, inputLanguage, input, entryLanguage, entry, outputLanguage, output);
    }

    static String friendlyDmn() {
        return dmn("", "", "breakYears", "", "&gt;= 1", "", "\"断保\" + string(breakYears) + \"年\"");
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of(
                        "javascript on an input expression",
                        dmn("", " expressionLanguage=\"javascript\"", "java.lang.System.exit(1)", "", "-", "", "\"x\""),
                        "foreignLanguage",
                        "InputExpression_1"),
                Arguments.of(
                        "groovy for the whole model",
                        dmn(" expressionLanguage=\"groovy\"", "", "x", "", "-", "", "\"x\""),
                        "foreignLanguage",
                        "D"),
                Arguments.of(
                        "juel on an output entry",
                        dmn("", "", "x", "", "-", " expressionLanguage=\"juel\"", "policyService"),
                        "foreignLanguage",
                        "OutputEntry_1"),
                Arguments.of(
                        "a FEEL URI Camunda would not take for FEEL",
                        dmn(
                                "",
                                "",
                                "x",
                                " expressionLanguage=" + "\"https://www.omg.org/spec/DMN/20191111/FEEL\"",
                                "-",
                                "",
                                "\"x\""),
                        "foreignLanguage",
                        "InputEntry_1"),
                Arguments.of(
                        "a type language other than FEEL",
                        dmn(" typeLanguage=\"java\"", "", "x", "", "-", "", "\"x\""),
                        "foreignLanguage",
                        "D"),
                Arguments.of(
                        "JUEL bean access in an output entry",
                        dmn("", "", "x", "", "-", "", "${policyRulesService.upload(2099, 'x', null)}"),
                        "juel",
                        "OutputEntry_1"),
                Arguments.of(
                        "JUEL deferred syntax in an input entry",
                        dmn("", "", "x", "", "#{''.getClass().forName('java.lang.Runtime')}", "", "\"x\""),
                        "juel",
                        "InputEntry_1"),
                Arguments.of(
                        "JUEL split by a CDATA section",
                        dmn("", "", "x", "", "-", "", "$<![CDATA[{bean.run()}]]>"),
                        "juel",
                        "OutputEntry_1"),
                Arguments.of(
                        "JUEL in an attribute",
                        dmn(" camunda:diagramRelationId=\"${bean}\"", "", "x", "", "-", "", "\"x\""),
                        "juel",
                        "D"),
                Arguments.of(
                        "a script task",
                        String.format(
                                BPMN,
                                "<scriptTask id=\"Task_Run\" scriptFormat=\"groovy\">"
                                        + "<script>System.exit(0)</script></scriptTask>"),
                        "script",
                        "Task_Run"),
                Arguments.of(
                        "a camunda:script in an input mapping",
                        String.format(
                                BPMN,
                                "<serviceTask id=\"Task_Map\">"
                                        + "<extensionElements><camunda:inputOutput><camunda:inputParameter name=\"a\">"
                                        + "<camunda:script scriptFormat=\"javascript\">1</camunda:script></camunda:inputParameter>"
                                        + "</camunda:inputOutput></extensionElements></serviceTask>"),
                        "script",
                        "Task_Map"),
                Arguments.of(
                        "a condition in groovy",
                        String.format(
                                BPMN,
                                "<sequenceFlow id=\"Flow_1\" sourceRef=\"a\" "
                                        + "targetRef=\"b\"><conditionExpression language=\"groovy\">true</conditionExpression>"
                                        + "</sequenceFlow>"),
                        "foreignLanguage",
                        "Flow_1"),
                Arguments.of(
                        "a Java delegate class",
                        String.format(
                                BPMN, "<serviceTask id=\"Task_Java\" " + "camunda:class=\"java.lang.Runtime\" />"),
                        "javaCode",
                        "Task_Java"),
                Arguments.of(
                        "a delegate expression",
                        String.format(
                                BPMN,
                                "<serviceTask id=\"Task_Bean\" "
                                        + "camunda:delegateExpression=\"policyRulesService\" />"),
                        "javaCode",
                        "Task_Bean"),
                Arguments.of(
                        "a connector",
                        String.format(
                                BPMN,
                                "<serviceTask id=\"Task_Http\"><extensionElements>"
                                        + "<camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector>"
                                        + "</extensionElements></serviceTask>"),
                        "javaCode",
                        "Task_Http"),
                Arguments.of(
                        "an execution listener",
                        String.format(
                                BPMN,
                                "<startEvent id=\"Start\"><extensionElements>"
                                        + "<camunda:executionListener event=\"start\" /></extensionElements></startEvent>"),
                        "listener",
                        "Start"),
                Arguments.of(
                        "a task listener in the old activiti namespace",
                        String.format(
                                BPMN.replace("http://camunda.org/schema/1.0/bpmn", "http://activiti.org/bpmn"),
                                "<userTask id=\"Task_User\">"
                                        + "<extensionElements><camunda:taskListener event=\"create\" /></extensionElements></userTask>"),
                        "listener",
                        "Task_User"),
                Arguments.of(
                        "a DOCTYPE with an external entity",
                        "<?xml version=\"1.0\"?><!DOCTYPE definitions ["
                                + "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                                + friendlyDmn().replace("breakYears</text>", "&xxe;</text>"),
                        "doctype",
                        null),
                Arguments.of(
                        "an entity without its DOCTYPE",
                        friendlyDmn().replace("breakYears</text>", "&xxe;</text>"),
                        "notXml",
                        null),
                Arguments.of("not XML at all", "这不是DMN文件", "notXml", null),
                Arguments.of("nested too deep", "<a>".repeat(100) + "</a>".repeat(100), "tooLarge", null),
                Arguments.of("empty", "", "tooLarge", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileModelsAreRefusedWithTheirReasonAndElement(String what, String xml, String reason, String elementId) {
        assertThat(FeelOnlyModelCheck.check(xml.getBytes(StandardCharsets.UTF_8)))
                .contains(new FeelOnlyModelCheck.Refusal(reason, elementId));
    }

    @Test
    void feelInEveryNameCamundaGivesItPasses() {
        assertThat(FeelOnlyModelCheck.check(friendlyDmn().getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        for (String feel : new String[] {
            "feel",
            "FEEL",
            "http://www.omg.org/spec/FEEL/20140401",
            "http://www.omg.org/spec/DMN/20180521/FEEL/",
            "https://www.omg.org/spec/DMN/20191111/FEEL/",
            "https://www.omg.org/spec/DMN/20211108/FEEL/",
            "https://www.omg.org/spec/DMN/20230324/FEEL/"
        }) {
            String xml = dmn(
                    " expressionLanguage=\"" + feel + "\"",
                    " expressionLanguage=\"" + feel + "\"",
                    "x",
                    "",
                    "-",
                    "",
                    "\"x\"");
            assertThat(FeelOnlyModelCheck.check(xml.getBytes(StandardCharsets.UTF_8)))
                    .as(feel)
                    .isEmpty();
        }
    }

    @Test
    void theBundledDecisionsPass() throws IOException {
        for (String dmn : new String[] {"processes/policy-rules.dmn", "processes/lagging-township.dmn"}) {
            assertThat(FeelOnlyModelCheck.check(Files.readAllBytes(Path.of(dmn))))
                    .as(dmn)
                    .isEmpty();
        }
    }

    @Test
    void theOperatorsOwnProcessesWouldNotPassAsUploads() throws IOException {
        // they call Spring beans by delegate expression: trusted when deployed by the operator, refused from a user
        assertThat(FeelOnlyModelCheck.check(Files.readAllBytes(Path.of("processes/campaign.bpmn"))))
                .isPresent();
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeParsing() {
        byte[] big = new byte[FeelOnlyModelCheck.MAX_BYTES + 1];
        assertThat(FeelOnlyModelCheck.check(big)).contains(new FeelOnlyModelCheck.Refusal("tooLarge", null));
        assertThat(new FeelOnlyModelCheck.Refusal("juel", "X").messageKey()).isEqualTo("model.check.juel");
    }
}
