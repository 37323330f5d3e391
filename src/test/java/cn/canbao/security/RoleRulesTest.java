package cn.canbao.security;

import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoleRulesTest {

    private static final String COUNTY = "350525000000";
    private static final String TOWNSHIP = "350525101000";

    private static CanbaoUser user(String code, RegionLevel level, Role... roles) {
        return new CanbaoUser("u", "U", "x", code, "R", "35." + code, level, false, EnumSet.of(roles[0], roles), true,
                "zh-CN");
    }

    private static Region region(String code, RegionLevel level) {
        return new Region(code, "R", level, null, "35." + code, null, null, null, false, null);
    }

    @Test
    void rolesBelongToTheirLevels() {
        assertThat(Role.TOWNSHIP_LEADER.validAt(RegionLevel.TOWNSHIP)).isTrue();
        assertThat(Role.TOWNSHIP_LEADER.validAt(RegionLevel.VILLAGE)).isFalse();
        assertThat(Role.GRID_WORKER.validAt(RegionLevel.GRID)).isTrue();
        assertThat(Role.ADMIN.validAt(RegionLevel.TOWNSHIP)).isFalse();
        assertThat(Role.VOLUNTEER.validAt(RegionLevel.GRID)).isTrue();
    }

    @Test
    void adminsGrantAdminOnlyBelowTheirOwnRegion() {
        CanbaoUser countyAdmin = user(COUNTY, RegionLevel.COUNTY, Role.ADMIN);
        assertThatThrownBy(() -> UserService.checkGrantable(countyAdmin, region(COUNTY, RegionLevel.COUNTY),
                Set.of(Role.ADMIN))).isInstanceOf(UserException.class);
        assertThatCode(() -> UserService.checkGrantable(countyAdmin, region(COUNTY, RegionLevel.COUNTY),
                Set.of(Role.COUNTY_LEADER, Role.CLERK))).doesNotThrowAnyException();
        assertThatCode(() -> UserService.checkGrantable(countyAdmin, region(TOWNSHIP, RegionLevel.TOWNSHIP),
                Set.of(Role.CLERK, Role.TOWNSHIP_LEADER))).doesNotThrowAnyException();
    }

    @Test
    void clerksNeverGrantAdminNorClerkAtTheirOwnRegion() {
        CanbaoUser clerk = user(COUNTY, RegionLevel.COUNTY, Role.CLERK);
        assertThatThrownBy(() -> UserService.checkGrantable(clerk, region(TOWNSHIP, RegionLevel.TOWNSHIP),
                Set.of(Role.ADMIN))).isInstanceOf(UserException.class)
                .satisfies(e -> assertThat(((UserException) e).messageKey()).isEqualTo("user.error.cannotGrant"));
        assertThatThrownBy(() -> UserService.checkGrantable(clerk, region(COUNTY, RegionLevel.COUNTY),
                Set.of(Role.CLERK))).isInstanceOf(UserException.class);
        assertThatCode(() -> UserService.checkGrantable(clerk, region(TOWNSHIP, RegionLevel.TOWNSHIP),
                Set.of(Role.CLERK))).doesNotThrowAnyException();
    }

    @Test
    void camundaGroupsNameRoleRoleAtRegionAndRegion() {
        CanbaoUser leader = user(TOWNSHIP, RegionLevel.TOWNSHIP, Role.TOWNSHIP_LEADER);
        assertThat(leader.camundaGroups()).containsExactlyInAnyOrder(
                "township-leader", "township-leader:350525101000", "region:350525101000", "within:350525101000");
        assertThat(user(COUNTY, RegionLevel.COUNTY, Role.ADMIN).camundaGroups()).contains("region-admin");
    }

    @Test
    void groupIdsParseBackToRoleAndRegion() {
        assertThat(CamundaDirectory.GroupId.parse("township-leader:350525101000"))
                .isEqualTo(new CamundaDirectory.GroupId(Role.TOWNSHIP_LEADER, TOWNSHIP));
        assertThat(CamundaDirectory.GroupId.parse("region:350525101000"))
                .isEqualTo(new CamundaDirectory.GroupId(null, TOWNSHIP));
        assertThat(CamundaDirectory.GroupId.parse("region-admin"))
                .isEqualTo(new CamundaDirectory.GroupId(Role.ADMIN, null));
        assertThat(CamundaDirectory.GroupId.parse("nonsense")).isNull();
    }

    @Test
    void passwordsNeedLengthLettersAndDigits() {
        assertThatThrownBy(() -> UserService.checkPassword("short1")).isInstanceOf(UserException.class);
        assertThatThrownBy(() -> UserService.checkPassword("lettersonly")).isInstanceOf(UserException.class);
        assertThatThrownBy(() -> UserService.checkPassword("12345678")).isInstanceOf(UserException.class);
        assertThatCode(() -> UserService.checkPassword("canbao2025")).doesNotThrowAnyException();
        for (int i = 0; i < 50; i++) {
            assertThatCode(() -> UserService.checkPassword(UserService.randomPassword())).doesNotThrowAnyException();
        }
    }

    @Test
    void loginFailuresMapToMessagesThatDoNotRevealWhichUsernamesExist() {
        assertThat(LoginView.messageKeyFor(new BadCredentialsException("x"))).isEqualTo("login.error.badCredentials");
        assertThat(LoginView.messageKeyFor(new UsernameNotFoundException("x"))).isEqualTo("login.error.badCredentials");
        assertThat(LoginView.messageKeyFor(new DisabledException("x"))).isEqualTo("login.error.disabled");
        assertThat(LoginView.messageKeyFor(new RegionRevokedException("u", COUNTY))).isEqualTo("login.error.regionRevoked");
    }
}
