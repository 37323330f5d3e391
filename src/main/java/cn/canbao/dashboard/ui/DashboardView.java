package cn.canbao.dashboard.ui;

import cn.canbao.base.AccessRefused;
import cn.canbao.base.DomainException;
import cn.canbao.base.ui.EChart;
import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.SummaryCard;
import cn.canbao.base.ui.TitledView;
import cn.canbao.campaign.Campaign;
import cn.canbao.dashboard.Dashboard;
import cn.canbao.dashboard.DashboardService;
import cn.canbao.dashboard.RegionFigures;
import cn.canbao.dashboard.RegisterCoverage;
import cn.canbao.quota.Baseline;
import cn.canbao.region.Region;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * 数据看板: a leader's region in a campaign at a glance — progress against the expected line, the children's
 * coverage and ranking with the bulletin's colour bands, reasons for non-enrolment, the outreach funnel and SMS
 * delivery. A click on a child (bar or row) drills one level down; the breadcrumb goes back up. Every chart's
 * data downloads as Excel; the page prints on one A4 sheet and stacks its cards on phones.
 */
@Route("dashboard/:code?")
@Menu(title = "menu.dashboard", order = 14, icon = "vaadin:dashboard")
// township cadres and supervisors see only what DashboardService's grants give them (their villages, the county)
@RolesAllowed({"ADMIN", "CLERK", "COUNTY_LEADER", "TOWNSHIP_LEADER", "VILLAGE_CADRE", "TOWNSHIP_CADRE", "SUPERVISOR"})
class DashboardView extends TitledView implements BeforeEnterObserver {

    static final String CAMPAIGN = "campaign";
    private final DateTimeFormatter time;

    private final DashboardService dashboards;
    private final H2 heading = new H2();
    private final FlexLayout breadcrumb = new FlexLayout();
    private final FlexLayout granted = new FlexLayout();
    private final Select<Campaign> campaign = new Select<>();
    private final Span asOf = new Span();
    private final FlexLayout summary = new FlexLayout();
    private final Div cards = new Div();
    private String code;
    private boolean entering;

    DashboardView(DashboardService dashboards, Clock clock) {
        super("title.dashboard");
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(clock.getZone());
        this.dashboards = dashboards;
        setWidthFull();
        addClassNames("dashboard-view");
        heading.setId("dashboard-title");
        breadcrumb.setId("dashboard-breadcrumb");
        breadcrumb.addClassNames("canbao-breadcrumb", "dashboard-breadcrumb");
        breadcrumb.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        granted.setId("dashboard-granted");
        granted.addClassNames("canbao-breadcrumb", "dashboard-breadcrumb");
        granted.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        campaign.setId("dashboard-campaign");
        campaign.setLabel(getTranslation("dashboard.campaign"));
        campaign.setItemLabelGenerator(c -> Messages.withDetail(this, c.name(), c.year()));
        campaign.addValueChangeListener(e -> {
            if (!entering && e.getValue() != null) {
                open(e.getValue().id(), dashboards.startRegion(e.getValue().id()));
            }
        });
        asOf.setId("dashboard-as-of");
        asOf.addClassNames("dashboard-as-of");
        Button print = new Button(
                getTranslation("dashboard.print"),
                VaadinIcon.PRINT.create(),
                e -> UI.getCurrent().getPage().executeJs("window.print()"));
        print.setId("dashboard-print");
        print.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        FlexLayout controls = new FlexLayout(campaign, asOf, print);
        controls.addClassNames("dashboard-controls");
        controls.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        if (CurrentUser.get()
                .map(u -> u.hasRole(Role.COUNTY_LEADER) || u.hasRole(Role.CLERK) || u.hasRole(Role.ADMIN))
                .orElse(false)) {
            Button refresh =
                    new Button(getTranslation("dashboard.refresh"), VaadinIcon.REFRESH.create(), e -> refreshNow());
            refresh.setId("dashboard-refresh");
            refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            controls.add(refresh);
        }
        summary.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        summary.addClassNames("canbao-summary", "dashboard-summary");
        cards.addClassNames("dashboard-cards");
        add(heading, breadcrumb, granted, controls, summary, cards);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<Campaign> campaigns = dashboards.campaigns();
        Optional<Long> requested = event.getLocation()
                .getQueryParameters()
                .getSingleParameter(CAMPAIGN)
                .flatMap(DashboardView::parseLong);
        Campaign chosen = campaigns.stream()
                .filter(c -> requested.isEmpty() || c.id() == requested.get())
                .findFirst()
                .orElse(campaigns.isEmpty() ? null : campaigns.get(0));
        entering = true;
        try {
            campaign.setItems(campaigns);
            campaign.setValue(chosen);
        } finally {
            entering = false;
        }
        if (chosen == null) {
            heading.setText(getTranslation("dashboard.noCampaign"));
            showRegisterCoverage();
            return;
        }
        code = event.getRouteParameters().get("code").orElseGet(() -> dashboards.startRegion(chosen.id()));
        show();
    }

    private void open(long campaignId, String regionCode) {
        UI.getCurrent()
                .navigate(
                        "dashboard/" + regionCode, QueryParameters.simple(Map.of(CAMPAIGN, Long.toString(campaignId))));
    }

    private void refreshNow() {
        if (campaign.getValue() == null) {
            // no campaign: the register's coverage is read afresh (the baseline refreshes after imports and nightly)
            showRegisterCoverage();
            return;
        }
        Messages.attempt(this, () -> {
            dashboards.refreshNow(campaign.getValue().id());
            show();
        });
    }

    private void show() {
        summary.removeAll();
        cards.removeAll();
        breadcrumb.removeAll();
        showGranted();
        Dashboard d;
        try {
            d = dashboards.dashboard(campaign.getValue().id(), code);
        } catch (DomainException refused) {
            heading.setText(getTranslation("dashboard.title"));
            Messages.showError(this, refused);
            return;
        }
        heading.setText(d.region().name() + " · " + getTranslation("dashboard.title"));
        for (Region r : d.breadcrumb()) {
            if (!breadcrumb.getChildren().toList().isEmpty()) {
                breadcrumb.add(new Span("›"));
            }
            if (r.code().equals(d.region().code())) {
                breadcrumb.add(new Span(r.name()));
            } else {
                Anchor up = new Anchor(
                        "dashboard/" + r.code() + "?" + CAMPAIGN + "="
                                + d.campaign().id(),
                        r.name());
                up.setId("dashboard-up-" + r.code());
                breadcrumb.add(up);
            }
        }
        if (d.empty()) {
            asOf.setText(getTranslation("dashboard.notRefreshed"));
            return;
        }
        asOf.setText(getTranslation(
                "dashboard.asOf",
                d.asOf().toString(),
                time.format(d.refreshedAt()),
                d.expected().toPlainString()));
        summaryCards(d);
        DashboardCharts.Texts texts = this::getTranslation;
        cards.add(chartCard("progress", DashboardCharts.progress(d, texts), () -> progressSheet(d)));
        if (!d.children().isEmpty()) {
            EChart coverage = chart("coverage", DashboardCharts.coverage(d, texts));
            coverage.addClickListener(e -> d.children().stream()
                    .filter(c -> c.regionName().equals(e.name()))
                    .findFirst()
                    .ifPresent(c -> open(d.campaign().id(), c.regionCode())));
            cards.add(card("coverage", coverage, () -> childrenSheet(d)));
            cards.add(card("ranking", ranking(d), () -> childrenSheet(d)));
        }
        cards.add(chartCard("reasons", DashboardCharts.reasons(d, texts), () -> reasonSheet(d)));
        cards.add(chartCard("funnel", DashboardCharts.funnel(d, texts), () -> funnelSheet(d)));
        cards.add(chartCard("sms", DashboardCharts.sms(d, texts), () -> smsSheet(d)));
    }

    /**
     * Before any campaign: the register's coverage in the caller's region (the baseline of its newest enrollment year)
     * and in the regions below it. Township cadres and supervisors see a dashboard only through a campaign's grants.
     */
    private void showRegisterCoverage() {
        summary.removeAll();
        cards.removeAll();
        breadcrumb.removeAll();
        granted.removeAll();
        asOf.setText("");
        Optional<RegisterCoverage> found;
        try {
            found = dashboards.registerCoverage();
        } catch (AccessRefused notAReader) {
            return;
        }
        if (found.isEmpty()) {
            asOf.setText(getTranslation("dashboard.register.none"));
            return;
        }
        RegisterCoverage c = found.get();
        code = c.region().code();
        asOf.setText(getTranslation("dashboard.register.asOf", c.region().name(), String.valueOf(c.year())));
        NumberFormat n = NumberFormat.getIntegerInstance(getLocale());
        Baseline t = c.total();
        summary.add(
                SummaryCard.of(
                        getTranslation("dashboard.registered"), n.format(t.registered()), "dashboard-registered"),
                SummaryCard.of(getTranslation("dashboard.insured"), n.format(t.insuredTotal()), "dashboard-insured"),
                SummaryCard.of(getTranslation("dashboard.uninsured"), n.format(t.uninsured()), "dashboard-uninsured"),
                SummaryCard.of(
                        getTranslation("dashboard.coverage.rate"), t.coverageRate() + "%", "dashboard-coverage"));
        if (!c.children().isEmpty()) {
            cards.add(card("register", registerGrid(c), () -> registerSheet(c)));
        }
    }

    private Grid<Baseline> registerGrid(RegisterCoverage c) {
        Grid<Baseline> grid = new Grid<>();
        grid.setId("dashboard-register-coverage");
        grid.addColumn(Baseline::regionName)
                .setHeader(getTranslation("dashboard.col.region"))
                .setAutoWidth(true);
        grid.addColumn(Baseline::registered)
                .setHeader(getTranslation("dashboard.registered"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(Baseline::insuredTotal)
                .setHeader(getTranslation("dashboard.insured"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(Baseline::uninsured)
                .setHeader(getTranslation("dashboard.uninsured"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(b -> b.coverageRate() + "%")
                .setHeader(getTranslation("dashboard.coverage.rate"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.setItems(c.children());
        grid.setHeight("300px");
        return grid;
    }

    private DashboardWorkbook.Sheet registerSheet(RegisterCoverage c) {
        List<List<Object>> rows = new ArrayList<>();
        for (Baseline b : c.children()) {
            rows.add(List.of(
                    b.regionName(), b.regionCode(), b.registered(), b.insuredTotal(), b.uninsured(), b.coverageRate()));
        }
        return new DashboardWorkbook.Sheet(
                getTranslation("dashboard.card.register"),
                getTranslation("dashboard.register.asOf", c.region().name(), String.valueOf(c.year())),
                List.of(
                        getTranslation("dashboard.col.region"), getTranslation("dashboard.col.code"),
                        getTranslation("dashboard.registered"), getTranslation("dashboard.insured"),
                        getTranslation("dashboard.uninsured"), getTranslation("dashboard.coverage.rate") + " %"),
                rows);
    }

    /** A cadre's villages (包村) or a supervisor's county, when an assignment grants more than one place. */
    private void showGranted() {
        granted.removeAll();
        List<Region> places = dashboards.granted(campaign.getValue().id());
        if (places.size() < 2) {
            return;
        }
        granted.add(new Span(getTranslation("dashboard.granted")));
        for (Region r : places) {
            Anchor place = new Anchor(
                    "dashboard/" + r.code() + "?" + CAMPAIGN + "="
                            + campaign.getValue().id(),
                    r.name());
            place.setId("dashboard-granted-" + r.code());
            granted.add(place);
        }
    }

    private void summaryCards(Dashboard d) {
        NumberFormat n = NumberFormat.getIntegerInstance(getLocale());
        RegionFigures t = d.total();
        summary.add(
                SummaryCard.of(
                        getTranslation("dashboard.registered"), n.format(t.registered()), "dashboard-registered"),
                SummaryCard.of(getTranslation("dashboard.insured"), n.format(t.insured()), "dashboard-insured"),
                SummaryCard.of(getTranslation("dashboard.coverage.rate"), t.coverageRate() + "%", "dashboard-coverage"),
                SummaryCard.of(getTranslation("dashboard.target"), n.format(t.target()), "dashboard-target"),
                SummaryCard.of(getTranslation("dashboard.enrolled"), n.format(t.enrolled()), "dashboard-enrolled"),
                SummaryCard.of(getTranslation("dashboard.completion"), t.completion() + "%", "dashboard-completion"));
    }

    private Div chartCard(String key, Map<String, Object> option, Supplier<DashboardWorkbook.Sheet> sheet) {
        return card(key, chart(key, option), sheet);
    }

    private static EChart chart(String key, Map<String, Object> option) {
        EChart chart = new EChart();
        chart.setId("dashboard-chart-" + key);
        chart.setHeight("300px");
        chart.addClassNames("dashboard-chart");
        chart.setOption(option);
        return chart;
    }

    private Div card(String key, Component content, Supplier<DashboardWorkbook.Sheet> sheet) {
        H3 title = new H3(getTranslation("dashboard.card." + key));
        Anchor excel = new Anchor(
                (DownloadHandler) event -> {
                    DashboardWorkbook.Sheet data = sheet.get();
                    event.setFileName("dashboard-" + key + "-" + code + ".xlsx");
                    event.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                    DashboardWorkbook.write(data, event.getOutputStream());
                },
                getTranslation("dashboard.excel"));
        excel.setId("dashboard-excel-" + key);
        excel.addClassNames("dashboard-excel");
        Div head = new Div(title, excel);
        head.addClassNames("dashboard-card-head");
        Div card = new Div(head, content);
        card.setId("dashboard-card-" + key);
        card.addClassNames("dashboard-card");
        return card;
    }

    private Grid<RegionFigures> ranking(Dashboard d) {
        Grid<RegionFigures> grid = new Grid<>();
        grid.setId("dashboard-ranking");
        List<RegionFigures> rows = d.children();
        grid.addColumn(r -> rows.indexOf(r) + 1)
                .setHeader(getTranslation("dashboard.col.rank"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END)
                .setFlexGrow(0);
        grid.addColumn(RegionFigures::regionName)
                .setHeader(getTranslation("dashboard.col.region"))
                .setAutoWidth(true);
        grid.addColumn(RegionFigures::target)
                .setHeader(getTranslation("dashboard.target"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(RegionFigures::enrolled)
                .setHeader(getTranslation("dashboard.enrolled"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(r -> r.completion() + "%")
                .setHeader(getTranslation("dashboard.completion"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(r -> r.coverageRate() + "%")
                .setHeader(getTranslation("dashboard.coverage.rate"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(new ComponentRenderer<>(r -> {
                    Span band = new Span(getTranslation(r.band().messageKey()));
                    band.addClassNames(
                            "bulletin-band", "bulletin-band-" + r.band().name());
                    return band;
                }))
                .setHeader(getTranslation("dashboard.col.band"))
                .setAutoWidth(true);
        grid.setItems(rows);
        grid.setHeight("300px");
        grid.addItemClickListener(e -> open(d.campaign().id(), e.getItem().regionCode()));
        return grid;
    }

    private String title(Dashboard d, String key) {
        return d.region().name() + " · " + d.campaign().name() + " · " + getTranslation("dashboard.card." + key) + " · "
                + getTranslation("dashboard.asOfDay", d.asOf().toString());
    }

    private DashboardWorkbook.Sheet progressSheet(Dashboard d) {
        List<List<Object>> rows = new ArrayList<>();
        d.progress()
                .forEach(p ->
                        rows.add(List.of(p.day().toString(), p.target(), p.enrolled(), p.completion(), p.expected())));
        return new DashboardWorkbook.Sheet(
                getTranslation("dashboard.card.progress"),
                title(d, "progress"),
                List.of(
                        getTranslation("dashboard.col.day"),
                        getTranslation("dashboard.target"),
                        getTranslation("dashboard.enrolled"),
                        getTranslation("dashboard.progress.actual") + " %",
                        getTranslation("dashboard.progress.expected") + " %"),
                rows);
    }

    private DashboardWorkbook.Sheet childrenSheet(Dashboard d) {
        List<List<Object>> rows = new ArrayList<>();
        int rank = 1;
        for (RegionFigures r : d.children()) {
            rows.add(List.of(
                    rank++,
                    r.regionName(),
                    r.regionCode(),
                    r.registered(),
                    r.insured(),
                    r.coverageRate(),
                    r.target(),
                    r.enrolled(),
                    r.completion(),
                    getTranslation(r.band().messageKey())));
        }
        return new DashboardWorkbook.Sheet(
                getTranslation("dashboard.card.ranking"),
                title(d, "ranking"),
                List.of(
                        getTranslation("dashboard.col.rank"),
                        getTranslation("dashboard.col.region"),
                        getTranslation("dashboard.col.code"),
                        getTranslation("dashboard.registered"),
                        getTranslation("dashboard.insured"),
                        getTranslation("dashboard.coverage.rate") + " %",
                        getTranslation("dashboard.target"),
                        getTranslation("dashboard.enrolled"),
                        getTranslation("dashboard.completion") + " %",
                        getTranslation("dashboard.col.band")),
                rows);
    }

    private DashboardWorkbook.Sheet reasonSheet(Dashboard d) {
        List<List<Object>> rows = new ArrayList<>();
        d.reasons().forEach(r -> rows.add(List.of(getTranslation(r.messageKey()), r.persons())));
        return new DashboardWorkbook.Sheet(
                getTranslation("dashboard.card.reasons"),
                title(d, "reasons"),
                List.of(getTranslation("dashboard.col.reason"), getTranslation("dashboard.col.persons")),
                rows);
    }

    private DashboardWorkbook.Sheet funnelSheet(Dashboard d) {
        List<String> names = DashboardCharts.funnelNames(this::getTranslation);
        RegionFigures t = d.total();
        int[] values = {t.outreach(), t.reminded(), t.visited(), t.promised(), t.paid()};
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            rows.add(List.of(names.get(i), values[i]));
        }
        return new DashboardWorkbook.Sheet(
                getTranslation("dashboard.card.funnel"),
                title(d, "funnel"),
                List.of(getTranslation("dashboard.col.stage"), getTranslation("dashboard.col.persons")),
                rows);
    }

    private DashboardWorkbook.Sheet smsSheet(Dashboard d) {
        List<List<Object>> rows = new ArrayList<>();
        d.sms().forEach(s -> rows.add(List.of(s.day().toString(), s.sent(), s.delivered(), s.failed())));
        return new DashboardWorkbook.Sheet(
                getTranslation("dashboard.card.sms"),
                title(d, "sms"),
                List.of(
                        getTranslation("dashboard.col.day"), getTranslation("dashboard.sms.sent"),
                        getTranslation("dashboard.sms.delivered"), getTranslation("dashboard.sms.failed")),
                rows);
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
