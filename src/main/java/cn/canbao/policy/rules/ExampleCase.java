package cn.canbao.policy.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One bundled example of a decision: the inputs and the outputs the rules must give for them.
 *
 * @param decisionKey the decision evaluated
 * @param line        the line of the case in its file (for error messages)
 * @param name        what the case shows, in Chinese
 */
public record ExampleCase(
        String decisionKey, int line, String name, Map<String, Object> inputs, Map<String, String> expected) {

    public ExampleCase {
        inputs = Map.copyOf(inputs);
        expected = Map.copyOf(expected);
    }

    /** What a case shows for an output the rules did not give (no rule, several rules, or not computable). */
    public static final String NOTHING = "—";

    /** The outputs that differ from the expected ones, as "output: expected → actual"; empty when the case passes. */
    public List<String> mismatches(Map<String, Object> actual) {
        List<String> wrong = new ArrayList<>();
        expected.forEach((output, want) -> {
            Object got = actual.get(output);
            if (!same(want, got)) {
                wrong.add(output + ": " + want + " → " + (got == null ? NOTHING : got));
            }
        });
        return wrong.stream().sorted().toList();
    }

    /** The case and what it got wrong, as an upload refusal lists it: "decision #line name（wrong；…）". */
    public String failure(List<String> wrong) {
        return decisionKey + " #" + line + " " + name + "（" + String.join("；", wrong) + "）";
    }

    private static boolean same(String want, Object got) {
        if (got instanceof Number n) {
            try {
                return new BigDecimal(want).compareTo(new BigDecimal(n.toString())) == 0;
            } catch (NumberFormatException notANumber) {
                return false;
            }
        }
        return want.equals(got == null ? "" : got.toString());
    }
}
