package cn.canbao.outreach.ui;

import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.TitledView;
import cn.canbao.outreach.tally.WorkTally;
import cn.canbao.outreach.tally.WorkTallyService;
import cn.canbao.outreach.tally.WorkTallyWorkbook;
import cn.canbao.outreach.tally.WorkTier;
import cn.canbao.region.RegionLevel;
import cn.canbao.security.CanbaoUser;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * 网格员工作量: a month's visits, residents enrolled after a visit and confirmed corrections of each grid worker in
 * my region, with the tier and reward the county's tiers give; export to Excel. County leaders and clerks set the tiers.
 */
@Route("work-tally")
@Menu(title = "menu.workTally", order = 13, icon = "vaadin:chart-3d")
@RolesAllowed({"COUNTY_LEADER", "TOWNSHIP_LEADER", "VILLAGE_CADRE", "CLERK", "ADMIN"})
class WorkTallyView extends TitledView {

    private final WorkTallyService tally;
    private final Select<YearMonth> month = new Select<>();
    private final Grid<WorkTally> grid = new Grid<>();
    private final Anchor export = new Anchor();
    private final String regionCode;
    private final Clock clock;

    WorkTallyView(WorkTallyService tally, Clock clock) {
        super("title.workTally");
        this.clock = clock;
        this.tally = tally;
        setWidthFull();
        CanbaoUser user = CurrentUser.require();
        regionCode = user.regionCode();
        add(new H2(getTranslation("outreach.tally.title", user.regionName())));
        YearMonth now = YearMonth.now(clock);
        month.setLabel(getTranslation("outreach.tally.month"));
        month.setItems(IntStream.range(0, 12).mapToObj(now::minusMonths).toList());
        month.setItemLabelGenerator(
                m -> m == null ? "" : getTranslation("outreach.tally.monthLabel", m.getYear(), m.getMonthValue()));
        month.setValue(now);
        month.setId("tally-month");
        month.addValueChangeListener(e -> reload());
        grid.setId("tally-grid");
        grid.addColumn(WorkTally::gridName)
                .setHeader(getTranslation("outreach.tally.grid"))
                .setAutoWidth(true);
        grid.addColumn(WorkTally::displayName)
                .setHeader(getTranslation("outreach.tally.worker"))
                .setAutoWidth(true);
        grid.addColumn(WorkTally::visits)
                .setHeader(getTranslation("outreach.tally.visits"))
                .setAutoWidth(true);
        grid.addColumn(WorkTally::enrolledAfterVisit)
                .setHeader(getTranslation("outreach.tally.enrolled"))
                .setAutoWidth(true);
        grid.addColumn(WorkTally::correctionsConfirmed)
                .setHeader(getTranslation("outreach.tally.corrections"))
                .setAutoWidth(true);
        grid.addColumn(t -> Messages.stored(this, t.tier()))
                .setHeader(getTranslation("outreach.tally.tier"))
                .setAutoWidth(true);
        grid.addColumn(t -> t.reward().toPlainString())
                .setHeader(getTranslation("outreach.tally.reward"))
                .setAutoWidth(true);
        export.setText(getTranslation("outreach.tally.export"));
        export.setId("tally-export");
        add(month, grid, export);
        boolean county = RegionLevel.ofCode(regionCode).orElse(null) == RegionLevel.COUNTY
                && (user.hasRole(Role.COUNTY_LEADER) || user.hasRole(Role.CLERK) || user.hasRole(Role.ADMIN));
        add(new H3(getTranslation("outreach.tally.tiers")), tiers(county));
        reload();
    }

    private void reload() {
        YearMonth m = month.getValue();
        List<WorkTally> rows = tally.tally(regionCode, m);
        grid.setItems(rows);
        grid.setAllRowsVisible(rows.size() <= 30);
        export.setHref((DownloadHandler) event -> {
            event.setFileName("work-tally-" + regionCode + "-" + m + ".xlsx");
            event.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            WorkTallyWorkbook.write(
                    getTranslation("outreach.tally.title", CurrentUser.require().regionName()) + " " + m,
                    rows,
                    key -> getTranslation(key),
                    event.getOutputStream());
        });
    }

    private Div tiers(boolean editable) {
        String county = WorkTallyService.countyOf(regionCode);
        List<WorkTier> current = tally.tiers(county);
        Div box = new Div();
        box.setId("tally-tiers");
        List<Runnable> readers = new ArrayList<>();
        List<WorkTier> edited = new ArrayList<>();
        for (WorkTier t : current) {
            // a default tier's name is a message: kept as one unless the county renames the tier
            String shownName = Messages.stored(this, t.name());
            TextField name = new TextField(getTranslation("outreach.tally.tierName"), shownName, "");
            IntegerField minEnrolled = new IntegerField(getTranslation("outreach.tally.minEnrolled"));
            minEnrolled.setValue(t.minEnrolled());
            IntegerField minVisits = new IntegerField(getTranslation("outreach.tally.minVisits"));
            minVisits.setValue(t.minVisits());
            BigDecimalField reward = new BigDecimalField(getTranslation("outreach.tally.rewardPer"));
            reward.setValue(t.rewardPerEnrolled());
            name.setReadOnly(!editable);
            minEnrolled.setReadOnly(!editable);
            minVisits.setReadOnly(!editable);
            reward.setReadOnly(!editable);
            Div row = new Div(name, minEnrolled, minVisits, reward);
            row.addClassName("tally-tier");
            box.add(row);
            readers.add(() -> edited.add(new WorkTier(
                    t.rank(),
                    name.getValue().equals(shownName) ? t.name() : name.getValue(),
                    value(minEnrolled),
                    value(minVisits),
                    reward.getValue() == null ? BigDecimal.valueOf(-1) : reward.getValue())));
        }
        if (editable) {
            Button save = new Button(getTranslation("outreach.tally.saveTiers"), e -> {
                edited.clear();
                readers.forEach(Runnable::run);
                Messages.attempt(this, () -> {
                    tally.saveTiers(county, edited);
                    Messages.showSuccess(getTranslation("outreach.tally.tiersSaved"));
                    reload();
                });
            });
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.setId("tally-save-tiers");
            box.add(save);
        }
        return box;
    }

    private static int value(IntegerField f) {
        return f.getValue() == null ? -1 : f.getValue();
    }
}
