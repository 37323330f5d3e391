package cn.canbao.demo.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.demo.YongchunSeed;
import cn.canbao.region.NewRegion;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.person.IdNumber;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The synthetic province (issue 18) at two counties: Yongchun and one more of its own code, no ID number in both,
 * residents of each living in the other, second files in the other county under another number. (An IT for its time:
 * it writes 1.2 million files; no Spring context.)
 */
class SyntheticProvinceIT {

    private static final SyntheticProvince.Shares SHARES = new SyntheticProvince.Shares(0.02, 0.001);
    private static SyntheticProvince.Summary summary;
    private static List<String[]> yongchun;
    private static List<String[]> other;

    @BeforeAll
    static void write() throws IOException {
        summary = SyntheticProvince.write(Path.of("target", "synthetic-province-it"), 2, 20230603L, SHARES);
        yongchun = rows(summary.counties().get(0).files().get("police_household"));
        other = rows(summary.counties().get(1).files().get("police_household"));
    }

    @Test
    void eachCountyHasItsOwnCodesAndNoIdNumberIsInBoth() {
        assertThat(summary.counties())
                .extracting(SyntheticProvince.County::code, SyntheticProvince.County::name)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("350525000000", "永春县"),
                        org.assertj.core.groups.Tuple.tuple("350561000000", "合成一县"));
        assertThat(other).allSatisfy(r -> assertThat(r[4]).startsWith("350561"));
        assertThat(yongchun).allSatisfy(r -> assertThat(r[4]).startsWith("350525"));
        Set<String> ids = yongchun.stream().map(r -> r[0]).collect(Collectors.toSet());
        assertThat(other.stream().map(r -> r[0]).filter(ids::contains)).isEmpty();
        assertThat(other)
                .allSatisfy(r -> assertThat(IdNumber.isValid(r[0])).as(r[0]).isTrue());
        // the other county's register is its own, with Yongchun's size and addresses in its own name
        assertThat(summary.counties().get(1).persons()
                        - summary.counties().get(1).secondFilesHere())
                .isEqualTo(YongchunSeed.REGISTERED_TOTAL);
        assertThat(other.stream().filter(r -> !r[7].isEmpty()))
                .allSatisfy(r -> assertThat(r[7]).startsWith("合成一县"));
    }

    @Test
    void someResidentsLiveInTheOtherCountyAndSomeHaveASecondFileThere() {
        long living = yongchun.stream().filter(r -> r[5].startsWith("350561")).count();
        assertThat(living).isEqualTo(summary.counties().get(0).livingInAnotherCounty());
        // about 2 % of the registered residents
        assertThat(living).isBetween(9_000L, 14_000L);
        assertThat(other.stream().filter(r -> r[5].startsWith("350525")).count())
                .isEqualTo(summary.counties().get(1).livingInAnotherCounty());
        // grids follow the residence
        assertThat(yongchun.stream().filter(r -> r[5].startsWith("350561") && !r[6].isEmpty()))
                .allSatisfy(r -> assertThat(r[6]).startsWith(r[5]));

        int seconds = summary.counties().get(1).secondFilesHere();
        assertThat(seconds).isBetween(300, 900);
        Map<String, Set<String>> yongchunByNameAndBirth = new HashMap<>();
        yongchun.forEach(r -> yongchunByNameAndBirth
                .computeIfAbsent(r[1] + "/" + r[0].substring(6, 14), k -> new HashSet<>())
                .add(r[0]));
        List<String[]> secondFiles = other.subList(other.size() - seconds, other.size());
        assertThat(secondFiles).allSatisfy(r -> {
            Set<String> firsts = yongchunByNameAndBirth.get(r[1] + "/" + r[0].substring(6, 14));
            assertThat(firsts).as("the first file of " + r[1]).isNotNull();
            assertThat(firsts)
                    .anySatisfy(first -> assertThat(IdNumber.of(first).sex())
                            .isEqualTo(IdNumber.of(r[0]).sex()));
            assertThat(r[0]).startsWith("350561");
            assertThat(r[2]).isEqualTo("REGISTERED");
        });
    }

    @Test
    void theTaxReceiptsAreUniqueAcrossTheProvince() throws IOException {
        List<String[]> tax = rows(summary.counties().get(0).files().get("tax_payment"));
        tax.addAll(rows(summary.counties().get(1).files().get("tax_payment")));
        assertThat(tax.stream().map(r -> r[6]).distinct().count()).isEqualTo(tax.size());
    }

    @Test
    void theRegionsOfTheProvinceFormOneTree() {
        List<NewRegion> regions = SyntheticProvince.regions(3);
        Set<String> codes = regions.stream().map(NewRegion::code).collect(Collectors.toSet());
        assertThat(codes).hasSize(regions.size());
        assertThat(regions)
                .filteredOn(r -> r.parentCode() != null)
                .allSatisfy(r -> assertThat(codes).contains(r.parentCode()));
        assertThat(regions)
                .filteredOn(r -> r.level() == RegionLevel.COUNTY)
                .extracting(NewRegion::code)
                .containsExactly("350525000000", "350561000000", "350562000000");
        assertThat(regions)
                .filteredOn(r -> r.level() == RegionLevel.TOWNSHIP && r.code().startsWith("350562"))
                .hasSize(YongchunSeed.TOWNSHIPS.size());
    }

    private static List<String[]> rows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return new java.util.ArrayList<>(lines.subList(1, lines.size()).stream()
                .map(l -> l.split(",", -1))
                .toList());
    }
}
