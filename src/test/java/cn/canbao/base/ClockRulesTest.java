package cn.canbao.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One clock and one zone (STYLE.md habit 11; issue 19): time comes from the {@link java.time.Clock} bean
 * ({@link CanbaoClock}), whose instant is Camunda's and whose zone is {@code canbao.zone}. Outside the clock class no
 * source reads Camunda's {@code ClockUtil}, the system clock or the JVM's default zone, calls {@code now()} without
 * the clock, or names the default zone.
 */
class ClockRulesTest {

    private static final Path MAIN = Path.of("src/main/java/cn/canbao");
    private static final Path CLOCK = MAIN.resolve("base/CanbaoClock.java");

    /** What may not appear outside the clock class, and what to do instead. */
    private static final Map<Pattern, String> FORBIDDEN = Map.of(
            Pattern.compile("\\bClockUtil\\b"),
            "Camunda's ClockUtil: inject the Clock (its instant is ClockUtil's)",
            Pattern.compile("Asia/Shanghai"),
            "the zone's name: ask the clock's getZone() (canbao.zone)",
            Pattern.compile(
                    "\\b(?:LocalDate|LocalDateTime|LocalTime|Instant|ZonedDateTime|OffsetDateTime|OffsetTime|Year"
                            + "|YearMonth|MonthDay)\\s*\\.\\s*now\\s*\\((?!\\s*[\\w.]*[cC]lock\\s*\\))"),
            "now() without the clock: now(clock)",
            Pattern.compile("\\bSystem\\s*\\.\\s*currentTimeMillis\\b"),
            "the system clock: clock.millis()",
            Pattern.compile("\\bnew\\s+(?:java\\.util\\.)?Date\\s*\\(\\s*\\)"),
            "new Date(): Date.from(clock.instant())",
            Pattern.compile("\\bClock\\s*(?:\\.|::)\\s*system"),
            "a system clock: inject the Clock bean",
            Pattern.compile("\\bZoneId\\s*\\.\\s*systemDefault\\b|\\bTimeZone\\s*\\.\\s*getDefault\\b"
                    + "|\\bCalendar\\s*\\.\\s*getInstance\\b"),
            "the JVM's default zone: the clock's getZone()",
            Pattern.compile("\\bstatic\\s+final\\s+(?:java\\.time\\.)?ZoneId\\b"),
            "a zone of its own: the clock's getZone()");

    /**
     * "File: pattern" pairs allowed with a reason; each must still occur (strike it when it is gone). Quartz writes
     * its nodes' check-ins ({@code qrtz_scheduler_state}) by their system clocks, so a check-in's age is measured by
     * the same clock, not the application's (which tests move).
     */
    private static final Set<String> ALLOWED = Set.of("register/ImportService.java: the system clock: clock.millis()");

    @Test
    void timeComesFromTheOneClock() throws IOException {
        Set<String> found = new TreeSet<>();
        List<String> where = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.equals(CLOCK))
                    .sorted()
                    .toList()) {
                String relative = MAIN.relativize(f).toString().replace('\\', '/');
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    for (Map.Entry<Pattern, String> rule : FORBIDDEN.entrySet()) {
                        Matcher m = rule.getKey().matcher(lines.get(i));
                        if (m.find()) {
                            String key = relative + ": " + rule.getValue();
                            found.add(key);
                            if (!ALLOWED.contains(key)) {
                                where.add(relative + ":" + (i + 1) + " " + rule.getValue() + " — "
                                        + lines.get(i).strip());
                            }
                        }
                    }
                }
            }
        }
        assertThat(where).as("time not from the one Clock bean").isEmpty();
        Set<String> gone = new TreeSet<>(ALLOWED);
        gone.removeAll(found);
        assertThat(gone)
                .as("allowed in ClockRulesTest.ALLOWED but no longer there: strike them")
                .isEmpty();
    }

    /** The test's own patterns catch what they are for (a rule that matches nothing would pass for ever). */
    @Test
    void theRulesCatchTheUsualSlips() {
        List<String> slips = List.of(
                "LocalDate.now()",
                "Instant.now()",
                "YearMonth.now(ZONE)",
                "Year.now().getValue()",
                "LocalDate.now(ZoneId.of(\"Asia/Shanghai\"))",
                "ClockUtil.getCurrentTime()",
                "System.currentTimeMillis()",
                "new Date()",
                "new java.util.Date()",
                "Clock.systemUTC()",
                "clock.getIfUnique(Clock::systemUTC)",
                "withZone(ZoneId.systemDefault())",
                "private static final ZoneId ZONE = x;");
        for (String slip : slips) {
            assertThat(FORBIDDEN.keySet().stream().anyMatch(p -> p.matcher(slip).find()))
                    .as(slip)
                    .isTrue();
        }
        List<String> fine = List.of(
                "LocalDate.now(clock)",
                "YearMonth.now(this.clock)",
                "ZonedDateTime.now(clock)",
                "clock.instant()",
                "new Date(millis)",
                "Date.from(clock.instant())",
                "System.nanoTime()",
                "LocalDate.ofInstant(at, clock.getZone())");
        for (String ok : fine) {
            assertThat(FORBIDDEN.keySet().stream().noneMatch(p -> p.matcher(ok).find()))
                    .as(ok)
                    .isTrue();
        }
    }
}
