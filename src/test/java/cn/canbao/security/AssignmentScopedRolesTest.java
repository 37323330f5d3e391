package cn.canbao.security;

import static cn.canbao.Yongchun.COUNTY;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.Yongchun;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionScope;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Township cadres and supervisors see nothing by their binding (issue 16): their scope covers no region, its code
 * prefix starts no code, and they are in no group that reads process instances; a second, ordinary role restores the
 * binding's subtree.
 */
class AssignmentScopedRolesTest {

    private static final String TOWNSHIP = Yongchun.TAOCHENG;
    private static final String TOWNSHIP_PATH = "350000000000.350500000000." + COUNTY + "." + TOWNSHIP;

    private static CanbaoUser at(String code, String path, RegionLevel level, Set<Role> roles) {
        return new CanbaoUser("u", "U", "x", code, "R", path, level, false, roles, true, "zh-CN", null);
    }

    @Test
    void aCadreAloneSeesNothingOfTheirTownship() {
        CanbaoUser cadre = at(TOWNSHIP, TOWNSHIP_PATH, RegionLevel.TOWNSHIP, EnumSet.of(Role.TOWNSHIP_CADRE));
        RegionScope scope = cadre.scope();
        assertThat(scope.empty()).isTrue();
        assertThat(scope.unrestricted()).isFalse();
        assertThat(scope.covers(TOWNSHIP_PATH)).isFalse();
        assertThat(scope.covers(TOWNSHIP_PATH + ".350525101001")).isFalse();
        assertThat("350525101001".startsWith(scope.codePrefix())).isFalse();
        assertThat(CurrentUser.covers(cadre, TOWNSHIP)).isFalse();
        assertThat(cadre.camundaGroups())
                .containsExactlyInAnyOrder("township-cadre", "township-cadre:" + TOWNSHIP, "region:" + TOWNSHIP);
    }

    @Test
    void aSupervisorAloneSeesNothingOfTheCounty() {
        CanbaoUser supervisor =
                at(COUNTY, "350000000000.350500000000." + COUNTY, RegionLevel.COUNTY, EnumSet.of(Role.SUPERVISOR));
        assertThat(supervisor.scope().empty()).isTrue();
        assertThat(CurrentUser.covers(supervisor, COUNTY)).isFalse();
        assertThat(supervisor.camundaGroups()).noneMatch(g -> g.startsWith("within:"));
    }

    @Test
    void anOrdinaryRoleBesidesKeepsTheBindingsSubtree() {
        CanbaoUser both =
                at(TOWNSHIP, TOWNSHIP_PATH, RegionLevel.TOWNSHIP, EnumSet.of(Role.TOWNSHIP_CADRE, Role.CLERK));
        assertThat(both.scope().empty()).isFalse();
        assertThat(both.scope().covers(TOWNSHIP_PATH + ".350525101001")).isTrue();
        assertThat(both.camundaGroups()).contains("within:" + TOWNSHIP);
    }

    @Test
    void theNewRolesSitAtTheirLevelsAndRankAsStaff() {
        assertThat(Role.TOWNSHIP_CADRE.validAt(RegionLevel.TOWNSHIP)).isTrue();
        assertThat(Role.TOWNSHIP_CADRE.validAt(RegionLevel.VILLAGE)).isFalse();
        assertThat(Role.SUPERVISOR.validAt(RegionLevel.COUNTY)).isTrue();
        assertThat(Role.SUPERVISOR.validAt(RegionLevel.TOWNSHIP)).isFalse();
        // a township leader outranks the township's cadres; a county leader its supervisors
        assertThat(Role.TOWNSHIP_CADRE.rank()).isLessThan(Role.TOWNSHIP_LEADER.rank());
        assertThat(Role.SUPERVISOR.rank()).isLessThan(Role.COUNTY_LEADER.rank());
        assertThat(Role.onlyAssignmentScoped(EnumSet.noneOf(Role.class))).isFalse();
    }
}
