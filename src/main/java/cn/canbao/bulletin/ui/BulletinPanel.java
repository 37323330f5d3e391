package cn.canbao.bulletin.ui;

import cn.canbao.base.ui.ChartOptions;
import cn.canbao.base.ui.EChart;
import cn.canbao.base.ui.Messages;
import cn.canbao.bulletin.Bulletin;
import cn.canbao.bulletin.BulletinBand;
import cn.canbao.bulletin.BulletinRow;
import cn.canbao.bulletin.export.BulletinExports;
import cn.canbao.quota.GroupCoverage;
import cn.canbao.register.person.PersonGroup;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * One bulletin as the views show it: period and expected line, the county leader's remarks, the
 * completion chart with the expected line, the ranked table with the bands coloured, and downloads.
 */
class BulletinPanel extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** {@code zone}: the counties' (the application clock's), in which times are shown. */
    BulletinPanel(
            Bulletin b,
            List<BulletinRow> rows,
            List<GroupCoverage> groups,
            BulletinExports exports,
            boolean showRemarks,
            ZoneId zone) {
        setPadding(false);
        setWidthFull();
        addClassNames("bulletin-panel");
        Span period =
                new Span(getTranslation("bulletin.periodEnd", b.periodEnd().toString()));
        Span expected = new Span(
                rows.isEmpty()
                        ? ""
                        : getTranslation(
                                "bulletin.expected",
                                rows.get(0).expectedCompletion().toPlainString()));
        Span status = new Span(
                b.published() && b.publishedAt() != null
                        ? getTranslation(
                                "bulletin.publishedBy",
                                b.publishedBy(),
                                TIME.withZone(zone).format(b.publishedAt()))
                        : getTranslation(b.status().messageKey()));
        status.setId("bulletin-status");
        status.addClassNames("bulletin-status", "bulletin-status-" + b.status().name());
        FlexLayout facts = new FlexLayout(period, expected, status);
        facts.addClassNames("bulletin-facts");
        facts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        add(facts);
        if (showRemarks && b.remarks() != null) {
            Paragraph remarks = new Paragraph(Messages.labelled(this, getTranslation("bulletin.remarks"), b.remarks()));
            remarks.setId("bulletin-remarks-text");
            remarks.addClassNames("bulletin-remarks");
            add(remarks);
        }
        add(chart(rows), grid(rows), new Span(getTranslation("bulletin.legend", BulletinBand.YELLOW_POINTS)));
        for (PersonGroup group : List.of(PersonGroup.NEWBORN, PersonGroup.HARDSHIP)) {
            List<GroupCoverage> of =
                    groups.stream().filter(g -> g.group() == group).toList();
            if (!of.isEmpty()) {
                add(
                        new H3(getTranslation("baseline.group." + group.name())),
                        groupGrid("bulletin-" + group.name().toLowerCase(java.util.Locale.ROOT), of));
            }
        }
        add(downloads(b, exports));
    }

    /** A 100% target group: the county and its townships, members, enrolled, coverage, missing to 100%. */
    private Grid<GroupCoverage> groupGrid(String id, List<GroupCoverage> rows) {
        Grid<GroupCoverage> grid = new Grid<>();
        grid.setId(id);
        grid.addColumn(GroupCoverage::regionName)
                .setHeader(getTranslation("bulletin.col.region"))
                .setAutoWidth(true)
                .setFrozen(true);
        grid.addColumn(g -> Integer.toString(g.registered()))
                .setHeader(getTranslation("baseline.group.registered"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(g -> Integer.toString(g.enrolled()))
                .setHeader(getTranslation("baseline.group.enrolled"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(g -> g.coverageRate().toPlainString() + "%")
                .setHeader(getTranslation("bulletin.col.coverage"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(g -> Integer.toString(g.remaining()))
                .setHeader(getTranslation("baseline.group.remaining"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.setItems(rows);
        grid.setAllRowsVisible(true);
        return grid;
    }

    private Grid<BulletinRow> grid(List<BulletinRow> rows) {
        Grid<BulletinRow> grid = new Grid<>();
        grid.setId("bulletin-table");
        grid.addColumn(BulletinRow::rank)
                .setHeader(getTranslation("bulletin.col.rank"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END)
                .setFrozen(true);
        grid.addColumn(BulletinRow::townshipName)
                .setHeader(getTranslation("bulletin.col.township"))
                .setAutoWidth(true)
                .setFrozen(true);
        number(grid, "bulletin.col.target", r -> Integer.toString(r.target()));
        number(grid, "bulletin.col.enrolled", r -> Integer.toString(r.enrolled()));
        number(grid, "bulletin.col.completion", r -> r.completion().toPlainString() + "%");
        grid.addColumn(new ComponentRenderer<>(r -> {
                    Span change = new Span(r.changeText());
                    change.addClassNames(
                            r.change() == null || r.change().signum() == 0
                                    ? "bulletin-flat"
                                    : r.change().signum() > 0 ? "bulletin-up" : "bulletin-down");
                    return change;
                }))
                .setHeader(getTranslation("bulletin.col.change"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        number(grid, "bulletin.col.coverage", r -> r.coverageRate().toPlainString() + "%");
        number(grid, "bulletin.col.onTime", r -> Integer.toString(r.reportsOnTime()));
        number(grid, "bulletin.col.late", r -> Integer.toString(r.reportsLate()));
        number(grid, "bulletin.col.missing", r -> Integer.toString(r.reportsMissing()));
        grid.addColumn(new ComponentRenderer<>(r -> {
                    Span band = new Span(getTranslation(r.band().messageKey()));
                    band.addClassNames(
                            "bulletin-band", "bulletin-band-" + r.band().name());
                    return band;
                }))
                .setHeader(getTranslation("bulletin.col.band"))
                .setAutoWidth(true);
        grid.addColumn(r -> !r.lagging()
                        ? ""
                        : getTranslation("bulletin.lagging")
                                + (r.escalationCaseId() != null ? " · " + getTranslation("bulletin.summoned") : ""))
                .setHeader(getTranslation("bulletin.col.lagging"))
                .setAutoWidth(true);
        grid.setItems(rows);
        grid.setAllRowsVisible(true);
        return grid;
    }

    private void number(
            Grid<BulletinRow> grid, String header, com.vaadin.flow.function.ValueProvider<BulletinRow, String> value) {
        grid.addColumn(value)
                .setHeader(getTranslation(header))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
    }

    private EChart chart(List<BulletinRow> rows) {
        EChart chart = new EChart();
        chart.setId("bulletin-chart");
        chart.setHeight("340px");
        Map<String, Object> option = ChartOptions.titled(
                getTranslation("bulletin.chart"),
                ChartOptions.grid(50, 60, 80, 40),
                // every township's name, however many
                ChartOptions.slantedCategories(
                        rows.stream().map(BulletinRow::townshipName).toList(), Integer.MAX_VALUE));
        option.put("yAxis", Map.of("type", "value", "min", 0, "axisLabel", Map.of("formatter", "{value}%")));
        String expected =
                rows.isEmpty() ? "0" : rows.get(0).expectedCompletion().toPlainString();
        String expectedName = getTranslation("bulletin.chart.expected");
        Map<String, Object> bars = ChartOptions.bars(
                getTranslation("bulletin.col.completion"),
                rows.stream()
                        .map(r -> ChartOptions.coloured(r.completion(), barColor(r.band())))
                        .toList());
        bars.put(
                "markLine",
                ChartOptions.markLine(
                        Map.of("yAxis", expected, "name", expectedName),
                        Map.of(
                                "position",
                                "insideEndTop",
                                "backgroundColor",
                                "#ffffff",
                                "padding",
                                2,
                                "formatter",
                                expectedName + " " + expected + "%"),
                        "#1f5fa8"));
        option.put("series", List.of(bars));
        chart.setOption(option);
        return chart;
    }

    private static String barColor(BulletinBand band) {
        return switch (band) {
            case GREEN -> "#2e9e5b";
            case YELLOW -> "#d9a21b";
            case RED -> "#d0453a";
        };
    }

    private FlexLayout downloads(Bulletin b, BulletinExports exports) {
        FlexLayout links = new FlexLayout();
        links.addClassNames("bulletin-downloads");
        if (exports.pdfAvailable()) {
            Anchor pdf = new Anchor(
                    (DownloadHandler) event -> {
                        event.setFileName(BulletinExports.fileName(b, "pdf"));
                        event.setContentType(BulletinExports.PDF);
                        exports.pdf(b, event.getOutputStream());
                    },
                    getTranslation("bulletin.downloadPdf"));
            pdf.setId("bulletin-pdf");
            links.add(pdf);
        } else {
            // no CJK font on the server: say so instead of offering a PDF of empty boxes
            Button pdf = new Button(getTranslation("bulletin.downloadPdf"), VaadinIcon.FILE_TEXT_O.create(), e -> {
                Messages.attempt(this, () -> exports.pdf(b, java.io.OutputStream.nullOutputStream()));
            });
            pdf.setId("bulletin-pdf");
            links.add(pdf);
        }
        Anchor excel = new Anchor(
                (DownloadHandler) event -> {
                    event.setFileName(BulletinExports.fileName(b, "xlsx"));
                    event.setContentType(BulletinExports.XLSX);
                    exports.excel(b, event.getOutputStream());
                },
                getTranslation("bulletin.downloadExcel"));
        excel.setId("bulletin-excel");
        links.add(excel);
        return links;
    }
}
