package cn.canbao.security;

import static cn.canbao.Yongchun.COUNTY;
import static cn.canbao.Yongchun.PROVINCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.Yongchun;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.security.camunda.CamundaDirectory;
import cn.canbao.security.login.LoginThrottledException;
import cn.canbao.security.login.RegionRevokedException;
import cn.canbao.security.ui.LoginView;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

class RoleRulesTest {

    private static final String TOWNSHIP = Yongchun.TAOCHENG;
    private static final String OTHER_TOWNSHIP = Yongchun.DONGPING;

    private static CanbaoUser user(String code, RegionLevel level, Role... roles) {
        return named("u", code, level, roles);
    }

    private static CanbaoUser named(String username, String code, RegionLevel level, Role... roles) {
        return new CanbaoUser(
                username,
                "U",
                "x",
                code,
                "R",
                path(code),
                level,
                false,
                EnumSet.of(roles[0], roles),
                true,
                "zh-CN",
                null);
    }

    private static Region region(String code, RegionLevel level) {
        return new Region(code, "R", level, null, path(code), null, null, null, false, null);
    }

    private static UserAccount account(String username, String code, Role... roles) {
        return new UserAccount(
                username, "T", code, "R", path(code), EnumSet.of(roles[0], roles), null, true, false, null, null, null);
    }

    private static boolean may(CanbaoUser actor, UserAccount target) {
        return UserAdministrationRules.mayAdminister(actor, target);
    }

    /** The materialised path of a region: its ancestors' codes, then its own. */
    private static String path(String code) {
        String county = PROVINCE + ".350500000000." + COUNTY;
        return Map.of(
                        PROVINCE,
                        PROVINCE,
                        COUNTY,
                        county,
                        TOWNSHIP,
                        county + "." + TOWNSHIP,
                        OTHER_TOWNSHIP,
                        county + "." + OTHER_TOWNSHIP)
                .get(code);
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
        assertThatThrownBy(() -> UserAdministrationRules.checkGrantable(
                        countyAdmin, region(COUNTY, RegionLevel.COUNTY), Set.of(Role.ADMIN)))
                .isInstanceOf(UserException.class);
        assertThatCode(() -> UserAdministrationRules.checkGrantable(
                        countyAdmin, region(COUNTY, RegionLevel.COUNTY), Set.of(Role.COUNTY_LEADER, Role.CLERK)))
                .doesNotThrowAnyException();
        assertThatCode(() -> UserAdministrationRules.checkGrantable(
                        countyAdmin, region(TOWNSHIP, RegionLevel.TOWNSHIP), Set.of(Role.CLERK, Role.TOWNSHIP_LEADER)))
                .doesNotThrowAnyException();
    }

    @Test
    void clerksNeverGrantAdminNorClerkAtTheirOwnRegion() {
        CanbaoUser clerk = user(COUNTY, RegionLevel.COUNTY, Role.CLERK);
        assertThatThrownBy(() -> UserAdministrationRules.checkGrantable(
                        clerk, region(TOWNSHIP, RegionLevel.TOWNSHIP), Set.of(Role.ADMIN)))
                .isInstanceOf(UserException.class)
                .satisfies(e -> assertThat(((UserException) e).messageKey()).isEqualTo("user.grant.outOfScope"));
        assertThatThrownBy(() -> UserAdministrationRules.checkGrantable(
                        clerk, region(COUNTY, RegionLevel.COUNTY), Set.of(Role.CLERK)))
                .isInstanceOf(UserException.class);
        assertThatCode(() -> UserAdministrationRules.checkGrantable(
                        clerk, region(TOWNSHIP, RegionLevel.TOWNSHIP), Set.of(Role.CLERK)))
                .doesNotThrowAnyException();
    }

    @Test
    void adminsAndOperatorsOutrankLeadersWhoOutrankStaffWhoOutrankVolunteers() {
        assertThat(Role.ADMIN.rank()).isEqualTo(Role.OPERATOR.rank()).isGreaterThan(Role.COUNTY_LEADER.rank());
        assertThat(Role.COUNTY_LEADER.rank())
                .isEqualTo(Role.TOWNSHIP_LEADER.rank())
                .isEqualTo(Role.VILLAGE_CADRE.rank())
                .isGreaterThan(Role.CLERK.rank());
        assertThat(Role.CLERK.rank()).isEqualTo(Role.GRID_WORKER.rank()).isGreaterThan(Role.VOLUNTEER.rank());
        assertThat(Role.highestRank(Set.of(Role.CLERK, Role.COUNTY_LEADER))).isEqualTo(Role.COUNTY_LEADER.rank());
    }

    @Test
    void aCountyClerkStaffsTheTownshipsButGrantsNothingAboveItselfAtTheCounty() {
        CanbaoUser clerk = user(COUNTY, RegionLevel.COUNTY, Role.CLERK);
        for (Role role : Set.of(Role.COUNTY_LEADER, Role.ADMIN, Role.OPERATOR, Role.CLERK)) {
            assertThatThrownBy(() -> UserAdministrationRules.checkGrantable(
                            clerk, region(COUNTY, RegionLevel.COUNTY), Set.of(role)))
                    .as(role.name())
                    .isInstanceOf(UserException.class);
        }
        assertThat(UserAdministrationRules.grantable(clerk, region(COUNTY, RegionLevel.COUNTY)))
                .containsExactly(Role.VOLUNTEER);
        // the township's cadres (包村干部) are staffed like its leader and clerks
        assertThat(UserAdministrationRules.grantable(clerk, region(TOWNSHIP, RegionLevel.TOWNSHIP)))
                .containsExactlyInAnyOrder(Role.TOWNSHIP_LEADER, Role.CLERK, Role.VOLUNTEER, Role.TOWNSHIP_CADRE);
        CanbaoUser townshipClerk = user(TOWNSHIP, RegionLevel.TOWNSHIP, Role.CLERK);
        assertThat(UserAdministrationRules.grantable(townshipClerk, region(OTHER_TOWNSHIP, RegionLevel.TOWNSHIP)))
                .isEmpty();
        assertThat(UserAdministrationRules.grantable(townshipClerk, region(TOWNSHIP, RegionLevel.TOWNSHIP)))
                .containsExactly(Role.VOLUNTEER);
        CanbaoUser admin = user(COUNTY, RegionLevel.COUNTY, Role.ADMIN);
        // supervisors (督导组成员, of any department) rank as staff: the county's admin makes them, not its clerks
        assertThat(UserAdministrationRules.grantable(admin, region(COUNTY, RegionLevel.COUNTY)))
                .containsExactlyInAnyOrder(Role.COUNTY_LEADER, Role.CLERK, Role.VOLUNTEER, Role.SUPERVISOR);
        CanbaoUser provinceAdmin = user(PROVINCE, RegionLevel.PROVINCE, Role.ADMIN);
        assertThat(UserAdministrationRules.grantable(provinceAdmin, region(COUNTY, RegionLevel.COUNTY)))
                .contains(Role.ADMIN, Role.OPERATOR);
    }

    @Test
    void usersAdministerOnlyUsersStrictlyBelowThem() {
        CanbaoUser clerk = named("clerk", COUNTY, RegionLevel.COUNTY, Role.CLERK);
        assertThat(may(clerk, account("leader", COUNTY, Role.COUNTY_LEADER))).isFalse();
        assertThat(may(clerk, account("clerk2", COUNTY, Role.CLERK))).isFalse();
        assertThat(may(clerk, account("admin", COUNTY, Role.ADMIN))).isFalse();
        assertThat(may(clerk, account("helper", COUNTY, Role.VOLUNTEER))).isTrue();
        assertThat(may(clerk, account("tl", TOWNSHIP, Role.TOWNSHIP_LEADER))).isTrue();
        assertThatThrownBy(() -> UserAdministrationRules.checkAdministrable(
                        clerk, account("leader", COUNTY, Role.COUNTY_LEADER)))
                .satisfies(e -> assertThat(((UserException) e).messageKey()).isEqualTo("user.target.outOfScope"));
        assertThatThrownBy(
                        () -> UserAdministrationRules.checkAdministrable(clerk, account("clerk", COUNTY, Role.CLERK)))
                .satisfies(e -> assertThat(((UserException) e).messageKey()).isEqualTo("user.error.self"));

        CanbaoUser admin = named("admin", COUNTY, RegionLevel.COUNTY, Role.ADMIN);
        assertThat(may(admin, account("clerk", COUNTY, Role.CLERK))).isTrue();
        assertThat(may(admin, account("leader", COUNTY, Role.COUNTY_LEADER))).isTrue();
        assertThat(may(admin, account("admin2", COUNTY, Role.ADMIN))).isFalse();
        assertThat(may(admin, account("op", COUNTY, Role.OPERATOR))).isFalse();

        CanbaoUser townshipClerk = named("tc", TOWNSHIP, RegionLevel.TOWNSHIP, Role.CLERK);
        assertThat(may(townshipClerk, account("x", OTHER_TOWNSHIP, Role.CLERK))).isFalse();
        assertThat(may(townshipClerk, account("x", COUNTY, Role.VOLUNTEER))).isFalse();

        CanbaoUser provinceClerk = named("pc", PROVINCE, RegionLevel.PROVINCE, Role.CLERK);
        assertThat(may(provinceClerk, account("a", COUNTY, Role.ADMIN))).isFalse();
        assertThat(may(provinceClerk, account("l", COUNTY, Role.COUNTY_LEADER))).isTrue();
    }

    @Test
    void camundaGroupsNameRoleRoleAtRegionAndRegion() {
        CanbaoUser leader = user(TOWNSHIP, RegionLevel.TOWNSHIP, Role.TOWNSHIP_LEADER);
        assertThat(leader.camundaGroups())
                .containsExactlyInAnyOrder(
                        "township-leader",
                        "township-leader:350525101000",
                        "region:350525101000",
                        "within:350525101000");
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
            assertThatCode(() -> UserService.checkPassword(UserService.randomPassword()))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void loginFailuresMapToMessagesThatDoNotRevealWhichUsernamesExist() {
        assertThat(LoginView.messageKeyFor(new BadCredentialsException("x"))).isEqualTo("login.error.badCredentials");
        assertThat(LoginView.messageKeyFor(new UsernameNotFoundException("x"))).isEqualTo("login.error.badCredentials");
        // a disabled account is told like a wrong password (the audit log says which it was)
        assertThat(LoginView.messageKeyFor(new DisabledException("x"))).isEqualTo("login.error.badCredentials");
        assertThat(LoginView.messageKeyFor(new LoginThrottledException(61))).isEqualTo("login.error.throttled");
        assertThat(LoginView.messageKeyFor(new RegionRevokedException("u", COUNTY)))
                .isEqualTo("login.error.regionRevoked");
    }
}
