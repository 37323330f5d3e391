package cn.canbao.base;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The Spring Modulith documentation in {@code docs/modules/} (a canvas per module, the C4 component diagram and one
 * diagram per module, in PlantUML and Asciidoc) is generated from the code and committed, so a reader sees the
 * modules without building; this test fails when the committed files no longer match the code (issue 19).
 */
class ModuleDocumentationTest {

    static final Path COMMITTED = Path.of("docs/modules");
    private static final Path GENERATED = Path.of("target/modulith-docs");
    /** Set (to true) to write the generated files into docs/modules instead of comparing. */
    static final String WRITE = "canbao.modules.docs.write";

    private static final List<String> SORTED_LINES = List.of("Rel(", "  Component(");

    @Test
    void committedModuleDocumentationMatchesTheCode() throws IOException {
        new Documenter(
                        ApplicationModules.of(CanbaoApplication.class),
                        Documenter.Options.defaults().withOutputFolder(GENERATED.toString()))
                .writeDocumentation();
        Map<String, String> generated = read(GENERATED);
        assertThat(generated).as("files the Documenter wrote").containsKey("components.puml");
        if (Boolean.getBoolean(WRITE)) {
            write(generated);
        }
        assertThat(read(COMMITTED))
                .as(
                        "%s is out of date with the code: regenerate it with "
                                + "./mvnw test -Dtest=ModuleDocumentationTest -D%s=true and commit the result",
                        COMMITTED, WRITE)
                .isEqualTo(generated);
    }

    /**
     * File name → text, line endings as Unix ones and the diagrams' relations and components sorted: the Documenter
     * writes them in an order that changes from run to run, and PlantUML draws them the same in any order.
     */
    private static Map<String, String> read(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> list = Files.list(folder)) {
            for (Path f : list.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8).replace("\r\n", "\n");
                files.put(f.getFileName().toString(), sortRuns(text));
            }
        }
        return files;
    }

    /** Sorts each run of consecutive lines that declare a diagram's relations or components. */
    static String sortRuns(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int start = 0;
        while (start < lines.size()) {
            String kind = kind(lines.get(start));
            int end = start + 1;
            while (kind != null && end < lines.size() && kind.equals(kind(lines.get(end)))) {
                end++;
            }
            Collections.sort(lines.subList(start, end));
            start = end;
        }
        return String.join("\n", lines);
    }

    private static String kind(String line) {
        for (String prefix : SORTED_LINES) {
            if (line.startsWith(prefix)) {
                return prefix;
            }
        }
        return null;
    }

    private static void write(Map<String, String> generated) throws IOException {
        Files.createDirectories(COMMITTED);
        try (Stream<Path> list = Files.list(COMMITTED)) {
            for (Path f : list.filter(Files::isRegularFile).toList()) {
                if (!generated.containsKey(f.getFileName().toString())) {
                    Files.delete(f);
                }
            }
        }
        for (Map.Entry<String, String> file : generated.entrySet()) {
            Files.writeString(COMMITTED.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
    }
}
