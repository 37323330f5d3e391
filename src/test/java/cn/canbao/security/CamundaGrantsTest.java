package cn.canbao.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.region.RegionLevel;
import cn.canbao.security.camunda.CamundaDirectory;
import cn.canbao.security.camunda.CamundaStandingGrants;
import cn.canbao.security.camunda.ProcessInstanceGrants;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;

/** Which Camunda groups a user has and what the standing grants say, without an engine. */
class CamundaGrantsTest {

    private static CanbaoUser user(String code, RegionLevel level, Role... roles) {
        return new CanbaoUser(
                "u", "U", "x", code, "R", "35." + code, level, false, EnumSet.of(roles[0], roles), true, "zh-CN", null);
    }

    @Test
    void noCanbaoGroupIsCamundasAdminGroup() {
        assertThat(Arrays.stream(Role.values()).map(Role::groupId)).doesNotContain(Groups.CAMUNDA_ADMIN);
    }

    @Test
    void aRegionsInstancesAreGrantedToItAndEveryAncestor() {
        assertThat(ProcessInstanceGrants.scopeChain("350525101001001"))
                .containsExactly(
                        "350000000000",
                        "350500000000",
                        "350525000000",
                        "350525101000",
                        "350525101001",
                        "350525101001001");
        assertThat(ProcessInstanceGrants.scopeChain("350525101000"))
                .containsExactly("350000000000", "350500000000", "350525000000", "350525101000");
        assertThat(ProcessInstanceGrants.scopeChain("350000000000")).containsExactly("350000000000");
    }

    @Test
    void volunteersReadNoInstances() {
        assertThat(user("350525101001", RegionLevel.VILLAGE, Role.VOLUNTEER).camundaGroups())
                .doesNotContain("within:350525101001");
        assertThat(user("350525101001", RegionLevel.VILLAGE, Role.VOLUNTEER, Role.VILLAGE_CADRE)
                        .camundaGroups())
                .contains("within:350525101001");
        assertThat(CamundaDirectory.GroupId.parse("within:350525101001"))
                .isEqualTo(new CamundaDirectory.GroupId(null, "350525101001", true));
    }

    @Test
    void onlyOperatorsGetDeploymentsInstancesBatchesAndTheAdminApp() {
        List<CamundaStandingGrants.Grant> grants = CamundaStandingGrants.wanted("filter-1");
        for (Resources resource : List.of(
                Resources.DEPLOYMENT,
                Resources.PROCESS_INSTANCE,
                Resources.BATCH,
                Resources.AUTHORIZATION,
                Resources.SYSTEM,
                Resources.HISTORIC_PROCESS_INSTANCE)) {
            assertThat(grants)
                    .filteredOn(g -> g.resource() == resource)
                    .extracting(CamundaStandingGrants.Grant::groupId)
                    .containsOnly(Role.OPERATOR.groupId());
        }
        assertThat(grants)
                .filteredOn(g ->
                        g.resource() == Resources.APPLICATION && g.groupId().equals("region-admin"))
                .extracting(CamundaStandingGrants.Grant::resourceId)
                .containsExactlyInAnyOrder("cockpit", "tasklist");
        assertThat(grants)
                .filteredOn(g -> !g.groupId().equals(Role.OPERATOR.groupId()))
                .allSatisfy(g -> assertThat(g.permissions())
                        .containsAnyOf(Permissions.READ, Permissions.ACCESS)
                        .hasSize(1));
        assertThat(grants).extracting(CamundaStandingGrants.Grant::groupId).doesNotContain(Role.VOLUNTEER.groupId());
    }
}
