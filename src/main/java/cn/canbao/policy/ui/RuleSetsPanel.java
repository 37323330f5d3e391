package cn.canbao.policy.ui;

import cn.canbao.base.DomainException;
import cn.canbao.base.ui.Messages;
import cn.canbao.policy.RuleSet;
import cn.canbao.policy.RuleSetService;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.register.person.HardshipCategory;
import cn.canbao.security.CurrentUser;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * 规则集: the rule sets of the places on the user's chain, and the form a clerk or admin of a province, city or
 * county uses to enter the rule set of a scheme year for a place they cover (contribution, subsidy, original
 * maximum, collection period, whether and since when the mechanism applies, 分类资助 per hardship category). A
 * refused save says why and changes nothing; a saved one replaces the active set, which stays on record.
 */
class RuleSetsPanel extends VerticalLayout {

    private static final String NONE = "NONE";
    private static final String FULL = "FULL";
    private static final String FIXED = "FIXED";

    private final RuleSetService ruleSets;
    private final Grid<RuleSet> grid = new Grid<>();
    private final IntegerField year = new IntegerField();
    private final ComboBox<Region> place = new ComboBox<>();
    private final IntegerField mechanismFrom = new IntegerField();
    private final BigDecimalField contribution = new BigDecimalField();
    private final BigDecimalField subsidy = new BigDecimalField();
    private final BigDecimalField originalLimit = new BigDecimalField();
    private final DatePicker start = new DatePicker();
    private final DatePicker end = new DatePicker();
    private final BigDecimalField raise = new BigDecimalField();
    private final BigDecimalField reduction = new BigDecimalField();
    private final IntegerField bound = new IntegerField();
    private final Map<HardshipCategory, Select<String>> kinds = new EnumMap<>(HardshipCategory.class);
    private final Map<HardshipCategory, BigDecimalField> amounts = new EnumMap<>(HardshipCategory.class);
    private final Span error = new Span();
    private final Clock clock;

    RuleSetsPanel(RuleSetService ruleSets, RegionService regions, Clock clock) {
        this.clock = clock;
        this.ruleSets = ruleSets;
        setPadding(false);
        setId("rule-sets");
        Paragraph hint = new Paragraph(getTranslation("policy.ruleSets.hint"));
        hint.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        add(new H3(getTranslation("policy.ruleSets.title")), hint, grid(), form(places(regions)));
        refresh();
    }

    private static List<Region> places(RegionService regions) {
        String own = CurrentUser.require().regionCode();
        return regions.subtree(own, Set.of(RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY));
    }

    private Grid<RuleSet> grid() {
        grid.setId("rule-set-grid");
        grid.addColumn(RuleSet::schemeYear)
                .setHeader(getTranslation("policy.ruleSets.year"))
                .setAutoWidth(true);
        grid.addColumn(RuleSet::placeName)
                .setHeader(getTranslation("policy.ruleSets.place"))
                .setAutoWidth(true);
        grid.addColumn(r -> r.mechanismFrom() == null
                        ? getTranslation("policy.ruleSets.noMechanism")
                        : String.valueOf(r.mechanismFrom()))
                .setHeader(getTranslation("policy.ruleSets.mechanismFrom"))
                .setAutoWidth(true);
        grid.addColumn(r -> yuan(r.personalContribution()))
                .setHeader(getTranslation("policy.ruleSets.contribution"))
                .setAutoWidth(true);
        grid.addColumn(r -> yuan(r.governmentSubsidy()))
                .setHeader(getTranslation("policy.ruleSets.subsidy"))
                .setAutoWidth(true);
        grid.addColumn(r -> r.originalLimit() == null ? "—" : yuan(r.originalLimit()))
                .setHeader(getTranslation("policy.ruleSets.originalLimit"))
                .setAutoWidth(true);
        grid.addColumn(r -> r.collectionStart() + " – " + r.collectionEnd())
                .setHeader(getTranslation("policy.ruleSets.period"))
                .setAutoWidth(true);
        grid.addColumn(this::subsidies)
                .setHeader(getTranslation("policy.ruleSets.hardship"))
                .setFlexGrow(1);
        grid.setAllRowsVisible(true);
        grid.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(this::fill));
        return grid;
    }

    private String subsidies(RuleSet r) {
        return r.subsidies().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> getTranslation(e.getKey().messageKey())
                        + (e.getValue().full()
                                ? getTranslation("policy.ruleSets.full")
                                : yuan(e.getValue().amount()) + getTranslation("policy.ruleSets.yuan")))
                .collect(Collectors.joining(getTranslation("text.listSeparator")));
    }

    private VerticalLayout form(List<Region> places) {
        year.setLabel(getTranslation("policy.ruleSets.year"));
        year.setId("rule-set-year");
        year.setValue(LocalDate.now(clock).getYear() + 1);
        place.setLabel(getTranslation("policy.ruleSets.place"));
        place.setId("rule-set-place");
        place.setItems(places);
        place.setItemLabelGenerator(Region::name);
        if (!places.isEmpty()) {
            place.setValue(places.get(0));
        }
        mechanismFrom.setLabel(getTranslation("policy.ruleSets.mechanismFrom"));
        mechanismFrom.setHelperText(getTranslation("policy.ruleSets.mechanismHint"));
        mechanismFrom.setId("rule-set-mechanism");
        amount(contribution, "policy.ruleSets.contribution", "rule-set-contribution", null);
        amount(subsidy, "policy.ruleSets.subsidy", "rule-set-subsidy", null);
        amount(originalLimit, "policy.ruleSets.originalLimit", "rule-set-limit", null);
        originalLimit.setHelperText(getTranslation("policy.ruleSets.limitHint"));
        start.setLabel(getTranslation("policy.ruleSets.start"));
        start.setId("rule-set-start");
        end.setLabel(getTranslation("policy.ruleSets.end"));
        end.setId("rule-set-end");
        amount(raise, "policy.ruleSets.raise", "rule-set-raise", RuleSet.MINIMUM_RAISE);
        raise.setHelperText(getTranslation("policy.ruleSets.raiseHint"));
        amount(reduction, "policy.ruleSets.reduction", "rule-set-reduction", RuleSet.MINIMUM_RAISE);
        bound.setLabel(getTranslation("policy.ruleSets.bound"));
        bound.setId("rule-set-bound");
        bound.setValue(20);
        FormLayout fields = new FormLayout(
                year, place, mechanismFrom, contribution, subsidy, originalLimit, start, end, raise, reduction, bound);
        FormLayout hardship = new FormLayout();
        for (HardshipCategory c : HardshipCategory.values()) {
            Select<String> kind = new Select<>();
            kind.setLabel(getTranslation(c.messageKey()));
            kind.setItems(NONE, FULL, FIXED);
            kind.setItemLabelGenerator(k -> getTranslation("policy.ruleSets.kind." + k));
            kind.setValue(NONE);
            kind.setId("rule-set-kind-" + c.name());
            BigDecimalField value = new BigDecimalField(getTranslation("policy.ruleSets.fixedAmount"));
            value.setId("rule-set-amount-" + c.name());
            value.setEnabled(false);
            kind.addValueChangeListener(e -> value.setEnabled(FIXED.equals(e.getValue())));
            kinds.put(c, kind);
            amounts.put(c, value);
            hardship.add(kind, value);
        }
        Button save = new Button(getTranslation("policy.ruleSets.save"), e -> save());
        save.setId("rule-set-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        error.setId("rule-set-error");
        error.addClassNames(LumoUtility.TextColor.ERROR);
        VerticalLayout form = new VerticalLayout(
                new H3(getTranslation("policy.ruleSets.edit")),
                fields,
                new Span(getTranslation("policy.ruleSets.hardshipTitle")),
                hardship,
                save,
                error);
        form.setPadding(false);
        return form;
    }

    private void amount(BigDecimalField field, String label, String id, BigDecimal value) {
        field.setLabel(getTranslation(label));
        field.setId(id);
        field.setValue(value);
    }

    private void fill(RuleSet r) {
        year.setValue(r.schemeYear());
        place.getListDataView()
                .getItems()
                .filter(p -> p.code().equals(r.placeCode()))
                .findFirst()
                .ifPresent(place::setValue);
        mechanismFrom.setValue(r.mechanismFrom());
        contribution.setValue(plain(r.personalContribution()));
        subsidy.setValue(plain(r.governmentSubsidy()));
        originalLimit.setValue(plain(r.originalLimit()));
        start.setValue(r.collectionStart());
        end.setValue(r.collectionEnd());
        raise.setValue(plain(r.raiseAmount()));
        reduction.setValue(plain(r.reductionAmount()));
        bound.setValue(r.boundPercent());
        kinds.forEach((c, kind) -> {
            RuleSet.Subsidy s = r.subsidies().get(c);
            kind.setValue(s == null ? NONE : s.full() ? FULL : FIXED);
            amounts.get(c).setValue(s == null || s.full() ? null : plain(s.amount()));
        });
    }

    private void save() {
        if (year.getValue() == null
                || place.getValue() == null
                || contribution.getValue() == null
                || subsidy.getValue() == null
                || start.getValue() == null
                || end.getValue() == null
                || raise.getValue() == null
                || reduction.getValue() == null
                || bound.getValue() == null) {
            error.setText(getTranslation("policy.ruleSets.incomplete"));
            return;
        }
        Map<HardshipCategory, RuleSet.Subsidy> subsidies = new EnumMap<>(HardshipCategory.class);
        for (HardshipCategory c : HardshipCategory.values()) {
            String kind = kinds.get(c).getValue();
            if (FULL.equals(kind)) {
                subsidies.put(c, RuleSet.Subsidy.whole());
            } else if (FIXED.equals(kind)) {
                subsidies.put(c, RuleSet.Subsidy.fixed(amounts.get(c).getValue()));
            }
        }
        try {
            RuleSet saved = ruleSets.save(new RuleSet(
                    null,
                    year.getValue(),
                    place.getValue().code(),
                    place.getValue().name(),
                    mechanismFrom.getValue(),
                    contribution.getValue(),
                    subsidy.getValue(),
                    originalLimit.getValue(),
                    start.getValue(),
                    end.getValue(),
                    raise.getValue(),
                    reduction.getValue(),
                    bound.getValue(),
                    subsidies));
            error.setText("");
            Messages.showSuccess(
                    getTranslation("policy.ruleSets.saved", saved.placeName(), String.valueOf(saved.schemeYear())));
            refresh();
        } catch (DomainException refused) {
            error.setText(Messages.of(this, refused));
        }
    }

    private void refresh() {
        grid.setItems(new ArrayList<>(ruleSets.visible()));
    }

    /** Whole yuan without the database's two decimals (380.00 → 380). */
    private static BigDecimal plain(BigDecimal amount) {
        return amount == null
                ? null
                : amount.stripTrailingZeros()
                        .setScale(Math.max(0, amount.stripTrailingZeros().scale()));
    }

    private static String yuan(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }
}
