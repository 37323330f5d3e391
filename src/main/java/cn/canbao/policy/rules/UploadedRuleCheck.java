package cn.canbao.policy.rules;

import cn.canbao.base.FeelOnlyModelCheck;
import cn.canbao.policy.PolicyException;
import cn.canbao.security.LogSafe;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.spi.el.ElProvider;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Everything an uploaded rules file must pass before it may be deployed, none of which touches the
 * engine's repository: FEEL only ({@link FeelOnlyModelCheck}), a DMN Camunda can read, the signature of the
 * bundled rules ({@link RuleSignature}), and every example case of its year evaluated on the parsed model
 * by a sandboxed DMN engine — one without JUEL, scripts or Spring beans, so even a file that slipped past
 * the FEEL check could not reach code here. Refusals carry message keys; engine messages go to the log only.
 */
@Component
class UploadedRuleCheck {

    static final String BUNDLED = "processes/policy-rules.dmn";
    private static final Logger log = LoggerFactory.getLogger(UploadedRuleCheck.class);
    private static final int MAX_LISTED_FAILURES = 3;

    private final RuleSignature expected;
    private final DmnEngine sandbox;

    UploadedRuleCheck() {
        try (InputStream in = new ClassPathResource(BUNDLED).getInputStream()) {
            expected = RuleSignature.of(Dmn.readModelFromStream(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sandbox = sandbox();
    }

    /** The parsed model when the file passes every check with the cases; otherwise the refusal. */
    DmnModelInstance check(byte[] content, List<ExampleCase> cases) {
        FeelOnlyModelCheck.check(content).ifPresent(r -> {
            throw r.elementId() == null
                    ? new PolicyException(r.messageKey())
                    : new PolicyException(r.messageKey(), r.elementId());
        });
        DmnModelInstance model;
        try {
            model = Dmn.readModelFromStream(new ByteArrayInputStream(content));
        } catch (RuntimeException unreadable) {
            log.info("Uploaded rules refused, not DMN: {}", LogSafe.of(rootMessage(unreadable)));
            throw new PolicyException("policy.upload.unparseable");
        }
        expected.mismatchOf(RuleSignature.of(model)).ifPresent(m -> {
            throw new PolicyException(m.messageKey(), m.decisionId());
        });
        List<String> failures = failures(model, cases);
        if (!failures.isEmpty()) {
            throw new PolicyException(
                    "policy.upload.casesFailed",
                    failures.size(),
                    cases.size(),
                    failures.stream().limit(MAX_LISTED_FAILURES).collect(Collectors.joining("；")));
        }
        return model;
    }

    /** The cases the model gets wrong, each as "decision #line name（what differs）". */
    private List<String> failures(DmnModelInstance model, List<ExampleCase> cases) {
        Map<String, DmnDecision> byKey;
        try {
            byKey = sandbox.parseDecisions(model).stream()
                    .collect(Collectors.toMap(DmnDecision::getKey, Function.identity(), (a, b) -> a));
        } catch (RuntimeException invalid) {
            log.info("Uploaded rules refused, not evaluable: {}", LogSafe.of(rootMessage(invalid)));
            throw new PolicyException("policy.upload.notDeployable");
        }
        List<String> failures = new ArrayList<>();
        for (ExampleCase c : cases) {
            List<String> wrong = mismatches(byKey.get(c.decisionKey()), c);
            if (!wrong.isEmpty()) {
                failures.add(c.failure(wrong));
            }
        }
        return failures;
    }

    private List<String> mismatches(DmnDecision decision, ExampleCase c) {
        try {
            DmnDecisionResult result = sandbox.evaluateDecision(decision, c.inputs());
            if (result.size() == 1) {
                return c.mismatches(result.getSingleResult().getEntryMap());
            }
            return c.mismatches(Map.of());
        } catch (RuntimeException failed) {
            // the clerk sees which case and output; what the engine said stays in the log
            log.info("Uploaded rules fail case {} #{}: {}", c.decisionKey(), c.line(), LogSafe.of(rootMessage(failed)));
            return c.mismatches(Map.of());
        }
    }

    /** A DMN engine that evaluates FEEL and nothing else: no JUEL (hence no beans), no script engines. */
    private static DmnEngine sandbox() {
        ElProvider noJuel = expression -> {
            throw new IllegalStateException("JUEL is not available to uploaded rules");
        };
        DefaultDmnEngineConfiguration configuration =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        return configuration
                .elProvider(noJuel)
                .scriptEngineResolver(language -> null)
                .buildEngine();
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
