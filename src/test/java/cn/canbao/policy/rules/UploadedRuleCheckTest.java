package cn.canbao.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.policy.BundledRules;
import cn.canbao.policy.PolicyException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an uploaded rules file must pass before the engine sees it, without Spring or a database: the bundled
 * rules pass with all their example cases; hostile or ill-fitting variants of them are each refused with
 * their reason (a message key and the element or decision it names), never with an engine message.
 */
class UploadedRuleCheckTest {

    static final String BUNDLED = BundledRules.text();
    static final UploadedRuleCheck CHECK = new UploadedRuleCheck();
    static final List<ExampleCase> CASES = new ExampleCases().forYear(2025);

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of(
                        "javascript input expression",
                        edit(s -> s.replace(
                                "<inputExpression id=\"InputExpression_Newborn\" typeRef=\"boolean\"><text>newborn</text>",
                                "<inputExpression id=\"InputExpression_Newborn\" typeRef=\"boolean\" expressionLanguage=\"javascript\">"
                                        + "<text>java.lang.System.exit(1)</text>")),
                        "model.check.foreignLanguage",
                        "InputExpression_Newborn"),
                Arguments.of(
                        "juel bean access in an output entry",
                        edit(
                                s -> s.replace(
                                        "<outputEntry id=\"W8_Reason\"><text>\"集中参保期内参保且未断保，无待遇等待期\"</text>",
                                        "<outputEntry id=\"W8_Reason\"><text>${policyService.assess('350525198001010011')}</text>")),
                        "model.check.juel",
                        "W8_Reason"),
                Arguments.of(
                        "juel as the language of an output entry",
                        edit(s -> s.replace(
                                "<outputEntry id=\"W8_Months\">",
                                "<outputEntry id=\"W8_Months\" expressionLanguage=\"juel\">")),
                        "model.check.foreignLanguage",
                        "W8_Months"),
                Arguments.of(
                        "groovy for the whole file",
                        edit(s -> s.replace(
                                "namespace=\"http://canbao.cn/dmn\"",
                                "namespace=\"http://canbao.cn/dmn\" expressionLanguage=\"groovy\"")),
                        "model.check.foreignLanguage",
                        "Definitions_PolicyRules"),
                Arguments.of(
                        "script in a BPMN",
                        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
                                + "id=\"Definitions_1\" targetNamespace=\"t\"><process id=\"P\" isExecutable=\"true\">"
                                + "<scriptTask id=\"Task_Script\" scriptFormat=\"javascript\"><script>java.lang.System.exit(0)"
                                + "</script></scriptTask></process></definitions>",
                        "model.check.script",
                        "Task_Script"),
                Arguments.of(
                        "DOCTYPE with an external entity",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                + "<!DOCTYPE definitions [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                                + edit(s -> s.substring(s.indexOf("<definitions"))
                                        .replace("<text>newborn</text>", "<text>&xxe;</text>")),
                        "model.check.doctype",
                        null),
                Arguments.of(
                        "well-formed XML that is not DMN",
                        "<rules><rule>W1</rule></rules>",
                        "policy.upload.unparseable",
                        null),
                Arguments.of(
                        "wrong decision id",
                        edit(s -> s.replace("id=\"WaitingPeriod\"", "id=\"WaitingTime\"")),
                        "policy.upload.missingDecision",
                        "WaitingPeriod"),
                Arguments.of(
                        "an extra decision",
                        edit(s -> s.replace(
                                "<decision id=\"OriginalCap\"",
                                "<decision id=\"Backdoor\" name=\"b\"><literalExpression id=\"L\"><text>1</text></literalExpression>"
                                        + "</decision><decision id=\"OriginalCap\"")),
                        "policy.upload.extraDecision",
                        "Backdoor"),
                Arguments.of(
                        "missing output",
                        edit(s -> s.replace(
                                        "<output id=\"Output_WaitingReason\" label=\"依据\" name=\"waitingReason\" typeRef=\"string\" />",
                                        "")
                                .replace(
                                        "<outputEntry id=\"W1_Reason\"><text>\"新生儿参保，免待遇等待期\"</text></outputEntry>",
                                        "")),
                        "policy.upload.outputsDiffer",
                        "WaitingPeriod"),
                Arguments.of(
                        "output of another type",
                        edit(s -> s.replace(
                                "name=\"capChange\" typeRef=\"long\"", "name=\"capChange\" typeRef=\"string\"")),
                        "policy.upload.outputsDiffer",
                        "CapAdjustment"),
                Arguments.of(
                        "input reading another variable",
                        edit(s -> s.replace(
                                "<text>paidBackYears</text></inputExpression>",
                                "<text>breakYears</text></inputExpression>")),
                        "policy.upload.inputsDiffer",
                        "WaitingPeriod"),
                Arguments.of(
                        "a required decision that does not exist",
                        edit(s -> s.replace(
                                "<requiredDecision href=\"#OriginalCap\" />",
                                "<requiredDecision href=\"#NoSuchDecision\" />")),
                        "policy.upload.notDeployable",
                        null));
    }

    static String edit(UnaryOperator<String> change) {
        String changed = change.apply(BUNDLED);
        assertThat(changed).isNotEqualTo(BUNDLED);
        return changed;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileOrIllFittingFilesAreRefusedWithTheirReason(String what, String xml, String key, String where) {
        assertThatThrownBy(() -> CHECK.check(xml.getBytes(StandardCharsets.UTF_8), CASES))
                .isInstanceOfSatisfying(PolicyException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo(key);
                    assertThat(e.args()).isEqualTo(where == null ? new Object[0] : new Object[] {where});
                });
    }

    @Test
    void theBundledRulesPassWithEveryCase() {
        assertThat(CHECK.check(BUNDLED.getBytes(StandardCharsets.UTF_8), CASES)
                        .getDefinitions()
                        .getId())
                .isEqualTo("Definitions_PolicyRules");
    }

    @Test
    void columnsInAnotherOrderStillFit() {
        // CapAdjustment with its two input columns swapped, each rule's entries along with them
        String rewards = between(BUNDLED, "<input id=\"Input_Rewards\"", "</input>");
        String penalty = between(BUNDLED, "<input id=\"Input_Penalty\"", "</input>");
        String moved = edit(s -> s.replace(rewards, "\u0000")
                .replace(penalty, rewards)
                .replace("\u0000", penalty)
                .replace("<input id=\"Input_Rewards\"", "<input id=\"Input_Swap\"")
                .replace("<input id=\"Input_Penalty\"", "<input id=\"Input_Rewards\"")
                .replace("<input id=\"Input_Swap\"", "<input id=\"Input_Penalty\""));
        for (String rule : new String[] {"C1", "C2", "C3"}) {
            String first = between(moved, "<inputEntry id=\"" + rule + "_1\"><text>", "</text>");
            String second = between(moved, "<inputEntry id=\"" + rule + "_2\"><text>", "</text>");
            moved = moved.replace(
                            "<inputEntry id=\"" + rule + "_1\"><text>" + first + "</text>",
                            "<inputEntry id=\"" + rule + "_1\"><text>" + second + "</text>")
                    .replace(
                            "<inputEntry id=\"" + rule + "_2\"><text>" + second + "</text>",
                            "<inputEntry id=\"" + rule + "_2\"><text>" + first + "</text>");
        }
        assertThat(moved.indexOf("InputExpression_Penalty")).isLessThan(moved.indexOf("InputExpression_Rewards"));
        assertThat(CHECK.check(moved.getBytes(StandardCharsets.UTF_8), CASES)).isNotNull();
    }

    @Test
    void failingCasesAreListedWithoutEngineMessages() {
        String wrong = edit(s -> s.replace(
                "<outputEntry id=\"W6_Months\"><text>3 + max(0, breakYears - 1 - paidBackYears)",
                "<outputEntry id=\"W6_Months\"><text>3 + max(0, breakYears - 1 - noSuchInput)"));
        assertThatThrownBy(() -> CHECK.check(wrong.getBytes(StandardCharsets.UTF_8), CASES))
                .isInstanceOfSatisfying(PolicyException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("policy.upload.casesFailed");
                    assertThat(e.args()[2].toString())
                            .contains("WaitingPeriod #")
                            .contains("waitingMonths: ")
                            .doesNotContain("Exception")
                            .doesNotContain("noSuchInput")
                            .doesNotContain("FEEL");
                });
    }

    private static String between(String s, String start, String end) {
        int from = s.indexOf(start) + start.length();
        return s.substring(from, s.indexOf(end, from));
    }
}
