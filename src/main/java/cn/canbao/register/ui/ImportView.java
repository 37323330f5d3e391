package cn.canbao.register.ui;

import cn.canbao.base.ui.Messages;
import cn.canbao.base.ui.TitledView;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportRun;
import cn.canbao.register.ImportService;
import cn.canbao.register.imports.ImportMappings;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;

/**
 * The clerk's import wizard: choose the kind of extract, upload the file, check the preview — encoding, sheet, header
 * row, which header each column reads (by name or synonym, fixable, savable per source) —, run it dry or import it,
 * watch the rows being read, accepted and rejected, then see the rejected rows with their reasons and download them.
 */
@Route("imports")
@Menu(title = "menu.imports", order = 30, icon = "vaadin:upload")
@RolesAllowed({"ADMIN", "CLERK"})
class ImportView extends TitledView {

    private final DateTimeFormatter time;

    private final ImportService imports;
    private final ImportMappings mappings;
    private final Select<ExtractKind> kind = new Select<>();
    /** The uploaded file while its preview is shown (a temporary copy, deleted on the next upload or on leaving). */
    private java.nio.file.Path pending;

    private final VerticalLayout current = new VerticalLayout();
    private final Grid<ImportRun> history = new Grid<>();
    private Upload upload;
    private Long watching;
    private com.vaadin.flow.shared.Registration polling;
    private final Clock clock;

    ImportView(ImportService imports, ImportMappings mappings, Clock clock) {
        super("title.import");
        this.clock = clock;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(clock.getZone());
        this.imports = imports;
        this.mappings = mappings;
        setWidthFull();
        add(new H2(getTranslation("imports.title")));

        kind.setLabel(getTranslation("imports.kind"));
        kind.setItems(ExtractKind.values());
        kind.setItemLabelGenerator(k -> getTranslation(k.messageKey()));
        kind.setValue(ExtractKind.POLICE_HOUSEHOLD);
        kind.setId("import-kind");

        upload = new Upload(uploadHandler());
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes(
                ".csv", ".xlsx", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        upload.setId("import-upload");
        upload.setDropLabel(new Span(getTranslation("imports.drop")));
        UploadI18N i18n = new UploadI18N();
        i18n.setAddFiles(new UploadI18N.AddFiles().setOne(getTranslation("imports.choose")));
        i18n.setDropFiles(new UploadI18N.DropFiles().setOne(getTranslation("imports.drop")));
        i18n.setError(new UploadI18N.Error()
                .setFileIsTooBig(getTranslation("imports.tooBig"))
                .setIncorrectFileType(getTranslation("imports.wrongType")));
        upload.setI18n(i18n);

        HorizontalLayout choose = new HorizontalLayout(kind, upload);
        choose.setAlignItems(Alignment.END);
        choose.setWrap(true);
        current.setPadding(false);
        current.setId("import-current");

        history.setId("import-history");
        history.addColumn(ImportRun::id).setHeader("#").setAutoWidth(true);
        history.addColumn(r -> getTranslation(r.kind().messageKey()))
                .setHeader(getTranslation("imports.kind"))
                .setAutoWidth(true);
        history.addColumn(ImportRun::fileName)
                .setHeader(getTranslation("imports.file"))
                .setFlexGrow(1);
        history.addColumn(r -> getTranslation((r.dryRun() ? "imports.dryRunStatus." : "imports.status.") + r.status()))
                .setHeader(getTranslation("imports.state"))
                .setAutoWidth(true);
        history.addColumn(r -> r.rowsAccepted() + " / " + r.rowsRejected())
                .setHeader(getTranslation("imports.acceptedRejected"))
                .setAutoWidth(true);
        history.addColumn(r -> time.format(r.createdAt()) + " · " + r.createdBy())
                .setHeader(getTranslation("imports.when"))
                .setAutoWidth(true);
        history.setAllRowsVisible(true);
        history.addItemClickListener(e -> watch(e.getItem().id()));

        add(choose, current, new H3(getTranslation("imports.history")), history);
        refreshHistory();
    }

    /** Streams the upload to a temporary file (no copy in memory), then shows its preview. */
    private UploadHandler uploadHandler() {
        return event -> {
            ExtractKind chosen = kind.getValue();
            String name = event.getFileName();
            java.nio.file.Path copy = java.nio.file.Files.createTempFile("canbao-upload-", ".tmp");
            try (InputStream in = event.getInputStream()) {
                java.nio.file.Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            event.getUI().access(() -> {
                upload.clearFileList(); // ready for the next file
                discardPending();
                pending = copy;
                watching = null;
                current.removeAll();
                current.add(new ImportPreviewPanel(mappings, imports, chosen, name, copy, run -> watch(run.id())));
            });
        };
    }

    private void discardPending() {
        if (pending != null) {
            try {
                java.nio.file.Files.deleteIfExists(pending);
            } catch (java.io.IOException ignored) {
                // the system's temporary folder is cleaned anyway
            }
            pending = null;
        }
    }

    private void watch(long id) {
        watching = id;
        getUI().ifPresent(ui -> ui.setPollInterval(1000));
        show(imports.get(id));
    }

    private void show(ImportRun run) {
        current.removeAll();
        current.add(new H3(run.fileName() + " · " + getTranslation(run.kind().messageKey())));
        ProgressBar bar = new ProgressBar();
        bar.setId("import-progress");
        if (run.progress() < 0) {
            bar.setIndeterminate(true);
        } else {
            bar.setValue(run.progress());
        }
        Span status =
                new Span(getTranslation((run.dryRun() ? "imports.dryRunStatus." : "imports.status.") + run.status()));
        status.getElement()
                .getThemeList()
                .add("badge "
                        + switch (run.status()) {
                            case SUCCEEDED -> "success";
                            case FAILED, CANCELLED -> "error";
                            default -> "contrast";
                        });
        status.setId("import-status");
        Span counts = new Span(getTranslation(
                "imports.counts", run.rowsRead(), run.rowsAccepted(), run.rowsRejected(), run.personsChanged()));
        counts.setId("import-counts");
        current.add(new HorizontalLayout(status, counts), bar, phases(run));
        if (!run.finished()) {
            Button cancel = new Button(getTranslation("imports.cancel"), e -> {
                Messages.attempt(this, () -> show(imports.cancel(run.id())));
            });
            cancel.setId("import-cancel");
            cancel.setEnabled(!run.cancelRequested());
            current.add(cancel);
        }
        if (run.rowsTransferRequested() > 0) {
            var transfers = new com.vaadin.flow.router.RouterLink(
                    getTranslation("imports.transferRequested", run.rowsTransferRequested()), TransfersView.class);
            transfers.setId("import-transfers");
            current.add(transfers);
        }
        if (run.status() == ImportRun.Status.SUCCEEDED) {
            VerticalLayout summary = new VerticalLayout();
            summary.setId("import-summary");
            summary.setPadding(false);
            summary.setSpacing(false);
            imports.summary(run, getLocale()).forEach(line -> summary.add(new Span(line)));
            current.add(summary);
        }
        if (run.rowsHeld() > 0) {
            var held = new com.vaadin.flow.router.RouterLink(
                    getTranslation("imports.held", run.rowsHeld()), DuplicatesView.class);
            held.setId("import-held");
            current.add(held);
        }
        if (run.status() == ImportRun.Status.FAILED) {
            Span error = new Span(imports.errorText(run, getLocale()));
            error.addClassNames("canbao-error");
            error.setId("import-error");
            current.add(
                    error,
                    new Button(
                            getTranslation("imports.rerun"),
                            e -> watch(imports.rerun(run.id()).id())));
        }
        if (run.finished() && run.dryRun() && run.dryRunResult() != null) {
            showDryRun(run);
        }
        if (run.finished()) {
            stopPolling();
            if (run.snapshotAsOf() != null && run.snapshotAbsent() > 0 && !run.dryRun()) {
                showAbsentees(run);
            }
            if (run.rowsRejected() + run.rowsDuplicate() + run.rowsHeld() > 0 && !run.dryRun()) {
                showRejects(run);
            }
            refreshHistory();
        }
    }

    /**
     * One step per phase — read, check, merge, coverage: done (with its time), running (read: rows/s and time left;
     * the others: time so far) or to come.
     */
    private HorizontalLayout phases(ImportRun run) {
        HorizontalLayout steps = new HorizontalLayout();
        steps.setId("import-phases");
        steps.setWrap(true);
        java.time.Instant now = clock.instant();
        for (String phase : ImportRun.PHASES) {
            String label = getTranslation("imports.phase." + phase);
            Span step;
            if (run.phaseMillis() != null && run.phaseMillis().containsKey(phase)) {
                step = new Span(getTranslation(
                        "imports.phase.done",
                        label,
                        String.format("%.1f", run.phaseMillis().get(phase) / 1000.0)));
                step.getElement().getThemeList().add("badge success");
            } else if (phase.equals(run.phase())) {
                long seconds = run.phaseStartedAt() == null
                        ? 0
                        : java.time.Duration.between(run.phaseStartedAt(), now).toSeconds();
                String detail = phase.equals("READ") && run.rowsPerSecond(now) > 0
                        ? getTranslation(
                                "imports.phase.rate",
                                Math.round(run.rowsPerSecond(now)),
                                run.secondsLeft(now) < 0 ? "—" : String.valueOf(run.secondsLeft(now)))
                        : getTranslation("imports.phase.elapsed", seconds);
                step = new Span(label + " · " + detail);
                step.getElement().getThemeList().add("badge");
            } else {
                step = new Span(label);
                step.getElement().getThemeList().add("badge contrast");
            }
            step.getElement().setAttribute("data-phase", phase);
            steps.add(step);
        }
        return steps;
    }

    /** A snapshot's candidates for a move-out: listed for the clerk to check, nothing about them changed. */
    private void showAbsentees(ImportRun run) {
        Span note = new Span(getTranslation("imports.snapshot.absent", run.snapshotAbsent(), run.snapshotAsOf()));
        note.setId("import-absent");
        Grid<ImportService.Absentee> absent = new Grid<>();
        absent.setId("import-absentees");
        absent.addColumn(ImportService.Absentee::maskedId)
                .setHeader(getTranslation("imports.snapshot.id"))
                .setAutoWidth(true);
        absent.addColumn(ImportService.Absentee::name)
                .setHeader(getTranslation("imports.snapshot.name"))
                .setAutoWidth(true);
        absent.addColumn(ImportService.Absentee::householdRegion)
                .setHeader(getTranslation("imports.snapshot.village"))
                .setFlexGrow(1);
        absent.setItems(imports.absentees(run.id(), 200));
        absent.setAllRowsVisible(true);
        current.add(new H3(getTranslation("imports.snapshot.title")), note, absent);
    }

    /** What the dry run would do, the rejects by reason, and the import of the same file read the same way. */
    private void showDryRun(ImportRun run) {
        ImportRun.DryRunResult r = run.dryRunResult();
        Span result = new Span(getTranslation(
                "imports.dryRun.result", r.newPersons(), r.changedPersons(), r.duplicateRows(), r.rejectedRows()));
        result.setId("import-dry-run-result");
        current.add(result);
        r.rejectsByReason().forEach((key, count) -> {
            Span reason = new Span(getTranslation("imports.dryRun.reason", getTranslation(key, "…"), count));
            reason.addClassNames(LumoUtility.FontSize.SMALL);
            current.add(reason);
        });
        Button importIt = new Button(
                getTranslation("imports.dryRun.importNow"),
                e -> watch(imports.rerun(run.id()).id()));
        importIt.setId("import-after-dry-run");
        current.add(importIt);
    }

    private void showRejects(ImportRun run) {
        if (run.purged()) {
            Span purged = new Span(getTranslation("imports.rejects.purged", time.format(run.purgedAt())));
            purged.setId("import-rejects-purged");
            current.add(new H3(getTranslation("imports.rejects.title")), purged);
            return;
        }
        Anchor download = new Anchor(
                rejectsDownload(run.id()),
                getTranslation("imports.rejects.download", run.rowsRejected() + run.rowsDuplicate() + run.rowsHeld()));
        download.setId("import-rejects-download");
        Anchor workbook = new Anchor(rejectsWorkbook(run.id()), getTranslation("imports.rejects.downloadXlsx"));
        workbook.setId("import-rejects-xlsx");
        Grid<ImportService.Reject> rejects = new Grid<>();
        rejects.setId("import-rejects");
        rejects.addColumn(ImportService.Reject::rowNumber)
                .setHeader(getTranslation("imports.rejects.row"))
                .setAutoWidth(true);
        rejects.addColumn(ImportService.Reject::column)
                .setHeader(getTranslation("imports.rejects.column"))
                .setAutoWidth(true);
        rejects.addColumn(ImportService.Reject::value)
                .setHeader(getTranslation("imports.rejects.value"))
                .setAutoWidth(true);
        rejects.addColumn(ImportService.Reject::reasonText)
                .setHeader(getTranslation("imports.rejects.reason"))
                .setFlexGrow(1);
        rejects.addColumn(ImportService.Reject::raw)
                .setHeader(getTranslation("imports.rejects.raw"))
                .setFlexGrow(2);
        rejects.setItems(imports.rejects(run.id(), 200, getLocale()));
        rejects.setAllRowsVisible(true);
        Span masked = new Span(getTranslation("imports.rejects.masked"));
        masked.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        current.add(new H3(getTranslation("imports.rejects.title")), download, workbook, masked, rejects);
    }

    /** The rejects as a workbook, through the same door. */
    private DownloadHandler rejectsWorkbook(long id) {
        return event -> imports.writeRejectsXlsx(
                id, event.getUI() == null ? getLocale() : event.getUI().getLocale(), () -> {
                    event.setFileName("import-" + id + "-rejects.xlsx");
                    event.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                    return event.getOutputStream();
                });
    }

    /** The raw rows, through the same door as REST: role and scope checked, the download audited. */
    private DownloadHandler rejectsDownload(long id) {
        return event -> imports.writeRejects(
                id, event.getUI() == null ? getLocale() : event.getUI().getLocale(), () -> {
                    event.setFileName("import-" + id + "-rejects.csv");
                    event.setContentType("text/csv;charset=UTF-8");
                    return new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8);
                });
    }

    private void refreshHistory() {
        history.setItems(imports.recent(20));
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        polling = attach.getUI().addPollListener(e -> {
            if (watching != null) {
                show(imports.get(watching));
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        discardPending();
        polling.remove();
        stopPolling();
    }

    private void stopPolling() {
        UI.getCurrent().setPollInterval(-1);
    }
}
