package cn.canbao.policy;

import cn.canbao.policy.payments.PaymentHistory;
import cn.canbao.register.RegisterHistories;
import cn.canbao.register.person.PersonGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;

/**
 * The bundled decisions (processes/policy-rules.dmn) in a standalone DMN engine, and a small builder of histories
 * and rule sets, so the rules' unit tests run without Spring or a database — the same FEEL and tables the
 * process engine evaluates.
 */
final class PolicyTables {

    private static final DmnEngine ENGINE =
            DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    private static final Map<String, DmnDecision> DECISIONS = new HashMap<>();

    static {
        try (InputStream in = Files.newInputStream(BundledRules.FILE)) {
            ENGINE.parseDecisions(in).forEach(d -> DECISIONS.put(d.getKey(), d));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PolicyTables() {}

    static Map<String, Object> evaluate(String key, Map<String, Object> variables) {
        return ENGINE.evaluateDecision(DECISIONS.get(key), new HashMap<>(variables))
                .getSingleResult()
                .getEntryMap();
    }

    /** What PolicyService computes, without the register: waiting period and the limit change. */
    record Outcome(
            PolicyInputs inputs,
            int waitingMonths,
            String waitingClause,
            long capReward,
            long capPenalty,
            long capChange,
            String capClause,
            int lateWaitingMonths,
            long reductionIfSkipped) {}

    static Outcome assess(
            PaymentHistory h,
            RuleSet rules,
            boolean inPeriod,
            LocalDate asOf,
            Map<Integer, LimitLedger.ClaimYear> claims) {
        PolicyInputs in = h.inputs(rules, inPeriod, asOf, claims);
        if (!in.mechanism()) {
            return new Outcome(in, 0, "—", 0, 0, 0, "—", 0, 0);
        }
        Map<String, Object> w = evaluate(PolicyDecisions.WAITING_PERIOD, in.waitingVariables(inPeriod));
        Map<String, Object> c = evaluate(PolicyDecisions.CAP_ADJUSTMENT, in.capVariables(rules));
        int late = ((Number) evaluate(PolicyDecisions.WAITING_PERIOD, in.waitingVariables(false))
                        .get(PolicyDecisions.OUT_WAITING_MONTHS))
                .intValue();
        long skipped = ((Number) evaluate(PolicyDecisions.CAP_ADJUSTMENT, in.capVariablesAfterSkipping(rules))
                        .get(PolicyDecisions.OUT_CAP_PENALTY))
                .longValue();
        return new Outcome(
                in,
                ((Number) w.get(PolicyDecisions.OUT_WAITING_MONTHS)).intValue(),
                (String) w.get(PolicyDecisions.OUT_WAITING_CLAUSE),
                ((Number) c.get(PolicyDecisions.OUT_CAP_REWARD)).longValue(),
                ((Number) c.get(PolicyDecisions.OUT_CAP_PENALTY)).longValue(),
                ((Number) c.get(PolicyDecisions.OUT_CAP_CHANGE)).longValue(),
                (String) c.get(PolicyDecisions.OUT_CAP_CLAUSE),
                late,
                skipped);
    }

    /** A Heilongjiang-style rule set of the year: mechanism from 2025, test amounts. */
    static RuleSet heilongjiang(int year, long originalLimit) {
        return new RuleSet(
                1L,
                year,
                "230100000000",
                "哈尔滨市",
                2025,
                new BigDecimal("400"),
                new BigDecimal("700"),
                BigDecimal.valueOf(originalLimit),
                LocalDate.of(year - 1, 9, 1),
                LocalDate.of(year - 1, 12, 31),
                RuleSet.MINIMUM_RAISE,
                RuleSet.MINIMUM_RAISE,
                20,
                Map.of());
    }

    static RuleSet withSubsidies(
            RuleSet r, Map<cn.canbao.register.person.HardshipCategory, RuleSet.Subsidy> subsidies) {
        return new RuleSet(
                r.id(),
                r.schemeYear(),
                r.placeCode(),
                r.placeName(),
                r.mechanismFrom(),
                r.personalContribution(),
                r.governmentSubsidy(),
                r.originalLimit(),
                r.collectionStart(),
                r.collectionEnd(),
                r.raiseAmount(),
                r.reductionAmount(),
                r.boundPercent(),
                subsidies);
    }

    static RuleSet withoutMechanism(RuleSet r) {
        return new RuleSet(
                r.id(),
                r.schemeYear(),
                r.placeCode(),
                r.placeName(),
                null,
                r.personalContribution(),
                r.governmentSubsidy(),
                null,
                r.collectionStart(),
                r.collectionEnd(),
                r.raiseAmount(),
                r.reductionAmount(),
                r.boundPercent(),
                r.subsidies());
    }

    /** Builds a person's history: resident years paid on time, paid back late, employee years, groups. */
    static final class History {
        private final LocalDate born;
        private final List<RegisterHistories.Enrollment> enrollments = new ArrayList<>();
        private final List<RegisterHistories.Payment> payments = new ArrayList<>();
        private final List<RegisterHistories.Membership> memberships = new ArrayList<>();

        History(int birthYear) {
            this.born = LocalDate.of(birthYear, 3, 1);
        }

        History resident(int... years) {
            for (int y : years) {
                paid(y, LocalDate.of(y - 1, 11, 20));
            }
            return this;
        }

        History residentFromTo(int first, int last) {
            for (int y = first; y <= last; y++) {
                resident(y);
            }
            return this;
        }

        /** Years paid back (补缴) on the day given. */
        History paidBack(LocalDate on, int... years) {
            for (int y : years) {
                paid(y, on);
            }
            return this;
        }

        History employee(int first, int last) {
            for (int y = first; y <= last; y++) {
                enrollments.add(new RegisterHistories.Enrollment(y, PaymentHistory.EMPLOYEE, "LOCAL"));
            }
            return this;
        }

        History group(PersonGroup group, String detail, LocalDate since) {
            memberships.add(new RegisterHistories.Membership(group, detail, since));
            return this;
        }

        private void paid(int year, LocalDate on) {
            enrollments.add(new RegisterHistories.Enrollment(year, "RESIDENT", "LOCAL"));
            payments.add(new RegisterHistories.Payment("R-" + year, year, "RESIDENT", on));
        }

        PaymentHistory build() {
            Map<PersonGroup, Boolean> groups = new EnumMap<>(PersonGroup.class);
            memberships.forEach(m -> groups.put(m.group(), true));
            return new PaymentHistory(
                    "230102198003017001",
                    "230102001001",
                    born,
                    Set.copyOf(groups.keySet()),
                    memberships,
                    enrollments,
                    payments);
        }
    }
}
