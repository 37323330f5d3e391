package cn.canbao.bulletin;

import cn.canbao.cadence.ReportTimeliness;
import cn.canbao.quota.TargetProgress;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The rules of a bulletin's table: townships ranked by completion of target (ties: coverage, then
 * code), each banded against the expected progress line, with the change since the previous published
 * bulletin and the timeliness of their reports. Pure, so tests reach the rules without a database.
 */
final class BulletinRanking {

    private BulletinRanking() {}

    /** The rows in rank order (ranks 1…n), bulletin id 0 (not stored yet). */
    static List<BulletinRow> rank(
            List<TargetProgress> townships,
            Map<String, ReportTimeliness> timeliness,
            Map<String, BigDecimal> previousCompletion,
            BigDecimal expected) {
        List<TargetProgress> sorted = townships.stream()
                .sorted(Comparator.comparing(TargetProgress::completion)
                        .reversed()
                        .thenComparing(Comparator.comparing(TargetProgress::coverageRate)
                                .reversed())
                        .thenComparing(TargetProgress::regionCode))
                .toList();
        List<BulletinRow> rows = new ArrayList<>(sorted.size());
        for (TargetProgress t : sorted) {
            ReportTimeliness reports =
                    timeliness.getOrDefault(t.regionCode(), new ReportTimeliness(t.regionCode(), 0, 0, 0));
            BigDecimal completion = t.completion();
            rows.add(new BulletinRow(
                    0,
                    t.regionCode(),
                    t.regionName(),
                    rows.size() + 1,
                    t.target(),
                    t.enrolled(),
                    completion,
                    previousCompletion.get(t.regionCode()),
                    t.coverageRate(),
                    expected,
                    reports.due(),
                    reports.late(),
                    reports.missing(),
                    BulletinBand.of(completion, expected),
                    false,
                    null,
                    null));
        }
        return rows;
    }
}
