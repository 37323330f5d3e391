package cn.canbao.cadence.ui;

import cn.canbao.base.ui.Messages;
import cn.canbao.cadence.CadenceService;
import cn.canbao.cadence.TownshipDispatch;
import cn.canbao.cadence.VillageReport;
import cn.canbao.cadence.process.TownshipDispatchProcess;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignService;
import cn.canbao.task.TaskInbox;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * 乡镇调度: the township leader sees each village's progress against its target and how its last summary
 * stands, the lagging ones in red, and records the instructions given (required).
 */
@Route("tasks/township-dispatch")
@RolesAllowed({"TOWNSHIP_LEADER", "ADMIN"})
class TownshipDispatchView extends CadenceTaskView {

    private final CampaignService campaigns;

    TownshipDispatchView(TaskInbox inbox, CadenceService cadence, CampaignService campaigns, Clock clock) {
        super("title.townshipDispatch", inbox, cadence, clock);
        this.campaigns = campaigns;
    }

    @Override
    protected void render() {
        Campaign campaign = campaigns.get(campaignId());
        TownshipDispatch dispatch = cadence.dispatch(campaignId(), regionCode(), reportDate());
        List<VillageReport> villages = cadence.villageReports(campaignId(), regionCode(), reportDate());
        Paragraph line = new Paragraph(getTranslation(
                "cadence.dispatch.expected",
                campaign.expectedCompletion(reportDate()).toPlainString(),
                dispatch.laggingVillages().size()));
        line.setId("dispatch-expected");

        TextArea instructions = new TextArea(getTranslation("cadence.dispatch.instructions"));
        instructions.setId("dispatch-instructions");
        instructions.setWidthFull();
        instructions.setRequired(true);
        instructions.setMaxLength(4000);
        Button confirm = new Button(getTranslation("cadence.dispatch.confirm"), e -> {
            if (instructions.getValue().isBlank()) {
                instructions.setInvalid(true);
                Messages.showError(getTranslation("cadence.instructionsRequired"));
                return;
            }
            complete(
                    Map.of(TownshipDispatchProcess.VAR_INSTRUCTIONS, instructions.getValue()),
                    "cadence.dispatch.recorded");
        });
        confirm.setId("dispatch-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(line, grid(villages), instructions, confirm);
    }

    private Grid<VillageReport> grid(List<VillageReport> villages) {
        Grid<VillageReport> grid = new Grid<>();
        grid.setId("dispatch-villages");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(VillageReport::villageName)
                .setHeader(getTranslation("cadence.village"))
                .setFlexGrow(2);
        grid.addColumn(VillageReport::target)
                .setHeader(getTranslation("cadence.summary.target"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(VillageReport::enrolled)
                .setHeader(getTranslation("cadence.summary.enrolled"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(v -> v.completion() + "%")
                .setHeader(getTranslation("cadence.completion"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(v -> v.lastState() == null
                        ? "—"
                        : getTranslation(v.lastState().messageKey()))
                .setHeader(getTranslation("cadence.dispatch.lastSummary"))
                .setAutoWidth(true);
        grid.addColumn(v -> v.lagging() ? getTranslation("cadence.dispatch.lagging") : "")
                .setHeader(getTranslation("cadence.dispatch.laggingHeader"))
                .setAutoWidth(true);
        grid.setPartNameGenerator(v -> v.lagging() ? "cadence-lagging" : null);
        grid.setItems(villages);
        grid.setAllRowsVisible(true);
        return grid;
    }
}
