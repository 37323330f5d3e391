package cn.canbao.outreach.ui;

import cn.canbao.base.DomainException;
import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.SummaryCard;
import cn.canbao.base.ui.TitledView;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignPhase;
import cn.canbao.campaign.CampaignService;
import cn.canbao.outreach.OutreachCase;
import cn.canbao.outreach.OutreachQueries;
import cn.canbao.outreach.OutreachService;
import cn.canbao.outreach.OutreachStage;
import cn.canbao.outreach.OutreachStarter;
import cn.canbao.outreach.sheet.VisitSheetService;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;

/**
 * 催缴走访: the residents in outreach in my region — for a grid worker their grid, sorted by what is due next,
 * one tap to the visit form — and, for leaders, how many stand at each stage; county leaders and clerks can start
 * the day's outreach by hand (the morning job does it otherwise).
 */
@Route("outreach")
@Menu(title = "menu.outreach", order = 12, icon = "vaadin:phone")
// not volunteers (they log publicity, they do not visit residents) nor operators (they run the engine)
@RolesAllowed({"COUNTY_LEADER", "TOWNSHIP_LEADER", "VILLAGE_CADRE", "GRID_WORKER", "CLERK", "ADMIN"})
class OutreachView extends TitledView {

    private static final int PAGE = 50;
    private final DateTimeFormatter time;

    private final OutreachQueries queries;
    private final OutreachStarter starter;
    private final OutreachService outreach;
    private final Select<Campaign> campaign = new Select<>();
    private final Checkbox liveOnly = new Checkbox();
    private final Div counts = new Div();
    private final Div cards = new Div();
    private final Button more = new Button();
    private int shown;
    private final Clock clock;

    OutreachView(
            OutreachQueries queries,
            OutreachStarter starter,
            OutreachService outreach,
            CampaignService campaigns,
            VisitSheetService sheets,
            Clock clock) {
        super("title.outreach");
        this.clock = clock;
        this.time = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(clock.getZone());
        this.queries = queries;
        this.starter = starter;
        this.outreach = outreach;
        setWidthFull();
        setMaxWidth("960px");
        add(new H2(getTranslation("outreach.title")));
        if (CurrentUser.get()
                .map(u -> u.hasRole(Role.GRID_WORKER) || u.hasRole(Role.VILLAGE_CADRE))
                .orElse(false)) {
            // the installable field page (issue 20): the same visits, kept on the phone for a weak connection
            com.vaadin.flow.component.html.Anchor field =
                    new com.vaadin.flow.component.html.Anchor("field/", getTranslation("outreach.field.link"));
            field.setRouterIgnore(true);
            field.setId("outreach-field-link");
            add(field);
        }
        List<Campaign> list = campaigns.list();
        if (list.isEmpty()) {
            Paragraph none = new Paragraph(getTranslation("outreach.noCampaign"));
            none.setId("outreach-empty");
            add(none);
            return;
        }
        campaign.setLabel(getTranslation("outreach.campaign"));
        campaign.setItems(list);
        campaign.setItemLabelGenerator(c -> c == null ? "" : c.name());
        // a campaign still in its breakdown already works the townships that confirmed their split
        campaign.setValue(list.stream()
                .filter(c -> c.phase() == CampaignPhase.IMPLEMENT)
                .findFirst()
                .or(() -> list.stream()
                        .filter(c -> c.phase() == CampaignPhase.MOBILISE)
                        .findFirst())
                .orElse(list.get(0)));
        campaign.setId("outreach-campaign");
        liveOnly.setLabel(getTranslation("outreach.liveOnly"));
        liveOnly.setValue(true);
        liveOnly.setId("outreach-live-only");
        campaign.addValueChangeListener(e -> reload());
        liveOnly.addValueChangeListener(e -> reload());
        counts.addClassName("canbao-cards");
        counts.setId("outreach-counts");
        cards.addClassName("outreach-cards");
        cards.setId("outreach-cards");
        cards.setWidthFull();
        more.setText(getTranslation("outreach.more"));
        more.addClickListener(e -> page());
        more.setId("outreach-more");
        Div filters = new Div(campaign, liveOnly);
        filters.addClassName("outreach-filters");
        add(filters, counts);
        boolean starts = CurrentUser.get()
                .map(u -> u.hasRole(Role.COUNTY_LEADER) || u.hasRole(Role.CLERK) || u.hasRole(Role.ADMIN))
                .orElse(false);
        if (starts) {
            add(startButton());
        }
        boolean prints = CurrentUser.get()
                .map(u -> u.hasRole(Role.GRID_WORKER)
                        || u.hasRole(Role.VILLAGE_CADRE)
                        || u.hasRole(Role.TOWNSHIP_LEADER)
                        || u.hasRole(Role.COUNTY_LEADER))
                .orElse(false);
        if (prints) {
            add(new VisitSheetLink(sheets, campaign::getValue, clock));
        }
        add(cards, more);
        reload();
    }

    private Div startButton() {
        ProgressBar progress = new ProgressBar();
        progress.setIndeterminate(true);
        progress.setVisible(false);
        Span status = new Span();
        status.setId("outreach-start-status");
        Button start = new Button(getTranslation("outreach.start"));
        start.setId("outreach-start");
        start.addClickListener(e -> {
            UI ui = UI.getCurrent();
            long id = campaign.getValue().id();
            start.setEnabled(false);
            progress.setIndeterminate(true);
            progress.setVisible(true);
            status.setText(getTranslation("outreach.starting"));
            ui.setPollInterval(1000);
            CompletableFuture.runAsync(new DelegatingSecurityContextRunnable(() -> {
                String text;
                try {
                    // how far the start is, all nodes' work counted: a determinate bar once the list is made
                    OutreachStarter.StartResult r = starter.start(
                            id,
                            p -> ui.access(() -> {
                                progress.setIndeterminate(false);
                                progress.setValue(p.total() == 0 ? 1 : (double) p.started() / p.total());
                                status.setText(ui.getTranslation("outreach.starting.progress", p.started(), p.total()));
                            }));
                    text = ui.getTranslation("outreach.started", r.listed(), r.started());
                } catch (DomainException refused) {
                    text = Messages.of(ui, refused);
                }
                String shownText = text;
                ui.access(() -> {
                    ui.setPollInterval(-1);
                    progress.setVisible(false);
                    start.setEnabled(true);
                    status.setText(shownText);
                    reload();
                });
            }));
        });
        Div box = new Div(start, progress, status);
        box.addClassName("outreach-start");
        return box;
    }

    private void reload() {
        Campaign c = campaign.getValue();
        counts.removeAll();
        Map<OutreachStage, Integer> byStage = queries.stageCounts(c.id());
        int live = byStage.entrySet().stream()
                .filter(e -> e.getKey() != OutreachStage.ENDED)
                .mapToInt(Map.Entry::getValue)
                .sum();
        counts.add(
                SummaryCard.of(getTranslation("outreach.count.live"), Integer.toString(live), "outreach-count-live"));
        for (OutreachStage s : OutreachStage.values()) {
            if (s != OutreachStage.STARTED) {
                counts.add(SummaryCard.of(
                        getTranslation(s.messageKey()),
                        Integer.toString(byStage.get(s)),
                        "outreach-count-" + s.name().toLowerCase()));
            }
        }
        cards.removeAll();
        shown = 0;
        page();
    }

    private void page() {
        List<OutreachCase> rows = queries.worklist(campaign.getValue().id(), liveOnly.getValue(), shown, PAGE);
        rows.forEach(r -> cards.add(card(r)));
        shown += rows.size();
        more.setVisible(rows.size() == PAGE);
        if (shown == 0) {
            Paragraph none = new Paragraph(getTranslation("outreach.none"));
            none.setId("outreach-none");
            cards.add(none);
        }
    }

    private Div card(OutreachCase c) {
        Div card = new Div();
        card.addClassName("task-card");
        card.setId("case-" + c.id());
        boolean overdue = c.stage() == OutreachStage.VISIT_DUE
                && c.nextActionAt() != null
                && c.nextActionAt().isBefore(clock.instant());
        card.setClassName("overdue", overdue);
        Div title = new Div(
                span(c.name(), "task-name"), badge(getTranslation(c.stage().messageKey())));
        title.addClassName("task-title");
        card.add(title);
        card.add(span(
                String.join(
                        " · ",
                        c.maskedId(),
                        c.maskedMobile() == null ? getTranslation("outreach.noMobile") : c.maskedMobile(),
                        c.regionName(),
                        getTranslation("outreach.kind." + c.kind())),
                "task-meta"));
        String next = c.endReason() != null
                ? getTranslation("outreach.ended", getTranslation("outreach.end." + c.endReason()))
                : c.nextActionAt() == null ? "" : getTranslation("outreach.next", time.format(c.nextActionAt()));
        card.add(span(next, "task-due"));
        String contact = (c.lastContactAt() == null
                        ? getTranslation("outreach.noContact")
                        : getTranslation("outreach.lastContact", time.format(c.lastContactAt())))
                + (c.lastSmsStatus() == null
                        ? ""
                        : " · " + getTranslation("outreach.sms", getTranslation(c.lastSmsStatus())));
        card.add(span(contact, "task-assignee"));
        if (c.visitTaskId() != null) {
            Button visit = new Button(
                    getTranslation("outreach.visit"),
                    e -> UI.getCurrent().navigate("tasks/visit", QueryParameters.of("taskId", c.visitTaskId())));
            visit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            visit.addClassName("case-visit");
            card.add(actions(visit));
        } else if (c.stage() != OutreachStage.ENDED) {
            // still waiting (after a reminder, or for a promised day): the grid worker may go now
            Button early = new Button(getTranslation("outreach.visitNow"), e -> {
                Messages.attempt(this, () -> {
                    String taskId = outreach.visitNow(c.id());
                    UI.getCurrent().navigate("tasks/visit", QueryParameters.of("taskId", taskId));
                });
            });
            early.addThemeVariants(ButtonVariant.LUMO_CONTRAST);
            early.addClassName("case-visit-now");
            card.add(actions(early));
        }
        return card;
    }

    private static Div actions(Button button) {
        Div actions = new Div(button);
        actions.addClassName("task-actions");
        return actions;
    }

    private static Span span(String text, String className) {
        Span s = new Span(text);
        s.addClassName(className);
        return s;
    }

    private static Span badge(String text) {
        Span s = new Span(text);
        s.getElement().getThemeList().add("badge");
        s.addClassName("case-stage");
        return s;
    }
}
