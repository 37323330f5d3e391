package cn.canbao.policy.rules;

import cn.canbao.base.FeelOnlyModelCheck;
import cn.canbao.policy.PolicyDecisions;
import cn.canbao.policy.PolicyException;
import cn.canbao.region.RegionLevel;
import cn.canbao.security.CanbaoUser;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.LogSafe;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityAudit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.UnaryTests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rule admin: the deployed versions of the policy rules, their tables rendered from the DMN model,
 * and the upload of a new version for a year by a clerk at county level or above (or an admin).
 * An upload must first pass {@link UploadedRuleCheck} — FEEL only, the bundled rules' signature, every
 * example case of its year on a sandboxed engine — without touching the repository; only then is it
 * deployed, and the cases run again on the deployed definitions in the same transaction, so a version that
 * fails never becomes the one in force. Earlier versions stay deployed and listed, and
 * {@link #reinstate} puts one back in force. Every attempt, accepted or refused, is in the security audit.
 */
@Service
@Transactional(readOnly = true)
@PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
public class PolicyRulesService {

    public static final int MAX_FILE_BYTES = FeelOnlyModelCheck.MAX_BYTES;
    /** Security audit actions of the rule admin. */
    static final String AUDIT_UPLOADED = "RULE_UPLOADED";

    static final String AUDIT_REFUSED = "RULE_REFUSED";
    private static final Logger log = LoggerFactory.getLogger(PolicyRulesService.class);
    private static final int MAX_LISTED_FAILURES = 3;
    private static final Set<RegionLevel> RULE_LEVELS =
            EnumSet.of(RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY);

    private final RepositoryService repository;
    private final PolicyRules rules;
    private final ExampleCases cases;
    private final UploadedRuleCheck check;
    private final SecurityAudit audit;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    PolicyRulesService(
            RepositoryService repository,
            PolicyRules rules,
            ExampleCases cases,
            UploadedRuleCheck check,
            SecurityAudit audit,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions) {
        this.repository = repository;
        this.rules = rules;
        this.cases = cases;
        this.check = check;
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Every deployed version, newest year first, the one in force for each year marked. */
    public List<RuleVersion> versions() {
        requireRuleClerk();
        List<DecisionDefinition> all = rules.all(PolicyDecisions.WAITING_PERIOD);
        Map<Integer, DecisionDefinition> activeByYear = all.stream()
                .collect(Collectors.toMap(
                        PolicyRules::yearOf,
                        Function.identity(),
                        (a, b) -> PolicyRules.PRECEDENCE.compare(a, b) >= 0 ? a : b));
        Map<String, Deployment> deployments = repository.createDeploymentQuery().list().stream()
                .collect(Collectors.toMap(Deployment::getId, Function.identity()));
        Map<String, Map<String, Object>> uploads =
                jdbc.queryForList("select deployment_id, file_name, uploaded_by " + "from policy_rule_version").stream()
                        .collect(Collectors.toMap(r -> (String) r.get("deployment_id"), Function.identity()));
        return all.stream()
                .sorted(PolicyRules.PRECEDENCE.reversed())
                .map(d -> {
                    Map<String, Object> upload = uploads.get(d.getDeploymentId());
                    Deployment deployment = deployments.get(d.getDeploymentId());
                    Instant at = deployment == null || deployment.getDeploymentTime() == null
                            ? null
                            : deployment.getDeploymentTime().toInstant();
                    return new RuleVersion(
                            d.getDeploymentId(),
                            PolicyRules.yearOf(d),
                            d.getVersion(),
                            at,
                            upload == null ? fileNameOf(d.getResourceName()) : (String) upload.get("file_name"),
                            upload == null ? null : (String) upload.get("uploaded_by"),
                            activeByYear.get(PolicyRules.yearOf(d)) == d);
                })
                .toList();
    }

    /** The tables of one deployed version, as the DMN model holds them. */
    public List<RuleTable> tables(String deploymentId) {
        requireRuleClerk();
        DecisionDefinition any = repository
                .createDecisionDefinitionQuery()
                .deploymentId(deploymentId)
                .decisionDefinitionKey(PolicyDecisions.WAITING_PERIOD)
                .singleResult();
        if (any == null) {
            throw new PolicyException("policy.rules.versionNotFound", deploymentId);
        }
        return tables(repository.getDmnModelInstance(any.getId()));
    }

    static List<RuleTable> tables(DmnModelInstance model) {
        List<RuleTable> tables = new ArrayList<>();
        for (Decision d : model.getModelElementsByType(Decision.class)) {
            if (!(d.getExpression() instanceof DecisionTable t)) {
                continue;
            }
            List<String> inputs =
                    t.getInputs().stream().map(PolicyRulesService::label).toList();
            List<String> outputs =
                    t.getOutputs().stream().map(PolicyRulesService::label).toList();
            List<RuleTable.Rule> rows = t.getRules().stream()
                    .map(r -> new RuleTable.Rule(
                            r.getInputEntries().stream()
                                    .map(PolicyRulesService::text)
                                    .toList(),
                            r.getOutputEntries().stream()
                                    .map(PolicyRulesService::text)
                                    .toList(),
                            r.getDescription() == null
                                    ? ""
                                    : r.getDescription().getTextContent().strip()))
                    .toList();
            tables.add(new RuleTable(
                    d.getId(),
                    d.getName(),
                    d.getDescription() == null
                            ? ""
                            : d.getDescription().getTextContent().strip(),
                    t.getHitPolicy().name(),
                    inputs,
                    outputs,
                    rows));
        }
        return tables;
    }

    /**
     * Deploys the file as the rules for {@code year} when it passes every check and every example case of
     * the year; otherwise refuses it with the reason and nothing changes. Role and level are checked here
     * rather than by the annotation, so that refusals too are audited.
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public RuleVersion upload(int year, String fileName, byte[] content) {
        String name = fileName == null || fileName.isBlank()
                ? "policy-rules-" + year + ".dmn"
                : LogSafe.of(fileNameOf(fileName.strip()), 200);
        return audited(year + " " + name, null, () -> accept(year, name, content));
    }

    /**
     * Puts an earlier version back in force for its year: its file is uploaded again, through the same
     * checks and cases, as the newest version of that year.
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public RuleVersion reinstate(String deploymentId) {
        return audited("reinstate " + LogSafe.of(deploymentId, 64), deploymentId, () -> {
            requireRuleClerk();
            DecisionDefinition earlier = deploymentId == null
                    ? null
                    : repository
                            .createDecisionDefinitionQuery()
                            .deploymentId(deploymentId)
                            .decisionDefinitionKey(PolicyDecisions.WAITING_PERIOD)
                            .singleResult();
            if (earlier == null) {
                throw new PolicyException("policy.rules.versionNotFound", LogSafe.of(deploymentId, 64));
            }
            byte[] content;
            try (InputStream in = repository.getResourceAsStream(deploymentId, earlier.getResourceName())) {
                content = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> uploaded = jdbc.queryForList(
                    "select file_name from policy_rule_version where deployment_id = ?", String.class, deploymentId);
            String name = uploaded.isEmpty() ? fileNameOf(earlier.getResourceName()) : uploaded.get(0);
            return accept(PolicyRules.yearOf(earlier), name, content);
        });
    }

    /** The example cases a version for the year must pass. */
    public List<ExampleCase> exampleCases(int year) {
        requireRuleClerk();
        return cases.forYear(year);
    }

    /** Runs an upload and records it: accepted, or refused with the reason's message key. */
    private RuleVersion audited(String subject, String reinstated, Supplier<RuleVersion> upload) {
        try {
            RuleVersion accepted = upload.get();
            audit.record(
                    AUDIT_UPLOADED,
                    subject,
                    SecurityAudit.Outcome.ALLOWED,
                    "deployment " + accepted.deploymentId()
                            + (reinstated == null ? "" : ", reinstating " + LogSafe.of(reinstated, 64)));
            return accepted;
        } catch (PolicyException refused) {
            audit.record(AUDIT_REFUSED, subject, SecurityAudit.Outcome.REFUSED, refused.messageKey());
            throw refused;
        } catch (AccessDeniedException denied) {
            audit.record(AUDIT_REFUSED, subject, SecurityAudit.Outcome.REFUSED, "error.accessDenied");
            throw denied;
        } catch (RuntimeException failed) {
            // what went wrong is for the log; the clerk learns only that the file was not taken
            log.warn("Rule upload {} failed", LogSafe.of(subject), failed);
            audit.record(AUDIT_REFUSED, subject, SecurityAudit.Outcome.REFUSED, "policy.upload.notDeployable");
            throw new PolicyException("policy.upload.notDeployable");
        }
    }

    private RuleVersion accept(int year, String name, byte[] content) {
        CanbaoUser user = requireRuleClerk();
        if (year < 2000 || year > 2100) {
            throw new PolicyException("policy.upload.badYear", year);
        }
        if (content == null || content.length == 0 || content.length > MAX_FILE_BYTES) {
            throw new PolicyException("policy.upload.badSize", MAX_FILE_BYTES / 1024);
        }
        List<ExampleCase> examples = cases.forYear(year);
        DmnModelInstance model = check.check(content, examples);
        return tx.execute(status -> deployAndVerify(year, name, model, examples, user.getUsername()));
    }

    /**
     * Deploys the checked model and runs the cases on what the engine deployed; a failure throws, which
     * rolls the deployment back, so the version in force stays.
     */
    private RuleVersion deployAndVerify(
            int year, String name, DmnModelInstance model, List<ExampleCase> examples, String uploader) {
        DeploymentWithDefinitions deployed = deploy(year, model);
        Map<String, DecisionDefinition> byKey = deployed.getDeployedDecisionDefinitions().stream()
                .collect(Collectors.toMap(DecisionDefinition::getKey, Function.identity(), (a, b) -> a));
        List<String> failures = new ArrayList<>();
        for (ExampleCase c : examples) {
            List<String> wrong;
            try {
                wrong = c.mismatches(rules.evaluate(byKey.get(c.decisionKey()), c.inputs()));
            } catch (PolicyException failed) {
                wrong = c.mismatches(Map.of());
            }
            if (!wrong.isEmpty()) {
                failures.add(c.failure(wrong));
            }
        }
        if (!failures.isEmpty()) {
            throw new PolicyException(
                    "policy.upload.casesFailed",
                    failures.size(),
                    examples.size(),
                    failures.stream().limit(MAX_LISTED_FAILURES).collect(Collectors.joining("；")));
        }
        Instant at = jdbc.queryForObject(
                "insert into policy_rule_version (year, deployment_id, file_name, cases_passed, "
                        + "uploaded_by) values (?, ?, ?, ?, ?) returning uploaded_at",
                (rs, n) -> rs.getTimestamp(1).toInstant(),
                year,
                deployed.getId(),
                name,
                examples.size(),
                uploader);
        DecisionDefinition waiting = byKey.get(PolicyDecisions.WAITING_PERIOD);
        return new RuleVersion(
                deployed.getId(),
                year,
                waiting.getVersion(),
                deployed.getDeploymentTime() == null
                        ? at
                        : deployed.getDeploymentTime().toInstant(),
                name,
                uploader,
                true);
    }

    private DeploymentWithDefinitions deploy(int year, DmnModelInstance model) {
        model.getModelElementsByType(Decision.class).forEach(d -> d.setVersionTag(String.valueOf(year)));
        try {
            return repository
                    .createDeployment()
                    .name("policy-rules-" + year)
                    .source("canbao-policy-admin")
                    .addModelInstance("policy-rules-" + year + ".dmn", model)
                    .deployWithResult();
        } catch (RuntimeException refused) {
            log.info(
                    "Uploaded rules for {} do not deploy: {}",
                    year,
                    LogSafe.of(UploadedRuleCheck.rootMessage(refused)));
            throw new PolicyException("policy.upload.notDeployable");
        }
    }

    /** Clerks at county level or above, and admins, manage the rules; anyone else is refused here. */
    private static CanbaoUser requireRuleClerk() {
        CanbaoUser user = CurrentUser.require();
        boolean admin = user.roles().contains(Role.ADMIN);
        boolean countyClerk = user.roles().contains(Role.CLERK) && RULE_LEVELS.contains(user.regionLevel());
        if (!admin && !countyClerk) {
            throw new PolicyException("policy.rules.outOfScope");
        }
        return user;
    }

    /** The bundled resource's file name, without the path it was deployed from. */
    private static String fileNameOf(String resourceName) {
        return resourceName == null
                ? ""
                : resourceName.substring(resourceName.replace('\\', '/').lastIndexOf('/') + 1);
    }

    private static String label(Input input) {
        return input.getLabel() != null
                ? input.getLabel()
                : input.getInputExpression().getText().getTextContent();
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
