package cn.canbao.region;

import static cn.canbao.Yongchun.CITY;
import static cn.canbao.Yongchun.COUNTY;
import static cn.canbao.Yongchun.DONGPING;
import static cn.canbao.Yongchun.PROVINCE;
import static cn.canbao.Yongchun.TAOCHENG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What other modules ask the region module instead of joining its table: names of what a county shares (its
 * campaigns, bulletins) for everyone in it, and a county's live subtree at some levels — both within the
 * caller's reach only.
 */
@CanbaoIntegrationTest
class CountyNamesIT extends IntegrationTestBase {

    static final String OTHER_COUNTY = "350578000000";
    static final String OTHER_TOWNSHIP = "350578101000";

    @BeforeEach
    void anotherCounty() {
        SystemAccess.run(() -> regions.createMissing(List.of(
                NewRegion.region(OTHER_COUNTY, "名称测试县", RegionLevel.COUNTY, CITY, null, true),
                NewRegion.region(OTHER_TOWNSHIP, "名称测试镇", RegionLevel.TOWNSHIP, OTHER_COUNTY, null, true))));
        security.ensureUser("names.taocheng", TAOCHENG, Role.TOWNSHIP_LEADER);
    }

    @Test
    void aTownshipUserNamesTheirCountyAndWhatIsAboveItButNoOtherCounty() {
        List<String> codes = List.of(PROVINCE, CITY, COUNTY, TAOCHENG, DONGPING, OTHER_COUNTY, OTHER_TOWNSHIP);
        assertThat(security.as("names.taocheng", () -> regions.countyNames(codes)))
                .containsOnlyKeys(PROVINCE, CITY, COUNTY, TAOCHENG, DONGPING)
                .containsEntry(COUNTY, "永春县");
        // plain names stay within the caller's own subtree
        assertThat(security.as("names.taocheng", () -> regions.names(codes))).containsOnlyKeys(TAOCHENG);
        assertThat(SystemAccess.call(() -> regions.countyNames(codes))).containsOnlyKeys(codes);
    }

    @Test
    void aSubtreeIsItsLiveRegionsAtTheLevelsAskedWithinTheCallersScope() {
        List<Region> townships =
                SystemAccess.call(() -> regions.subtree(COUNTY, EnumSet.of(RegionLevel.COUNTY, RegionLevel.TOWNSHIP)));
        assertThat(townships).first().extracting(Region::code).isEqualTo(COUNTY);
        assertThat(townships.subList(1, townships.size()))
                .extracting(Region::code)
                .containsExactlyElementsOf(
                        SystemAccess.call(() -> regions.descendantsAtLevel(COUNTY, RegionLevel.TOWNSHIP)).stream()
                                .map(Region::code)
                                .toList());
        assertThat(townships).hasSizeGreaterThan(1).extracting(Region::deleted).containsOnly(false);
        List<Region> villages =
                security.as("names.taocheng", () -> regions.subtree(TAOCHENG, EnumSet.of(RegionLevel.VILLAGE)));
        assertThat(villages).isNotEmpty().allSatisfy(r -> {
            assertThat(r.level()).isEqualTo(RegionLevel.VILLAGE);
            assertThat(r.parentCode()).isEqualTo(TAOCHENG);
            assertThat(r.deleted()).isFalse();
        });
        assertThatThrownBy(() ->
                        security.as("names.taocheng", () -> regions.subtree(COUNTY, EnumSet.of(RegionLevel.TOWNSHIP))))
                .isInstanceOf(RegionException.class);
    }
}
