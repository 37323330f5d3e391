package cn.canbao.base.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ECharts option that Canbao's bar charts share (title, axis tooltip, margins, category axis
 * with slanted names, bar series, a goal line), as the plain maps {@link EChart#setOption} serialises. The views
 * keep only their data, labels and colours.
 */
public final class ChartOptions {

    private ChartOptions() {}

    /**
     * A new option with a centred title, a tooltip that follows the x axis, the plot's margins and the x axis (the
     * regions the bars stand for).
     */
    public static Map<String, Object> titled(String title, Map<String, Object> grid, Map<String, Object> xAxis) {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("title", Map.of("text", title, "left", "center", "textStyle", Map.of("fontSize", 14)));
        option.put("tooltip", axisTooltip());
        option.put("grid", grid);
        option.put("xAxis", xAxis);
        return option;
    }

    /**
     * Several bar series side by side over an x axis, named in a legend at the top: a tooltip that follows the x
     * axis, the plot's margins and a value y axis.
     */
    public static Map<String, Object> groupedBars(
            Map<String, Object> grid, Map<String, Object> xAxis, List<Map<String, Object>> series) {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("tooltip", axisTooltip());
        option.put("legend", Map.of("top", 0));
        option.put("grid", grid);
        option.put("xAxis", xAxis);
        option.put("yAxis", Map.of("type", "value"));
        option.put("series", series);
        return option;
    }

    /** A tooltip for every series at the pointed category. */
    public static Map<String, Object> axisTooltip() {
        return Map.of("trigger", "axis");
    }

    /** The plot's margins in pixels. */
    public static Map<String, Object> grid(int left, int right, int bottom, int top) {
        return Map.of("left", left, "right", right, "bottom", bottom, "top", top);
    }

    /** An x axis of categories (region names, days). */
    public static Map<String, Object> categories(List<?> names) {
        return Map.of("type", "category", "data", names);
    }

    /** An x axis of region names written at 45°, each shown while there are at most {@code allShownUpTo}. */
    public static Map<String, Object> slantedCategories(List<?> names, int allShownUpTo) {
        return slanted(names, Map.of("rotate", 45, "interval", names.size() <= allShownUpTo ? 0 : "auto"));
    }

    /** An x axis of names written at 45°, thinned out as ECharts sees fit. */
    public static Map<String, Object> slantedCategories(List<?> names) {
        return slanted(names, Map.of("rotate", 45));
    }

    private static Map<String, Object> slanted(List<?> names, Map<String, Object> label) {
        return Map.of("type", "category", "data", names, "axisLabel", label);
    }

    /** A bar series; the map may take more keys (a mark line). */
    public static Map<String, Object> bars(String name, List<?> data) {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("type", "bar");
        series.put("name", name);
        series.put("data", data);
        return series;
    }

    /** A bar series in one colour. */
    public static Map<String, Object> bars(String name, List<?> data, String color) {
        Map<String, Object> series = bars(name, data);
        series.put("itemStyle", Map.of("color", color));
        return series;
    }

    /** One bar's value in its own colour (a band, above or below a goal). */
    public static Map<String, Object> coloured(Object value, String color) {
        return Map.of("value", value, "itemStyle", Map.of("color", color));
    }

    /** A horizontal line across the plot at {@code at} (a map with its {@code yAxis}), labelled, without end marks. */
    public static Map<String, Object> markLine(Map<String, Object> at, Map<String, Object> label) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("symbol", "none");
        line.put("data", List.of(at));
        line.put("label", label);
        return line;
    }

    /** {@link #markLine(Map, Map)} drawn dashed in a colour. */
    public static Map<String, Object> markLine(Map<String, Object> at, Map<String, Object> label, String color) {
        Map<String, Object> line = markLine(at, label);
        line.put("lineStyle", Map.of("color", color, "type", "dashed", "width", 2));
        return line;
    }
}
