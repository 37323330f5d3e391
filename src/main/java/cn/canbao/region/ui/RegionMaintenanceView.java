package cn.canbao.region.ui;

import cn.canbao.base.DomainException;
import cn.canbao.base.ui.TitledView;
import cn.canbao.region.RegionFile;
import cn.canbao.region.maintenance.RegionChange;
import cn.canbao.region.maintenance.RegionListUpload;
import cn.canbao.region.maintenance.RegionMaintenance;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.RolesAllowed;
import java.io.InputStream;
import java.util.Map;

/**
 * Region and grid lists as data (issue 17, point 10), for administrators: upload a list, see its difference against
 * the tree, confirm it; rename, merge into a successor or retire a village or grid, and read its history.
 */
@Route("regions-admin")
@Menu(title = "menu.regionsAdmin", order = 11, icon = "vaadin:cogs")
@RolesAllowed("ADMIN")
class RegionMaintenanceView extends TitledView {

    private final RegionListUpload lists;
    private final RegionMaintenance maintenance;
    private final VerticalLayout preview = new VerticalLayout();
    private final Grid<RegionChange> history = new Grid<>();
    private Upload upload;
    private byte[] pending;

    RegionMaintenanceView(RegionListUpload lists, RegionMaintenance maintenance) {
        super("title.regionMaintenance");
        this.lists = lists;
        this.maintenance = maintenance;
        setWidthFull();
        add(
                new H2(getTranslation("regionsAdmin.title")),
                new H3(getTranslation("regionsAdmin.upload")),
                new Paragraph(getTranslation("regionsAdmin.uploadHelp", RegionFile.HEADER)));
        upload = new Upload(uploadHandler());
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes(".csv", "text/csv");
        upload.setId("regions-upload");
        com.vaadin.flow.component.upload.UploadI18N i18n = new com.vaadin.flow.component.upload.UploadI18N();
        i18n.setAddFiles(
                new com.vaadin.flow.component.upload.UploadI18N.AddFiles().setOne(getTranslation("imports.choose")));
        i18n.setDropFiles(
                new com.vaadin.flow.component.upload.UploadI18N.DropFiles().setOne(getTranslation("imports.drop")));
        upload.setI18n(i18n);
        upload.setDropLabel(new Span(getTranslation("imports.drop")));
        preview.setPadding(false);
        preview.setId("regions-preview");
        add(upload, preview, new H3(getTranslation("regionsAdmin.maintain")), maintainForm(), history);
        history.setId("regions-history");
        history.addColumn(c -> getTranslation("regionsAdmin.action." + c.action()))
                .setHeader(getTranslation("regionsAdmin.action"))
                .setAutoWidth(true);
        history.addColumn(RegionChange::oldValue)
                .setHeader(getTranslation("regionsAdmin.before"))
                .setAutoWidth(true);
        history.addColumn(RegionChange::newValue)
                .setHeader(getTranslation("regionsAdmin.after"))
                .setAutoWidth(true);
        history.addColumn(RegionChange::successorCode)
                .setHeader(getTranslation("regionsAdmin.successor"))
                .setAutoWidth(true);
        history.addColumn(RegionChange::carried)
                .setHeader(getTranslation("regionsAdmin.carried"))
                .setAutoWidth(true);
        history.addColumn(RegionChange::changedBy)
                .setHeader(getTranslation("regionsAdmin.by"))
                .setAutoWidth(true);
        history.addColumn(c -> c.changedAt().toString().replace('T', ' ').substring(0, 16))
                .setHeader(getTranslation("regionsAdmin.at"))
                .setAutoWidth(true);
        history.setAllRowsVisible(true);
    }

    private UploadHandler uploadHandler() {
        return event -> {
            byte[] bytes;
            try (InputStream in = event.getInputStream()) {
                bytes = in.readAllBytes();
            }
            event.getUI().access(() -> {
                upload.clearFileList();
                showPreview(bytes);
            });
        };
    }

    private void showPreview(byte[] bytes) {
        preview.removeAll();
        pending = null;
        RegionListUpload.Diff diff;
        try {
            diff = lists.preview(bytes);
        } catch (DomainException e) {
            preview.add(error(e));
            return;
        }
        pending = bytes;
        StringBuilder counts = new StringBuilder();
        for (RegionListUpload.Kind kind : RegionListUpload.Kind.values()) {
            counts.append(counts.length() == 0 ? "" : " · ")
                    .append(getTranslation("regionsAdmin.kind." + kind))
                    .append(' ')
                    .append(diff.count(kind));
        }
        Span summary = new Span(counts.toString());
        summary.setId("regions-diff-counts");
        Grid<RegionListUpload.Entry> entries = new Grid<>();
        entries.setId("regions-diff");
        entries.addColumn(RegionListUpload.Entry::code)
                .setHeader(getTranslation("regionsAdmin.code"))
                .setAutoWidth(true);
        entries.addColumn(RegionListUpload.Entry::name)
                .setHeader(getTranslation("regionsAdmin.name"))
                .setAutoWidth(true);
        entries.addColumn(e -> getTranslation(e.level().messageKey()))
                .setHeader(getTranslation("regionsAdmin.level"))
                .setAutoWidth(true);
        entries.addColumn(e -> getTranslation("regionsAdmin.kind." + e.kind()))
                .setHeader(getTranslation("regionsAdmin.change"))
                .setAutoWidth(true);
        entries.addColumn(RegionListUpload.Entry::before).setHeader(getTranslation("regionsAdmin.before"));
        entries.addColumn(RegionListUpload.Entry::after).setHeader(getTranslation("regionsAdmin.after"));
        entries.setItems(diff.entries().stream()
                .filter(e -> e.kind() != RegionListUpload.Kind.UNCHANGED)
                .toList());
        entries.setAllRowsVisible(true);
        Button confirm = new Button(getTranslation("regionsAdmin.confirm"), e -> {
            try {
                RegionListUpload.Diff applied = lists.apply(pending);
                preview.removeAll();
                Notification.show(getTranslation(
                                "regionsAdmin.applied",
                                applied.count(RegionListUpload.Kind.NEW),
                                applied.count(RegionListUpload.Kind.RENAMED),
                                applied.count(RegionListUpload.Kind.CHANGED)))
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } catch (DomainException ex) {
                preview.add(error(ex));
            }
            pending = null;
        });
        confirm.setId("regions-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.setEnabled(diff.count(RegionListUpload.Kind.NEW)
                        + diff.count(RegionListUpload.Kind.RENAMED)
                        + diff.count(RegionListUpload.Kind.CHANGED)
                > 0);
        preview.add(summary, entries, new Paragraph(getTranslation("regionsAdmin.notApplied")), confirm);
    }

    private HorizontalLayout maintainForm() {
        TextField code = new TextField(getTranslation("regionsAdmin.code"));
        code.setId("regions-code");
        TextField name = new TextField(getTranslation("regionsAdmin.newName"));
        TextField successor = new TextField(getTranslation("regionsAdmin.successor"));
        Button show = new Button(
                getTranslation("regionsAdmin.history"),
                e -> act(() ->
                        history.setItems(maintenance.history(code.getValue().trim()))));
        Button rename = new Button(
                getTranslation("regionsAdmin.rename"),
                e -> act(() -> {
                    maintenance.rename(code.getValue().trim(), name.getValue());
                    history.setItems(maintenance.history(code.getValue().trim()));
                }));
        Button merge = new Button(
                getTranslation("regionsAdmin.merge"),
                e -> act(() -> {
                    Map<String, Integer> carried = maintenance.merge(
                            code.getValue().trim(), successor.getValue().trim());
                    Notification.show(getTranslation(
                            "regionsAdmin.merged",
                            carried.getOrDefault("persons", 0),
                            carried.getOrDefault("cases", 0),
                            carried.getOrDefault("tasks", 0),
                            carried.getOrDefault("users", 0)));
                    history.setItems(maintenance.history(code.getValue().trim()));
                }));
        Button retire = new Button(
                getTranslation("regionsAdmin.retire"),
                e -> act(() -> {
                    maintenance.retire(code.getValue().trim());
                    history.setItems(maintenance.history(code.getValue().trim()));
                }));
        retire.addThemeVariants(ButtonVariant.LUMO_ERROR);
        HorizontalLayout form = new HorizontalLayout(code, show, name, rename, successor, merge, retire);
        form.setAlignItems(Alignment.END);
        form.setWrap(true);
        return form;
    }

    private void act(Runnable action) {
        try {
            action.run();
        } catch (DomainException e) {
            Notification.show(getTranslation(e.messageKey(), e.args()))
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private Span error(DomainException e) {
        Span error = new Span(getTranslation(e.messageKey(), e.args()));
        error.addClassNames("canbao-error");
        error.setId("regions-error");
        return error;
    }
}
