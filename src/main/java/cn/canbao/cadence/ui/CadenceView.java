package cn.canbao.cadence.ui;

import cn.canbao.base.ui.TitledView;
import cn.canbao.cadence.CadenceService;
import cn.canbao.cadence.ReportMatrix;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignService;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * A campaign's reporting at a glance: the last seven reporting days × the villages in the caller's region
 * (a township leader their villages, the county every township's), each summary on time, late, missing
 * or still open; for county leaders the cadence's settings.
 */
@Route("cadence/:campaign")
@PermitAll
class CadenceView extends TitledView implements BeforeEnterObserver {

    static final int DAYS = 7;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");

    private final CadenceService cadence;
    private final CampaignService campaigns;

    CadenceView(CadenceService cadence, CampaignService campaigns) {
        super("title.cadence");
        this.cadence = cadence;
        this.campaigns = campaigns;
        setWidthFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        String param = event.getRouteParameters().get("campaign").orElse("");
        showRoute(() -> show(campaigns.get(Long.parseLong(param))), () -> getTranslation("campaign.notFound", param));
    }

    private void show(Campaign campaign) {
        add(new H2(getTranslation("cadence.title", campaign.name())));
        ReportMatrix matrix = cadence.matrix(campaign.id(), DAYS);
        if (matrix.days().isEmpty()) {
            Paragraph none = new Paragraph(getTranslation("cadence.noReports"));
            none.setId("cadence-empty");
            add(none);
        } else {
            add(new Paragraph(getTranslation("cadence.legend")), grid(matrix));
        }
        boolean county = CurrentUser.get()
                .map(u -> u.hasRole(Role.COUNTY_LEADER) || u.hasRole(Role.ADMIN))
                .orElse(false);
        if (county) {
            add(new H3(getTranslation("cadence.settings")), new CadenceSettingsForm(cadence, campaign.id()));
        }
    }

    private Grid<ReportMatrix.Row> grid(ReportMatrix matrix) {
        Grid<ReportMatrix.Row> grid = new Grid<>();
        grid.setId("cadence-matrix");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_COLUMN_BORDERS);
        grid.addColumn(ReportMatrix.Row::townshipName)
                .setHeader(getTranslation("cadence.township"))
                .setAutoWidth(true)
                .setFrozen(true);
        grid.addColumn(ReportMatrix.Row::villageName)
                .setHeader(getTranslation("cadence.village"))
                .setAutoWidth(true)
                .setFrozen(true);
        for (LocalDate day : matrix.days()) {
            grid.addColumn(r -> r.states().containsKey(day)
                            ? getTranslation(r.states().get(day).messageKey())
                            : "")
                    .setHeader(DAY.format(day))
                    .setAutoWidth(true)
                    .setTextAlign(ColumnTextAlign.CENTER)
                    .setPartNameGenerator(r -> r.states().containsKey(day)
                            ? "cadence-"
                                    + r.states().get(day).name().toLowerCase().replace('_', '-')
                            : null);
        }
        grid.setItems(matrix.rows());
        grid.setAllRowsVisible(matrix.rows().size() <= 50);
        return grid;
    }
}
