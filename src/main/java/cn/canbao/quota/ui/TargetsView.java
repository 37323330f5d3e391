package cn.canbao.quota.ui;

import cn.canbao.base.ui.TitledView;
import cn.canbao.campaign.CampaignService;
import cn.canbao.quota.TargetHistoryEntry;
import cn.canbao.quota.TargetLevel;
import cn.canbao.quota.TargetRow;
import cn.canbao.quota.TargetService;
import cn.canbao.quota.TargetTable;
import cn.canbao.quota.workbook.TargetSheetRow;
import cn.canbao.quota.workbook.TargetWorkbook;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A campaign's targets at one level: the region's own target and its children's, with proposals,
 * assigned targets, whether each child confirmed its split and with what justification; drill-down,
 * the history of changes, and an Excel export.
 */
@Route("targets/:campaign/:code?")
@PermitAll
class TargetsView extends TitledView implements BeforeEnterObserver {

    private final DateTimeFormatter time;

    private final TargetService targets;
    private final CampaignService campaigns;
    private long campaignId;

    TargetsView(TargetService targets, CampaignService campaigns, Clock clock) {
        super("title.targets");
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(clock.getZone());
        this.targets = targets;
        this.campaigns = campaigns;
        setWidthFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        showRoute(
                () -> {
                    campaignId = Long.parseLong(
                            event.getRouteParameters().get("campaign").orElse("0"));
                    String code = event.getRouteParameters()
                            .get("code")
                            .orElseGet(() -> campaigns.get(campaignId).countyCode());
                    show(targets.table(campaignId, code));
                },
                () -> getTranslation(
                        "campaign.notFound",
                        event.getRouteParameters().get("campaign").orElse("")));
    }

    private void show(TargetTable table) {
        TargetRow own = table.region();
        add(new H2(own.regionName() + " · " + table.campaignName()));
        FlexLayout summary = new FlexLayout(
                TargetEditor.card(getTranslation("targets.target"), Integer.toString(own.target()), "targets-own"),
                TargetEditor.card(
                        getTranslation("targets.proposed"), Integer.toString(own.proposed()), "targets-own-proposed"),
                TargetEditor.card(
                        getTranslation("targets.childrenTotal"),
                        Integer.toString(table.childrenTarget()),
                        "targets-children-total"),
                TargetEditor.card(
                        getTranslation("targets.state"),
                        getTranslation(
                                own.confirmed()
                                        ? "targets.confirmed"
                                        : own.assigned() ? "targets.assignedState" : "targets.proposedState"),
                        "targets-state"));
        summary.addClassNames("canbao-summary");
        summary.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        add(summary);
        if (own.splitComment() != null) {
            add(new com.vaadin.flow.component.html.Paragraph(
                    getTranslation("targets.justification", own.splitComment())));
        }
        add(grid(table));
        Anchor export = new Anchor(download(table), getTranslation("targets.export"));
        export.setId("targets-export");
        add(export, new H3(getTranslation("targets.history")), history(table));
    }

    private Grid<TargetRow> grid(TargetTable table) {
        Grid<TargetRow> grid = new Grid<>();
        grid.setId("targets-table");
        grid.addColumn(TargetRow::regionName)
                .setHeader(getTranslation("targets.region"))
                .setAutoWidth(true)
                .setFrozen(true);
        grid.addColumn(TargetRow::uninsured)
                .setHeader(getTranslation("targets.uninsured"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(TargetRow::lapsed)
                .setHeader(getTranslation("targets.lapsed"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(TargetRow::proposed)
                .setHeader(getTranslation("targets.proposed"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(TargetRow::target)
                .setHeader(getTranslation("targets.target"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(r -> getTranslation(
                        r.confirmed()
                                ? "targets.confirmed"
                                : r.assigned() ? "targets.assignedState" : "targets.proposedState"))
                .setHeader(getTranslation("targets.state"))
                .setAutoWidth(true);
        grid.addColumn(r ->
                        r.splitDifference() == null ? "" : (r.splitDifference() > 0 ? "+" : "") + r.splitDifference())
                .setHeader(getTranslation("targets.splitDifference"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(r -> r.splitComment() == null ? "" : r.splitComment())
                .setHeader(getTranslation("targets.comment"))
                .setFlexGrow(1);
        grid.setItems(table.children());
        grid.setAllRowsVisible(true);
        grid.addItemClickListener(e -> {
            if (e.getItem().level() != TargetLevel.GRID) {
                UI.getCurrent()
                        .navigate(
                                TargetsView.class,
                                new RouteParameters(java.util.Map.of(
                                        "campaign",
                                        Long.toString(campaignId),
                                        "code",
                                        e.getItem().regionCode())));
            }
        });
        return grid;
    }

    private Grid<TargetHistoryEntry> history(TargetTable table) {
        Grid<TargetHistoryEntry> grid = new Grid<>();
        grid.setId("targets-history");
        grid.addColumn(h -> time.format(h.at()))
                .setHeader(getTranslation("targets.when"))
                .setAutoWidth(true);
        grid.addColumn(TargetHistoryEntry::regionName)
                .setHeader(getTranslation("targets.region"))
                .setAutoWidth(true);
        grid.addColumn(h -> getTranslation("targets.event." + h.event()))
                .setHeader(getTranslation("targets.event"))
                .setAutoWidth(true);
        grid.addColumn(h -> (h.oldTarget() == null ? "" : h.oldTarget() + " → ")
                        + (h.newTarget() == null ? "" : h.newTarget()))
                .setHeader(getTranslation("targets.change"))
                .setAutoWidth(true);
        grid.addColumn(h -> h.comment() == null ? "" : h.comment())
                .setHeader(getTranslation("targets.comment"))
                .setFlexGrow(1);
        grid.addColumn(TargetHistoryEntry::actor)
                .setHeader(getTranslation("targets.actor"))
                .setAutoWidth(true);
        List<TargetHistoryEntry> entries =
                targets.history(campaignId, table.region().regionCode());
        grid.setItems(entries);
        grid.setAllRowsVisible(entries.size() <= 50);
        return grid;
    }

    private DownloadHandler download(TargetTable table) {
        return event -> {
            event.setFileName("targets-" + campaignId + "-" + table.region().regionCode() + ".xlsx");
            event.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            TargetWorkbook.write(
                    table.region().regionName() + " · " + table.campaignName(),
                    table.children().stream()
                            .map(r -> new TargetSheetRow(
                                    r.regionCode(), r.regionName(), r.proposed(), r.target(), r.splitComment()))
                            .toList(),
                    table.region().target(),
                    event.getOutputStream());
        };
    }
}
