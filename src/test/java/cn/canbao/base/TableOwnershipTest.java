package cn.canbao.base;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A module owns its tables: nobody else writes SQL against them; they call its service or hear its events
 * (STYLE.md; issue 15: "today ~150 SQL references cross module boundaries, which is how checks get bypassed").
 * Every table the migrations create has an owner here, and the SQL in each module's sources (its string
 * literals) names only its own tables — except the pairs still listed in {@code modularity/cross-module-sql.txt},
 * which may only shrink: a new cross-module access fails, and so does a listed one that is gone (strike it).
 */
class TableOwnershipTest {

    private static final Path MAIN = Path.of("src/main/java/cn/canbao");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Path ALLOWED = Path.of("src/test/resources/modularity/cross-module-sql.txt");

    /** Table → the module (direct sub-package of cn.canbao) that owns it. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            entry("region", "region"),
            entry("region_change", "region"),
            entry("app_user", "security"),
            entry("app_user_role", "security"),
            entry("security_audit", "security"),
            entry("login_throttle", "security"),
            entry("person", "register"),
            entry("enrollment", "register"),
            entry("person_group", "register"),
            entry("person_custody", "register"),
            entry("employee_suspension", "register"),
            entry("birth_certificate", "register"),
            entry("payment", "register"),
            entry("person_change", "register"),
            entry("person_access", "register"),
            entry("import_run", "register"),
            entry("import_reject", "register"),
            entry("import_held_row", "register"),
            entry("import_mapping", "register"),
            entry("snapshot_absentee", "register"),
            entry("duplicate_resolution", "register"),
            entry("household_transfer", "register"),
            entry("baseline", "quota"),
            entry("baseline_group", "quota"),
            entry("target", "quota"),
            entry("target_history", "quota"),
            entry("campaign", "campaign"),
            entry("campaign_extension", "campaign"),
            entry("campaign_cadence", "cadence"),
            entry("village_summary", "cadence"),
            entry("township_dispatch", "cadence"),
            entry("cadence_tick", "cadence"),
            entry("bulletin", "bulletin"),
            entry("bulletin_row", "bulletin"),
            entry("bulletin_group_row", "bulletin"),
            entry("escalation_rule", "escalation"),
            entry("escalation_setting", "escalation"),
            entry("escalation_setting_history", "escalation"),
            entry("escalation_case", "escalation"),
            entry("escalation_event", "escalation"),
            entry("publicity_drive", "publicity"),
            entry("publicity_activity", "publicity"),
            entry("publicity_confirmation", "publicity"),
            entry("sms_template", "sms"),
            entry("sms_message", "sms"),
            entry("sms_opt_out", "sms"),
            entry("sms_inbound", "sms"),
            entry("sms_local_gateway", "sms"),
            entry("sms_dispatch_state", "sms"),
            entry("sms_early_status", "sms"),
            entry("policy_rule_version", "policy"),
            entry("policy_rule_set", "policy"),
            entry("policy_hardship_subsidy", "policy"),
            entry("school_enrollment_unit", "register"),
            entry("outreach_case", "outreach"),
            entry("visit", "outreach"),
            entry("correction_request", "outreach"),
            entry("field_submission", "outreach"),
            entry("visit_photo", "outreach"),
            entry("visit_photo_link", "outreach"),
            entry("visit_photo_access", "outreach"),
            entry("work_tier", "outreach"),
            entry("fast_track", "fasttrack"),
            entry("dashboard_figure", "dashboard"),
            entry("dashboard_reason", "dashboard"),
            entry("dashboard_sms", "dashboard"),
            entry("cadre_assignment", "supervision"),
            entry("supervision_team", "supervision"),
            entry("supervision_member", "supervision"),
            entry("notify_preference", "notify"),
            entry("notify_region_channel", "notify"),
            entry("notify_message", "notify"),
            entry("notify_task_tally", "notify"),
            entry("notify_task_seen", "notify"),
            entry("notify_task_scan", "notify"));

    private static final Pattern CREATE =
            Pattern.compile("(?i)create\\s+(?:unlogged\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");
    private static final Pattern TEXT_BLOCK = Pattern.compile("(?s)\"\"\"(.*?)\"\"\"");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern ACCESS = Pattern.compile("(?i)\\b(?:from|join|into|update|exists|using|table)\\s+("
            + OWNERS.keySet().stream().sorted((a, b) -> b.length() - a.length()).collect(Collectors.joining("|"))
            + ")\\b");

    @Test
    void everyTableHasAnOwner() throws IOException {
        Set<String> created = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                Matcher m = CREATE.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    String table = m.group(1).toLowerCase(java.util.Locale.ROOT);
                    if (!table.startsWith("qrtz_")) { // Quartz's own store (V3)
                        created.add(table);
                    }
                }
            }
        }
        assertThat(OWNERS.keySet())
                .as("tables with an owner in TableOwnershipTest.OWNERS")
                .containsAll(created);
    }

    @Test
    void modulesQueryOnlyTheirOwnTablesExceptTheListedOnes() throws IOException {
        Set<String> found = crossModuleAccesses();
        Set<String> allowed = new TreeSet<>();
        for (String line : Files.readAllLines(ALLOWED, StandardCharsets.UTF_8)) {
            String entry = line.strip();
            if (!entry.isEmpty() && !entry.startsWith("#")) {
                allowed.add(entry);
            }
        }
        Set<String> added = new TreeSet<>(found);
        added.removeAll(allowed);
        Set<String> gone = new TreeSet<>(allowed);
        gone.removeAll(found);
        assertThat(added)
                .as("new SQL against another module's tables: call its service (or listen to its events)")
                .isEmpty();
        assertThat(gone)
                .as("listed in " + ALLOWED + " but no longer there: strike them")
                .isEmpty();
    }

    /** "module -> table (File.java)" for every table of another module named in a module's SQL. */
    static Set<String> crossModuleAccesses() throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path relative = MAIN.relativize(f);
                if (relative.getNameCount() < 2) {
                    continue;
                }
                String module = relative.getName(0).toString();
                // the literals of a file joined, so "… from " + "person p …" reads as one statement
                StringBuilder sql = new StringBuilder();
                String source = Files.readString(f, StandardCharsets.UTF_8);
                Matcher block = TEXT_BLOCK.matcher(source);
                while (block.find()) {
                    sql.append(block.group(1)).append(' ');
                }
                Matcher literal = LITERAL.matcher(TEXT_BLOCK.matcher(source).replaceAll(" "));
                while (literal.find()) {
                    sql.append(literal.group(1)).append(' ');
                }
                Matcher m = ACCESS.matcher(sql);
                while (m.find()) {
                    String table = m.group(1).toLowerCase(java.util.Locale.ROOT);
                    if (!OWNERS.get(table).equals(module)) {
                        found.add(module + " -> " + table + " (" + f.getFileName() + ")");
                    }
                }
            }
        }
        return found;
    }
}
