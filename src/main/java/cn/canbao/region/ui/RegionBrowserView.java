package cn.canbao.region.ui;

import cn.canbao.base.DomainException;
import cn.canbao.base.ui.ChartOptions;
import cn.canbao.base.ui.EChart;
import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.SummaryCard;
import cn.canbao.base.ui.TitledView;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.region.RegionSummary;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.treegrid.TreeGrid;
import com.vaadin.flow.data.provider.hierarchy.AbstractBackEndHierarchicalDataProvider;
import com.vaadin.flow.data.provider.hierarchy.HierarchicalQuery;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.router.RouteParameters;
import jakarta.annotation.security.PermitAll;
import java.text.NumberFormat;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The region browser: the user's subtree as a tree with child counts, a breadcrumb back up, and the
 * children's registered population as a bar chart; clicking a region (or its bar) drills down.
 */
@Route("regions/:code?")
@RouteAlias("")
@Menu(title = "menu.regions", order = 10, icon = "vaadin:sitemap")
@PermitAll
class RegionBrowserView extends TitledView implements BeforeEnterObserver {

    private final RegionService regions;
    private final H2 heading = new H2();
    private final HorizontalLayout breadcrumb = new HorizontalLayout();
    private final FlexLayout summary = new FlexLayout();
    private final TreeGrid<RegionSummary> tree = new TreeGrid<>();
    private final EChart chart = new EChart();
    private List<RegionSummary> children = List.of();

    RegionBrowserView(RegionService regions) {
        super("title.regionBrowser");
        this.regions = regions;
        setWidthFull();
        addClassNames("canbao-region-browser");
        breadcrumb.setId("region-breadcrumb");
        breadcrumb.setSpacing(false);
        breadcrumb.addClassNames("canbao-breadcrumb");
        summary.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        summary.addClassNames("canbao-summary");

        ComboBox<Region> search = new ComboBox<>();
        search.setPlaceholder(getTranslation("region.search"));
        search.setItems(q -> regions.search(q.getFilter().orElse(""), q.getOffset() + q.getLimit()).stream()
                .skip(q.getOffset()));
        search.setItemLabelGenerator(
                r -> r.name() + " · " + getTranslation(r.level().messageKey()) + " · " + r.code());
        search.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                open(e.getValue().code());
            }
        });
        search.setWidth("min(100%, 28em)");

        tree.setId("region-tree");
        tree.addComponentHierarchyColumn(this::nameLink)
                .setHeader(getTranslation("region.name"))
                .setFlexGrow(2);
        tree.addColumn(s -> s.region().code())
                .setHeader(getTranslation("region.code"))
                .setAutoWidth(true);
        tree.addColumn(s -> getTranslation(s.region().level().messageKey()))
                .setHeader(getTranslation("region.level"))
                .setAutoWidth(true);
        tree.addColumn(s -> s.childCount())
                .setHeader(getTranslation("region.childCount"))
                .setAutoWidth(true);
        tree.addColumn(s -> population(s.region()))
                .setHeader(getTranslation("region.population"))
                .setAutoWidth(true);
        tree.setAllRowsVisible(true);
        tree.setDataProvider(new ChildrenProvider());

        chart.setHeight("360px");
        chart.setId("region-chart");
        chart.addClickListener(e -> children.stream()
                .filter(c -> c.region().name().equals(e.name()))
                .findFirst()
                .ifPresent(c -> open(c.region().code())));

        add(heading, breadcrumb, search, summary, chart, tree);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String code = event.getRouteParameters().get("code").orElse(null);
        Region target = null;
        if (code != null) {
            try {
                target = regions.get(code);
            } catch (DomainException refused) {
                Messages.showError(this, refused);
            }
        }
        if (target == null) {
            target = regions.roots().stream()
                    .map(RegionSummary::region)
                    .findFirst()
                    .orElse(null);
        }
        show(target);
    }

    private void open(String code) {
        UI.getCurrent().navigate(RegionBrowserView.class, new RouteParameters("code", code));
    }

    private void show(Region region) {
        breadcrumb.removeAll();
        summary.removeAll();
        if (region == null) {
            heading.setText(getTranslation("region.none"));
            children = List.of();
            tree.getDataProvider().refreshAll();
            return;
        }
        heading.setText(region.name() + (region.deleted() ? " " + getTranslation("region.revoked") : ""));
        for (Region ancestor : regions.ancestorsInScope(region.code())) {
            breadcrumb.add(link(ancestor), new Span(" / "));
        }
        breadcrumb.add(new Span(region.name()));
        children = regions.children(region.code());
        Map<RegionLevel, Integer> counts = regions.countByLevel(region.code());
        region.level()
                .childLevel()
                .ifPresent(ignored -> Stream.of(RegionLevel.values())
                        .filter(l -> l.ordinal() > region.level().ordinal())
                        .forEach(l -> summary.add(card(getTranslation(l.messageKey()), counts.getOrDefault(l, 0)))));
        if (region.householdPopulation() != null) {
            summary.add(card(getTranslation("region.population"), region.householdPopulation()));
        }
        chart.setVisible(children.stream().anyMatch(c -> c.region().householdPopulation() != null));
        chart.setOption(populationChart());
        tree.getDataProvider().refreshAll();
    }

    private Map<String, Object> populationChart() {
        List<RegionSummary> sorted = children.stream()
                .filter(c -> c.region().householdPopulation() != null)
                .sorted(Comparator.comparing((RegionSummary c) -> c.region().householdPopulation())
                        .reversed())
                .toList();
        Map<String, Object> option = ChartOptions.titled(
                getTranslation("region.chart.population"),
                ChartOptions.grid(60, 20, 80, 40),
                // every name while they fit; with many children (or on a phone) ECharts thins them out
                ChartOptions.slantedCategories(
                        sorted.stream().map(c -> c.region().name()).toList(), 20));
        option.put("yAxis", Map.of("type", "value"));
        option.put(
                "series",
                List.of(ChartOptions.bars(
                        getTranslation("region.population"),
                        sorted.stream()
                                .map(c -> c.region().householdPopulation())
                                .toList(),
                        "#1676f3")));
        return option;
    }

    private Component nameLink(RegionSummary summary) {
        Anchor a = link(summary.region());
        if (summary.region().synthetic()) {
            a.getElement().setAttribute("title", getTranslation("region.synthetic"));
        }
        return a;
    }

    private Anchor link(Region region) {
        return new Anchor("regions/" + region.code(), region.name());
    }

    private Div card(String label, int value) {
        return new SummaryCard(
                label, NumberFormat.getIntegerInstance(getLocale()).format(value));
    }

    private String population(Region region) {
        return region.householdPopulation() == null
                ? ""
                : NumberFormat.getIntegerInstance(getLocale()).format(region.householdPopulation());
    }

    /** Children of the current region at the top, each expandable one level at a time. */
    private final class ChildrenProvider extends AbstractBackEndHierarchicalDataProvider<RegionSummary, Void> {
        @Override
        protected Stream<RegionSummary> fetchChildrenFromBackEnd(HierarchicalQuery<RegionSummary, Void> query) {
            List<RegionSummary> items = query.getParent() == null
                    ? children
                    : regions.children(query.getParent().region().code());
            return items.stream().skip(query.getOffset()).limit(query.getLimit());
        }

        @Override
        public int getChildCount(HierarchicalQuery<RegionSummary, Void> query) {
            return query.getParent() == null
                    ? children.size()
                    : query.getParent().childCount();
        }

        @Override
        public boolean hasChildren(RegionSummary item) {
            return item.childCount() > 0;
        }

        @Override
        public Object getId(RegionSummary item) {
            return item.region().code();
        }
    }
}
