package cn.canbao.policy.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputExpression;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Variable;

/**
 * What the service and the example cases rely on in the policy rules: the decision ids, and per decision
 * the inputs (expression text and type) and outputs (name and type). An uploaded version may change the
 * rules, not this; the expected signature is read from the bundled {@code processes/policy-rules.dmn}.
 * Column order is not part of it: a table with its columns moved evaluates the same.
 *
 * @param decisions decision id → its inputs and outputs
 */
record RuleSignature(Map<String, DecisionSignature> decisions) {

    /** One decision: inputs as {@code "expression : type"} and outputs as {@code "name : type"}, sorted. */
    record DecisionSignature(List<String> inputs, List<String> outputs) {}

    /** Why an upload does not fit: a message key and the decision it names. */
    record Mismatch(String messageKey, String decisionId) {}

    static RuleSignature of(DmnModelInstance model) {
        Map<String, DecisionSignature> decisions = new TreeMap<>();
        for (Decision d : model.getModelElementsByType(Decision.class)) {
            decisions.put(d.getId(), signature(d));
        }
        return new RuleSignature(decisions);
    }

    /** The first way {@code uploaded} differs from this signature, or empty when it fits. */
    Optional<Mismatch> mismatchOf(RuleSignature uploaded) {
        Optional<String> missing = decisions.keySet().stream()
                .filter(id -> !uploaded.decisions.containsKey(id))
                .findFirst();
        if (missing.isPresent()) {
            return Optional.of(new Mismatch("policy.upload.missingDecision", missing.get()));
        }
        Optional<String> extra = uploaded.decisions.keySet().stream()
                .filter(id -> !decisions.containsKey(id))
                .findFirst();
        if (extra.isPresent()) {
            return Optional.of(new Mismatch("policy.upload.extraDecision", extra.get()));
        }
        for (var e : decisions.entrySet()) {
            DecisionSignature theirs = uploaded.decisions.get(e.getKey());
            if (!e.getValue().inputs().equals(theirs.inputs())) {
                return Optional.of(new Mismatch("policy.upload.inputsDiffer", e.getKey()));
            }
            if (!e.getValue().outputs().equals(theirs.outputs())) {
                return Optional.of(new Mismatch("policy.upload.outputsDiffer", e.getKey()));
            }
        }
        return Optional.empty();
    }

    private static DecisionSignature signature(Decision d) {
        if (d.getExpression() instanceof DecisionTable table) {
            return new DecisionSignature(
                    sorted(table.getInputs().stream().map(RuleSignature::input)),
                    sorted(table.getOutputs().stream().map(RuleSignature::output)));
        }
        if (d.getExpression() instanceof LiteralExpression) {
            Variable v = d.getVariable();
            return new DecisionSignature(
                    List.of(), List.of(v == null ? "" : v.getName() + " : " + normal(v.getTypeRef())));
        }
        // a decision without a table or literal expression has no signature Camunda could evaluate
        return new DecisionSignature(List.of(), List.of());
    }

    private static String input(Input input) {
        InputExpression e = input.getInputExpression();
        String text = e == null || e.getText() == null ? "" : e.getText().getTextContent();
        String variable = input.getCamundaInputVariable() == null ? "" : " as " + input.getCamundaInputVariable();
        return normal(text) + variable + " : " + normal(e == null ? null : e.getTypeRef());
    }

    private static String output(Output output) {
        return normal(output.getName()) + " : " + normal(output.getTypeRef());
    }

    private static String normal(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    private static List<String> sorted(Stream<String> items) {
        return items.sorted().collect(Collectors.toList());
    }
}
