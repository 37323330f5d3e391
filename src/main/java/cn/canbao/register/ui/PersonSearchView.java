package cn.canbao.register.ui;

import cn.canbao.base.DomainException;
import cn.canbao.base.Translatable;
import cn.canbao.base.ui.TitledView;
import cn.canbao.region.Region;
import cn.canbao.region.RegionService;
import cn.canbao.register.directory.PersonDirectory;
import cn.canbao.register.directory.PersonRow;
import cn.canbao.register.directory.PersonSearch;
import cn.canbao.register.person.NotEnrolledReason;
import cn.canbao.register.person.PersonGroup;
import cn.canbao.register.person.PersonStatus;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Year;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Finding persons: a search box (ID number, mobile or name) with filters over a lazily loaded grid
 * showing masked ID numbers; a row opens the person's file. Scoping is the directory's: everyone sees
 * their own subtree. On phones the grid keeps name, masked ID and status, and the filters fold away.
 */
@Route("persons")
@Menu(title = "menu.persons", order = 20, icon = "vaadin:search")
@RolesAllowed({"ADMIN", "CLERK", "COUNTY_LEADER", "TOWNSHIP_LEADER", "VILLAGE_CADRE", "GRID_WORKER"})
class PersonSearchView extends TitledView {

    private static final int NARROW = 640;

    private final PersonDirectory directory;
    private final TextField text = new TextField();
    private final ComboBox<Region> region = new ComboBox<>();
    private final Select<PersonStatus> status = new Select<>();
    private final Select<PersonGroup> group = new Select<>();
    private final Select<NotEnrolledReason> reason = new Select<>();
    private final Select<Boolean> enrolled = new Select<>();
    private final Select<Integer> year = new Select<>();
    private final FlexLayout filters = new FlexLayout();
    private final Span total = new Span();
    private final Grid<PersonRow> grid = new Grid<>();
    private final List<Grid.Column<PersonRow>> wideOnly;
    private Registration resizing;
    private final Clock clock;

    PersonSearchView(PersonDirectory directory, RegionService regions, Clock clock) {
        super("title.personSearch");
        this.clock = clock;
        this.directory = directory;
        setSizeFull();
        HorizontalLayout bar = searchBar();
        buildFilters(regions);
        wideOnly = buildGrid();
        total.setId("person-count");

        restore(regions);
        text.addValueChangeListener(e -> refresh());
        region.addValueChangeListener(e -> refresh());
        List.of(status, group, reason, enrolled, year).forEach(s -> s.addValueChangeListener(e -> refresh()));

        add(new H2(getTranslation("persons.title")), bar, filters, total, grid);
        setFlexGrow(1, grid);
    }

    private HorizontalLayout searchBar() {
        text.setId("person-search");
        text.setPlaceholder(getTranslation("persons.search"));
        text.setPrefixComponent(VaadinIcon.SEARCH.create());
        text.setClearButtonVisible(true);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setWidthFull();
        Button toggle = new Button(
                getTranslation("persons.filters"),
                VaadinIcon.FILTER.create(),
                e -> filters.setVisible(!filters.isVisible()));
        toggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        toggle.setId("person-filters-toggle");
        // the matching files as CSV with the Yancheng pilot's 档案编号, 档案类型, 建档标识 (masked like the list)
        com.vaadin.flow.component.html.Anchor export =
                new com.vaadin.flow.component.html.Anchor(exportCsv(), getTranslation("persons.export"));
        export.setId("person-export");
        HorizontalLayout bar = new HorizontalLayout(text, toggle, export);
        bar.setWidthFull();
        bar.setAlignItems(Alignment.BASELINE);
        return bar;
    }

    private com.vaadin.flow.server.streams.DownloadHandler exportCsv() {
        return event -> {
            PersonSearch search = criteria();
            java.util.Locale locale = getLocale();
            event.setFileName("persons.csv");
            event.setContentType("text/csv;charset=UTF-8");
            var out = new java.io.OutputStreamWriter(event.getOutputStream(), java.nio.charset.StandardCharsets.UTF_8);
            directory.exportCsv(search, out, key -> getTranslation(locale, key));
        };
    }

    private void buildFilters(RegionService regions) {
        region.setId("person-region");
        region.setLabel(getTranslation("persons.region"));
        region.setItems(q -> regions.search(q.getFilter().orElse(""), q.getOffset() + q.getLimit()).stream()
                .skip(q.getOffset()));
        region.setItemLabelGenerator(r -> r.name() + " · " + r.code());
        region.setClearButtonVisible(true);
        region.setPlaceholder(getTranslation("persons.any"));
        region.setWidth("14em");
        choices(status, "persons.status", PersonStatus.values());
        choices(group, "persons.group", PersonGroup.values());
        choices(reason, "persons.reason", NotEnrolledReason.values());
        status.setWidth("8em");
        group.setWidth("11em");
        reason.setWidth("11em");
        enrolled.setLabel(getTranslation("persons.enrolled"));
        enrolled.setItems(true, false);
        enrolled.setEmptySelectionAllowed(true);
        enrolled.setEmptySelectionCaption(getTranslation("persons.any"));
        enrolled.setItemLabelGenerator(
                b -> b == null ? getTranslation("persons.any") : getTranslation("persons.enrolled." + b));
        enrolled.setWidth("8em");
        int thisYear = Year.now(clock).getValue();
        year.setLabel(getTranslation("persons.year"));
        year.setItems(IntStream.rangeClosed(thisYear - 6, thisYear + 1)
                .boxed()
                .sorted((a, b) -> b - a)
                .toList());
        year.setValue(thisYear);
        year.setWidth("7em");
        filters.add(region, status, group, reason, enrolled, year);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.addClassNames(LumoUtility.Gap.SMALL);
        filters.setWidthFull();
        filters.setId("person-filters");
    }

    /** The grid, lazily loaded page by page; returns the columns only wide screens show. */
    private List<Grid.Column<PersonRow>> buildGrid() {
        grid.setId("person-grid");
        grid.addColumn(PersonRow::name)
                .setHeader(getTranslation("persons.name"))
                .setAutoWidth(true)
                .setFlexGrow(1);
        grid.addColumn(PersonRow::maskedIdNumber)
                .setHeader(getTranslation("persons.idNumber"))
                .setAutoWidth(true);
        Grid.Column<PersonRow> sex = grid.addColumn(r -> getTranslation("persons.sex." + r.sex()))
                .setHeader(getTranslation("persons.sex"))
                .setAutoWidth(true);
        Grid.Column<PersonRow> age = grid.addColumn(PersonRow::age)
                .setHeader(getTranslation("persons.age"))
                .setAutoWidth(true);
        Grid.Column<PersonRow> household = grid.addColumn(PersonRow::householdRegionName)
                .setHeader(getTranslation("persons.household"))
                .setAutoWidth(true);
        Grid.Column<PersonRow> residence = grid.addColumn(PersonRow::residenceRegionName)
                .setHeader(getTranslation("persons.residence"))
                .setAutoWidth(true);
        grid.addColumn(r -> getTranslation(r.status().messageKey()))
                .setHeader(getTranslation("persons.status"))
                .setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("persons.empty"));
        grid.setItems(query -> directory.search(criteria(), query.getOffset(), query.getLimit()).stream(), query -> {
            int count = directory.count(criteria());
            total.setText(getTranslation("persons.count", count));
            return count;
        });
        grid.addItemClickListener(e -> UI.getCurrent()
                .navigate(
                        PersonView.class, new RouteParameters("id", e.getItem().ref())));
        grid.setSizeFull();
        grid.setMinHeight("18em");
        return List.of(sex, age, household, residence);
    }

    @SafeVarargs
    private <T extends Translatable> void choices(Select<T> select, String label, T... values) {
        select.setLabel(getTranslation(label));
        select.setItems(values);
        select.setEmptySelectionAllowed(true);
        select.setEmptySelectionCaption(getTranslation("persons.any"));
        select.setItemLabelGenerator(v -> v == null ? getTranslation("persons.any") : getTranslation(v.messageKey()));
    }

    private PersonSearch criteria() {
        return new PersonSearch(
                text.getValue(),
                region.getValue() == null ? null : region.getValue().code(),
                status.getValue(),
                group.getValue(),
                reason.getValue(),
                enrolled.getValue(),
                year.getValue());
    }

    private void refresh() {
        // kept in the (server-side) session so that coming back from a file shows the same list
        VaadinSession.getCurrent().setAttribute(PersonSearch.class, criteria());
        grid.getDataProvider().refreshAll();
    }

    private void restore(RegionService regions) {
        PersonSearch last = VaadinSession.getCurrent() == null
                ? null
                : VaadinSession.getCurrent().getAttribute(PersonSearch.class);
        if (last == null) {
            return;
        }
        text.setValue(last.text() == null ? "" : last.text());
        status.setValue(last.status());
        group.setValue(last.group());
        reason.setValue(last.notEnrolledReason());
        enrolled.setValue(last.enrolledInYear());
        if (last.year() != null) {
            year.setValue(last.year());
        }
        if (last.regionCode() != null) {
            try {
                region.setValue(regions.get(last.regionCode()));
            } catch (DomainException gone) {
                // revoked or no longer in the user's scope: start without it
            }
        }
    }

    /** Few columns on phones, all of them on wider screens. */
    private void adaptColumns(int width) {
        wideOnly.forEach(c -> c.setVisible(width >= NARROW));
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        attach.getUI().getPage().retrieveExtendedClientDetails(details -> {
            adaptColumns(details.getWindowInnerWidth());
            // folded on phones at first; not on resizes, which the on-screen keyboard causes too
            filters.setVisible(details.getWindowInnerWidth() >= NARROW);
        });
        resizing = attach.getUI().getPage().addBrowserWindowResizeListener(e -> adaptColumns(e.getWidth()));
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        resizing.remove();
    }
}
