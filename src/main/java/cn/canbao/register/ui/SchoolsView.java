package cn.canbao.register.ui;

import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.TitledView;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.register.schools.SchoolListWorkbook;
import cn.canbao.register.schools.SchoolRolls;
import cn.canbao.security.CanbaoUser;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * 学校参保: the schools of the user's county or township with their pupils enrolled and not, each with a bar; a
 * school picked shows its pupils not yet enrolled (masked), exported for the education office, and — for county
 * clerks and admins — the whole-school registration (整体参保登记) of the year. The page says the lists inform and
 * oblige nobody, as the documents require.
 */
@Route("schools")
@Menu(title = "menu.schools", order = 14, icon = "vaadin:academy-cap")
@RolesAllowed({"COUNTY_LEADER", "TOWNSHIP_LEADER", "CLERK", "ADMIN"})
class SchoolsView extends TitledView {

    private final SchoolRolls rolls;
    private final RegionService regions;
    private final String regionCode;
    private final boolean registrar;
    private final IntegerField year = new IntegerField();
    private final Grid<SchoolRolls.School> schools = new Grid<>();
    private final VerticalLayout detail = new VerticalLayout();
    private final Clock clock;

    SchoolsView(SchoolRolls rolls, RegionService regions, Clock clock) {
        super("title.schools");
        this.clock = clock;
        this.rolls = rolls;
        this.regions = regions;
        setWidthFull();
        CanbaoUser user = CurrentUser.require();
        regionCode = user.regionCode();
        registrar = RegionLevel.ofCode(regionCode).orElse(null) == RegionLevel.COUNTY
                && (user.hasRole(Role.CLERK) || user.hasRole(Role.ADMIN));
        add(new H2(getTranslation("schools.title")));
        Paragraph hint = new Paragraph(getTranslation("schools.hint"));
        hint.setId("schools-hint");
        hint.addClassNames(LumoUtility.TextColor.SECONDARY);
        year.setLabel(getTranslation("schools.year"));
        year.setId("schools-year");
        year.setValue(LocalDate.now(clock).getYear());
        year.setStepButtonsVisible(true);
        year.addValueChangeListener(e -> reload());
        schools.setId("schools-grid");
        schools.addColumn(SchoolRolls.School::name)
                .setHeader(getTranslation("schools.school"))
                .setAutoWidth(true);
        schools.addColumn(s -> stages(s.stages()))
                .setHeader(getTranslation("schools.stages"))
                .setAutoWidth(true);
        schools.addColumn(SchoolRolls.School::pupils)
                .setHeader(getTranslation("schools.pupils"))
                .setAutoWidth(true);
        schools.addColumn(SchoolRolls.School::enrolled)
                .setHeader(getTranslation("schools.enrolled"))
                .setAutoWidth(true);
        schools.addColumn(SchoolRolls.School::notEnrolled)
                .setHeader(getTranslation("schools.notEnrolled"))
                .setAutoWidth(true);
        schools.addColumn(SchoolRolls.School::reachable)
                .setHeader(getTranslation("schools.reachable"))
                .setAutoWidth(true);
        schools.addColumn(new ComponentRenderer<>(s -> {
                    ProgressBar bar = new ProgressBar(0, 100, s.coverage());
                    bar.setWidth("8em");
                    return bar;
                }))
                .setHeader(getTranslation("schools.coverage"))
                .setAutoWidth(true);
        schools.addColumn(s -> s.wholeSchoolOn() == null
                        ? getTranslation("schools.none")
                        : getTranslation("schools.wholeValue", s.wholeSchoolOn().toString(), s.declaredPupils()))
                .setHeader(getTranslation("schools.whole"))
                .setAutoWidth(true);
        schools.addSelectionListener(e -> e.getFirstSelectedItem().ifPresentOrElse(this::show, detail::removeAll));
        detail.setPadding(false);
        detail.setId("schools-detail");
        add(hint, year, schools, detail);
        reload();
    }

    private void reload() {
        detail.removeAll();
        if (year.getValue() == null) {
            return;
        }
        List<SchoolRolls.School> all = rolls.schools(regionCode, year.getValue());
        schools.setItems(all);
        schools.setAllRowsVisible(all.size() <= 30);
    }

    private void show(SchoolRolls.School school) {
        detail.removeAll();
        int forYear = year.getValue();
        List<SchoolRolls.Pupil> pupils = rolls.notEnrolled(regionCode, school.name(), forYear);
        Map<String, String> villages = regions.names(
                pupils.stream().map(SchoolRolls.Pupil::villageCode).toList());
        Grid<SchoolRolls.Pupil> list = new Grid<>();
        list.setId("schools-pupils");
        list.addColumn(SchoolRolls.Pupil::maskedId)
                .setHeader(getTranslation("schools.idNumber"))
                .setAutoWidth(true);
        list.addColumn(SchoolRolls.Pupil::name)
                .setHeader(getTranslation("schools.name"))
                .setAutoWidth(true);
        list.addColumn(p -> stage(p.stage()))
                .setHeader(getTranslation("schools.stage"))
                .setAutoWidth(true);
        list.addColumn(p -> villages.getOrDefault(p.villageCode(), p.villageCode()))
                .setHeader(getTranslation("schools.village"))
                .setAutoWidth(true);
        list.addColumn(p -> p.guardianMobile() == null ? "" : p.guardianMobile())
                .setHeader(getTranslation("schools.guardian"))
                .setAutoWidth(true);
        list.setItems(pupils);
        list.setAllRowsVisible(pupils.size() <= 20);
        Anchor export = new Anchor(
                (DownloadHandler) event -> {
                    List<SchoolRolls.Pupil> rows = rolls.exportNotEnrolled(regionCode, school.name(), forYear);
                    Map<String, String> names = regions.names(
                            rows.stream().map(SchoolRolls.Pupil::villageCode).toList());
                    event.setFileName("school-" + forYear + ".xlsx");
                    event.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                    SchoolListWorkbook.write(
                            getTranslation("schools.list", school.name()) + " " + forYear,
                            rows,
                            this::stage,
                            code -> names.getOrDefault(code, code),
                            key -> getTranslation(key),
                            event.getOutputStream());
                },
                getTranslation("schools.export"));
        export.setId("schools-export");
        detail.add(new H3(getTranslation("schools.list", school.name())), list, export);
        if (registrar) {
            DatePicker on = new DatePicker(getTranslation("schools.registerOn"), LocalDate.now(clock));
            on.setId("schools-register-on");
            IntegerField declared = new IntegerField(getTranslation("schools.declared"));
            declared.setId("schools-declared");
            declared.setValue(school.pupils());
            Button register = new Button(getTranslation("schools.register"), e -> {
                Messages.attempt(this, () -> {
                    rolls.registerWholeSchool(
                            regionCode,
                            school.name(),
                            forYear,
                            on.getValue(),
                            declared.getValue() == null ? -1 : declared.getValue());
                    Messages.showSuccess(getTranslation("schools.registered", school.name()));
                    reload();
                });
            });
            register.setId("schools-register");
            register.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            HorizontalLayout form = new HorizontalLayout(on, declared, register);
            form.setAlignItems(Alignment.BASELINE);
            detail.add(form);
        }
    }

    private String stages(String stages) {
        return stages == null
                ? ""
                : Messages.list(
                        this,
                        java.util.Arrays.stream(stages.split(","))
                                .map(this::stage)
                                .toList());
    }

    private String stage(String stage) {
        return stage == null ? "" : getTranslation("schools.stage." + stage);
    }
}
