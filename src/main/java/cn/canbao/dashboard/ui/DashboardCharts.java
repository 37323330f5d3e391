package cn.canbao.dashboard.ui;

import cn.canbao.base.ui.ChartOptions;
import cn.canbao.dashboard.Dashboard;
import cn.canbao.dashboard.RegionFigures;
import cn.canbao.dashboard.SmsDay;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ECharts options of the dashboard's charts, built from its figures: plain maps and lists the EChart
 * component serialises. Texts come through the view's translation, so legends are in the user's language.
 */
final class DashboardCharts {

    /** The view's getTranslation. */
    @FunctionalInterface
    interface Texts {
        String t(String key, Object... args);
    }

    private DashboardCharts() {}

    /** Completion per day against the expected line over the collection period (and any day with figures). */
    static Map<String, Object> progress(Dashboard d, Texts texts) {
        TreeMap<LocalDate, BigDecimal> actual = new TreeMap<>();
        d.progress().forEach(p -> actual.put(p.day(), p.completion()));
        LocalDate first = min(d.campaign().collectionStart(), actual.isEmpty() ? null : actual.firstKey());
        LocalDate last = max(d.campaign().collectionEnd(), actual.isEmpty() ? null : actual.lastKey());
        List<String> days = new ArrayList<>();
        List<Object> done = new ArrayList<>();
        List<Object> expected = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            days.add(day.toString());
            done.add(actual.get(day));
            expected.add(d.campaign().expectedCompletion(day));
        }
        String actualName = texts.t("dashboard.progress.actual");
        String expectedName = texts.t("dashboard.progress.expected");
        Map<String, Object> option = base();
        option.put("tooltip", ChartOptions.axisTooltip());
        option.put("legend", Map.of("data", List.of(actualName, expectedName), "top", 0));
        option.put("xAxis", Map.of("type", "category", "data", days, "boundaryGap", false));
        option.put("yAxis", Map.of("type", "value", "min", 0, "axisLabel", Map.of("formatter", "{value}%")));
        option.put(
                "series",
                List.of(
                        Map.of(
                                "type",
                                "line",
                                "name",
                                actualName,
                                "data",
                                done,
                                "connectNulls",
                                true,
                                "symbolSize",
                                6,
                                "lineStyle",
                                Map.of("width", 3),
                                "itemStyle",
                                Map.of("color", "#1676f3")),
                        Map.of(
                                "type",
                                "line",
                                "name",
                                expectedName,
                                "data",
                                expected,
                                "showSymbol",
                                false,
                                "lineStyle",
                                Map.of("type", "dashed", "width", 2),
                                "itemStyle",
                                Map.of("color", "#8a8f98"))));
        return option;
    }

    /** The children's coverage, highest first, against the campaign's goal (95 %); a bar's click drills down. */
    static Map<String, Object> coverage(Dashboard d, Texts texts) {
        List<RegionFigures> sorted = d.children().stream()
                .sorted((a, b) -> b.coverageRate().compareTo(a.coverageRate()))
                .toList();
        BigDecimal goal = d.campaign().coverageGoal();
        double min = sorted.stream()
                .mapToDouble(r -> r.coverageRate().doubleValue())
                .min()
                .orElse(0);
        String name = texts.t("dashboard.coverage.rate");
        Map<String, Object> option = base();
        option.put("tooltip", ChartOptions.axisTooltip());
        option.put("legend", Map.of("data", List.of(name), "top", 0));
        option.put(
                "xAxis",
                ChartOptions.slantedCategories(
                        sorted.stream().map(RegionFigures::regionName).toList(), 30));
        option.put(
                "yAxis",
                Map.of(
                        "type",
                        "value",
                        "min",
                        Math.max(0, Math.floor(Math.min(min, goal.doubleValue()) / 5) * 5 - 5),
                        "max",
                        100,
                        "axisLabel",
                        Map.of("formatter", "{value}%")));
        Map<String, Object> bars = ChartOptions.bars(
                name,
                sorted.stream()
                        .map(r -> ChartOptions.coloured(
                                r.coverageRate(), r.coverageRate().compareTo(goal) >= 0 ? "#2e9e5b" : "#d9822b"))
                        .toList());
        bars.put(
                "markLine",
                ChartOptions.markLine(
                        Map.of("yAxis", goal),
                        Map.of(
                                "position",
                                "insideEndTop",
                                "formatter",
                                texts.t(
                                        "dashboard.coverage.goal",
                                        goal.stripTrailingZeros().toPlainString())),
                        "#d0453a"));
        option.put("series", List.of(bars));
        return option;
    }

    /** Why the uninsured are not enrolled, as a pie with the reasons in the legend. */
    static Map<String, Object> reasons(Dashboard d, Texts texts) {
        List<Map<String, Object>> data = d.reasons().stream()
                .map(r -> Map.<String, Object>of("name", texts.t(r.messageKey()), "value", r.persons()))
                .toList();
        Map<String, Object> option = base();
        option.put("tooltip", Map.of("trigger", "item", "formatter", "{b}: {c} ({d}%)"));
        option.put(
                "legend",
                Map.of(
                        "type",
                        "scroll",
                        "orient",
                        "vertical",
                        "left",
                        0,
                        "top",
                        "middle",
                        "data",
                        data.stream().map(m -> m.get("name")).toList()));
        option.put(
                "series",
                List.of(Map.of(
                        "type",
                        "pie",
                        "name",
                        texts.t("dashboard.reasons"),
                        "radius",
                        List.of("35%", "65%"),
                        "center",
                        List.of("65%", "50%"),
                        "data",
                        data,
                        "label",
                        Map.of("formatter", "{c}"))));
        return option;
    }

    /** The outreach funnel in its order: in outreach → reminded → visited → promised → paid. */
    static Map<String, Object> funnel(Dashboard d, Texts texts) {
        RegionFigures t = d.total();
        List<String> names = funnelNames(texts);
        int[] values = {t.outreach(), t.reminded(), t.visited(), t.promised(), t.paid()};
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            data.add(Map.of("name", names.get(i), "value", values[i]));
        }
        Map<String, Object> option = base();
        option.put("tooltip", Map.of("trigger", "item", "formatter", "{b}: {c}"));
        option.put("legend", Map.of("data", names, "top", 0));
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("type", "funnel");
        series.put("name", texts.t("dashboard.funnel"));
        series.put("sort", "none");
        series.put("top", 40);
        series.put("bottom", 10);
        series.put("left", "10%");
        series.put("width", "80%");
        series.put("minSize", "8%");
        series.put("gap", 2);
        series.put("label", Map.of("position", "inside", "formatter", "{b} {c}"));
        series.put("data", data);
        option.put("series", List.of(series));
        return option;
    }

    static List<String> funnelNames(Texts texts) {
        return List.of(
                texts.t("dashboard.funnel.outreach"),
                texts.t("dashboard.funnel.reminded"),
                texts.t("dashboard.funnel.visited"),
                texts.t("dashboard.funnel.promised"),
                texts.t("dashboard.funnel.paid"));
    }

    /** Sent, delivered and failed texts per day. */
    static Map<String, Object> sms(Dashboard d, Texts texts) {
        String sent = texts.t("dashboard.sms.sent");
        String delivered = texts.t("dashboard.sms.delivered");
        String failed = texts.t("dashboard.sms.failed");
        Map<String, Object> option = base();
        option.put("tooltip", ChartOptions.axisTooltip());
        option.put("legend", Map.of("data", List.of(sent, delivered, failed), "top", 0));
        option.put(
                "xAxis",
                ChartOptions.categories(
                        d.sms().stream().map(s -> s.day().toString()).toList()));
        option.put("yAxis", Map.of("type", "value", "minInterval", 1));
        option.put(
                "series",
                List.of(
                        ChartOptions.bars(
                                sent, d.sms().stream().map(SmsDay::sent).toList(), "#1676f3"),
                        ChartOptions.bars(
                                delivered,
                                d.sms().stream().map(SmsDay::delivered).toList(),
                                "#2e9e5b"),
                        ChartOptions.bars(
                                failed, d.sms().stream().map(SmsDay::failed).toList(), "#d0453a")));
        return option;
    }

    private static Map<String, Object> base() {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("animation", false);
        option.put("grid", ChartOptions.grid(48, 16, 70, 36));
        return option;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return b == null || a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return b == null || a.isAfter(b) ? a : b;
    }
}
