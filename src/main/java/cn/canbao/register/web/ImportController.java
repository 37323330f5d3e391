package cn.canbao.register.web;

import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportOptions;
import cn.canbao.register.ImportRun;
import cn.canbao.register.ImportService;
import cn.canbao.register.RegisterException;
import cn.canbao.register.imports.ColumnMapping;
import cn.canbao.register.imports.ImportMappings;
import cn.canbao.register.imports.ImportPreview;
import cn.canbao.register.imports.ImportPurgedException;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Imports for automation: {@code POST /api/imports} (multipart {@code file} and {@code kind}) answers
 * 202 with the import; {@code GET /api/imports/{id}} its status and counts, the summary of where the rows went and a
 * failure's message in the caller's language (clerks, admins, leaders);
 * {@code GET /api/imports/{id}/rejects} the rejected rows as CSV (clerks and admins, audited; 410 once the
 * retention period deleted them); {@code POST /api/imports/preview} how a file would be read and mapped;
 * {@code GET /api/imports/mappings?kind=} and {@code PUT /api/imports/mappings/{name}?kind=} the saved column
 * mappings (clerks and admins). HTTP Basic with Canbao's users; scoped.
 */
@RestController
@RequestMapping("/api/imports")
class ImportController {

    private final ImportService imports;
    private final ImportMappings mappings;
    private final MessageSource messages;

    ImportController(ImportService imports, ImportMappings mappings, MessageSource messages) {
        this.imports = imports;
        this.mappings = mappings;
        this.messages = messages;
    }

    /**
     * Starts an import. Optional: {@code mapping} — a saved mapping's name, or a mapping as JSON
     * ({"身份证号": "公民身份号码", "手机号": ""}) —, {@code encoding}, {@code sheet}, {@code headerRow} (they override
     * the saved mapping's), {@code dryRun=true} to count what the import would do without writing anything, and for a
     * police list without change events {@code snapshotAsOf} (yyyy-MM-dd), the day it lists the register as of.
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportRun> start(
            @RequestParam("kind") String kind,
            @RequestParam("file") MultipartFile file,
            @RequestParam(name = "mapping", required = false) String mapping,
            @RequestParam(name = "encoding", required = false) String encoding,
            @RequestParam(name = "sheet", required = false) Integer sheet,
            @RequestParam(name = "headerRow", required = false) Integer headerRow,
            @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun,
            @RequestParam(name = "snapshotAsOf", required = false) java.time.LocalDate asOf)
            throws IOException {
        ExtractKind parsed = kind(kind);
        ImportOptions options = options(parsed, mapping, encoding, sheet, headerRow);
        options = asOf == null ? options : options.asSnapshotOf(asOf);
        ImportRun run = imports.start(
                parsed, file.getOriginalFilename(), file.getInputStream(), dryRun ? options.asDryRun() : options);
        return ResponseEntity.accepted()
                .location(URI.create("/api/imports/" + run.id()))
                .body(run);
    }

    /** Stops an import still queued or running: it ends CANCELLED with nothing written. */
    @PostMapping("/{id}/cancel")
    ImportRun cancel(@PathVariable long id) {
        return imports.cancel(id);
    }

    /** The preview of a file (nothing is imported): encoding, sheets, header, first rows, the columns it maps. */
    @PostMapping(path = "/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportPreview preview(
            @RequestParam("kind") String kind,
            @RequestParam("file") MultipartFile file,
            @RequestParam(name = "mapping", required = false) String mapping,
            @RequestParam(name = "encoding", required = false) String encoding,
            @RequestParam(name = "sheet", required = false) Integer sheet,
            @RequestParam(name = "headerRow", required = false) Integer headerRow)
            throws IOException {
        ExtractKind parsed = kind(kind);
        return mappings.preview(
                parsed,
                file.getOriginalFilename(),
                file.getInputStream(),
                options(parsed, mapping, encoding, sheet, headerRow));
    }

    /** The saved mappings the caller may use for a kind. */
    @GetMapping("/mappings")
    List<ImportMappings.SavedMapping> savedMappings(@RequestParam("kind") String kind) {
        return mappings.saved(kind(kind));
    }

    /** What a saved mapping holds: the columns' headers and how the source's files are read. */
    record MappingBody(Map<String, String> mapping, String encoding, Integer sheet, Integer headerRow) {}

    /** Saves (or replaces) a mapping of this name in the caller's region. */
    @PutMapping(path = "/mappings/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ImportMappings.SavedMapping saveMapping(
            @PathVariable String name, @RequestParam("kind") String kind, @RequestBody MappingBody body) {
        return mappings.save(
                kind(kind),
                name,
                new ImportOptions(
                        body.encoding(),
                        body.sheet() == null ? 0 : body.sheet(),
                        body.headerRow() == null ? 1 : body.headerRow(),
                        new ColumnMapping(body.mapping()),
                        false));
    }

    private static ExtractKind kind(String kind) {
        return ExtractKind.parse(kind).orElseThrow(() -> new RegisterException("register.import.unknownKind", kind));
    }

    /** The saved mapping named, or the inline one; the explicit reading options override the saved ones. */
    private ImportOptions options(ExtractKind kind, String mapping, String encoding, Integer sheet, Integer headerRow) {
        ImportOptions base = ImportOptions.DEFAULT;
        if (mapping != null && !mapping.isBlank()) {
            base = mapping.strip().startsWith("{")
                    ? new ImportOptions(null, 0, 1, ColumnMapping.fromJson(mapping), false)
                    : mappings.find(kind, mapping)
                            .map(ImportMappings.SavedMapping::options)
                            .orElseThrow(() -> new RegisterException("register.mapping.unknown", mapping));
        }
        return new ImportOptions(
                encoding != null ? encoding : base.encoding(),
                sheet != null ? sheet : base.sheet(),
                headerRow != null ? headerRow : base.headerRow(),
                base.mapping(),
                false);
    }

    /**
     * The import with, for people and scripts that do not carry the message bundle, its error translated
     * ({@code errorMessage}, null unless failed) and the summary of where the rows went ({@code summary}).
     */
    @GetMapping("/{id}")
    ImportAnswer get(@PathVariable long id, Locale locale) {
        ImportRun run = imports.get(id);
        return new ImportAnswer(run, imports.errorText(run, locale), imports.summary(run, locale));
    }

    /** The import's fields, flat, and the texts a reader needs. */
    record ImportAnswer(@JsonUnwrapped ImportRun run, String errorMessage, List<String> summary) {}

    /** The rejected rows as an XLSX workbook; same door, same audit as the CSV. */
    @GetMapping("/{id}/rejects.xlsx")
    void rejectsXlsx(@PathVariable long id, Locale locale, HttpServletResponse response) throws IOException {
        imports.writeRejectsXlsx(id, locale, () -> {
            attachment(
                    response,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "import-" + id + "-rejects.xlsx");
            return response.getOutputStream();
        });
    }

    /** The headers are set only once the service allows the download, so a refusal answers problem+json. */
    @GetMapping("/{id}/rejects")
    void rejects(@PathVariable long id, Locale locale, HttpServletResponse response) throws IOException {
        imports.writeRejects(id, locale, () -> {
            attachment(response, "text/csv;charset=UTF-8", "import-" + id + "-rejects.csv");
            return new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        });
    }

    /** A download of rejected rows: its type and file name, never cached (it names persons). */
    private static void attachment(HttpServletResponse response, String contentType, String fileName) {
        response.setContentType(contentType);
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        response.setHeader("Cache-Control", "no-store");
    }

    @ExceptionHandler(ImportPurgedException.class)
    ProblemDetail purged(ImportPurgedException e, Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.GONE, messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale));
        problem.setProperty("code", e.messageKey());
        return problem;
    }
}
