package cn.canbao.policy;

import cn.canbao.policy.payments.PaymentHistories;
import cn.canbao.policy.payments.PaymentHistory;
import cn.canbao.policy.rules.PolicyRules;
import cn.canbao.register.person.HardshipCategory;
import cn.canbao.register.person.IdNumber;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the policy rules (processes/policy-rules.dmn, or the version uploaded for the year) mean for a
 * person: the assessment the person file shows and the one-line consequence of not paying that the
 * SMS reminders and the visit form use. Inputs come from the register's enrollment and payment history;
 * every month, threshold and amount comes from the deployed decisions.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@EnableConfigurationProperties(PolicySettings.class)
@Service
@Transactional(readOnly = true)
public class PolicyService {

    /** Longest consequence sentence, so it fits an SMS beside the rest of the reminder. */
    public static final int MAX_CONSEQUENCE_LENGTH = 24;

    private static final Locale SMS_LOCALE = Locale.SIMPLIFIED_CHINESE;

    private final PaymentHistories histories;
    private final PolicyRules rules;
    private final RuleSetService ruleSets;
    private final PolicySettings settings;
    private final MessageSource messages;

    PolicyService(
            PaymentHistories histories,
            PolicyRules rules,
            RuleSetService ruleSets,
            PolicySettings settings,
            MessageSource messages) {
        this.histories = histories;
        this.rules = rules;
        this.ruleSets = ruleSets;
        this.settings = settings;
        this.messages = messages;
    }

    /**
     * The person's assessment for the enrollment year collected on {@code asOf} (the year of a campaign
     * whose collection period includes the day, else the calendar year): waiting period if they enrolled
     * that day, and the cap change of the year. A history with overlapping years or gaps is refused
     * with the reason ({@link PolicyException}).
     */
    public PolicyAssessment assess(String idNumber, LocalDate asOf) {
        String id = normalise(idNumber);
        PaymentHistory history = histories.read(List.of(id)).get(id);
        if (history == null) {
            throw new PolicyException("policy.person.notFound", IdNumber.mask(id));
        }
        return assess(history, histories.collectingYears(asOf), asOf, new HashMap<>());
    }

    /**
     * A short Chinese sentence (at most {@value #MAX_CONSEQUENCE_LENGTH} characters) of what happens if
     * the person does not pay in the collection period, e.g. 逾期参保将有3个月待遇等待期.
     */
    public String nonPaymentConsequence(String idNumber, LocalDate asOf) {
        return consequence(assess(idNumber, asOf));
    }

    /**
     * {@link #nonPaymentConsequence} for many persons at once, read in a few statements; persons not in
     * the register or with a history the rules cannot read are left out.
     */
    public Map<String, String> nonPaymentConsequences(Collection<String> idNumbers, LocalDate asOf) {
        // left out: the caller falls back to its plain reminder
        return assessEach(idNumbers, asOf, this::consequence);
    }

    /**
     * What {@code what} makes of each person's assessment, for many persons read in a few statements (the rule sets
     * once per county and year); persons not in the register or with a history the rules cannot read are left out.
     */
    private <T> Map<String, T> assessEach(
            Collection<String> idNumbers, LocalDate asOf, java.util.function.Function<PolicyAssessment, T> what) {
        Map<String, Integer> collecting = histories.collectingYears(asOf);
        Map<String, T> out = new LinkedHashMap<>();
        Map<String, RuleSet> ruleSetsByCounty = new HashMap<>();
        historiesOf(idNumbers).forEach((id, h) -> {
            try {
                out.put(id, what.apply(assess(h, collecting, asOf, ruleSetsByCounty)));
            } catch (PolicyException unreadable) {
                // left out
            }
        });
        return out;
    }

    /** What a payment reminder quotes for a person: the amount they owe and the consequence of not paying. */
    public record Reminder(BigDecimal amount, String consequence, boolean fullyFunded) {}

    /** The reminder's figures for the person, from the same assessment the person file shows. */
    public Reminder reminder(String idNumber, LocalDate asOf) {
        return reminderOf(assess(idNumber, asOf));
    }

    private Reminder reminderOf(PolicyAssessment a) {
        return new Reminder(a.personalShare(), consequence(a), a.fullyFunded());
    }

    /**
     * {@link #reminder} for many persons at once, read in a few statements (an outreach start's batch): the same
     * assessment per person; persons not in the register or with a history the rules cannot read are left out, and the
     * caller asks {@link #reminder} for them one by one, to get the reason.
     */
    public Map<String, Reminder> reminders(Collection<String> idNumbers, LocalDate asOf) {
        // left out: the caller asks for this one alone
        return assessEach(idNumbers, asOf, this::reminderOf);
    }

    /**
     * What the person pays for the year collected on {@code asOf} — the rule set's contribution less their hardship
     * subsidy — without reading their history (for a reminder whose history the rules cannot read).
     */
    public BigDecimal personalContribution(String idNumber, LocalDate asOf) {
        String id = normalise(idNumber);
        PaymentHistory h = histories.read(List.of(id)).get(id);
        if (h == null) {
            throw new PolicyException("policy.person.notFound", IdNumber.mask(id));
        }
        Integer campaignYear =
                h.countyCode() == null ? null : histories.collectingYears(asOf).get(h.countyCode());
        int year = campaignYear == null ? asOf.getYear() : campaignYear;
        return ruleSetOf(h, year, new HashMap<>()).personalShare(h.hardshipCategories());
    }

    /**
     * The rule set of the person's place and year. A rule set is a county's, city's or province's, so persons of one
     * county share it: a batch looks it up once per county and year ({@code known}), not once per person.
     */
    private RuleSet ruleSetOf(PaymentHistory h, int year, Map<String, RuleSet> known) {
        if (h.householdRegion() == null) {
            return settings.fallback(year);
        }
        return known.computeIfAbsent(
                year + ":" + h.countyCode(),
                k -> ruleSets.applying(year, h.householdRegion()).orElseGet(() -> settings.fallback(year)));
    }

    /**
     * Those of the persons whose whole contribution a hardship subsidy pays in the year collected on {@code asOf}
     * ("分类资助" with the full amount): the clerk enrols them in a batch, and nobody reminds them to pay.
     * Persons whose history cannot be read are left out (they are reminded: the clerk corrects them first).
     */
    public Set<String> fullyFunded(Collection<String> idNumbers, LocalDate asOf) {
        Map<String, Integer> collecting = histories.collectingYears(asOf);
        Set<String> out = new java.util.HashSet<>();
        Map<String, RuleSet> ruleSetsByCounty = new HashMap<>();
        historiesOf(idNumbers).forEach((id, h) -> {
            if (h.hardshipCategories().isEmpty()) {
                return;
            }
            try {
                if (assess(h, collecting, asOf, ruleSetsByCounty).fullyFunded()) {
                    out.add(id);
                }
            } catch (PolicyException unreadable) {
                // left out
            }
        });
        return out;
    }

    private PolicyAssessment assess(
            PaymentHistory history,
            Map<String, Integer> collecting,
            LocalDate asOf,
            Map<String, RuleSet> ruleSetsByCounty) {
        history.requireConsistent();
        Integer campaignYear = history.countyCode() == null ? null : collecting.get(history.countyCode());
        int year = campaignYear == null ? asOf.getYear() : campaignYear;
        RuleSet rules = ruleSetOf(history, year, ruleSetsByCounty);
        // no claims extract yet: every year's reimbursement is unknown, so no zero-reimbursement raise is counted
        PolicyInputs in = history.inputs(rules, campaignYear != null, asOf, Map.of());
        Set<HardshipCategory> categories = history.hardshipCategories();
        BigDecimal share = rules.personalShare(categories);
        if (!in.mechanism()) {
            String none = messages.getMessage("policy.none.reason", new Object[] {String.valueOf(year)}, SMS_LOCALE);
            return new PolicyAssessment(
                    history.idNumber(), in, rules, 0, 0, 0, "—", none, 0, 0, 0, "—", none, share, categories, 0, 0);
        }
        DecisionDefinition waitingRules = this.rules.definition(PolicyDecisions.WAITING_PERIOD, year);
        DecisionDefinition capRules = this.rules.definition(PolicyDecisions.CAP_ADJUSTMENT, year);
        Map<String, Object> waiting = this.rules.evaluate(waitingRules, in.waitingVariables(in.inCollectionPeriod()));
        Map<String, Object> cap = this.rules.evaluate(capRules, in.capVariables(rules));
        int late = number(this.rules
                        .evaluate(waitingRules, in.waitingVariables(false))
                        .get(PolicyDecisions.OUT_WAITING_MONTHS))
                .intValue();
        long skipped = number(this.rules
                        .evaluate(capRules, in.capVariablesAfterSkipping(rules))
                        .get(PolicyDecisions.OUT_CAP_PENALTY))
                .longValue();
        return new PolicyAssessment(
                history.idNumber(),
                in,
                rules,
                PolicyRules.yearOf(waitingRules),
                waitingRules.getVersion(),
                number(waiting.get(PolicyDecisions.OUT_WAITING_MONTHS)).intValue(),
                text(waiting.get(PolicyDecisions.OUT_WAITING_CLAUSE)),
                text(waiting.get(PolicyDecisions.OUT_WAITING_REASON)),
                number(cap.get(PolicyDecisions.OUT_CAP_REWARD)).longValue(),
                number(cap.get(PolicyDecisions.OUT_CAP_PENALTY)).longValue(),
                number(cap.get(PolicyDecisions.OUT_CAP_CHANGE)).longValue(),
                text(cap.get(PolicyDecisions.OUT_CAP_CLAUSE)),
                text(cap.get(PolicyDecisions.OUT_CAP_REASON)),
                share,
                categories,
                late,
                skipped);
    }

    /**
     * The reminder's sentence, written only from the assessment's own figures: not paying in the collection
     * period means enrolling late (the waiting period outside it) or not at all (next year's maximum lowered
     * for the break). Where the mechanism does not apply, only the plea to pay on time.
     */
    static String consequenceKey(PolicyAssessment a) {
        if (a.inputs().enrolled()) {
            return "policy.sms.enrolled";
        }
        if (a.lateWaitingMonths() > 0 && a.reductionIfSkipped() > 0) {
            return "policy.sms.waitingAndReduction";
        }
        if (a.lateWaitingMonths() > 0) {
            return "policy.sms.waiting";
        }
        return a.reductionIfSkipped() > 0 ? "policy.sms.reduction" : "policy.sms.payOnTime";
    }

    /** The reminder's sentence for an assessment (the person file shows it beside the figures it is written from). */
    public String consequenceOf(PolicyAssessment a) {
        return consequence(a);
    }

    private String consequence(PolicyAssessment a) {
        String key = consequenceKey(a);
        return switch (key) {
            case "policy.sms.enrolled" -> sms(key, a.year());
            case "policy.sms.waitingAndReduction" -> sms(key, a.lateWaitingMonths(), a.reductionIfSkipped());
            case "policy.sms.waiting" -> sms(key, a.lateWaitingMonths());
            case "policy.sms.reduction" -> sms(key, a.reductionIfSkipped());
            default -> sms(key);
        };
    }

    private String sms(String key, Object... args) {
        // numbers as plain digits: MessageFormat would group them (1,000)
        Object[] plain = java.util.Arrays.stream(args).map(String::valueOf).toArray();
        String text = messages.getMessage(key, plain, SMS_LOCALE);
        return text.length() <= MAX_CONSEQUENCE_LENGTH ? text : text.substring(0, MAX_CONSEQUENCE_LENGTH);
    }

    private static Number number(Object value) {
        if (value instanceof Number n) {
            return n;
        }
        throw new PolicyException("policy.rules.notANumber", String.valueOf(value));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** The payment histories of the persons (IDs normalised, each once), one query for all. */
    private Map<String, PaymentHistory> historiesOf(Collection<String> idNumbers) {
        return histories.read(
                idNumbers.stream().map(PolicyService::normalise).distinct().toList());
    }

    private static String normalise(String idNumber) {
        return idNumber == null ? "" : idNumber.strip().toUpperCase(Locale.ROOT);
    }
}
