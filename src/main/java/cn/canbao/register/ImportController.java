package cn.canbao.register;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
import java.util.Locale;

/**
 * Imports for automation: {@code POST /api/imports} (multipart {@code file} and {@code kind}) answers
 * 202 with the import; {@code GET /api/imports/{id}} its status and counts; {@code GET
 * /api/imports/{id}/rejects} the rejected rows as CSV. HTTP Basic with Canbao's users; scoped.
 */
@RestController
@RequestMapping("/api/imports")
class ImportController {

    private final ImportService imports;

    ImportController(ImportService imports) {
        this.imports = imports;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportRun> start(@RequestParam("kind") String kind, @RequestParam("file") MultipartFile file)
            throws IOException {
        ExtractKind parsed = ExtractKind.parse(kind)
                .orElseThrow(() -> new RegisterException("register.import.unknownKind", kind));
        ImportRun run = imports.start(parsed, file.getOriginalFilename(), file.getInputStream());
        return ResponseEntity.accepted().location(URI.create("/api/imports/" + run.id())).body(run);
    }

    @GetMapping("/{id}")
    ImportRun get(@PathVariable long id) {
        return imports.get(id);
    }

    @GetMapping("/{id}/rejects")
    void rejects(@PathVariable long id, Locale locale, HttpServletResponse response) throws IOException {
        imports.get(id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"import-" + id + "-rejects.csv\"");
        var writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        imports.writeRejects(id, writer, locale);
        writer.flush();
    }
}
