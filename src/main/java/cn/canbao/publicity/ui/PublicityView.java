package cn.canbao.publicity.ui;

import cn.canbao.base.ui.ChartOptions;
import cn.canbao.base.ui.EChart;
import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.TitledView;
import cn.canbao.publicity.NewActivity;
import cn.canbao.publicity.PublicityDrive;
import cn.canbao.publicity.PublicityKind;
import cn.canbao.publicity.PublicityService;
import cn.canbao.publicity.PublicityTally;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.security.CanbaoUser;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 九月集中宣传: county leaders start the drive; volunteers, cadres and leaders log activities for their
 * township or village; everyone sees the counts of their region and its children, as a table and a chart.
 */
@Route("publicity")
@Menu(title = "menu.publicity", order = 30, icon = "vaadin:megaphone")
@PermitAll
class PublicityView extends TitledView {

    private final PublicityService publicity;
    private final RegionService regions;
    private final Select<PublicityDrive> drive = new Select<>();
    private final Grid<PublicityTally> tally = new Grid<>();
    private final EChart chart = new EChart();
    private final CanbaoUser user = CurrentUser.require();
    private final Clock clock;

    PublicityView(PublicityService publicity, RegionService regions, Clock clock) {
        super("title.publicity");
        this.clock = clock;
        this.publicity = publicity;
        this.regions = regions;
        setWidthFull();
        add(new H2(getTranslation("publicity.title")));
        if (user.roles().contains(Role.COUNTY_LEADER) || user.roles().contains(Role.ADMIN)) {
            add(startForm());
        }
        drive.setId("publicity-drive");
        drive.setLabel(getTranslation("publicity.drive"));
        drive.setItemLabelGenerator(d -> Messages.withDetail(this, d.name(), d.startsOn() + " ~ " + d.endsOn()));
        drive.addValueChangeListener(e -> show());
        tally.setId("publicity-tally");
        tally.addColumn(PublicityTally::regionName)
                .setHeader(getTranslation("publicity.region"))
                .setAutoWidth(true);
        column("publicity.activities", PublicityTally::activities);
        column("publicity.audience", PublicityTally::audience);
        column("publicity.letters", PublicityTally::letters);
        column("publicity.notices", PublicityTally::notices);
        column("publicity.volunteers", PublicityTally::volunteers);
        tally.addColumn(t -> t.confirmed() ? getTranslation("publicity.confirmed") : "")
                .setHeader(getTranslation("publicity.confirmation"))
                .setAutoWidth(true);
        tally.setAllRowsVisible(true);
        chart.setHeight("300px");
        chart.setId("publicity-chart");
        add(drive, logForm(), tally, chart);
        refreshDrives();
    }

    private void column(String key, java.util.function.ToIntFunction<PublicityTally> value) {
        tally.addColumn(t -> value.applyAsInt(t))
                .setHeader(getTranslation(key))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
    }

    private Details startForm() {
        int year = LocalDate.now(clock).getYear();
        TextField name =
                new TextField(getTranslation("publicity.name"), getTranslation("publicity.defaultName", year), "");
        name.setId("publicity-name");
        DatePicker from = new DatePicker(getTranslation("publicity.from"), LocalDate.of(year, 9, 1));
        DatePicker to = new DatePicker(getTranslation("publicity.to"), LocalDate.of(year, 9, 30));
        Button start = new Button(getTranslation("publicity.start"), e -> {
            Messages.attempt(this, () -> {
                PublicityDrive d =
                        publicity.start(name.getValue(), year + 1, user.regionCode(), from.getValue(), to.getValue());
                Messages.showSuccess(getTranslation("publicity.started", d.name()));
                refreshDrives();
            });
        });
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.setId("publicity-start");
        Details details =
                new Details(getTranslation("publicity.new"), new VerticalLayout(new FormLayout(name, from, to), start));
        details.setId("publicity-new");
        return details;
    }

    /** Where the user may log: their own township or village, and the villages below a township. */
    private List<Region> loggableRegions() {
        Region own = regions.get(user.regionCode());
        List<Region> result = new ArrayList<>();
        // activities are logged for a township or village in the user's own subtree (PublicityService.log): a grid
        // worker's village lies above it, so a grid worker sees the drive and logs nothing (asking for the village
        // here threw and left the page an error)
        if (own.level() == RegionLevel.TOWNSHIP || own.level() == RegionLevel.VILLAGE) {
            result.add(own);
            if (own.level() == RegionLevel.TOWNSHIP) {
                result.addAll(regions.descendantsAtLevel(own.code(), RegionLevel.VILLAGE));
            }
        }
        return result;
    }

    private Details logForm() {
        List<Region> places = loggableRegions();
        ComboBox<Region> region = new ComboBox<>(getTranslation("publicity.region"), places);
        region.setItemLabelGenerator(Region::name);
        region.setId("publicity-region");
        if (!places.isEmpty()) {
            region.setValue(places.get(0));
        }
        Select<PublicityKind> kind = new Select<>();
        kind.setLabel(getTranslation("publicity.kind"));
        kind.setItems(PublicityKind.values());
        kind.setItemLabelGenerator(k -> getTranslation(k.messageKey()));
        kind.setValue(PublicityKind.TALK);
        kind.setId("publicity-kind");
        DatePicker heldOn = new DatePicker(getTranslation("publicity.heldOn"), LocalDate.now(clock));
        heldOn.setId("publicity-held-on");
        Map<String, IntegerField> counts = new LinkedHashMap<>();
        for (String key : List.of("events", "audience", "letters", "notices", "volunteers")) {
            IntegerField f = new IntegerField(getTranslation("publicity." + key));
            f.setMin(0);
            f.setValue(key.equals("events") ? 1 : 0);
            f.setId("publicity-" + key);
            counts.put(key, f);
        }
        TextField note = new TextField(getTranslation("publicity.note"));
        Button save = new Button(getTranslation("publicity.log"), e -> {
            if (drive.getValue() == null || region.getValue() == null) {
                Messages.showError(getTranslation("publicity.chooseDrive"));
                return;
            }
            Messages.attempt(this, () -> {
                publicity.log(
                        drive.getValue().id(),
                        new NewActivity(
                                region.getValue().code(),
                                kind.getValue(),
                                heldOn.getValue(),
                                value(counts, "events"),
                                value(counts, "audience"),
                                value(counts, "letters"),
                                value(counts, "notices"),
                                value(counts, "volunteers"),
                                note.getValue()));
                Messages.showSuccess(getTranslation("publicity.logged"));
                note.clear();
                show();
            });
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("publicity-log");
        FormLayout form = new FormLayout(region, kind, heldOn);
        counts.values().forEach(form::add);
        form.add(note);
        Details details = new Details(getTranslation("publicity.logActivity"), new VerticalLayout(form, save));
        details.setId("publicity-log-form");
        details.setVisible(!places.isEmpty());
        details.setOpened(user.roles().contains(Role.VOLUNTEER) || user.roles().contains(Role.VILLAGE_CADRE));
        return details;
    }

    private static int value(Map<String, IntegerField> counts, String key) {
        Integer v = counts.get(key).getValue();
        return v == null ? 0 : v;
    }

    private void refreshDrives() {
        List<PublicityDrive> drives = publicity.list();
        drive.setItems(drives);
        if (!drives.isEmpty()) {
            drive.setValue(drives.get(0));
        }
    }

    private void show() {
        if (drive.getValue() == null) {
            tally.setItems(List.of());
            chart.setVisible(false);
            return;
        }
        String root = user.scope().rootCode() == null ? drive.getValue().countyCode() : user.regionCode();
        // a grid worker's tally is their grid's: the village above lies outside their region (the service refuses it)
        List<PublicityTally> rows = publicity.tally(drive.getValue().id(), root);
        tally.setItems(rows);
        List<PublicityTally> children = rows.subList(1, rows.size());
        chart.setVisible(!children.isEmpty());
        chart.setOption(ChartOptions.groupedBars(
                ChartOptions.grid(50, 20, 80, 40),
                ChartOptions.slantedCategories(
                        children.stream().map(PublicityTally::regionName).toList()),
                List.of(
                        ChartOptions.bars(
                                getTranslation("publicity.audience"),
                                children.stream().map(PublicityTally::audience).toList()),
                        ChartOptions.bars(
                                getTranslation("publicity.letters"),
                                children.stream().map(PublicityTally::letters).toList()),
                        ChartOptions.bars(
                                getTranslation("publicity.notices"),
                                children.stream().map(PublicityTally::notices).toList()))));
    }
}
