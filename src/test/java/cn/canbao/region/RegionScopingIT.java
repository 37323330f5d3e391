package cn.canbao.region;

import static cn.canbao.Yongchun.COUNTY;
import static cn.canbao.Yongchun.DONGPING;
import static cn.canbao.Yongchun.TAOCHENG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.support.TransactionTemplate;

@CanbaoIntegrationTest
class RegionScopingIT extends IntegrationTestBase {

    @Autowired
    TransactionTemplate tx;

    @BeforeEach
    void users() {
        security.ensureUser("leader.taocheng", TAOCHENG, Role.TOWNSHIP_LEADER);
        security.ensureUser("leader.dongping", DONGPING, Role.TOWNSHIP_LEADER);
        security.ensureUser("admin.county", COUNTY, Role.ADMIN);
    }

    @Test
    void aTownshipLeaderSeesTheirTownshipsSubtreeAndNothingOfAnother() {
        security.as("leader.taocheng", () -> {
            assertThat(regions.roots()).extracting(s -> s.region().code()).containsExactly(TAOCHENG);
            List<RegionSummary> villages = regions.children(TAOCHENG);
            assertThat(villages).isNotEmpty().allSatisfy(v -> {
                assertThat(v.region().parentCode()).isEqualTo(TAOCHENG);
                assertThat(v.childCount()).isPositive();
            });
            String grid = regions.children(villages.get(0).region().code())
                    .get(0)
                    .region()
                    .code();
            assertThat(regions.get(grid).level()).isEqualTo(RegionLevel.GRID);

            assertThatThrownBy(() -> regions.get(DONGPING))
                    .isInstanceOf(RegionException.RegionOutOfScopeException.class);
            assertThatThrownBy(() -> regions.children(DONGPING)).isInstanceOf(RegionException.class);
            assertThatThrownBy(() -> regions.get(COUNTY)).isInstanceOf(RegionException.class);
            assertThatThrownBy(() -> regions.descendantsAtLevel(COUNTY, RegionLevel.TOWNSHIP))
                    .isInstanceOf(RegionException.class);
            assertThat(regions.search("社区", 500))
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.code()).startsWith("350525101"));
            assertThat(regions.search("350525102", 50)).isEmpty();
            assertThat(regions.ancestorsInScope(grid))
                    .extracting(Region::code)
                    .startsWith(TAOCHENG)
                    .doesNotContain(COUNTY);
        });
        security.as(
                "leader.dongping",
                () -> assertThatThrownBy(() -> regions.get(TAOCHENG)).isInstanceOf(RegionException.class));
    }

    @Test
    void theCountyAdminSeesAllTwentyTwoTownships() {
        security.as("admin.county", () -> {
            assertThat(regions.descendantsAtLevel(COUNTY, RegionLevel.TOWNSHIP)).hasSize(22);
            assertThat(regions.countByLevel(COUNTY).get(RegionLevel.GRID)).isBetween(1_600, 1_800);
        });
    }

    @Test
    void withoutALoggedInUserTheServiceRefuses() {
        // refused at the service's door: nobody is authenticated
        assertThatThrownBy(() -> regions.get(TAOCHENG))
                .isInstanceOf(
                        org.springframework.security.authentication.AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> regions.roots())
                .isInstanceOf(
                        org.springframework.security.authentication.AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void malformedUnknownAndMisplacedCodesAreRefusedAndNothingIsWritten() {
        int before = jdbc.queryForObject("select count(*) from region", Integer.class);
        security.as("admin.county", () -> {
            assertThatThrownBy(() -> regions.get("35052510100X"))
                    .satisfies(e ->
                            assertThat(((RegionException) e).messageKey()).isEqualTo("region.error.malformedCode"));
            assertThatThrownBy(() -> regions.get("350525199000"))
                    .satisfies(
                            e -> assertThat(((RegionException) e).messageKey()).isEqualTo("region.error.notFound"));
            // a village code that does not start with its township's digits
            assertThatThrownBy(() -> regions.create(
                            NewRegion.region("350525102777", "错位村", RegionLevel.VILLAGE, TAOCHENG, null, true)))
                    .satisfies(e -> assertThat(((RegionException) e).messageKey())
                            .isEqualTo("region.error.codeNotUnderParent"));
            // a batch whose last row is bad writes none of its rows
            assertThatThrownBy(() -> regions.createAll(List.of(
                            NewRegion.region("350525101888", "新村", RegionLevel.VILLAGE, TAOCHENG, null, true),
                            NewRegion.grid("350525101888001", "新村第1网格", "350525101888", null, null, null, true))))
                    .satisfies(
                            e -> assertThat(((RegionException) e).messageKey()).isEqualTo("region.error.gridFields"));
            // outside the admin's county
            assertThatThrownBy(() -> regions.create(
                            NewRegion.region("350526000000", "德化县", RegionLevel.COUNTY, "350500000000", null, false)))
                    .isInstanceOf(RegionException.class);
        });
        security.as(
                "leader.taocheng",
                () -> assertThatThrownBy(() -> regions.create(
                                NewRegion.region("350525101777", "新村", RegionLevel.VILLAGE, TAOCHENG, null, true)))
                        .isInstanceOf(AccessDeniedException.class));
        assertThat(jdbc.queryForObject("select count(*) from region", Integer.class))
                .isEqualTo(before);
    }

    @Test
    void subtreeQueriesAreServedByThePathIndex() {
        String path = jdbc.queryForObject("select path::text from region where code = ?", String.class, TAOCHENG);
        String plan = tx.execute(status -> {
            jdbc.execute("set local enable_seqscan = off");
            return String.join(
                    "\n",
                    jdbc.queryForList(
                            "explain select code from region where path <@ ?::ltree and level = 'GRID'",
                            String.class,
                            path));
        });
        assertThat(plan).contains("region_path_gist");
    }

    @Test
    void anAdminAddsAVillageWithAGridAndRevokesIt() {
        security.as("admin.county", () -> {
            List<Region> created = regions.createAll(List.of(
                    NewRegion.region("350525101999", "测试新村", RegionLevel.VILLAGE, TAOCHENG, 100, true),
                    NewRegion.grid(
                            "350525101999001",
                            "测试新村第1网格",
                            "350525101999",
                            cn.canbao.region.GridKind.COMMUNITY,
                            null,
                            100,
                            true)));
            assertThat(created)
                    .extracting(Region::path)
                    .containsExactly(
                            "350000000000.350500000000.350525000000.350525101000.350525101999",
                            "350000000000.350500000000.350525000000.350525101000.350525101999.350525101999001");
            assertThat(regions.revoke("350525101999")).isEqualTo(2);
            assertThat(regions.children(TAOCHENG))
                    .extracting(s -> s.region().code())
                    .doesNotContain("350525101999");
            assertThat(regions.get("350525101999").deleted()).isTrue();
        });
        SystemAccess.run(
                () -> assertThatThrownBy(() -> regions.revoke(COUNTY + "1")).isInstanceOf(RegionException.class));
    }
}
