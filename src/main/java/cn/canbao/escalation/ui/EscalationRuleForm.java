package cn.canbao.escalation.ui;

import cn.canbao.base.ui.Messages;
import cn.canbao.escalation.EscalationRule;
import cn.canbao.escalation.EscalationService;
import cn.canbao.region.RegionLevel;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import java.time.ZoneId;
import java.util.List;

/**
 * The county's lagging rule, folded above the case list, for its county leaders and clerks: the criteria (an empty one
 * is off), how they combine, the running bulletins and deadlines, and the levels above the county a township still
 * lagging is reported to (none: closed at the county); below, every change with who made it.
 */
class EscalationRuleForm extends Details {

    private final EscalationService escalations;
    private final String countyCode;
    private final IntegerField bottomN = field("escalation.rule.bottomN", "rule-bottom-n", 1, 50);
    private final BigDecimalField belowLine = decimal("escalation.rule.belowLinePoints", "rule-below-line");
    private final BigDecimalField coverageBelow = decimal("escalation.rule.coverageBelow", "rule-coverage-below");
    private final RadioButtonGroup<EscalationRule.Combine> combine = new RadioButtonGroup<>();
    private final IntegerField running = field("escalation.rule.bulletinsRunning", "rule-bulletins-running", 1, 5);
    private final IntegerField rectificationDays =
            field("escalation.rule.rectificationDays", "rule-rectification-days", 1, 60);
    private final IntegerField planDays = field("escalation.rule.planDays", "rule-plan-days", 1, 30);
    private final CheckboxGroup<RegionLevel> reportLevels = new CheckboxGroup<>();
    private final Span updated = new Span();
    private final Grid<EscalationRule> history = new Grid<>();
    private final ZoneId zone;

    /** {@code zone}: the application clock's, in which times are shown. */
    EscalationRuleForm(EscalationService escalations, EscalationRule rule, ZoneId zone) {
        this.escalations = escalations;
        this.zone = zone;
        this.countyCode = rule.countyCode();
        setSummaryText(getTranslation("escalation.rule.title"));
        setId("escalation-rule");
        combine.setLabel(getTranslation("escalation.rule.combine"));
        combine.setId("rule-combine");
        combine.setItems(EscalationRule.Combine.values());
        combine.setItemLabelGenerator(c -> getTranslation("escalation.rule.combine." + c.name()));
        reportLevels.setLabel(getTranslation("escalation.rule.reportLevels"));
        reportLevels.setId("rule-report-levels");
        reportLevels.setItems(RegionLevel.CITY, RegionLevel.PROVINCE);
        reportLevels.setItemLabelGenerator(l -> getTranslation(l.messageKey()));
        reportLevels.setHelperText(getTranslation("escalation.rule.reportLevels.none"));
        Button save = new Button(getTranslation("escalation.rule.save"), e -> save());
        save.setId("rule-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout form = new FormLayout(
                bottomN, belowLine, coverageBelow, combine, running, rectificationDays, planDays, reportLevels);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 3));
        add(new Span(getTranslation("escalation.rule.explain")), form, updated, save, history);
        history.setId("rule-history");
        history.addColumn(r -> EscalationTaskView.time(r.updatedAt(), zone))
                .setHeader(getTranslation("escalation.when"))
                .setAutoWidth(true);
        history.addColumn(EscalationRule::updatedBy)
                .setHeader(getTranslation("escalation.actor"))
                .setAutoWidth(true);
        history.addColumn(this::summary)
                .setHeader(getTranslation("escalation.rule.title"))
                .setFlexGrow(1);
        history.setAllRowsVisible(true);
        show(rule);
    }

    /** One saved rule in a line: its criteria and how they combine, bulletins running, deadlines, report levels. */
    private String summary(EscalationRule r) {
        java.util.List<String> criteria = new java.util.ArrayList<>();
        if (r.bottomN() != null) {
            criteria.add(getTranslation("escalation.rule.summary.bottom", r.bottomN()));
        }
        if (r.belowLinePoints() != null) {
            criteria.add(getTranslation(
                    "escalation.rule.summary.line", r.belowLinePoints().toPlainString()));
        }
        if (r.coverageBelow() != null) {
            criteria.add(getTranslation(
                    "escalation.rule.summary.coverage", r.coverageBelow().toPlainString()));
        }
        String levels = r.reportLevels().isEmpty()
                ? getTranslation("escalation.rule.reportLevels.none")
                : Messages.list(
                        this,
                        r.reportLevels().stream()
                                .map(l -> getTranslation(l.messageKey()))
                                .toList());
        return getTranslation(
                "escalation.rule.summary",
                String.join(" / ", criteria),
                getTranslation("escalation.rule.combine." + r.combine().name()),
                r.bulletinsRunning(),
                r.rectificationDays(),
                r.planDays(),
                levels);
    }

    private void show(EscalationRule r) {
        bottomN.setValue(r.bottomN());
        belowLine.setValue(r.belowLinePoints());
        coverageBelow.setValue(r.coverageBelow());
        combine.setValue(r.combine());
        running.setValue(r.bulletinsRunning());
        rectificationDays.setValue(r.rectificationDays());
        planDays.setValue(r.planDays());
        reportLevels.setValue(new java.util.LinkedHashSet<>(r.reportLevels()));
        updated.setText(
                r.updatedBy() == null
                        ? getTranslation("escalation.rule.defaults")
                        : getTranslation(
                                "escalation.rule.updated",
                                r.updatedBy(),
                                EscalationTaskView.time(r.updatedAt(), zone)));
        // every change, with who made it (the county's, newest first)
        history.setItems(escalations.ruleHistory(countyCode));
    }

    private void save() {
        if (running.isEmpty()
                || rectificationDays.isEmpty()
                || planDays.isEmpty()
                || combine.isEmpty()
                || bottomN.isInvalid()
                || belowLine.isInvalid()
                || coverageBelow.isInvalid()) {
            Messages.showError(getTranslation("escalation.rule.invalid"));
            return;
        }
        // the levels in their order upwards: the city before the province
        List<RegionLevel> levels = reportLevels.getValue().stream()
                .sorted((a, b) -> b.ordinal() - a.ordinal())
                .toList();
        Messages.attempt(this, () -> {
            show(escalations.saveRule(new EscalationRule(
                    countyCode,
                    bottomN.getValue(),
                    belowLine.getValue(),
                    coverageBelow.getValue(),
                    combine.getValue(),
                    running.getValue(),
                    rectificationDays.getValue(),
                    planDays.getValue(),
                    levels,
                    null,
                    null)));
            Messages.showSuccess(getTranslation("escalation.rule.saved"));
        });
    }

    private IntegerField field(String labelKey, String id, int min, int max) {
        IntegerField f = new IntegerField(getTranslation(labelKey));
        f.setId(id);
        f.setMin(min);
        f.setMax(max);
        f.setStepButtonsVisible(true);
        return f;
    }

    private BigDecimalField decimal(String labelKey, String id) {
        BigDecimalField f = new BigDecimalField(getTranslation(labelKey));
        f.setId(id);
        f.setClearButtonVisible(true);
        return f;
    }
}
