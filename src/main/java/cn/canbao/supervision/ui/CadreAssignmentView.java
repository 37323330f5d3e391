package cn.canbao.supervision.ui;

import cn.canbao.base.ui.FormRow;
import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.TitledView;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.UserService;
import cn.canbao.supervision.CadreAssignment;
import cn.canbao.supervision.CadreAssignmentService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.format.DateTimeFormatter;

/**
 * 包村干部: a township (or county) leader assigns the township cadres of their subtree to villages and ends
 * assignments; the list shows who answers for which village. {@link CadreAssignmentService} enforces the rules
 * whatever the screen offers.
 */
@Route("cadres")
@Menu(title = "menu.cadres", order = 16, icon = "vaadin:user-check")
@RolesAllowed({"TOWNSHIP_LEADER", "COUNTY_LEADER"})
class CadreAssignmentView extends TitledView {

    private final DateTimeFormatter time;

    private final CadreAssignmentService cadres;
    private final String regionCode;
    private final Grid<CadreAssignment> grid = new Grid<>();

    CadreAssignmentView(CadreAssignmentService cadres, RegionService regions, Clock clock) {
        super("title.cadreAssignment");
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(clock.getZone());
        this.cadres = cadres;
        this.regionCode = CurrentUser.require().regionCode();
        setSizeFull();

        ComboBox<UserService.StaffMember> cadre = new ComboBox<>(getTranslation("cadres.cadre"));
        cadre.setId("cadres-cadre");
        cadre.setItems(cadres.cadres(regionCode));
        cadre.setItemLabelGenerator(s -> Messages.withDetail(this, s.displayName(), s.username()));
        ComboBox<Region> village = new ComboBox<>(getTranslation("cadres.village"));
        village.setId("cadres-village");
        village.setItems(regions.descendantsAtLevel(regionCode, RegionLevel.VILLAGE));
        village.setItemLabelGenerator(r -> Messages.withDetail(this, r.name(), r.code()));
        Button assign = new Button(getTranslation("cadres.assign"), e -> {
            if (cadre.getValue() == null || village.getValue() == null) {
                return;
            }
            act(() -> cadres.assign(
                    cadre.getValue().username(), village.getValue().code()));
        });
        assign.setId("cadres-assign");
        assign.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FlexLayout form = FormRow.of(cadre, village, assign);

        grid.setId("cadres-grid");
        grid.addColumn(CadreAssignment::villageName)
                .setHeader(getTranslation("cadres.village"))
                .setAutoWidth(true);
        grid.addColumn(CadreAssignment::villageCode)
                .setHeader(getTranslation("cadres.villageCode"))
                .setAutoWidth(true);
        grid.addColumn(CadreAssignment::displayName)
                .setHeader(getTranslation("cadres.cadre"))
                .setAutoWidth(true);
        grid.addColumn(a -> a.assignedBy() + " · " + time.format(a.assignedAt()))
                .setHeader(getTranslation("cadres.assignedBy"))
                .setAutoWidth(true);
        grid.addComponentColumn(a -> {
                    Button end = new Button(
                            getTranslation("cadres.unassign"),
                            e -> act(() -> cadres.unassign(a.username(), a.villageCode())));
                    end.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
                    return end;
                })
                .setHeader(getTranslation("users.actions"))
                .setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();
        refresh();
        add(new H2(getTranslation("menu.cadres")), new Paragraph(getTranslation("cadres.intro")), form, grid);
    }

    private void act(Runnable change) {
        Messages.attempt(this, () -> {
            change.run();
            refresh();
        });
    }

    private void refresh() {
        grid.setItems(cadres.assignments(regionCode));
    }
}
