package cn.canbao.campaign.ui;

import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.TitledView;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignException;
import cn.canbao.campaign.CampaignPhase;
import cn.canbao.campaign.CampaignService;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.region.RegionSummary;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;

/**
 * The campaigns of the user's county: phase, collection period and goal, a link to the targets;
 * county leaders start a campaign here (which starts its process) and extend the collection period.
 */
@Route("campaigns")
@Menu(title = "menu.campaigns", order = 10, icon = "vaadin:flag")
@PermitAll
class CampaignsView extends TitledView {

    private final CampaignService campaigns;
    private final RegionService regions;
    private final Grid<Campaign> grid = new Grid<>();
    private final boolean leader;
    private final Clock clock;

    CampaignsView(CampaignService campaigns, RegionService regions, Clock clock) {
        super("title.campaigns");
        this.clock = clock;
        this.campaigns = campaigns;
        this.regions = regions;
        setWidthFull();
        leader = CurrentUser.get()
                .map(u -> u.roles().contains(Role.COUNTY_LEADER) || u.roles().contains(Role.ADMIN))
                .orElse(false);
        add(new H2(getTranslation("campaign.title")));
        if (leader) {
            add(startForm());
        }
        grid.setId("campaign-list");
        grid.addColumn(Campaign::name)
                .setHeader(getTranslation("campaign.name"))
                .setAutoWidth(true)
                .setFlexGrow(1);
        grid.addColumn(Campaign::year)
                .setHeader(getTranslation("campaign.year"))
                .setAutoWidth(true);
        grid.addColumn(Campaign::countyName)
                .setHeader(getTranslation("campaign.county"))
                .setAutoWidth(true);
        grid.addColumn(c -> c.collectionStart() + " ~ " + c.collectionEnd())
                .setHeader(getTranslation("campaign.period"))
                .setAutoWidth(true);
        grid.addColumn(c -> c.coverageGoal().stripTrailingZeros().toPlainString() + "%")
                .setHeader(getTranslation("campaign.goal"))
                .setAutoWidth(true);
        grid.addColumn(c -> getTranslation(c.phase().messageKey()))
                .setHeader(getTranslation("campaign.phase"))
                .setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        add(grid);
        refresh();
    }

    private HorizontalLayout actions(Campaign c) {
        Anchor targets = new Anchor("targets/" + c.id(), getTranslation("campaign.targets"));
        targets.addClassNames("campaign-targets");
        HorizontalLayout actions = new HorizontalLayout(
                targets,
                new Anchor("cadence/" + c.id(), getTranslation("campaign.cadence")),
                new Anchor("bulletins/" + c.id(), getTranslation("campaign.bulletins")),
                new Anchor("escalations/" + c.id(), getTranslation("campaign.escalations")));
        actions.setWrap(true);
        if (leader && (c.phase() == CampaignPhase.MOBILISE || c.phase() == CampaignPhase.IMPLEMENT)) {
            Button extend = new Button(
                    getTranslation("campaign.extend"), e -> extendDialog(c).open());
            extend.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            actions.add(extend);
        }
        return actions;
    }

    private Details startForm() {
        TextField name = new TextField(getTranslation("campaign.name"));
        name.setId("campaign-name");
        name.setValue(
                getTranslation("campaign.defaultName", LocalDate.now(clock).getYear() + 1));
        IntegerField year = new IntegerField(getTranslation("campaign.year"));
        year.setId("campaign-year");
        year.setValue(LocalDate.now(clock).getYear() + 1);
        DatePicker start = new DatePicker(
                getTranslation("campaign.start"),
                LocalDate.now(clock).withMonth(9).withDayOfMonth(1));
        start.setId("campaign-start");
        DatePicker end = new DatePicker(
                getTranslation("campaign.end"),
                LocalDate.now(clock).withMonth(12).withDayOfMonth(31));
        end.setId("campaign-end");
        BigDecimalField goal = new BigDecimalField(getTranslation("campaign.goal"));
        goal.setValue(new BigDecimal("95"));
        goal.setId("campaign-goal");
        IntegerField days = new IntegerField(getTranslation("campaign.breakdownDays"));
        days.setValue(3);
        IntegerField escalation = new IntegerField(getTranslation("campaign.escalationDays"));
        escalation.setValue(2);
        Button startButton = new Button(getTranslation("campaign.start.action"), e -> {
            Messages.attempt(this, () -> {
                Campaign c = campaigns.start(new NewCampaign(
                        name.getValue(),
                        year.getValue() == null ? 0 : year.getValue(),
                        county(),
                        start.getValue(),
                        end.getValue(),
                        goal.getValue(),
                        days.getValue() == null ? 0 : days.getValue(),
                        escalation.getValue() == null ? 0 : escalation.getValue()));
                Messages.showSuccess(getTranslation("campaign.started", c.name()));
                refresh();
            });
        });
        startButton.setId("campaign-start-button");
        startButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout form = new FormLayout(name, year, start, end, goal, days, escalation);
        Details details = new Details(getTranslation("campaign.new"), new VerticalLayout(form, startButton));
        details.setId("campaign-new");
        return details;
    }

    /** The user's county: their own region if it is one, else the first county in their scope. */
    private String county() {
        return regions.roots().stream()
                .map(RegionSummary::region)
                .flatMap(r -> r.level() == RegionLevel.COUNTY
                        ? java.util.stream.Stream.of(r)
                        : regions.descendantsAtLevel(r.code(), RegionLevel.COUNTY).stream())
                .map(r -> r.code())
                .findFirst()
                .orElseThrow(() -> new CampaignException("campaign.noCounty"));
    }

    private Dialog extendDialog(Campaign c) {
        Dialog dialog = new Dialog(getTranslation("campaign.extend"));
        DatePicker newEnd =
                new DatePicker(getTranslation("campaign.end"), c.collectionEnd().plusMonths(1));
        TextArea reason = new TextArea(getTranslation("campaign.extensionReason"));
        reason.setWidthFull();
        Button save = new Button(getTranslation("action.save"), e -> {
            Messages.attempt(this, () -> {
                campaigns.extend(c.id(), newEnd.getValue(), reason.getValue());
                dialog.close();
                refresh();
            });
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(newEnd, reason));
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), save);
        return dialog;
    }

    private void refresh() {
        grid.setItems(campaigns.list());
    }
}
