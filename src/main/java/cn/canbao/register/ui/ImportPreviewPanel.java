package cn.canbao.register.ui;

import cn.canbao.base.DomainException;
import cn.canbao.base.ui.Messages;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportOptions;
import cn.canbao.register.ImportRun;
import cn.canbao.register.ImportService;
import cn.canbao.register.imports.ColumnMapping;
import cn.canbao.register.imports.ImportMappings;
import cn.canbao.register.imports.ImportPreview;
import cn.canbao.register.person.IdNumber;
import cn.canbao.register.person.MobileNumber;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The upload's preview (issue 17, point 1): the detected format and encoding (the clerk may override it), the sheet
 * and header row of a workbook, for each column of the layout the header it reads — matched by name or known synonym,
 * with the confidence shown, changed with a dropdown or ignored — and sample values; saved mappings to apply, the
 * mapping to save for the next upload of this source; then a dry run or the import. A required column without a
 * header is named here and the import cannot start.
 */
class ImportPreviewPanel extends VerticalLayout {

    /** The choice "no header: ignore this column" in a column's dropdown. */
    static final String IGNORE = "";

    private final ImportMappings mappings;
    private final ImportService imports;
    private final ExtractKind kind;
    private final String fileName;
    private final Path file;
    private final Consumer<ImportRun> started;
    private final Map<String, String> explicit = new LinkedHashMap<>();
    private String encoding;
    private int sheet;
    private int headerRow = 1;
    /** A police list without change events: the day it lists the register as of (null: change events). */
    private java.time.LocalDate snapshot;

    ImportPreviewPanel(
            ImportMappings mappings,
            ImportService imports,
            ExtractKind kind,
            String fileName,
            Path file,
            Consumer<ImportRun> started) {
        this.mappings = mappings;
        this.imports = imports;
        this.kind = kind;
        this.fileName = fileName;
        this.file = file;
        this.started = started;
        setPadding(false);
        setId("import-preview");
        refresh();
    }

    private ImportOptions options() {
        return new ImportOptions(encoding, sheet, headerRow, new ColumnMapping(explicit), false, snapshot);
    }

    private void refresh() {
        removeAll();
        ImportPreview preview;
        try (InputStream in = Files.newInputStream(file)) {
            preview = mappings.preview(kind, fileName, in, options());
        } catch (DomainException refused) {
            add(new H3(fileName), error(refused));
            explicit.clear();
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        add(new H3(getTranslation("imports.preview.title", fileName, getTranslation(kind.messageKey()))));
        add(readingOptions(preview), savedMappings());
        add(columns(preview));
        if (!preview.missing().isEmpty()) {
            Span missing =
                    new Span(getTranslation("register.import.missingColumns", String.join("、", preview.missing())));
            missing.addClassNames("canbao-error");
            missing.setId("import-missing");
            add(missing);
        }
        add(actions(preview));
    }

    private Span error(DomainException refused) {
        Span error = new Span(getTranslation(refused.messageKey(), refused.args()));
        error.addClassNames("canbao-error");
        error.setId("import-preview-error");
        return error;
    }

    private HorizontalLayout readingOptions(ImportPreview preview) {
        Span format = new Span(getTranslation("imports.preview.format." + preview.format()));
        format.setId("import-format");
        format.getElement().getThemeList().add("badge");
        HorizontalLayout row = new HorizontalLayout(format);
        row.setAlignItems(Alignment.END);
        row.setWrap(true);
        if (!preview.format().equals("XLSX")) {
            Select<String> charset = new Select<>();
            charset.setLabel(getTranslation("imports.preview.encoding"));
            charset.setItems("", "UTF-8", "GB18030");
            charset.setItemLabelGenerator(
                    e -> getTranslation("imports.preview.encoding." + (e.isEmpty() ? "auto" : e)));
            charset.setValue(encoding == null ? "" : encoding);
            charset.setId("import-encoding");
            charset.addValueChangeListener(e -> {
                encoding = e.getValue() == null || e.getValue().isEmpty() ? null : e.getValue();
                refresh();
            });
            row.add(charset);
        } else if (preview.sheets().size() > 1) {
            Select<Integer> sheets = new Select<>();
            sheets.setLabel(getTranslation("imports.preview.sheet"));
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < preview.sheets().size(); i++) {
                indexes.add(i);
            }
            sheets.setItems(indexes);
            sheets.setItemLabelGenerator(i -> preview.sheets().get(i));
            sheets.setValue(sheet);
            sheets.setId("import-sheet");
            sheets.addValueChangeListener(e -> {
                sheet = e.getValue();
                explicit.clear();
                refresh();
            });
            row.add(sheets);
        }
        IntegerField header = new IntegerField(getTranslation("imports.preview.headerRow"));
        header.setMin(1);
        header.setMax(50);
        header.setStepButtonsVisible(true);
        header.setValue(headerRow);
        header.setId("import-header-row");
        header.addValueChangeListener(e -> {
            if (e.getValue() != null && e.getValue() >= 1 && e.getValue() <= 50) {
                headerRow = e.getValue();
                explicit.clear();
                refresh();
            }
        });
        row.add(header);
        if (kind == ExtractKind.POLICE_HOUSEHOLD) {
            com.vaadin.flow.component.datepicker.DatePicker asOf =
                    new com.vaadin.flow.component.datepicker.DatePicker(getTranslation("imports.preview.snapshot"));
            asOf.setHelperText(getTranslation("imports.preview.snapshotHint"));
            asOf.setValue(snapshot);
            asOf.setClearButtonVisible(true);
            asOf.setId("import-snapshot");
            asOf.addValueChangeListener(e -> {
                snapshot = e.getValue();
                refresh();
            });
            row.add(asOf);
        }
        return row;
    }

    private HorizontalLayout savedMappings() {
        HorizontalLayout row = new HorizontalLayout();
        row.setAlignItems(Alignment.END);
        List<ImportMappings.SavedMapping> saved = mappings.saved(kind);
        if (!saved.isEmpty()) {
            Select<ImportMappings.SavedMapping> apply = new Select<>();
            apply.setLabel(getTranslation("imports.preview.savedMapping"));
            apply.setItems(saved);
            apply.setItemLabelGenerator(m -> m == null ? "" : m.name());
            apply.setEmptySelectionAllowed(true);
            apply.setId("import-saved-mapping");
            apply.addValueChangeListener(e -> {
                if (e.getValue() != null) {
                    explicit.clear();
                    explicit.putAll(e.getValue().mapping().headers());
                    encoding = e.getValue().encoding();
                    sheet = e.getValue().sheet();
                    headerRow = e.getValue().headerRow();
                    refresh();
                }
            });
            row.add(apply);
        }
        TextField name = new TextField(getTranslation("imports.preview.mappingName"));
        name.setPlaceholder(getTranslation("imports.preview.mappingNameHint"));
        name.setId("import-mapping-name");
        Button save = new Button(getTranslation("imports.preview.saveMapping"), e -> {
            Messages.attempt(this, () -> {
                ImportMappings.SavedMapping m = mappings.save(kind, name.getValue(), currentMapping());
                Messages.showSuccess(getTranslation("imports.preview.mappingSaved", m.name()));
            });
        });
        save.setId("import-save-mapping");
        row.add(name, save);
        return row;
    }

    /** The mapping as the preview shows it now, every column named (what a save keeps). */
    private ImportOptions currentMapping() {
        try (InputStream in = Files.newInputStream(file)) {
            ImportPreview preview = mappings.preview(kind, fileName, in, options());
            return new ImportOptions(encoding, sheet, headerRow, preview.mapping(), false, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Grid<ImportPreview.ColumnChoice> columns(ImportPreview preview) {
        Grid<ImportPreview.ColumnChoice> grid = new Grid<>();
        grid.setId("import-mapping");
        grid.addColumn(c -> c.chinese() + (c.required() ? " *" : ""))
                .setHeader(getTranslation("imports.preview.column"))
                .setAutoWidth(true);
        grid.addComponentColumn(c -> headerChoice(preview, c))
                .setHeader(getTranslation("imports.preview.header"))
                .setAutoWidth(true);
        grid.addComponentColumn(this::confidence)
                .setHeader(getTranslation("imports.preview.confidence"))
                .setAutoWidth(true);
        grid.addColumn(c -> samples(preview, c))
                .setHeader(getTranslation("imports.preview.samples"))
                .setFlexGrow(1);
        grid.setItems(preview.columns());
        grid.setAllRowsVisible(true);
        return grid;
    }

    private Select<String> headerChoice(ImportPreview preview, ImportPreview.ColumnChoice c) {
        Select<String> choice = new Select<>();
        List<String> items = new ArrayList<>();
        items.add(IGNORE);
        preview.header().stream()
                .filter(h -> h != null && !h.isBlank())
                .distinct()
                .forEach(items::add);
        choice.setItems(items);
        choice.setItemLabelGenerator(h -> h == null || h.isEmpty() ? getTranslation("imports.preview.ignore") : h);
        choice.setValue(c.header() == null ? IGNORE : c.header());
        choice.setId("import-map-" + c.key());
        choice.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                explicit.put(c.key(), e.getValue() == null ? IGNORE : e.getValue());
                refresh();
            }
        });
        return choice;
    }

    private Span confidence(ImportPreview.ColumnChoice c) {
        Span badge = new Span(c.header() == null ? getTranslation("imports.preview.unmapped") : c.confidence() + "%");
        badge.getElement()
                .getThemeList()
                .add("badge small "
                        + (c.header() == null
                                ? (c.required() ? "error" : "contrast")
                                : c.confidence() >= 90 ? "success" : ""));
        return badge;
    }

    private static String samples(ImportPreview preview, ImportPreview.ColumnChoice c) {
        int at = c.header() == null ? -1 : preview.header().indexOf(c.header());
        if (at < 0) {
            return "";
        }
        List<String> values = new ArrayList<>();
        for (List<String> row : preview.sampleRows()) {
            if (at < row.size() && !row.get(at).isBlank() && values.size() < 3) {
                values.add(mask(c.key(), row.get(at)));
            }
        }
        return String.join(" · ", values);
    }

    /** Sample IDs and phones are masked as in every list (the clerk sees the file's shape, not its people). */
    private static String mask(String key, String value) {
        if (key.endsWith("id_number")) {
            return IdNumber.mask(value);
        }
        if (key.endsWith("mobile")) {
            return MobileNumber.mask(value);
        }
        return value;
    }

    private HorizontalLayout actions(ImportPreview preview) {
        boolean ready = preview.missing().isEmpty();
        Button dryRun = new Button(getTranslation("imports.preview.dryRun"), e -> start(true));
        dryRun.setId("import-dry-run");
        dryRun.setEnabled(ready);
        Button start = new Button(getTranslation("imports.preview.start"), e -> start(false));
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.setId("import-start");
        start.setEnabled(ready);
        Span hint = new Span(getTranslation("imports.preview.dryRunHint"));
        hint.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        HorizontalLayout row = new HorizontalLayout(dryRun, start, hint);
        row.setAlignItems(Alignment.CENTER);
        row.setWrap(true);
        return row;
    }

    private void start(boolean dry) {
        try (InputStream in = Files.newInputStream(file)) {
            ImportOptions options = options();
            started.accept(imports.start(kind, fileName, in, dry ? options.asDryRun() : options));
        } catch (DomainException refused) {
            Messages.showError(this, refused);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
