package cn.canbao.quota.ui;

import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.SummaryCard;
import cn.canbao.quota.TargetRow;
import cn.canbao.quota.TargetTable;
import cn.canbao.quota.process.BreakdownProcess;
import cn.canbao.quota.process.TargetVariables;
import cn.canbao.quota.workbook.TargetSheetRow;
import cn.canbao.quota.workbook.TargetWorkbook;
import cn.canbao.quota.workbook.TargetWorkbookException;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.UploadHandler;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The editable target table of the publish and split forms: one number per child region, prefilled
 * with the suggestion; live totals against the parent's target (or against the proposals, for the
 * county); the difference highlighted; a justification; export to and import from Excel.
 */
class TargetEditor extends Composite<VerticalLayout> {

    private final TargetTable table;
    /** The target the children must add up to; null for the county, whose total is what it publishes. */
    private final Integer parentTarget;

    private final Map<String, IntegerField> fields = new LinkedHashMap<>();
    private final Span total = new Span();
    private final Span difference = new Span();
    private final TextArea comment = new TextArea();

    TargetEditor(TargetTable table, Integer parentTarget) {
        this.table = table;
        this.parentTarget = parentTarget;
        VerticalLayout layout = getContent();
        layout.setPadding(false);
        layout.setWidthFull();

        Grid<TargetRow> grid = new Grid<>();
        grid.setId("target-editor");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(TargetRow::regionName)
                .setHeader(getTranslation("targets.region"))
                .setFlexGrow(2)
                .setResizable(true);
        grid.addColumn(TargetRow::proposed)
                .setHeader(getTranslation("targets.proposed"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END)
                .setFlexGrow(0);
        grid.addComponentColumn(this::field)
                .setHeader(getTranslation("targets.target"))
                .setWidth("8em")
                .setFlexGrow(0);
        grid.setItems(table.children());
        grid.setAllRowsVisible(true);

        FlexLayout totals = new FlexLayout(total, difference);
        totals.addClassNames("canbao-target-totals");
        totals.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        total.setId("target-total");
        difference.setId("target-difference");

        comment.setId("target-comment");
        comment.setLabel(getTranslation(parentTarget == null ? "targets.publishComment" : "targets.splitComment"));
        comment.setWidthFull();
        comment.setMaxLength(2000);

        layout.add(grid, totals, comment, workbookActions());
        update();
    }

    private IntegerField field(TargetRow row) {
        IntegerField field = fields.computeIfAbsent(row.regionCode(), code -> {
            IntegerField f = new IntegerField();
            f.setMin(0);
            f.setValue(row.target());
            f.setWidthFull();
            f.setStepButtonsVisible(false);
            f.addClassNames("target-field");
            f.getElement().setAttribute("data-region", code);
            f.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.EAGER);
            f.addValueChangeListener(e -> update());
            return f;
        });
        return field;
    }

    private void update() {
        int sum = values().values().stream().mapToInt(Integer::intValue).sum();
        int reference = parentTarget != null ? parentTarget : table.childrenProposed();
        int diff = sum - reference;
        total.setText(getTranslation(
                parentTarget != null ? "targets.totalOfParent" : "targets.totalOfProposals", sum, reference));
        difference.setText(
                diff == 0
                        ? getTranslation("targets.addsUp")
                        : getTranslation("targets.difference", (diff > 0 ? "+" : "") + diff));
        difference.getElement().getClassList().set("target-mismatch", diff != 0);
        difference.getElement().getClassList().set("target-match", diff == 0);
    }

    /** The numbers as entered; an empty field counts as 0 here and is refused by {@link #valid()}. */
    Map<String, Integer> values() {
        Map<String, Integer> values = new LinkedHashMap<>();
        table.children().forEach(r -> {
            IntegerField f = fields.get(r.regionCode());
            Integer v = f == null ? Integer.valueOf(r.target()) : f.getValue();
            values.put(r.regionCode(), v == null ? 0 : v);
        });
        return values;
    }

    /** Whether every field holds a whole number ≥ 0 (fields show their own error otherwise). */
    boolean valid() {
        return fields.values().stream().allMatch(f -> !f.isInvalid() && f.getValue() != null && f.getValue() >= 0);
    }

    String comment() {
        return comment.getValue();
    }

    private FlexLayout workbookActions() {
        Anchor export = new Anchor(download(), getTranslation("targets.export"));
        export.setId("target-export");
        Upload upload = new Upload(upload());
        upload.setId("target-import");
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        UploadI18N i18n = new UploadI18N();
        i18n.setAddFiles(new UploadI18N.AddFiles().setOne(getTranslation("targets.import")));
        i18n.setDropFiles(new UploadI18N.DropFiles().setOne(getTranslation("targets.importDrop")));
        upload.setI18n(i18n);
        upload.setDropLabel(new Span(getTranslation("targets.importDrop")));
        FlexLayout actions = new FlexLayout(export, upload);
        actions.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        actions.setAlignItems(com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment.CENTER);
        actions.addClassNames("canbao-target-actions");
        return actions;
    }

    private DownloadHandler download() {
        return event -> {
            event.setFileName(
                    "targets-" + table.campaignId() + "-" + table.region().regionCode() + ".xlsx");
            event.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            TargetWorkbook.write(title(), sheetRows(values()), parentTarget, event.getOutputStream());
        };
    }

    private UploadHandler upload() {
        return event -> {
            try (InputStream in = event.getInputStream()) {
                List<TargetSheetRow> read = TargetWorkbook.read(in, sheetRows(values()));
                event.getUI().access(() -> {
                    read.forEach(r -> fields.get(r.regionCode()).setValue(r.target()));
                    Messages.showSuccess(getTranslation("targets.imported", read.size()));
                });
            } catch (TargetWorkbookException refused) {
                event.getUI().access(() -> Messages.showError(refused.render(this::getTranslation)));
            }
        };
    }

    private String title() {
        return table.region().regionName() + " · " + table.campaignName();
    }

    private List<TargetSheetRow> sheetRows(Map<String, Integer> values) {
        return table.children().stream()
                .map(r -> new TargetSheetRow(
                        r.regionCode(),
                        r.regionName(),
                        r.proposed(),
                        values.getOrDefault(r.regionCode(), r.target()),
                        null))
                .toList();
    }

    /**
     * The button that completes the task with the breakdown (the targets and the comment) once every field is
     * valid; until then it says what to fix.
     */
    Button submit(String labelKey, Consumer<Map<String, Object>> complete) {
        Button submit = new Button(getTranslation(labelKey), e -> {
            if (!valid()) {
                Messages.showError(getTranslation("targets.fixFields"));
                return;
            }
            complete.accept(Map.of(
                    BreakdownProcess.VAR_TARGETS,
                    TargetVariables.toJson(values()),
                    BreakdownProcess.VAR_COMMENT,
                    comment()));
        });
        submit.setId("target-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        return submit;
    }

    /** A summary card: label over a number. */
    static Div card(String label, String value, String id) {
        return SummaryCard.of(label, value, id);
    }
}
