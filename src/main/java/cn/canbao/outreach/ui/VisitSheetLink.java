package cn.canbao.outreach.ui;

import cn.canbao.base.ui.Messages;
import cn.canbao.campaign.Campaign;
import cn.canbao.outreach.sheet.VisitSheetService;
import cn.canbao.region.Region;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

/**
 * 打印走访单: the download of a grid's visit sheet for the campaign shown — a grid worker's own grid, a leader's grid
 * chosen from their subtree. The service decides who may print which grid; this only offers what it allows.
 */
class VisitSheetLink extends Div {

    VisitSheetLink(VisitSheetService sheets, Supplier<Campaign> campaign, Clock clock) {
        addClassName("visit-sheet");
        setId("visit-sheet");
        List<Region> grids = sheets.grids();
        if (grids.isEmpty()) {
            setVisible(false);
            return;
        }
        ComboBox<Region> grid = new ComboBox<>(getTranslation("outreach.sheet.grid"));
        grid.setItems(grids);
        grid.setItemLabelGenerator(Region::name);
        grid.setValue(grids.get(0));
        grid.setId("visit-sheet-grid");
        // a grid worker has one grid: nothing to choose
        grid.setVisible(grids.size() > 1);
        Span hint = new Span(getTranslation("outreach.sheet.hint"));
        hint.addClassName("cadence-note");
        if (sheets.pdfAvailable()) {
            Anchor pdf = new Anchor(
                    (DownloadHandler) event -> {
                        Region chosen = chosen(grid, grids);
                        byte[] bytes = sheets.pdf(campaign.get().id(), chosen.code(), this::getTranslation);
                        event.setFileName("visit-sheet-" + chosen.code() + "-" + LocalDate.now(clock) + ".pdf");
                        event.setContentType(VisitSheetService.PDF);
                        event.getOutputStream().write(bytes);
                    },
                    getTranslation("outreach.sheet.download"));
            pdf.setId("visit-sheet-pdf");
            pdf.addClassName("visit-sheet-download");
            add(grid, pdf, hint);
        } else {
            // no CJK font on the server or no public URL for the QR codes: say so instead of a failed download
            Button pdf = new Button(getTranslation("outreach.sheet.download"), VaadinIcon.PRINT.create(), e -> {
                Messages.attempt(
                        this,
                        () -> sheets.pdf(
                                campaign.get().id(), chosen(grid, grids).code(), this::getTranslation));
            });
            pdf.setId("visit-sheet-pdf");
            add(grid, pdf, hint);
        }
    }

    /** The grid chosen, or the first offered when the choice was cleared. */
    private static Region chosen(ComboBox<Region> grid, List<Region> grids) {
        return grid.getValue() == null ? grids.get(0) : grid.getValue();
    }
}
