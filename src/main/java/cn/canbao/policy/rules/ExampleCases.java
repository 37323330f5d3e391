package cn.canbao.policy.rules;

import cn.canbao.policy.PolicyDecisions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The bundled example cases under {@code policy/<year>/}: one CSV per decision, the same files the rule
 * upload validates against and the tests run. The cases of a year apply from that year on, until a later
 * folder replaces them.
 */
@Component
public class ExampleCases {

    /** file name → decision it exercises */
    static final Map<String, String> FILES = Map.of(
            "waiting-period.csv", PolicyDecisions.WAITING_PERIOD, "cap-adjustment.csv", PolicyDecisions.CAP_ADJUSTMENT);

    private static final Pattern YEAR_FOLDER = Pattern.compile("/policy/(\\d{4})/([^/]+)$");

    /** year → cases of that year's folder */
    private final TreeMap<Integer, List<ExampleCase>> byYear = new TreeMap<>();

    public ExampleCases() {
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:policy/*/*.csv")) {
                Matcher m = YEAR_FOLDER.matcher(r.getURL().toString());
                if (m.find() && FILES.containsKey(m.group(2))) {
                    byYear.computeIfAbsent(Integer.parseInt(m.group(1)), y -> new ArrayList<>())
                            .addAll(read(FILES.get(m.group(2)), r));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (byYear.isEmpty()) {
            throw new IllegalStateException("no example cases under classpath:policy/<year>/");
        }
    }

    /** The cases rules for this year must pass: those of the latest folder up to the year (or the earliest). */
    public List<ExampleCase> forYear(int year) {
        Map.Entry<Integer, List<ExampleCase>> e = byYear.floorEntry(year);
        return List.copyOf((e == null ? byYear.firstEntry() : e).getValue());
    }

    /** The cases of one decision for the year. */
    public List<ExampleCase> forYear(int year, String decisionKey) {
        return forYear(year).stream()
                .filter(c -> c.decisionKey().equals(decisionKey))
                .toList();
    }

    static List<ExampleCase> read(String decisionKey, Resource resource) throws IOException {
        List<ExampleCase> cases = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
            String[] header = null;
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (header == null) {
                    header = cells;
                    continue;
                }
                if (cells.length != header.length) {
                    throw new IllegalStateException(resource + " line " + number + ": " + cells.length + " cells, "
                            + header.length + " columns");
                }
                Map<String, Object> inputs = new LinkedHashMap<>();
                Map<String, String> expected = new LinkedHashMap<>();
                for (int i = 1; i < header.length; i++) {
                    String column = header[i].strip();
                    String value = cells[i].strip();
                    if (column.startsWith("=")) {
                        expected.put(column.substring(1), value);
                    } else {
                        inputs.put(column, value(value));
                    }
                }
                cases.add(new ExampleCase(decisionKey, number, cells[0].strip(), inputs, expected));
            }
        }
        return cases;
    }

    private static Object value(String cell) {
        if ("true".equals(cell) || "false".equals(cell)) {
            return Boolean.valueOf(cell);
        }
        return Integer.valueOf(cell);
    }
}
