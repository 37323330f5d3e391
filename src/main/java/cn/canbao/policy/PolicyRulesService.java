package cn.canbao.policy;

import cn.canbao.region.RegionLevel;
import cn.canbao.security.CanbaoUser;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.UnaryTests;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rule admin: the deployed versions of the policy rules, their tables rendered from the DMN model,
 * and the upload of a new version for a year. An upload is parsed, tagged with its year, deployed
 * through the RepositoryService and run against the bundled example cases in one transaction: a file
 * that does not parse, does not deploy or fails a case is refused with the reason and the transaction
 * rolls back, so the version in force stays.
 */
@Service
@Transactional(readOnly = true)
@PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
public class PolicyRulesService {

    static final int MAX_FILE_BYTES = 1024 * 1024;
    private static final int MAX_LISTED_FAILURES = 3;
    private static final Set<RegionLevel> RULE_LEVELS = EnumSet.of(RegionLevel.PROVINCE, RegionLevel.CITY,
            RegionLevel.COUNTY);

    private final RepositoryService repository;
    private final PolicyRules rules;
    private final ExampleCases cases;
    private final JdbcTemplate jdbc;

    PolicyRulesService(RepositoryService repository, PolicyRules rules, ExampleCases cases, JdbcTemplate jdbc) {
        this.repository = repository;
        this.rules = rules;
        this.cases = cases;
        this.jdbc = jdbc;
    }

    /** Every deployed version, newest year first, the one in force for each year marked. */
    public List<RuleVersion> versions() {
        requireCountyLevel();
        List<DecisionDefinition> all = rules.all(PolicyDecisions.WAITING_PERIOD);
        Map<Integer, DecisionDefinition> activeByYear = all.stream().collect(Collectors.toMap(PolicyRules::yearOf,
                Function.identity(), (a, b) -> PolicyRules.PRECEDENCE.compare(a, b) >= 0 ? a : b));
        Map<String, Deployment> deployments = repository.createDeploymentQuery().list().stream()
                .collect(Collectors.toMap(Deployment::getId, Function.identity()));
        Map<String, Map<String, Object>> uploads = jdbc.queryForList("select deployment_id, file_name, uploaded_by "
                + "from policy_rule_version").stream().collect(Collectors.toMap(r -> (String) r.get("deployment_id"),
                Function.identity()));
        return all.stream().sorted(PolicyRules.PRECEDENCE.reversed()).map(d -> {
            Map<String, Object> upload = uploads.get(d.getDeploymentId());
            Deployment deployment = deployments.get(d.getDeploymentId());
            Instant at = deployment == null || deployment.getDeploymentTime() == null ? null
                    : deployment.getDeploymentTime().toInstant();
            return new RuleVersion(d.getDeploymentId(), PolicyRules.yearOf(d), d.getVersion(), at,
                    upload == null ? fileNameOf(d.getResourceName()) : (String) upload.get("file_name"),
                    upload == null ? null : (String) upload.get("uploaded_by"),
                    activeByYear.get(PolicyRules.yearOf(d)) == d);
        }).toList();
    }

    /** The tables of one deployed version, as the DMN model holds them. */
    public List<RuleTable> tables(String deploymentId) {
        requireCountyLevel();
        DecisionDefinition any = repository.createDecisionDefinitionQuery().deploymentId(deploymentId)
                .decisionDefinitionKey(PolicyDecisions.WAITING_PERIOD).singleResult();
        if (any == null) {
            throw new PolicyException("policy.rules.unknownVersion", deploymentId);
        }
        return tables(repository.getDmnModelInstance(any.getId()));
    }

    static List<RuleTable> tables(DmnModelInstance model) {
        List<RuleTable> tables = new ArrayList<>();
        for (Decision d : model.getModelElementsByType(Decision.class)) {
            if (!(d.getExpression() instanceof DecisionTable t)) {
                continue;
            }
            List<String> inputs = t.getInputs().stream().map(PolicyRulesService::label).toList();
            List<String> outputs = t.getOutputs().stream().map(PolicyRulesService::label).toList();
            List<RuleTable.Rule> rows = t.getRules().stream().map(r -> new RuleTable.Rule(
                    r.getInputEntries().stream().map(PolicyRulesService::text).toList(),
                    r.getOutputEntries().stream().map(PolicyRulesService::text).toList(),
                    r.getDescription() == null ? "" : r.getDescription().getTextContent().strip())).toList();
            tables.add(new RuleTable(d.getId(), d.getName(), d.getDescription() == null ? ""
                    : d.getDescription().getTextContent().strip(), t.getHitPolicy().name(), inputs, outputs, rows));
        }
        return tables;
    }

    /**
     * Deploys the file as the rules for {@code year} when it parses, holds the decisions the service
     * evaluates, deploys and passes every bundled example case of the year; otherwise refuses it with
     * the reason and nothing changes.
     */
    @Transactional(rollbackFor = Exception.class)
    public RuleVersion upload(int year, String fileName, byte[] content) {
        CanbaoUser user = requireCountyLevel();
        if (year < 2000 || year > 2100) {
            throw new PolicyException("policy.upload.badYear", year);
        }
        if (content == null || content.length == 0 || content.length > MAX_FILE_BYTES) {
            throw new PolicyException("policy.upload.badSize", MAX_FILE_BYTES / 1024);
        }
        DmnModelInstance model = parse(content);
        List<ExampleCase> examples = cases.forYear(year);
        DeploymentWithDefinitions deployed = deploy(year, model);
        Map<String, DecisionDefinition> byKey = deployed.getDeployedDecisionDefinitions().stream()
                .collect(Collectors.toMap(DecisionDefinition::getKey, Function.identity(), (a, b) -> a));
        List<String> failures = new ArrayList<>();
        for (ExampleCase c : examples) {
            List<String> wrong;
            try {
                wrong = c.mismatches(rules.evaluate(byKey.get(c.decisionKey()), c.inputs()));
            } catch (PolicyException failed) {
                wrong = List.of(failed.getMessage());
            }
            if (!wrong.isEmpty()) {
                failures.add(c.decisionKey() + " #" + c.line() + " " + c.name() + "（" + String.join("；", wrong) + "）");
            }
        }
        if (!failures.isEmpty()) {
            throw new PolicyException("policy.upload.casesFailed", failures.size(), examples.size(),
                    failures.stream().limit(MAX_LISTED_FAILURES).collect(Collectors.joining("；")));
        }
        String name = fileName == null || fileName.isBlank() ? "policy-rules-" + year + ".dmn" : fileName.strip();
        jdbc.update("insert into policy_rule_version (year, deployment_id, file_name, cases_passed, uploaded_by) "
                + "values (?, ?, ?, ?, ?)", year, deployed.getId(), name, examples.size(), user.getUsername());
        DecisionDefinition waiting = byKey.get(PolicyDecisions.WAITING_PERIOD);
        return new RuleVersion(deployed.getId(), year, waiting.getVersion(),
                deployed.getDeploymentTime() == null ? Instant.now() : deployed.getDeploymentTime().toInstant(), name,
                user.getUsername(), true);
    }

    /** The example cases a version for the year must pass. */
    public List<ExampleCase> exampleCases(int year) {
        return cases.forYear(year);
    }

    private static DmnModelInstance parse(byte[] content) {
        DmnModelInstance model;
        try {
            model = Dmn.readModelFromStream(new ByteArrayInputStream(content));
        } catch (RuntimeException unreadable) {
            throw new PolicyException("policy.upload.unparseable", rootMessage(unreadable));
        }
        Set<String> ids = model.getModelElementsByType(Decision.class).stream().map(Decision::getId)
                .collect(Collectors.toSet());
        for (String key : PolicyDecisions.REQUIRED) {
            if (!ids.contains(key)) {
                throw new PolicyException("policy.upload.missingDecision", key);
            }
        }
        return model;
    }

    private DeploymentWithDefinitions deploy(int year, DmnModelInstance model) {
        model.getModelElementsByType(Decision.class).forEach(d -> d.setVersionTag(String.valueOf(year)));
        try {
            return repository.createDeployment().name("policy-rules-" + year).source("canbao-policy-admin")
                    .addModelInstance("policy-rules-" + year + ".dmn", model).deployWithResult();
        } catch (RuntimeException refused) {
            throw new PolicyException("policy.upload.notDeployable", rootMessage(refused));
        }
    }

    private static CanbaoUser requireCountyLevel() {
        CanbaoUser user = CurrentUser.require();
        if (!user.roles().contains(Role.ADMIN) && !RULE_LEVELS.contains(user.regionLevel())) {
            throw new PolicyException("policy.rules.countyOnly");
        }
        return user;
    }

    /** The bundled resource's file name, without the path it was deployed from. */
    private static String fileNameOf(String resourceName) {
        return resourceName == null ? "" : resourceName.substring(resourceName.replace('\\', '/').lastIndexOf('/') + 1);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }

    private static String label(Input input) {
        return input.getLabel() != null ? input.getLabel() : input.getInputExpression().getText().getTextContent();
    }

    private static String label(Output output) {
        return output.getLabel() != null ? output.getLabel() : output.getName();
    }

    private static String text(UnaryTests entry) {
        return entry.getText() == null ? "" : entry.getText().getTextContent().strip();
    }

    private static String text(LiteralExpression entry) {
        return entry.getText() == null ? "" : entry.getText().getTextContent().strip();
    }
}
