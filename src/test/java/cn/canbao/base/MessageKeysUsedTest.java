package cn.canbao.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every message key the code names as a literal exists in the Chinese and the English bundle, so no screen shows
 * "!key": {@code getTranslation("…")}, menu titles, page titles, stored messages and the keys of domain refusals —
 * and every user task of the processes has its name for other languages ({@code task.name.<id>}). Keys built at
 * run time ({@code "persons.sex." + sex}) are the enums' business and not seen here.
 */
class MessageKeysUsedTest {

    private static final Path SOURCES = Path.of("src/main/java");

    /** A view's title key, given to its base class ({@code TitledView}, {@code TaskFormView}, a task-form base). */
    private static final Pattern TITLE_KEY = Pattern.compile("super\\(\\s*\"(title\\.[^\"]+)\"\\s*[,)]");

    @Test
    void everyLiteralKeyOfTheCodeIsInBothBundles() throws IOException {
        Map<String, String> sources = sources();
        Set<String> refusals = subclasses(sources, "DomainException");
        List<Pattern> uses = List.of(
                Pattern.compile("getTranslation\\(\\s*\"([^\"]+)\"\\s*[,)]"),
                Pattern.compile("@Menu\\(title\\s*=\\s*\"([^\"]+)\""),
                TITLE_KEY,
                Pattern.compile("StoredMessage\\.of\\(\\s*\"([^\"]+)\"\\s*[,)]"),
                Pattern.compile("new (?:" + String.join("|", refusals) + ")\\(\\s*\"([^\"]+)\"\\s*[,)]"));
        Map<String, String> used = new TreeMap<>();
        sources.forEach((file, text) -> uses.forEach(p -> {
            Matcher m = p.matcher(text);
            while (m.find()) {
                used.putIfAbsent(m.group(1), file);
            }
        }));
        assertThat(used).hasSizeGreaterThan(500);
        Properties zh = load("/i18n/messages.properties");
        Properties en = load("/i18n/messages_en.properties");
        assertThat(missing(used, zh)).as("keys missing in messages.properties").isEmpty();
        assertThat(missing(used, en))
                .as("keys missing in messages_en.properties")
                .isEmpty();
    }

    /** A view whose title key is not a literal in its constructor would slip past the check above. */
    @Test
    void everyViewNamesItsTitleKey() throws IOException {
        Map<String, String> sources = sources();
        Set<String> views = subclasses(sources, "TitledView");
        Pattern concrete = Pattern.compile("(?m)^(?:public )?class (\\w+)");
        List<String> unnamed = new ArrayList<>();
        sources.forEach((file, text) -> {
            Matcher m = concrete.matcher(text);
            if (m.find()
                    && views.contains(m.group(1))
                    && !TITLE_KEY.matcher(text).find()) {
                unnamed.add(file);
            }
        });
        assertThat(views).hasSizeGreaterThan(40);
        assertThat(unnamed).as("views without a literal title key").isEmpty();
    }

    @Test
    void everyUserTaskHasItsName() throws IOException {
        Pattern userTask = Pattern.compile("<(?:bpmn:)?userTask id=\"([^\"]+)\"");
        Set<String> keys = new HashSet<>();
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
                Matcher m = userTask.matcher(Files.readString(f));
                while (m.find()) {
                    keys.add("task.name." + m.group(1));
                }
            }
        }
        assertThat(keys).isNotEmpty();
        Properties zh = load("/i18n/messages.properties");
        Properties en = load("/i18n/messages_en.properties");
        assertThat(keys)
                .allSatisfy(k -> assertThat(zh.getProperty(k)).as(k).isNotBlank())
                .allSatisfy(k -> assertThat(en.getProperty(k)).as(k).isNotBlank());
    }

    private static List<String> missing(Map<String, String> used, Properties bundle) {
        List<String> missing = new ArrayList<>();
        used.forEach((key, file) -> {
            if (bundle.getProperty(key) == null) {
                missing.add(key + " (" + file + ")");
            }
        });
        return missing;
    }

    /**
     * A class and its subclasses, found by their declarations: the first argument of a DomainException is a key,
     * the first of a TitledView its title key.
     */
    private static Set<String> subclasses(Map<String, String> sources, String root) {
        Pattern declaration = Pattern.compile("class (\\w+)\\s+extends (\\w+)");
        Set<String> found = new HashSet<>(Set.of(root));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String text : sources.values()) {
                Matcher m = declaration.matcher(text);
                while (m.find()) {
                    grew |= found.contains(m.group(2)) && found.add(m.group(1));
                }
            }
        }
        return found;
    }

    private static Map<String, String> sources() throws IOException {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.put(SOURCES.relativize(f).toString(), Files.readString(f));
            }
        }
        return sources;
    }

    private static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (var in = MessageKeysUsedTest.class.getResourceAsStream(resource)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
