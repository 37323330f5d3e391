package cn.canbao.security;

import static cn.canbao.Yongchun.COUNTY;
import static cn.canbao.Yongchun.TAOCHENG;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.attack.HttpAttacker;
import cn.canbao.region.NewRegion;
import cn.canbao.region.RegionLevel;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.session.SessionRegistry;

/**
 * Hole 8 (sessions) of issue 15: a user logged in through the form kept working after an admin disabled
 * them, reset their password, changed their roles or revoked their region — the session outlived the
 * decision. As a real HTTP client with the user's session cookie: after the change, the next request of that
 * session goes to the login page.
 */
@CanbaoIntegrationTest
class SessionRevocationAttackIT extends IntegrationTestBase {

    static final String TASKLIST = "/camunda/app/tasklist/default/";

    @LocalServerPort
    int port;

    @Autowired
    SessionRegistry registry;

    @Autowired
    UserService users;

    private HttpAttacker admin;

    @BeforeEach
    void anAdmin() {
        security.ensureUser("sr.admin", COUNTY, Role.ADMIN);
        admin = HttpAttacker.basic(port, "sr.admin", SecurityTestSupport.PASSWORD);
    }

    @Test
    void disablingAUserEndsTheirSession() {
        String user = aUser();
        HttpAttacker session = loggedIn(user, SecurityTestSupport.PASSWORD);
        assertThat(registry.getAllPrincipals())
                .anySatisfy(p -> assertThat(p)
                        .isInstanceOfSatisfying(
                                CanbaoUser.class,
                                u -> assertThat(u.getUsername()).isEqualTo(user)));

        assertThat(admin.putJson("/api/users/" + user + "/enabled", false).statusCode())
                .isEqualTo(200);

        assertSentToLogin(session.get(TASKLIST));
        assertThat(session.get("/camunda/api/admin/auth/user/default").statusCode())
                .isIn(302, 401);
        // enabling them again does not bring the old session back
        assertThat(admin.putJson("/api/users/" + user + "/enabled", true).statusCode())
                .isEqualTo(200);
        assertSentToLogin(session.get(TASKLIST));
        assertThat(loggedIn(user, SecurityTestSupport.PASSWORD).get(TASKLIST).statusCode())
                .isEqualTo(200);
    }

    @Test
    void resettingAPasswordEndsTheSessionsOpenedWithTheOldOne() {
        String user = aUser();
        HttpAttacker first = loggedIn(user, SecurityTestSupport.PASSWORD);
        HttpAttacker second = loggedIn(user, SecurityTestSupport.PASSWORD);
        assertThat(first.get("/").statusCode()).isEqualTo(200);

        HttpResponse<String> reset = admin.postJson("/api/users/" + user + "/password-reset", "");
        assertThat(reset.statusCode()).isEqualTo(200);
        String fresh = HttpAttacker.json(reset).get("password").asText();

        assertSentToLogin(first.get(TASKLIST));
        assertSentToLogin(second.get(TASKLIST));
        assertThat(HttpAttacker.formLogin(port, user, SecurityTestSupport.PASSWORD)
                        .loggedIn())
                .isFalse();
        assertThat(loggedIn(user, fresh).get(TASKLIST).statusCode()).isEqualTo(200);
        jdbc.update("delete from login_throttle where kind = 'ACCOUNT' and key = ?", user);
    }

    @Test
    void aChangeMadeOnAnotherNodeEndsTheSessionAtItsNextRequest() {
        String user = aUser();
        HttpAttacker session = loggedIn(user, SecurityTestSupport.PASSWORD);
        // what another node does when it disables the user or resets the password: this node's session
        // registry knows nothing of it, only the shared table does
        jdbc.update("update app_user set sessions_valid_after = now() where username = ?", user);
        assertSentToLogin(session.get(TASKLIST));
    }

    @Test
    void newRolesEndTheSessionThatCarriesTheOldOnes() {
        String user = aUser();
        HttpAttacker session = loggedIn(user, SecurityTestSupport.PASSWORD);
        assertThat(admin.putJson("/api/users/" + user + "/roles", java.util.List.of("CLERK"))
                        .statusCode())
                .isEqualTo(200);
        assertSentToLogin(session.get(TASKLIST));
    }

    @Test
    void changingOnesOwnPasswordEndsOnesOtherSessions() {
        String user = aUser();
        HttpAttacker elsewhere = loggedIn(user, SecurityTestSupport.PASSWORD);
        // changed outside that session (the one it is changed in goes on: see UserSessions#endOthers)
        security.as(user, () -> users.changeOwnPassword(SecurityTestSupport.PASSWORD, "changed-pass-2025"));
        assertSentToLogin(elsewhere.get(TASKLIST));
        assertThat(loggedIn(user, "changed-pass-2025").get(TASKLIST).statusCode())
                .isEqualTo(200);
    }

    @Test
    void revokingTheUsersRegionEndsTheirSession() {
        String village = SystemAccess.call(() -> {
            String code = null;
            for (int n = 900; code == null || regions.findUnscoped(code).isPresent(); n++) {
                code = TAOCHENG.substring(0, 9) + n;
            }
            return regions.create(NewRegion.region(
                            code, "撤销测试村" + code.substring(9), RegionLevel.VILLAGE, TAOCHENG, null, true))
                    .code();
        });
        String user = security.ensureUser("sr.cadre." + village.substring(9), village, Role.VILLAGE_CADRE);
        HttpAttacker session = loggedIn(user, SecurityTestSupport.PASSWORD);
        SystemAccess.run(() -> regions.revoke(village));
        assertSentToLogin(session.get(TASKLIST));
    }

    private String aUser() {
        return security.ensureUser(
                "sr.user." + UUID.randomUUID().toString().substring(0, 8), TAOCHENG, Role.TOWNSHIP_LEADER);
    }

    private HttpAttacker loggedIn(String user, String password) {
        HttpAttacker session = HttpAttacker.formLogin(port, user, password);
        assertThat(session.loggedIn()).isTrue();
        assertThat(session.get(TASKLIST).statusCode()).isEqualTo(200);
        return session;
    }

    private static void assertSentToLogin(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }
}
