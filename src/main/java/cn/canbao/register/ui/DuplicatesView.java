package cn.canbao.register.ui;

import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.TitledView;
import cn.canbao.register.duplicates.DuplicateService;
import cn.canbao.register.person.IdNumber;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** The clerk's duplicates: persons insured twice in a year, and persons with two files; each resolvable. */
@Route("duplicates")
@Menu(title = "menu.duplicates", order = 40, icon = "vaadin:copy-o")
@RolesAllowed({"ADMIN", "CLERK"})
class DuplicatesView extends TitledView {

    private final DuplicateService duplicates;
    private final Grid<DuplicateService.DuplicateEnrollment> enrollments = new Grid<>();
    private final Grid<DuplicateService.DuplicateFile> files = new Grid<>();
    private final Grid<DuplicateService.HeldConflict> held = new Grid<>();
    private final IntegerField year = new IntegerField();

    DuplicatesView(DuplicateService duplicates) {
        super("title.duplicates");
        this.duplicates = duplicates;
        setWidthFull();
        add(new H2(getTranslation("duplicates.title")));

        year.setLabel(getTranslation("duplicates.year"));
        year.setValue(duplicates.latestYear());
        year.setStepButtonsVisible(true);
        year.addValueChangeListener(e -> refresh());
        enrollments.setId("duplicate-enrollments");
        enrollments
                .addColumn(DuplicateService.DuplicateEnrollment::maskedId)
                .setHeader(getTranslation("person.id"))
                .setAutoWidth(true);
        enrollments
                .addColumn(DuplicateService.DuplicateEnrollment::name)
                .setHeader(getTranslation("person.name"))
                .setAutoWidth(true);
        enrollments
                .addColumn(d -> Messages.clauses(
                        this, d.enrollments().stream().map(this::enrollmentText).toList()))
                .setHeader(getTranslation("duplicates.enrollments"))
                .setFlexGrow(1);
        enrollments
                .addComponentColumn(d -> new Button(getTranslation("duplicates.resolve"), e -> resolveEnrollment(d)))
                .setAutoWidth(true);
        enrollments.setAllRowsVisible(true);

        files.setId("duplicate-files");
        files.addColumn(DuplicateService.DuplicateFile::name)
                .setHeader(getTranslation("person.name"))
                .setAutoWidth(true);
        files.addColumn(DuplicateService.DuplicateFile::birthDate)
                .setHeader(getTranslation("person.birthDate"))
                .setAutoWidth(true);
        files.addColumn(f -> Messages.list(this, f.maskedIds()))
                .setHeader(getTranslation("person.id"))
                .setFlexGrow(1);
        files.addColumn(f -> Messages.list(this, f.regions()))
                .setHeader(getTranslation("person.household"))
                .setAutoWidth(true);
        files.addComponentColumn(f -> new Button(getTranslation("duplicates.resolve"), e -> resolveFile(f)))
                .setAutoWidth(true);
        files.setAllRowsVisible(true);

        held.setId("held-conflicts");
        held.addColumn(DuplicateService.HeldConflict::fileName)
                .setHeader(getTranslation("duplicates.file"))
                .setAutoWidth(true);
        held.addColumn(DuplicateService.HeldConflict::maskedId)
                .setHeader(getTranslation("person.id"))
                .setAutoWidth(true);
        held.addColumn(c -> Messages.list(this, c.names()))
                .setHeader(getTranslation("duplicates.names"))
                .setFlexGrow(1);
        held.addComponentColumn(c -> new Button(getTranslation("duplicates.resolve"), e -> resolveHeld(c)))
                .setAutoWidth(true);
        held.setAllRowsVisible(true);

        TabSheet tabs = new TabSheet();
        tabs.setWidthFull();
        tabs.add(getTranslation("duplicates.enrollmentTab"), new VerticalLayout(year, enrollments));
        tabs.add(getTranslation("duplicates.fileTab"), files);
        tabs.add(getTranslation("duplicates.heldTab"), held);
        add(tabs);
        refresh();
    }

    private String enrollmentText(String code) {
        String[] p = code.split(" ");
        return getTranslation("scheme." + p[0]) + " · " + getTranslation("place." + p[1])
                + (p.length > 2 ? " " + p[2] : "");
    }

    private void refresh() {
        if (year.getValue() != null) {
            enrollments.setItems(duplicates.enrollments(year.getValue(), 0, 500));
        }
        files.setItems(duplicates.files(0, 500));
        held.setItems(duplicates.heldConflicts(0, 500));
    }

    /** One ID number, several names in one file: the clerk applies one row (imported again) or none. */
    private void resolveHeld(DuplicateService.HeldConflict item) {
        Dialog dialog = new Dialog(getTranslation("duplicates.heldWhich", item.maskedId(), item.fileName()));
        RadioButtonGroup<DuplicateService.HeldRow> keep = new RadioButtonGroup<>();
        keep.setItems(item.rows());
        keep.setItemLabelGenerator(r -> getTranslation("duplicates.heldRow", r.rowNumber(), r.name(), r.maskedRaw()));
        TextField note = new TextField(getTranslation("duplicates.note"));
        note.setWidthFull();
        Button apply = new Button(
                getTranslation("duplicates.applyRow"),
                e -> act(
                        dialog,
                        () -> duplicates.applyHeldRow(item, keep.getValue().rowNumber(), note.getValue())));
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.setEnabled(false);
        keep.addValueChangeListener(e -> apply.setEnabled(e.getValue() != null));
        Button none = new Button(
                getTranslation("duplicates.applyNone"),
                e -> act(dialog, () -> duplicates.dismissHeldConflict(item, note.getValue())));
        dialog.add(new VerticalLayout(keep, note));
        dialog.getFooter().add(new HorizontalLayout(none, apply));
        dialog.open();
    }

    private void resolveEnrollment(DuplicateService.DuplicateEnrollment item) {
        Dialog dialog = new Dialog(getTranslation("duplicates.keepWhich", item.name(), item.maskedId(), item.year()));
        RadioButtonGroup<String> keep = new RadioButtonGroup<>();
        keep.setItems(item.enrollments().stream()
                .map(e -> e.split(" ")[0] + " " + e.split(" ")[1])
                .toList());
        keep.setItemLabelGenerator(this::enrollmentText);
        TextField note = new TextField(getTranslation("duplicates.note"));
        note.setWidthFull();
        Button save = new Button(
                getTranslation("duplicates.keep"),
                e -> act(dialog, () -> duplicates.keepEnrollment(item, keep.getValue(), note.getValue())));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setEnabled(false);
        keep.addValueChangeListener(e -> save.setEnabled(e.getValue() != null));
        Button dismiss = new Button(
                getTranslation("duplicates.dismiss"),
                e -> act(dialog, () -> duplicates.dismissEnrollment(item, note.getValue())));
        dialog.add(new VerticalLayout(keep, note));
        dialog.getFooter().add(new HorizontalLayout(dismiss, save));
        dialog.open();
    }

    private void resolveFile(DuplicateService.DuplicateFile item) {
        Dialog dialog = new Dialog(getTranslation("duplicates.keepFile", item.name()));
        RadioButtonGroup<String> keep = new RadioButtonGroup<>();
        keep.setItems(item.idNumbers());
        keep.setItemLabelGenerator(IdNumber::mask);
        TextField note = new TextField(getTranslation("duplicates.note"));
        note.setWidthFull();
        Button save = new Button(
                getTranslation("duplicates.keep"),
                e -> act(dialog, () -> duplicates.keepFile(item, keep.getValue(), note.getValue())));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setEnabled(false);
        keep.addValueChangeListener(e -> save.setEnabled(e.getValue() != null));
        dialog.add(new VerticalLayout(keep, note));
        dialog.getFooter().add(save);
        dialog.open();
    }

    private void act(Dialog dialog, Runnable action) {
        Messages.attempt(this, () -> {
            action.run();
            dialog.close();
            Messages.showSuccess(getTranslation("duplicates.done"));
            refresh();
        });
    }
}
