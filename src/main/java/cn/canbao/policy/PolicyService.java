package cn.canbao.policy;

import cn.canbao.register.IdNumber;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the policy rules (processes/policy-rules.dmn, or the version uploaded for the year) mean for a
 * person: the assessment the person file shows and the one-line consequence of not paying that the
 * SMS reminders and the visit form use. Inputs come from the register's enrollment and payment history;
 * every month, threshold and amount comes from the deployed decisions.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class PolicyService {

    /** Longest consequence sentence, so it fits an SMS beside the rest of the reminder. */
    public static final int MAX_CONSEQUENCE_LENGTH = 24;
    private static final Locale SMS_LOCALE = Locale.SIMPLIFIED_CHINESE;

    private final PaymentHistories histories;
    private final PolicyRules rules;
    private final MessageSource messages;

    PolicyService(PaymentHistories histories, PolicyRules rules, MessageSource messages) {
        this.histories = histories;
        this.rules = rules;
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
        return assess(history, histories.collectingYears(asOf), asOf);
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
        Map<String, Integer> collecting = histories.collectingYears(asOf);
        Map<String, String> out = new LinkedHashMap<>();
        histories.read(idNumbers.stream().map(PolicyService::normalise).distinct().toList()).forEach((id, h) -> {
            try {
                out.put(id, consequence(assess(h, collecting, asOf)));
            } catch (PolicyException unreadable) {
                // left out: the caller falls back to its plain reminder
            }
        });
        return out;
    }

    private PolicyAssessment assess(PaymentHistory history, Map<String, Integer> collecting, LocalDate asOf) {
        history.requireConsistent();
        Integer campaignYear = history.countyCode() == null ? null : collecting.get(history.countyCode());
        int year = campaignYear == null ? asOf.getYear() : campaignYear;
        PolicyInputs in = history.inputs(year, campaignYear != null, asOf);
        DecisionDefinition waitingRules = rules.definition(PolicyDecisions.WAITING_PERIOD, year);
        Map<String, Object> waiting = rules.evaluate(waitingRules, in.waitingVariables(in.inCollectionPeriod()));
        Map<String, Object> cap = rules.evaluate(rules.definition(PolicyDecisions.CAP_ADJUSTMENT, year),
                in.capVariables());
        return new PolicyAssessment(history.idNumber(), in, PolicyRules.yearOf(waitingRules), waitingRules.getVersion(),
                number(waiting.get(PolicyDecisions.OUT_WAITING_MONTHS)).intValue(),
                text(waiting.get(PolicyDecisions.OUT_WAITING_CLAUSE)), text(waiting.get(PolicyDecisions.OUT_WAITING_REASON)),
                number(cap.get(PolicyDecisions.OUT_CAP_REWARD)).longValue(),
                number(cap.get(PolicyDecisions.OUT_CAP_PENALTY)).longValue(),
                number(cap.get(PolicyDecisions.OUT_CAP_CHANGE)).longValue(),
                text(cap.get(PolicyDecisions.OUT_CAP_CLAUSE)), text(cap.get(PolicyDecisions.OUT_CAP_REASON)));
    }

    /**
     * Not paying in the collection period means enrolling late (the waiting period outside it) or not at
     * all (this year's reward lost, next year's cap lowered for the break): the sentence names the first
     * of these that applies and fits.
     */
    private String consequence(PolicyAssessment a) {
        PolicyInputs in = a.inputs();
        if (in.enrolled()) {
            return sms("policy.sms.enrolled", String.valueOf(in.year()));
        }
        int year = in.year();
        int lateMonths = number(rules.evaluate(rules.definition(PolicyDecisions.WAITING_PERIOD, year),
                in.waitingVariables(false)).get(PolicyDecisions.OUT_WAITING_MONTHS)).intValue();
        long reward = a.capReward();
        if (lateMonths > 0 && reward > 0) {
            String both = sms("policy.sms.waitingAndReward", lateMonths);
            if (both.length() <= MAX_CONSEQUENCE_LENGTH) {
                return both;
            }
        }
        if (lateMonths > 0) {
            return sms("policy.sms.waiting", lateMonths);
        }
        if (reward > 0) {
            return sms("policy.sms.reward", reward);
        }
        long penalty = number(rules.evaluate(rules.definition(PolicyDecisions.CAP_ADJUSTMENT, year + 1),
                in.capVariablesAfterSkipping()).get(PolicyDecisions.OUT_CAP_PENALTY)).longValue();
        return penalty > 0 ? sms("policy.sms.penalty", penalty) : sms("policy.sms.payOnTime");
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

    private static String normalise(String idNumber) {
        return idNumber == null ? "" : idNumber.strip().toUpperCase(Locale.ROOT);
    }
}
