package cn.canbao.register.imports;

import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.RegionScope;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportOptions;
import cn.canbao.register.RegisterException;
import cn.canbao.register.extract.ReadOptions;
import cn.canbao.security.CurrentUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Before an extract is imported (issue 17, point 1): its preview — encoding, sheets, header, first rows and the
 * columns matched by name and known synonyms — and the column mappings clerks save per source for the next upload.
 * A mapping saved in a region serves its subtree (a city's for its counties); the nearest one of a name wins.
 */
@PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
@Service
public class ImportMappings {

    /** A mapping saved for a source: its name, where it was saved, and how it reads the source's files. */
    public record SavedMapping(
            String name,
            String scopeCode,
            ColumnMapping mapping,
            String encoding,
            int sheet,
            int headerRow,
            String savedBy) {

        public ImportOptions options() {
            return new ImportOptions(encoding, sheet, headerRow, mapping, false);
        }
    }

    private final JdbcTemplate jdbc;
    private final ImportPipeline pipeline;
    private final CurrentRegionScope scope;
    private final Path previews;

    ImportMappings(JdbcTemplate jdbc, ImportPipeline pipeline, CurrentRegionScope scope, Environment env) {
        this.jdbc = jdbc;
        this.pipeline = pipeline;
        this.scope = scope;
        this.previews = Path.of(env.getProperty("canbao.imports.dir", "data/imports"))
                .toAbsolutePath()
                .resolve("previews");
    }

    /**
     * The preview of an upload, read and mapped as the options say; nothing is stored but a temporary copy, deleted
     * before the answer (a CSV's encoding is detected over the whole file, so the whole upload is read once).
     */
    public ImportPreview preview(ExtractKind kind, String fileName, InputStream content, ImportOptions options) {
        Path copy = null;
        try {
            Files.createDirectories(previews);
            String safe = fileName == null
                    ? "upload"
                    : Path.of(fileName).getFileName().toString().replaceAll("[^\\p{L}\\p{N}._-]", "_");
            copy = Files.createTempFile(previews, "preview-", "-" + safe);
            try (InputStream in = content) {
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return pipeline.preview(
                    kind,
                    copy,
                    new ReadOptions(options.encoding(), options.sheet(), options.headerRow()),
                    options.mapping(),
                    options.snapshotAsOf() != null && kind == ExtractKind.POLICE_HOUSEHOLD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // a leftover preview copy is deleted with the directory's next cleanup
                }
            }
        }
    }

    /** Saves (or replaces) the caller's region's mapping of this name for the kind. */
    public SavedMapping save(ExtractKind kind, String name, ImportOptions options) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 60) {
            throw new RegisterException("register.mapping.name");
        }
        new ReadOptions(options.encoding(), options.sheet(), options.headerRow()); // refuses a bad encoding
        String region = region();
        jdbc.update(
                "insert into import_mapping (kind, name, scope_code, mapping, encoding, sheet_index, header_row, "
                        + "saved_by) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (kind, scope_code, name) do update set "
                        + "mapping = excluded.mapping, encoding = excluded.encoding, sheet_index = excluded.sheet_index, "
                        + "header_row = excluded.header_row, saved_by = excluded.saved_by, saved_at = now()",
                kind.name(),
                n,
                region,
                options.mapping().toJson(),
                options.encoding(),
                options.sheet(),
                options.headerRow(),
                CurrentUser.name());
        return find(kind, n).orElseThrow();
    }

    /** The mappings the caller may use for the kind: their region's and its ancestors', nearest first. */
    public List<SavedMapping> saved(ExtractKind kind) {
        List<String> regions = withAncestors(region());
        List<SavedMapping> all = jdbc.query(
                "select name, scope_code, mapping, encoding, sheet_index, header_row, "
                        + "saved_by from import_mapping where kind = ? and scope_code = any(?) "
                        + "order by length(rtrim(scope_code, '0')) desc, name",
                (rs, i) -> new SavedMapping(
                        rs.getString(1),
                        rs.getString(2),
                        ColumnMapping.fromJson(rs.getString(3)),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getInt(6),
                        rs.getString(7)),
                kind.name(),
                regions.toArray(String[]::new));
        List<SavedMapping> nearest = new ArrayList<>();
        all.forEach(m -> {
            if (nearest.stream().noneMatch(k -> k.name().equals(m.name()))) {
                nearest.add(m);
            }
        });
        return nearest;
    }

    /** The mapping of that name the caller may use (the nearest region's). */
    public Optional<SavedMapping> find(ExtractKind kind, String name) {
        return saved(kind).stream()
                .filter(m -> m.name().equals(name == null ? null : name.strip()))
                .findFirst();
    }

    private String region() {
        RegionScope s = scope.get();
        if (s.unrestricted()) {
            throw new RegisterException("register.mapping.noRegion");
        }
        return s.rootCode();
    }

    /** A region code and its ancestors' (codes carry their ancestors' digits: 35, 3505, 350525, 350525101 …). */
    static List<String> withAncestors(String code) {
        List<String> codes = new ArrayList<>();
        for (int length : new int[] {2, 4, 6, 9, 12}) {
            if (code.length() >= length) {
                String prefix = code.substring(0, length);
                codes.add(prefix + "0".repeat(12 - length));
            }
        }
        codes.add(code);
        return codes.stream().distinct().toList();
    }
}
