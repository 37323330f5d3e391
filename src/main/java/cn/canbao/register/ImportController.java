package cn.canbao.register;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Imports for automation: {@code POST /api/imports} (multipart {@code file} and {@code kind}) answers
 * 202 with the import; {@code GET /api/imports/{id}} its status and counts, the summary of where the rows went and a
 * failure's message in the caller's language (clerks, admins, leaders);
 * {@code GET /api/imports/{id}/rejects} the rejected rows as CSV (clerks and admins, audited; 410 once the
 * retention period deleted them). HTTP Basic with Canbao's users; scoped.
 */
@RestController
@RequestMapping("/api/imports")
class ImportController {

    private final ImportService imports;
    private final MessageSource messages;

    ImportController(ImportService imports, MessageSource messages) {
        this.imports = imports;
        this.messages = messages;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportRun> start(@RequestParam("kind") String kind, @RequestParam("file") MultipartFile file)
            throws IOException {
        ExtractKind parsed = ExtractKind.parse(kind)
                .orElseThrow(() -> new RegisterException("register.import.unknownKind", kind));
        ImportRun run = imports.start(parsed, file.getOriginalFilename(), file.getInputStream());
        return ResponseEntity.accepted().location(URI.create("/api/imports/" + run.id())).body(run);
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
    record ImportAnswer(@JsonUnwrapped ImportRun run, String errorMessage, List<String> summary) {
    }

    /** The headers are set only once the service allows the download, so a refusal answers problem+json. */
    @GetMapping("/{id}/rejects")
    void rejects(@PathVariable long id, Locale locale, HttpServletResponse response) throws IOException {
        imports.writeRejects(id, locale, () -> {
            response.setContentType("text/csv;charset=UTF-8");
            response.setHeader("Content-Disposition", "attachment; filename=\"import-" + id + "-rejects.csv\"");
            response.setHeader("Cache-Control", "no-store");
            return new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        });
    }

    @ExceptionHandler(ImportPurgedException.class)
    ProblemDetail purged(ImportPurgedException e, Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE,
                messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale));
        problem.setProperty("code", e.messageKey());
        return problem;
    }
}
