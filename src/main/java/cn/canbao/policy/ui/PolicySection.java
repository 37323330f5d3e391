package cn.canbao.policy.ui;

import cn.canbao.base.DomainException;
import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.SummaryCard;
import cn.canbao.policy.PolicyAssessment;
import cn.canbao.policy.PolicyInputs;
import cn.canbao.policy.PolicyService;
import cn.canbao.policy.RuleSet;
import cn.canbao.register.PersonFile;
import cn.canbao.register.PersonFileSection;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.time.Clock;
import java.time.LocalDate;

/**
 * The policy part of the person file: for the year being enrolled, the continuous and break years the
 * rules read, the waiting period if the person enrolled today and which rule says so, the cap change,
 * and the sentence the reminders send about not paying.
 */
@org.springframework.stereotype.Component
class PolicySection implements PersonFileSection {

    private final PolicyService policy;
    private final Clock clock;

    PolicySection(PolicyService policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public Component render(PersonFile file) {
        return new Card(file.idNumber());
    }

    private final class Card extends VerticalLayout {

        Card(String idNumber) {
            setId("policy-section");
            setPadding(false);
            LocalDate today = LocalDate.now(clock);
            try {
                PolicyAssessment a = policy.assess(idNumber, today);
                show(a, policy.consequenceOf(a));
            } catch (DomainException refused) {
                add(new H3(getTranslation("policy.person.title", String.valueOf(today.getYear()))));
                Span message = new Span(Messages.of(this, refused));
                message.setId("policy-refused");
                message.addClassNames(LumoUtility.TextColor.ERROR);
                add(message);
            }
        }

        private void show(PolicyAssessment a, String consequence) {
            PolicyInputs in = a.inputs();
            RuleSet rules = a.ruleSet();
            add(new H3(getTranslation("policy.person.title", String.valueOf(a.year()))));
            add(
                    a.ruleSetEntered()
                            ? line(
                                    "policy-rule-set",
                                    getTranslation(
                                            "policy.person.ruleSet",
                                            rules.placeName(),
                                            String.valueOf(rules.schemeYear()),
                                            yuan(rules.personalContribution()),
                                            yuan(rules.governmentSubsidy())))
                            : line(
                                    "policy-rule-set",
                                    getTranslation(
                                            "policy.person.noRuleSet",
                                            String.valueOf(a.year()),
                                            yuan(rules.personalContribution()))));
            add(line(
                    "policy-mechanism",
                    in.mechanism()
                            ? getTranslation("policy.person.mechanismFrom", String.valueOf(in.countedFrom()))
                            : getTranslation("policy.person.noMechanism")));
            FlexLayout cards = new FlexLayout();
            cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
            cards.addClassNames("canbao-summary");
            cards.add(SummaryCard.of(
                    getTranslation("policy.person.share"),
                    getTranslation("policy.person.shareValue", yuan(a.personalShare())),
                    "policy-share"));
            if (in.mechanism()) {
                cards.add(
                        SummaryCard.of(
                                getTranslation("policy.person.continuous"),
                                getTranslation("person.years", in.continuousYears()),
                                "policy-continuous"),
                        SummaryCard.of(
                                getTranslation("policy.person.breaks"),
                                in.breakYears().isEmpty()
                                        ? getTranslation("person.none")
                                        : Messages.list(this, in.breakYears()),
                                "policy-breaks"),
                        SummaryCard.of(
                                getTranslation("policy.person.currentBreak"),
                                getTranslation(
                                        "policy.person.currentBreakValue",
                                        in.currentBreakYears(),
                                        in.paidBackInBreak()),
                                "policy-current-break"));
            }
            cards.add(
                    SummaryCard.of(
                            getTranslation("policy.person.waiting"),
                            in.enrolled()
                                    ? getTranslation("policy.person.enrolled")
                                    : getTranslation("policy.person.months", a.waitingMonths()),
                            "policy-waiting"),
                    SummaryCard.of(getTranslation("policy.person.cap"), capText(a.capChange()), "policy-cap"));
            add(cards);
            if (!a.categories().isEmpty()) {
                add(line(
                        "policy-subsidised",
                        getTranslation(
                                "policy.person.subsidised",
                                Messages.list(
                                        this,
                                        a.categories().stream()
                                                .map(c -> getTranslation(c.messageKey()))
                                                .sorted()
                                                .toList()))));
            }
            if (!in.enrolled() && in.mechanism()) {
                add(line(
                        "policy-waiting-reason",
                        getTranslation(
                                in.inCollectionPeriod()
                                        ? "policy.person.waitingReasonIn"
                                        : "policy.person.waitingReasonOut",
                                a.waitingReason(),
                                a.waitingClause())));
            }
            if (in.mechanism()) {
                if (a.limitAfter() != null) {
                    add(line(
                            "policy-limit",
                            getTranslation(
                                    "policy.person.limit",
                                    yuan(rules.originalLimit()),
                                    String.valueOf(a.limitAfter()))));
                }
                add(line("policy-cap-reason", getTranslation("policy.person.capReason", a.capReason(), a.capClause())));
                if (!a.steps().isEmpty()) {
                    add(new H4(getTranslation("policy.person.steps")));
                    UnorderedList steps = new UnorderedList();
                    steps.setId("policy-steps");
                    a.steps()
                            .forEach(step -> steps.add(new ListItem(getTranslation(
                                    "policy.step." + step.key(),
                                    step.args().stream().map(String::valueOf).toArray()))));
                    add(steps);
                }
                if (!in.enrolled()) {
                    add(line(
                            "policy-skipped",
                            getTranslation(
                                    "policy.person.skipped",
                                    a.lateWaitingMonths(),
                                    String.valueOf(a.reductionIfSkipped()))));
                }
            }
            add(line("policy-consequence", getTranslation("policy.person.consequence", consequence)));
            if (in.mechanism()) {
                Span source = line(
                        "policy-rules",
                        getTranslation("policy.person.rules", String.valueOf(a.rulesYear()), a.rulesVersion()));
                source.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
                add(source, secondary(getTranslation("policy.person.noClaims")));
            }
        }

        private String yuan(java.math.BigDecimal amount) {
            return amount.stripTrailingZeros().toPlainString();
        }

        private String capText(long change) {
            if (change == 0) {
                return getTranslation("policy.person.capSame");
            }
            return getTranslation(
                    change > 0 ? "policy.person.capUp" : "policy.person.capDown", String.valueOf(Math.abs(change)));
        }

        private Span line(String id, String text) {
            Span span = new Span(text);
            span.setId(id);
            return span;
        }

        private Span secondary(String text) {
            Span span = new Span(text);
            span.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
            return span;
        }
    }
}
