package cn.canbao.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every process whose starter passes no {@code regionCode} has exactly one region resolver among the beans (without
 * one its instances would be visible to operators only), and the two kinds of resolver read what they say.
 */
@CanbaoIntegrationTest
class ProcessRegionResolversIT {

    @Autowired
    List<ProcessRegionResolver> resolvers;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theProcessesWithoutARegionVariableEachHaveOneResolver() {
        Map<String, ProcessRegionResolver> byKey = resolvers.stream()
                .flatMap(r -> r.processKeys().stream().map(k -> Map.entry(k, r)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(byKey)
                .containsOnlyKeys(
                        "Campaign",
                        "CountyBulletin",
                        "PublicityDrive",
                        "NewbornEnrolment",
                        "HardshipEnrolment",
                        "DataCorrection",
                        "LapsedOutreach");
        assertThat(byKey.get("Campaign").regionOf("c-1", Map.of("countyCode", "350525000000")))
                .contains("350525000000");
        assertThat(byKey.get("CountyBulletin").regionOf("b-1", Map.of("countyCode", 350525)))
                .isEmpty();
        assertThat(byKey.get("PublicityDrive").regionOf("not-a-row-id", Map.of()))
                .isEmpty();
        assertThat(byKey.get("PublicityDrive").regionOf("999999999", Map.of())).isEmpty();
    }

    @Test
    void aRowResolverReadsTheRowItsBusinessKeyNames() {
        ProcessRegionResolver resolver =
                ProcessRegionResolver.byRow(jdbc, "select '350525101000' where ?::bigint = 7", "KeyA", "KeyB");
        assertThat(resolver.processKeys()).containsExactlyInAnyOrder("KeyA", "KeyB");
        assertThat(resolver.regionOf("7", Map.of())).contains("350525101000");
        assertThat(resolver.regionOf("8", Map.of())).isEmpty();
        assertThat(resolver.regionOf("7; drop table person", Map.of())).isEmpty();
        Function<Object, Optional<String>> byVariable =
                value -> ProcessRegionResolver.byStartVariable("countyCode", "KeyC")
                        .regionOf("7", value == null ? Map.of() : Map.of("countyCode", value));
        assertThat(byVariable.apply("350525000000")).contains("350525000000");
        assertThat(byVariable.apply(350525000000L)).isEmpty();
        assertThat(byVariable.apply(null)).isEmpty();
    }
}
