package cn.canbao.escalation.ui;

import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.TitledView;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignService;
import cn.canbao.escalation.EscalationCase;
import cn.canbao.escalation.EscalationEvent;
import cn.canbao.escalation.EscalationService;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The escalation cases of a campaign (a township leader sees their own township's, the county all):
 * status, level, township, reason; a case's history (who decided what) in the panel below; the county's leaders
 * and clerks set its lagging rule here.
 */
@Route("escalations/:campaign?")
@Menu(title = "menu.escalations", order = 25, icon = "vaadin:warning")
@PermitAll
class EscalationCasesView extends TitledView implements BeforeEnterObserver {

    private final EscalationService escalations;
    private final CampaignService campaigns;
    private final Div detail = new Div();
    private final Clock clock;

    EscalationCasesView(EscalationService escalations, CampaignService campaigns, Clock clock) {
        super("title.escalationCases");
        this.clock = clock;
        this.escalations = escalations;
        this.campaigns = campaigns;
        setWidthFull();
        detail.setId("escalation-detail");
        detail.addClassName("escalation-detail");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        detail.removeAll();
        add(new H2(getTranslation("escalation.title")));
        showRoute(
                () -> show(event),
                () -> getTranslation(
                        "campaign.notFound",
                        event.getRouteParameters().get("campaign").orElse("")));
    }

    private void show(BeforeEnterEvent event) {
        List<Campaign> all = campaigns.list();
        if (all.isEmpty()) {
            add(new Paragraph(getTranslation("escalation.noCampaign")));
            return;
        }
        long id = event.getRouteParameters()
                .get("campaign")
                .map(Long::parseLong)
                .orElse(all.get(0).id());
        Campaign campaign = campaigns.get(id);
        add(campaignChoice(all, campaign));
        if (setsRule(campaign)) {
            add(new EscalationRuleForm(escalations, escalations.rule(campaign.id()), clock.getZone()));
        }
        add(caseGrid(escalations.cases(campaign.id())), detail);
    }

    private ComboBox<Campaign> campaignChoice(List<Campaign> all, Campaign current) {
        ComboBox<Campaign> choice = new ComboBox<>(getTranslation("escalation.campaign"), all);
        choice.setId("escalation-campaign");
        choice.setItemLabelGenerator(c -> Messages.withDetail(this, c.name(), c.year()));
        choice.setValue(
                all.stream().filter(c -> c.id() == current.id()).findFirst().orElse(current));
        choice.setWidth("min(100%, 28em)");
        choice.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                UI.getCurrent()
                        .navigate(
                                EscalationCasesView.class,
                                new RouteParameters(Map.of(
                                        "campaign", Long.toString(e.getValue().id()))));
            }
        });
        return choice;
    }

    private Grid<EscalationCase> caseGrid(List<EscalationCase> cases) {
        Grid<EscalationCase> grid = new Grid<>();
        grid.setId("escalation-cases");
        grid.addColumn(EscalationCase::townshipName)
                .setHeader(getTranslation("escalation.township"))
                .setAutoWidth(true)
                .setFrozen(true);
        grid.addColumn(c -> getTranslation(c.status().messageKey()))
                .setHeader(getTranslation("escalation.status"))
                .setAutoWidth(true);
        grid.addColumn(c -> getTranslation("escalation.level." + c.level()))
                .setHeader(getTranslation("escalation.level"))
                .setAutoWidth(true);
        grid.addColumn(EscalationCase::reason)
                .setHeader(getTranslation("escalation.reason"))
                .setFlexGrow(1);
        grid.addColumn(c -> EscalationTaskView.time(c.openedAt(), clock.getZone()))
                .setHeader(getTranslation("escalation.opened"))
                .setAutoWidth(true);
        grid.addColumn(c -> c.planDeadline() == null ? "" : c.planDeadline().toString())
                .setHeader(getTranslation("escalation.deadline"))
                .setAutoWidth(true);
        grid.setItems(cases);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(getTranslation("escalation.empty"));
        grid.asSingleSelect().addValueChangeListener(e -> showDetail(e.getValue()));
        return grid;
    }

    private void showDetail(EscalationCase c) {
        detail.removeAll();
        if (c == null) {
            return;
        }
        detail.add(new H3(c.townshipName() + " · " + getTranslation(c.status().messageKey())));
        detail.add(
                fact("escalation.reason", c.reason()),
                fact("escalation.waiveReason", c.waiveReason()),
                fact("escalation.postponeUntil", c.postponedUntil()),
                fact("escalation.summonsDate", c.summonsDate()),
                fact("escalation.attendees", c.attendees()),
                fact("escalation.minutes", c.minutes()),
                fact("escalation.plan", c.plan()),
                fact("escalation.deadline", c.planDeadline()),
                fact(
                        "escalation.reportLevels",
                        c.reportLevels() == null
                                ? null
                                : c.reportLevels().isEmpty()
                                        ? getTranslation("escalation.rule.reportLevels.none")
                                        : Messages.list(
                                                this,
                                                c.reportLevels().stream()
                                                        .map(l -> getTranslation(l.messageKey()))
                                                        .toList())),
                fact("escalation.reportedTo", c.reportedTo()),
                fact("escalation.report", c.report()));
        if (c.recheckCompletion() != null) {
            detail.add(new Paragraph(getTranslation("escalation.recheck", c.recheckCompletion(), c.recheckExpected())));
        }
        detail.add(new H3(getTranslation("escalation.history")), historyGrid(escalations.history(c.id())));
    }

    private Grid<EscalationEvent> historyGrid(List<EscalationEvent> events) {
        Grid<EscalationEvent> grid = new Grid<>();
        grid.setId("escalation-history");
        grid.addColumn(e -> EscalationTaskView.time(e.at(), clock.getZone()))
                .setHeader(getTranslation("escalation.when"))
                .setAutoWidth(true);
        grid.addColumn(e -> getTranslation("escalation.event." + e.event()))
                .setHeader(getTranslation("escalation.event"))
                .setAutoWidth(true);
        grid.addColumn(this::detailText)
                .setHeader(getTranslation("escalation.detail"))
                .setFlexGrow(1);
        grid.addColumn(EscalationEvent::actor)
                .setHeader(getTranslation("escalation.actor"))
                .setAutoWidth(true);
        grid.setItems(events);
        grid.setAllRowsVisible(true);
        return grid;
    }

    private String detailText(EscalationEvent e) {
        if (e.detail() == null) {
            return "";
        }
        return "ESCALATED".equals(e.event()) || "NOT_REPORTED".equals(e.event())
                ? getTranslation("escalation.why." + e.detail())
                : e.detail();
    }

    private Paragraph fact(String labelKey, Object value) {
        Paragraph p = new Paragraph(Messages.labelled(this, getTranslation(labelKey), value == null ? "—" : value));
        p.addClassName("escalation-fact");
        return p;
    }

    /** The county's leaders and clerks set its rule (the service checks the same). */
    private static boolean setsRule(Campaign campaign) {
        return CurrentUser.get()
                .map(u -> (u.hasRole(Role.COUNTY_LEADER) || u.hasRole(Role.CLERK))
                        && CurrentUser.covers(u, campaign.countyCode()))
                .orElse(false);
    }
}
