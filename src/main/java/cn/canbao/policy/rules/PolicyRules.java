package cn.canbao.policy.rules;

import cn.canbao.policy.PolicyException;
import cn.canbao.security.LogSafe;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The deployed policy decisions and which of them applies in a year: decision keys are stable, each
 * deployment tags its decisions with the year it applies from ({@code camunda:versionTag}). A year takes
 * the highest tag up to it and, of that tag, the newest version (a re-upload for the same year replaces
 * the earlier one). Evaluation goes through the engine's DecisionService on that definition.
 */
@Component
public class PolicyRules {

    private static final Logger log = LoggerFactory.getLogger(PolicyRules.class);

    private final RepositoryService repository;
    private final DecisionService decisions;

    PolicyRules(RepositoryService repository, DecisionService decisions) {
        this.repository = repository;
        this.decisions = decisions;
    }

    /** The year a definition applies from: its version tag, 0 for an untagged one (applies to every year, last). */
    public static int yearOf(DecisionDefinition d) {
        try {
            return d.getVersionTag() == null
                    ? 0
                    : Integer.parseInt(d.getVersionTag().strip());
        } catch (NumberFormatException notAYear) {
            return 0;
        }
    }

    static final Comparator<DecisionDefinition> PRECEDENCE =
            Comparator.comparingInt(PolicyRules::yearOf).thenComparingInt(DecisionDefinition::getVersion);

    /** Every deployed definition of the decision. */
    List<DecisionDefinition> all(String key) {
        return repository
                .createDecisionDefinitionQuery()
                .decisionDefinitionKey(key)
                .list();
    }

    /** The definition that applies in the year: the latest tag up to it, or the earliest tag for years before any. */
    public DecisionDefinition definition(String key, int year) {
        List<DecisionDefinition> all = all(key);
        return all.stream()
                .filter(d -> yearOf(d) <= year)
                .max(PRECEDENCE)
                .or(() -> {
                    int earliest =
                            all.stream().mapToInt(PolicyRules::yearOf).min().orElse(0);
                    return all.stream().filter(d -> yearOf(d) == earliest).max(PRECEDENCE);
                })
                .orElseThrow(() -> new PolicyException("policy.rules.missing", key));
    }

    /**
     * The single result of the definition for these variables. Rules that fail to evaluate are refused
     * naming the decision; the engine's reason goes to the log only (it can quote the rule's internals).
     */
    public Map<String, Object> evaluate(DecisionDefinition definition, Map<String, Object> variables) {
        DmnDecisionResult result;
        try {
            result = decisions
                    .evaluateDecisionById(definition.getId())
                    .variables(variables)
                    .evaluate();
        } catch (ProcessEngineException failed) {
            log.warn(
                    "Policy rules {} ({}, version {}) failed to evaluate: {}",
                    definition.getKey(),
                    yearOf(definition),
                    definition.getVersion(),
                    LogSafe.of(failed.getMessage()));
            throw new PolicyException(
                    "policy.rules.evaluationFailed", definition.getKey(), yearOf(definition), definition.getVersion());
        }
        if (result.isEmpty()) {
            throw new PolicyException(
                    "policy.rules.noResult", definition.getKey(), yearOf(definition), definition.getVersion());
        }
        if (result.size() > 1) {
            throw new PolicyException(
                    "policy.rules.manyResults", definition.getKey(), yearOf(definition), definition.getVersion());
        }
        return result.getSingleResult().getEntryMap();
    }
}
