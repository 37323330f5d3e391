package cn.canbao.escalation;

import cn.canbao.base.DomainException;
import cn.canbao.base.ui.Messages;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;

/** The county leader's settings of a campaign's lagging rule, folded under the case list. */
class EscalationRuleForm extends Details {

    private final EscalationService escalations;
    private final IntegerField bottomN = field("escalation.rule.bottomN", "rule-bottom-n", 0, 50);
    private final BigDecimalField tolerance = new BigDecimalField(getTranslation("escalation.rule.tolerancePoints"));
    private final IntegerField running = field("escalation.rule.bulletinsRunning", "rule-bulletins-running", 1, 5);
    private final IntegerField rectificationDays = field("escalation.rule.rectificationDays", "rule-rectification-days", 1, 60);
    private final IntegerField planDays = field("escalation.rule.planDays", "rule-plan-days", 1, 30);
    private final Span updated = new Span();
    private EscalationRule rule;

    EscalationRuleForm(EscalationService escalations, EscalationRule rule) {
        this.escalations = escalations;
        setSummaryText(getTranslation("escalation.rule.title"));
        setId("escalation-rule");
        tolerance.setId("rule-tolerance");
        Button save = new Button(getTranslation("escalation.rule.save"), e -> save());
        save.setId("rule-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout form = new FormLayout(bottomN, tolerance, running, rectificationDays, planDays);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 3));
        add(form, updated, save);
        show(rule);
    }

    private void show(EscalationRule r) {
        this.rule = r;
        bottomN.setValue(r.bottomN());
        tolerance.setValue(r.tolerancePoints());
        running.setValue(r.bulletinsRunning());
        rectificationDays.setValue(r.rectificationDays());
        planDays.setValue(r.planDays());
        updated.setText(r.updatedBy() == null ? getTranslation("escalation.rule.defaults")
                : getTranslation("escalation.rule.updated", r.updatedBy(), EscalationTaskView.TIME.format(r.updatedAt())));
    }

    private void save() {
        if (bottomN.isEmpty() || tolerance.isEmpty() || running.isEmpty() || rectificationDays.isEmpty() || planDays.isEmpty()) {
            Messages.showError(getTranslation("escalation.rule.invalid"));
            return;
        }
        try {
            show(escalations.saveRule(new EscalationRule(rule.campaignId(), bottomN.getValue(), tolerance.getValue(),
                    running.getValue(), rectificationDays.getValue(), planDays.getValue(), null, null)));
            Messages.showSuccess(getTranslation("escalation.rule.saved"));
        } catch (DomainException refused) {
            Messages.showError(this, refused);
        }
    }

    private IntegerField field(String labelKey, String id, int min, int max) {
        IntegerField f = new IntegerField(getTranslation(labelKey));
        f.setId(id);
        f.setMin(min);
        f.setMax(max);
        f.setStepButtonsVisible(true);
        return f;
    }
}
