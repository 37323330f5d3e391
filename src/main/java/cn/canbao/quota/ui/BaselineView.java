package cn.canbao.quota.ui;

import cn.canbao.base.DomainException;
import cn.canbao.base.ui.ChartOptions;
import cn.canbao.base.ui.EChart;
import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.SummaryCard;
import cn.canbao.base.ui.TitledView;
import cn.canbao.quota.Baseline;
import cn.canbao.quota.BaselineService;
import cn.canbao.quota.GroupCoverage;
import cn.canbao.region.RegionService;
import cn.canbao.region.RegionSummary;
import cn.canbao.register.person.PersonGroup;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import jakarta.annotation.security.PermitAll;
import java.text.NumberFormat;
import java.util.List;
import java.util.Map;

/**
 * The baseline table (参保扩面基数表) of a region and its children for an enrollment year, with the
 * columns of the campaign plans and the children's coverage as a chart against the 95 % goal.
 */
@Route("baseline/:code?")
@Menu(title = "menu.baseline", order = 15, icon = "vaadin:table")
@PermitAll
class BaselineView extends TitledView implements BeforeEnterObserver {

    private final BaselineService baseline;
    private final RegionService regions;
    private final H2 heading = new H2();
    private final Select<Integer> year = new Select<>();
    private final FlexLayout summary = new FlexLayout();
    private final EChart chart = new EChart();
    private final Grid<Baseline> grid = new Grid<>();
    private final Grid<GroupCoverage> newborns = groupGrid("baseline-newborns");
    private final Grid<GroupCoverage> hardship = groupGrid("baseline-hardship");
    private String code;

    BaselineView(BaselineService baseline, RegionService regions) {
        super("title.baseline");
        this.baseline = baseline;
        this.regions = regions;
        setWidthFull();
        year.setLabel(getTranslation("baseline.year"));
        year.setId("baseline-year");
        year.addValueChangeListener(e -> show());
        summary.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        summary.addClassNames("canbao-summary");
        chart.setHeight("320px");
        chart.setId("baseline-chart");
        chart.addClickListener(e -> grid.getListDataView()
                .getItems()
                .filter(b -> b.regionName().equals(e.name()) && !b.regionCode().equals(code))
                .findFirst()
                .ifPresent(b -> open(b.regionCode())));

        NumberFormat n = NumberFormat.getIntegerInstance(getLocale());
        grid.setId("baseline-table");
        grid.addColumn(Baseline::regionName)
                .setHeader(getTranslation("baseline.region"))
                .setAutoWidth(true)
                .setFrozen(true);
        grid.addColumn(b -> n.format(b.registered()))
                .setHeader(getTranslation("baseline.registered"))
                .setAutoWidth(true);
        grid.addColumn(b -> n.format(b.insuredLocal()))
                .setHeader(getTranslation("baseline.insuredLocal"))
                .setAutoWidth(true);
        grid.addColumn(b -> n.format(b.insuredElsewhere()))
                .setHeader(getTranslation("baseline.insuredElsewhere"))
                .setAutoWidth(true);
        grid.addColumn(b -> n.format(b.insuredTotal()))
                .setHeader(getTranslation("baseline.insuredTotal"))
                .setAutoWidth(true);
        grid.addColumn(b -> b.coverageRate() + "%")
                .setHeader(getTranslation("baseline.coverage"))
                .setAutoWidth(true);
        grid.addColumn(b -> n.format(b.uninsured()))
                .setHeader(getTranslation("baseline.uninsured"))
                .setAutoWidth(true);
        grid.addColumn(b -> b.uninsuredRate() + "%")
                .setHeader(getTranslation("baseline.uninsuredRate"))
                .setAutoWidth(true);
        grid.addColumn(b -> n.format(b.lapsed()))
                .setHeader(getTranslation("baseline.lapsed"))
                .setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.addItemClickListener(e -> {
            if (!e.getItem().regionCode().equals(code)) {
                open(e.getItem().regionCode());
            }
        });
        add(
                heading,
                year,
                summary,
                chart,
                grid,
                new H3(getTranslation("baseline.group.NEWBORN")),
                newborns,
                new H3(getTranslation("baseline.group.HARDSHIP")),
                hardship);
    }

    /** A 100% target group's table: members, enrolled, coverage and how many are missing to 100%. */
    private Grid<GroupCoverage> groupGrid(String id) {
        NumberFormat n = NumberFormat.getIntegerInstance(getLocale());
        Grid<GroupCoverage> g = new Grid<>();
        g.setId(id);
        g.addColumn(GroupCoverage::regionName)
                .setHeader(getTranslation("baseline.region"))
                .setAutoWidth(true)
                .setFrozen(true);
        g.addColumn(c -> n.format(c.registered()))
                .setHeader(getTranslation("baseline.group.registered"))
                .setAutoWidth(true);
        g.addColumn(c -> n.format(c.enrolled()))
                .setHeader(getTranslation("baseline.group.enrolled"))
                .setAutoWidth(true);
        g.addColumn(c -> c.coverageRate() + "%")
                .setHeader(getTranslation("baseline.coverage"))
                .setAutoWidth(true);
        g.addColumn(c -> n.format(c.remaining()))
                .setHeader(getTranslation("baseline.group.remaining"))
                .setAutoWidth(true);
        g.setAllRowsVisible(true);
        return g;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        code = event.getRouteParameters()
                .get("code")
                .orElseGet(() -> regions.roots().stream()
                        .map(RegionSummary::region)
                        .map(r -> r.code())
                        .findFirst()
                        .orElse(null));
        List<Integer> years = baseline.years();
        year.setItems(years);
        if (year.getValue() == null && !years.isEmpty()) {
            year.setValue(years.get(0));
        } else {
            show();
        }
    }

    private void open(String regionCode) {
        UI.getCurrent().navigate(BaselineView.class, new RouteParameters("code", regionCode));
    }

    private void show() {
        summary.removeAll();
        if (code == null || year.getValue() == null) {
            heading.setText(getTranslation("baseline.none"));
            grid.setItems(List.of());
            newborns.setItems(List.of());
            hardship.setItems(List.of());
            chart.setVisible(false);
            return;
        }
        List<Baseline> rows;
        try {
            rows = baseline.table(code, year.getValue());
        } catch (DomainException refused) {
            Messages.showError(this, refused);
            return;
        }
        if (rows.isEmpty()) {
            heading.setText(getTranslation("baseline.none"));
            grid.setItems(List.of());
            return;
        }
        Baseline total = rows.get(0);
        heading.setText(total.regionName() + " · " + getTranslation("baseline.title", year.getValue()));
        NumberFormat n = NumberFormat.getIntegerInstance(getLocale());
        summary.add(
                card("baseline.registered", n.format(total.registered())),
                card("baseline.insuredTotal", n.format(total.insuredTotal())),
                card("baseline.coverage", total.coverageRate() + "%"),
                card("baseline.uninsured", n.format(total.uninsured())),
                card("baseline.lapsed", n.format(total.lapsed())));
        // persons held in custody (justice data) are not in the figures above: say how many were left out
        int held = baseline.inCustody(code, year.getValue());
        if (held > 0) {
            Div custody = card("baseline.inCustody", n.format(held));
            custody.setId("baseline-in-custody");
            summary.add(custody);
        }
        grid.setItems(rows);
        List<GroupCoverage> groups = baseline.groupTable(code, year.getValue());
        newborns.setItems(
                groups.stream().filter(g -> g.group() == PersonGroup.NEWBORN).toList());
        hardship.setItems(
                groups.stream().filter(g -> g.group() == PersonGroup.HARDSHIP).toList());
        List<Baseline> children = rows.subList(1, rows.size());
        chart.setVisible(!children.isEmpty());
        chart.setOption(coverageChart(children));
    }

    private Div card(String key, String value) {
        return new SummaryCard(getTranslation(key), value);
    }

    private Map<String, Object> coverageChart(List<Baseline> children) {
        List<Baseline> sorted = children.stream()
                .sorted((a, b) -> a.coverageRate().compareTo(b.coverageRate()))
                .toList();
        Map<String, Object> option = ChartOptions.titled(
                getTranslation("baseline.chart"),
                ChartOptions.grid(50, 20, 80, 40),
                ChartOptions.slantedCategories(
                        sorted.stream().map(Baseline::regionName).toList(), 25));
        double min = sorted.stream()
                .mapToDouble(b -> b.coverageRate().doubleValue())
                .min()
                .orElse(0);
        option.put("yAxis", Map.of("type", "value", "min", Math.max(0, Math.floor(min / 5) * 5 - 5), "max", 100));
        Map<String, Object> bars = ChartOptions.bars(
                getTranslation("baseline.coverage"),
                sorted.stream()
                        .map(b -> ChartOptions.coloured(
                                b.coverageRate(), b.coverageRate().doubleValue() >= 95 ? "#2e9e5b" : "#d9822b"))
                        .toList());
        bars.put(
                "markLine",
                ChartOptions.markLine(
                        Map.of("yAxis", 95, "name", getTranslation("baseline.goal")), Map.of("formatter", "95%")));
        option.put("series", List.of(bars));
        return option;
    }
}
