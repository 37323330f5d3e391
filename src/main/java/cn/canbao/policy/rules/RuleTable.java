package cn.canbao.policy.rules;

import java.util.List;

/**
 * One decision table of a rules version as a clerk reads it: inputs and outputs by their labels, and
 * each rule's entries with its annotation.
 */
public record RuleTable(
        String decisionKey,
        String name,
        String description,
        String hitPolicy,
        List<String> inputs,
        List<String> outputs,
        List<Rule> rules) {

    public RuleTable {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        rules = List.copyOf(rules);
    }

    public record Rule(List<String> inputEntries, List<String> outputEntries, String annotation) {

        public Rule {
            inputEntries = List.copyOf(inputEntries);
            outputEntries = List.copyOf(outputEntries);
        }
    }
}
