package cn.canbao.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartOptionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTitledBarChartWithAGoalLineIsTheOptionEChartsReads() throws Exception {
        Map<String, Object> option = ChartOptions.titled(
                "覆盖率", ChartOptions.grid(50, 20, 80, 40), ChartOptions.slantedCategories(List.of("城关镇", "南山镇"), 25));
        Map<String, Object> bars = ChartOptions.bars(
                "覆盖率", List.of(ChartOptions.coloured(96, "#2e9e5b"), ChartOptions.coloured(90, "#d9822b")));
        bars.put("markLine", ChartOptions.markLine(Map.of("yAxis", 95), Map.of("formatter", "95%"), "#d0453a"));
        option.put("series", List.of(bars));

        assertThat(tree(option)).isEqualTo(json("""
                        {"title": {"text": "覆盖率", "left": "center", "textStyle": {"fontSize": 14}},
                         "tooltip": {"trigger": "axis"},
                         "grid": {"left": 50, "right": 20, "bottom": 80, "top": 40},
                         "xAxis": {"type": "category", "data": ["城关镇", "南山镇"],
                                   "axisLabel": {"rotate": 45, "interval": 0}},
                         "series": [{"type": "bar", "name": "覆盖率",
                                     "data": [{"value": 96, "itemStyle": {"color": "#2e9e5b"}},
                                              {"value": 90, "itemStyle": {"color": "#d9822b"}}],
                                     "markLine": {"symbol": "none", "data": [{"yAxis": 95}],
                                                  "label": {"formatter": "95%"},
                                                  "lineStyle": {"color": "#d0453a", "type": "dashed", "width": 2}}}]}
                        """));
    }

    @Test
    void groupedBarsNameTheirSeriesInALegendOverAValueAxis() throws Exception {
        Map<String, Object> option = ChartOptions.groupedBars(
                ChartOptions.grid(50, 20, 40, 40),
                ChartOptions.categories(List.of("03-01", "03-02")),
                List.of(ChartOptions.bars("已发送", List.of(5, 7)), ChartOptions.bars("失败", List.of(0, 1))));

        assertThat(tree(option)).isEqualTo(json("""
                        {"tooltip": {"trigger": "axis"},
                         "legend": {"top": 0},
                         "grid": {"left": 50, "right": 20, "bottom": 40, "top": 40},
                         "xAxis": {"type": "category", "data": ["03-01", "03-02"]},
                         "yAxis": {"type": "value"},
                         "series": [{"type": "bar", "name": "已发送", "data": [5, 7]},
                                    {"type": "bar", "name": "失败", "data": [0, 1]}]}
                        """));
    }

    @Test
    void manyNamesAreThinnedOutAndPlainSeriesKeepTheirColour() throws Exception {
        List<Integer> names = java.util.stream.IntStream.range(0, 26).boxed().toList();
        assertThat(tree(ChartOptions.slantedCategories(names, 25))
                        .at("/axisLabel/interval")
                        .asText())
                .isEqualTo("auto");
        assertThat(tree(ChartOptions.slantedCategories(names)).at("/axisLabel")).isEqualTo(json("{\"rotate\": 45}"));
        assertThat(tree(ChartOptions.bars("人口", List.of(1, 2), "#1676f3")))
                .isEqualTo(
                        json(
                                "{\"type\": \"bar\", \"name\": \"人口\", \"data\": [1, 2], \"itemStyle\": {\"color\": \"#1676f3\"}}"));
        assertThat(tree(ChartOptions.categories(List.of("03-01"))))
                .isEqualTo(json("{\"type\": \"category\", \"data\": [\"03-01\"]}"));
    }

    private static JsonNode tree(Object option) {
        return JSON.valueToTree(option);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
