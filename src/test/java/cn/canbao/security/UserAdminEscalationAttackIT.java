package cn.canbao.security;

import static cn.canbao.Yongchun.COUNTY;
import static cn.canbao.Yongchun.DONGPING;
import static cn.canbao.Yongchun.TAOCHENG;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.attack.HttpAttacker;
import cn.canbao.attack.RowFingerprint;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Hole 4 of issue 15: a county clerk tried to make themselves (or a friend) a county leader, an admin or an
 * operator, and to take over the accounts of county leaders and fellow clerks by resetting their passwords.
 * Over the REST API, as a real HTTP client: each attempt is refused with 403 and changes no row; what the
 * rules do allow still works.
 */
@CanbaoIntegrationTest
class UserAdminEscalationAttackIT extends IntegrationTestBase {

    @LocalServerPort
    int port;

    @Autowired
    RowFingerprint fingerprint;

    private HttpAttacker countyClerk;

    @BeforeEach
    void users() {
        security.ensureUser("esc.clerk", COUNTY, Role.CLERK);
        security.ensureUser("esc.leader", COUNTY, Role.COUNTY_LEADER);
        security.ensureUser("esc.clerk2", COUNTY, Role.CLERK);
        security.ensureUser("esc.admin", COUNTY, Role.ADMIN);
        security.ensureUser("esc.tc.clerk", TAOCHENG, Role.CLERK);
        countyClerk = HttpAttacker.basic(port, "esc.clerk", SecurityTestSupport.PASSWORD);
        // logging in writes the last-login time (at most once a minute): done before the fingerprints
        assertThat(countyClerk.get("/api/users").statusCode()).isEqualTo(200);
        assertThat(HttpAttacker.basic(port, "esc.tc.clerk", SecurityTestSupport.PASSWORD)
                        .get("/api/users")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aCountyClerkCannotCreateALeaderAnAdminOrAnOperatorAtTheCounty() {
        Map<String, String> before = fingerprint.of("app_user", "app_user_role");
        for (String role : List.of("COUNTY_LEADER", "ADMIN", "OPERATOR")) {
            HttpResponse<String> refused =
                    countyClerk.postJson("/api/users", newUser("esc.made." + role.toLowerCase(), COUNTY, role));
            assertThat(refused.statusCode()).as(role + ": " + refused.body()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(HttpAttacker.json(refused).get("code").asText()).isEqualTo("user.grant.outOfScope");
        }
        assertThat(fingerprint.of("app_user", "app_user_role")).isEqualTo(before);
        // nor through the roles of a user they may administer, nor of their own account
        String helper = "esc.helper." + suffix();
        assertThat(countyClerk
                        .postJson("/api/users", newUser(helper, COUNTY, "VOLUNTEER"))
                        .statusCode())
                .isEqualTo(201);
        Map<String, String> withHelper = fingerprint.of("app_user", "app_user_role");
        assertThat(countyClerk
                        .putJson("/api/users/" + helper + "/roles", List.of("COUNTY_LEADER"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(countyClerk
                        .putJson("/api/users/esc.clerk/roles", List.of("ADMIN"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(fingerprint.of("app_user", "app_user_role")).isEqualTo(withHelper);
        assertThat(jdbc.queryForObject("select count(*) from app_user where username like 'esc.made.%'", Integer.class))
                .isZero();
        assertThat(refusals("USER_CREATED", "esc.made.")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aCountyClerkCannotTakeOverALeaderOrAFellowClerk() {
        String leaderHash = hash("esc.leader");
        Map<String, String> before = fingerprint.of("app_user", "app_user_role");
        for (String victim : List.of("esc.leader", "esc.clerk2", "esc.admin")) {
            HttpResponse<String> reset = countyClerk.postJson("/api/users/" + victim + "/password-reset", "");
            assertThat(reset.statusCode()).as(victim + ": " + reset.body()).isEqualTo(403);
            assertThat(reset.body()).doesNotContain("password\"");
            assertThat(countyClerk
                            .putJson("/api/users/" + victim + "/enabled", false)
                            .statusCode())
                    .isEqualTo(403);
        }
        assertThat(fingerprint.of("app_user", "app_user_role")).isEqualTo(before);
        assertThat(hash("esc.leader")).isEqualTo(leaderHash);
        // the victims still log in with their own passwords
        for (String victim : List.of("esc.leader", "esc.clerk2")) {
            HttpAttacker stillTheirs = HttpAttacker.basic(port, victim, SecurityTestSupport.PASSWORD);
            assertThat(stillTheirs.get("/api/campaigns").statusCode()).isEqualTo(200);
        }
        assertThat(refusals("PASSWORD_RESET", "esc.leader")).isPositive();
    }

    @Test
    void aTownshipClerkCannotCreateUsersInAnotherTownship() {
        Map<String, String> before = fingerprint.of("app_user", "app_user_role");
        HttpResponse<String> refused = HttpAttacker.basic(port, "esc.tc.clerk", SecurityTestSupport.PASSWORD)
                .postJson("/api/users", newUser("esc.dp.leader", DONGPING, "TOWNSHIP_LEADER"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(fingerprint.of("app_user", "app_user_role")).isEqualTo(before);
    }

    @Test
    void whatTheRulesAllowStillWorks() {
        // a county clerk staffs a township: its leader, with the initial password answered once
        String leader = "esc.tl." + suffix();
        Map<String, Object> request = newUser(leader, TAOCHENG, "TOWNSHIP_LEADER");
        request.put("phone", "13905951234");
        HttpResponse<String> created = countyClerk.postJson("/api/users", request);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = HttpAttacker.json(created);
        assertThat(body.at("/user/roles/0").asText()).isEqualTo("TOWNSHIP_LEADER");
        assertThat(body.at("/user/createdBy").asText()).isEqualTo("esc.clerk");
        String initial = body.get("initialPassword").asText();
        assertThat(HttpAttacker.basic(port, leader, initial)
                        .get("/api/campaigns")
                        .statusCode())
                .isEqualTo(200);
        JsonNode listed = HttpAttacker.json(countyClerk.get("/api/users?q=" + leader));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("phone").asText()).isEqualTo("139****1234");
        assertThat(listed.get(0).get("administrable").asBoolean()).isTrue();
        JsonNode leaders = HttpAttacker.json(countyClerk.get("/api/users?q=esc.leader"));
        assertThat(leaders.get(0).get("administrable").asBoolean()).isFalse();

        // an admin resets a county clerk's password: the new one works, the old one no longer
        String clerk = "esc.clerk3." + suffix();
        security.ensureUser(clerk, COUNTY, Role.CLERK);
        HttpAttacker admin = HttpAttacker.basic(port, "esc.admin", SecurityTestSupport.PASSWORD);
        HttpResponse<String> reset = admin.postJson("/api/users/" + clerk + "/password-reset", "");
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        String fresh = HttpAttacker.json(reset).get("password").asText();
        assertThat(HttpAttacker.basic(port, clerk, fresh).get("/api/campaigns").statusCode())
                .isEqualTo(200);
        assertThat(HttpAttacker.basic(port, clerk, SecurityTestSupport.PASSWORD)
                        .get("/api/campaigns")
                        .statusCode())
                .isEqualTo(401);
        jdbc.update("delete from login_throttle where kind = 'ACCOUNT' and key = ?", clerk);
    }

    private static Map<String, Object> newUser(String username, String regionCode, String role) {
        Map<String, Object> user = new java.util.HashMap<>();
        user.put("username", username);
        user.put("displayName", "攻击测试");
        user.put("regionCode", regionCode);
        user.put("roles", List.of(role));
        return user;
    }

    private String hash(String username) {
        return jdbc.queryForObject("select password_hash from app_user where username = ?", String.class, username);
    }

    private int refusals(String action, String subjectPrefix) {
        return jdbc.queryForObject(
                "select count(*) from security_audit where action = ? and outcome = 'REFUSED' "
                        + "and actor = 'esc.clerk' and subject like ?",
                Integer.class,
                action,
                subjectPrefix + "%");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
