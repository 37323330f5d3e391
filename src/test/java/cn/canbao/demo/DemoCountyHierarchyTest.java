package cn.canbao.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.region.NewRegion;
import cn.canbao.region.RegionLevel;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoCountyHierarchyTest {

    private final List<NewRegion> regions = DemoCountyHierarchy.generate();

    @Test
    void isDeterministic() {
        assertThat(DemoCountyHierarchy.generate()).isEqualTo(regions);
    }

    @Test
    void hasTheAttachmentsTownshipsAndAboutThreeHundredVillagesAndSeventeenHundredGrids() {
        Map<RegionLevel, Long> perLevel =
                regions.stream().collect(Collectors.groupingBy(NewRegion::level, Collectors.counting()));
        assertThat(perLevel.get(RegionLevel.TOWNSHIP)).isEqualTo(22);
        assertThat(perLevel.get(RegionLevel.VILLAGE)).isBetween(280L, 320L);
        assertThat(perLevel.get(RegionLevel.GRID)).isBetween(1_600L, 1_800L);
        assertThat(regions.stream().filter(r -> r.sector() != null)).hasSize(9);
        assertThat(regions.stream().map(NewRegion::code).distinct()).hasSameSizeAs(regions);
    }

    @Test
    void populationsAddUpAtEveryLevel() {
        Map<String, NewRegion> byCode =
                regions.stream().collect(Collectors.toMap(NewRegion::code, Function.identity()));
        NewRegion county = byCode.get(YongchunSeed.COUNTY_CODE);
        assertThat(county.householdPopulation()).isEqualTo(578_096);
        for (NewRegion parent : regions) {
            if (parent.level() == RegionLevel.COUNTY
                    || parent.level() == RegionLevel.TOWNSHIP
                    || parent.level() == RegionLevel.VILLAGE) {
                int children = regions.stream()
                        .filter(r -> parent.code().equals(r.parentCode()))
                        .filter(r -> r.householdPopulation() != null)
                        .mapToInt(NewRegion::householdPopulation)
                        .sum();
                assertThat(children).as(parent.name()).isEqualTo(parent.householdPopulation());
            }
        }
        YongchunSeed.TOWNSHIPS.forEach(
                t -> assertThat(byCode.get(t.code()).householdPopulation()).isEqualTo(t.registered()));
    }

    @Test
    void seedTableAddsUpToTheAttachmentsTotals() {
        assertThat(YongchunSeed.TOWNSHIPS.stream()
                        .mapToInt(YongchunSeed.Township::registered)
                        .sum())
                .isEqualTo(YongchunSeed.REGISTERED_TOTAL);
        assertThat(YongchunSeed.TOWNSHIPS.stream()
                        .mapToInt(YongchunSeed.Township::insuredLocal)
                        .sum())
                .isEqualTo(YongchunSeed.INSURED_LOCAL_TOTAL);
        assertThat(YongchunSeed.TOWNSHIPS.stream()
                        .mapToInt(YongchunSeed.Township::insuredElsewhere)
                        .sum())
                .isEqualTo(YongchunSeed.INSURED_ELSEWHERE_TOTAL);
        assertThat(YongchunSeed.TOWNSHIPS.stream()
                        .mapToInt(YongchunSeed.Township::uninsured)
                        .sum())
                .isEqualTo(YongchunSeed.UNINSURED_TOTAL);
        YongchunSeed.TOWNSHIPS.forEach(
                t -> assertThat(t.insured() + t.uninsured()).as(t.name()).isEqualTo(t.registered()));
    }

    @Test
    void splitKeepsTheTotal() {
        int[] parts = DemoCountyHierarchy.split(1_000, 7, new Random(1));
        assertThat(java.util.Arrays.stream(parts).sum()).isEqualTo(1_000);
        assertThat(java.util.Arrays.stream(parts).min().orElseThrow()).isPositive();
    }
}
