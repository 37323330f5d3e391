package cn.canbao.security;

import static cn.canbao.Yongchun.COUNTY;
import static cn.canbao.Yongchun.DONGPING;
import static cn.canbao.Yongchun.TAOCHENG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.region.RegionException;
import cn.canbao.region.RegionLevel;
import cn.canbao.security.login.RegionRevokedException;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

@CanbaoIntegrationTest
class UserAdministrationIT extends IntegrationTestBase {

    @Autowired
    UserService users;

    @Autowired
    DaoAuthenticationProvider authentication;

    @BeforeEach
    void admins() {
        security.ensureUser("admin.ua", COUNTY, Role.ADMIN);
        security.ensureUser("clerk.taocheng", TAOCHENG, Role.CLERK);
    }

    @Test
    void aClerkCreatesUsersOnlyInTheirSubtreeAndOnlyWithRolesTheyMayGrant() {
        security.as("clerk.taocheng", () -> {
            String village = regions.children(TAOCHENG).get(0).region().code();
            UserAccount cadre = users.create(
                    new NewUser("cadre.ua", "王村干", village, Set.of(Role.VILLAGE_CADRE), "13905951234", "cadre-pass-1"));
            assertThat(cadre.regionCode()).isEqualTo(village);
            assertThat(cadre.createdBy()).isEqualTo("clerk.taocheng");
            assertThat(cadre.roles()).containsExactly(Role.VILLAGE_CADRE);

            assertThatThrownBy(() -> users.create(new NewUser(
                            "leader.ua", "李", DONGPING, Set.of(Role.TOWNSHIP_LEADER), null, "leader-pass-1")))
                    .isInstanceOf(RegionException.RegionOutOfScopeException.class);
            assertThatThrownBy(() -> users.create(
                            new NewUser("admin.ua2", "赵", village, Set.of(Role.ADMIN), null, "admin-pass-1")))
                    .isInstanceOf(UserException.class);
            assertThatThrownBy(() -> users.create(
                            new NewUser("cadre.ua2", "钱", TAOCHENG, Set.of(Role.VILLAGE_CADRE), null, "cadre-pass-1")))
                    .satisfies(e -> assertThat(((UserException) e).messageKey()).isEqualTo("user.error.roleLevel"));
            assertThatThrownBy(() -> users.create(
                            new NewUser("Bad Name", "x", village, Set.of(Role.VOLUNTEER), null, "volunteer-1")))
                    .isInstanceOf(UserException.class);
            assertThatThrownBy(() -> users.create(
                            new NewUser("volunteer.ua", "孙", village, Set.of(Role.VOLUNTEER), "12345", "volunteer-1")))
                    .satisfies(e -> assertThat(((UserException) e).messageKey()).isEqualTo("user.error.phone"));
            assertThatThrownBy(() -> users.create(new NewUser(
                            "volunteer.ua", "孙", "350525101XYZ", Set.of(Role.VOLUNTEER), null, "volunteer-1")))
                    .isInstanceOf(RegionException.class);
            assertThat(users.list(null, 0, 100))
                    .extracting(UserAccount::regionCode)
                    .allMatch(code -> code.startsWith("350525101"));
            // found by their region's name too, which the list shows; the tree's order: township before village
            String villageName = regions.get(village).name();
            assertThat(users.list(villageName, 0, 100))
                    .extracting(UserAccount::username)
                    .contains("cadre.ua")
                    .doesNotContain("clerk.taocheng");
            assertThat(users.list(villageName, 0, 100))
                    .extracting(UserAccount::regionName)
                    .contains(villageName);
            assertThat(users.count(villageName))
                    .isEqualTo(users.list(villageName, 0, 100).size());
            assertThat(users.list(null, 0, 100))
                    .extracting(UserAccount::username)
                    .containsSubsequence("clerk.taocheng", "cadre.ua");
        });
        assertThat(jdbc.queryForObject(
                        "select count(*) from app_user where username in ('leader.ua','admin.ua2',"
                                + "'cadre.ua2','volunteer.ua')",
                        Integer.class))
                .isZero();
    }

    @Test
    void workersCannotAdministerUsers() {
        String grid = firstBelow(TAOCHENG, RegionLevel.GRID);
        security.ensureUser("worker.ua", grid, Role.GRID_WORKER);
        security.as(
                "worker.ua",
                () -> assertThatThrownBy(() -> users.list(null, 0, 10)).isInstanceOf(AccessDeniedException.class));
    }

    @Test
    void loginChecksPasswordsAccountsAndRegions() {
        String village = SystemAccess.call(
                () -> regions.children(DONGPING).get(0).region().code());
        security.ensureUser("cadre.login", village, Role.VILLAGE_CADRE);
        assertThat(authenticate("cadre.login", SecurityTestSupport.PASSWORD).getPrincipal())
                .isInstanceOfSatisfying(
                        CanbaoUser.class, u -> assertThat(u.regionCode()).isEqualTo(village));
        assertThatThrownBy(() -> authenticate("cadre.login", "wrong-password1"))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> authenticate("nobody.here", "whatever-1"))
                .isInstanceOf(UsernameNotFoundException.class);

        security.as("admin.ua", () -> users.setEnabled("cadre.login", false));
        assertThatThrownBy(() -> authenticate("cadre.login", SecurityTestSupport.PASSWORD))
                .isInstanceOf(DisabledException.class);
        security.as("admin.ua", () -> users.setEnabled("cadre.login", true));

        security.as("admin.ua", () -> regions.revoke(village));
        assertThatThrownBy(() -> authenticate("cadre.login", SecurityTestSupport.PASSWORD))
                .isInstanceOf(RegionRevokedException.class);
        // the wrong password still only says "bad credentials": revocation is told after the password matched
        assertThatThrownBy(() -> authenticate("cadre.login", "wrong-password1"))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void passwordResetGivesANewWorkingPasswordOnce() {
        security.ensureUser("reset.me", TAOCHENG, Role.TOWNSHIP_LEADER);
        String fresh = security.as("admin.ua", () -> users.resetPassword("reset.me"));
        assertThat(authenticate("reset.me", fresh).isAuthenticated()).isTrue();
        assertThatThrownBy(() -> authenticate("reset.me", SecurityTestSupport.PASSWORD))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> security.as("clerk.taocheng", () -> users.resetPassword("admin.ua")))
                .isInstanceOf(RuntimeException.class);
    }

    private org.springframework.security.core.Authentication authenticate(String username, String password) {
        return authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password));
    }
}
