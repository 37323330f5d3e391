package cn.canbao.security;

import static cn.canbao.Yongchun.TAOCHENG;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.attack.HttpAttacker;
import cn.canbao.security.login.LoginThrottleSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Hole 5 of issue 15: unlimited password guessing over HTTP Basic and the login form. As a real HTTP client:
 * after five wrong passwords an account name is locked — 429 with Retry-After, even for the right password,
 * the same for an account that does not exist — and enough failures from one address (20 in production,
 * more in tests, see application-test.yml) lock the address across names. Every test starts and ends with no throttle rows of its own keys or of the test client's
 * address, since every other test logs in from the same address.
 */
@CanbaoIntegrationTest
class BruteForceAttackIT extends IntegrationTestBase {

    static final String VICTIM = "bf.victim";
    static final String NOBODY = "bf.nobody";
    static final String WRONG = "guess-123456";
    static final String THROTTLED = "登录尝试过多，请 1 分钟后再试。";

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    @Autowired
    LoginThrottleSettings settings;

    private long auditBefore;

    @BeforeEach
    void cleanStart() {
        security.ensureUser(VICTIM, TAOCHENG, Role.TOWNSHIP_LEADER);
        security.ensureUser("bf.bystander", TAOCHENG, Role.CLERK);
        forgetThrottle();
        auditBefore = jdbc.queryForObject("select coalesce(max(id), 0) from security_audit", Long.class);
    }

    @AfterEach
    void forgetThrottle() {
        jdbc.update("delete from login_throttle where (kind = 'ACCOUNT' and key like 'bf.%') "
                + "or (kind = 'ADDRESS' and key in ('127.0.0.1', '0:0:0:0:0:0:0:1'))");
    }

    @Test
    void anAccountIsLockedAfterFiveFailuresAndAnUnknownOneExactlyAlike() {
        List<Answer> existing = thirtyWrongPasswords(VICTIM);
        List<Answer> unknown = thirtyWrongPasswords(NOBODY);

        assertThat(existing).extracting(Answer::status).containsExactlyElementsOf(expectedStatuses());
        assertThat(unknown).isEqualTo(existing);
        HttpResponse<String> locked = HttpAttacker.basic(port, VICTIM, WRONG).get("/api/campaigns");
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 60L);
        assertThat(locked.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(HttpAttacker.json(locked).get("detail").asText()).isEqualTo(THROTTLED);

        // the right password is refused the same way: the lockout is checked before any password
        HttpResponse<String> right =
                HttpAttacker.basic(port, VICTIM, SecurityTestSupport.PASSWORD).get("/api/campaigns");
        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(HttpAttacker.basic(port, VICTIM, SecurityTestSupport.PASSWORD)
                        .get("/engine-rest/task")
                        .statusCode())
                .isEqualTo(429);

        // five failures audited per name, one lockout and one refusal of the lockout, no more
        assertThat(audited("LOGIN_FAILED", VICTIM)).isEqualTo(settings.maxFailuresPerAccount());
        assertThat(audited("LOGIN_FAILED", NOBODY)).isEqualTo(settings.maxFailuresPerAccount());
        assertThat(audited("LOGIN_THROTTLED", VICTIM)).isEqualTo(2);
        assertThat(audited("LOGIN_THROTTLED", NOBODY)).isEqualTo(2);
        assertThat(jdbc.queryForList(
                        "select client from security_audit where id > ? and actor = ?",
                        String.class,
                        auditBefore,
                        VICTIM))
                .isNotEmpty()
                .allSatisfy(client -> assertThat(client).isIn("127.0.0.1", "0:0:0:0:0:0:0:1"));

        // when the lockout is over (moved to now), the right password works and clears the account's count
        jdbc.update("update login_throttle set locked_until = now() where kind = 'ACCOUNT' and key = ?", VICTIM);
        assertThat(HttpAttacker.basic(port, VICTIM, SecurityTestSupport.PASSWORD)
                        .get("/api/campaigns")
                        .statusCode())
                .isEqualTo(200);
        assertThat(jdbc.queryForObject(
                        "select count(*) from login_throttle where kind = 'ACCOUNT' and key = ?",
                        Integer.class,
                        VICTIM))
                .isZero();
    }

    @Test
    void theLoginFormIsThrottledAlikeAndOpensNoSession() {
        for (int i = 0; i < settings.maxFailuresPerAccount(); i++) {
            HttpAttacker wrong = HttpAttacker.formLogin(port, VICTIM, WRONG);
            assertThat(wrong.loggedIn()).isFalse();
        }
        HttpAttacker right = HttpAttacker.formLogin(port, VICTIM, SecurityTestSupport.PASSWORD);
        assertThat(right.loggedIn()).isFalse();
        assertThat(right.loginResponse().headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        assertThat(loginPageMessage(right)).contains(THROTTLED);
        HttpResponse<String> page = right.get("/camunda/app/tasklist/default/");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        // an unknown name: the same five failures, then the same message
        HttpAttacker unknown = null;
        for (int i = 0; i <= settings.maxFailuresPerAccount(); i++) {
            unknown = HttpAttacker.formLogin(port, NOBODY, WRONG);
            assertThat(unknown.loggedIn()).isFalse();
        }
        assertThat(loginPageMessage(unknown)).contains(THROTTLED);
        assertThat(audited("LOGIN_THROTTLED", VICTIM)).isEqualTo(2);
    }

    @Test
    void aDisabledOrUnknownAccountIsAnsweredLikeAWrongPassword() {
        security.ensureUser("bf.disabled", TAOCHENG, Role.CLERK);
        SystemAccess.run(() -> users.setEnabled("bf.disabled", false));
        HttpResponse<String> wrong = HttpAttacker.basic(port, VICTIM, WRONG).get("/api/campaigns");
        HttpResponse<String> unknown = HttpAttacker.basic(port, NOBODY, WRONG).get("/api/campaigns");
        HttpResponse<String> disabled = HttpAttacker.basic(port, "bf.disabled", SecurityTestSupport.PASSWORD)
                .get("/api/campaigns");
        for (HttpResponse<String> r : List.of(wrong, unknown, disabled)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).isEqualTo(wrong.body());
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Canbao\"");
        }
        HttpAttacker form = HttpAttacker.formLogin(port, "bf.disabled", SecurityTestSupport.PASSWORD);
        assertThat(form.loggedIn()).isFalse();
        assertThat(loginPageMessage(form)).contains("用户名或密码不正确，请检查后重试。");
        // the audit log says which it was
        assertThat(jdbc.queryForList(
                        "select detail from security_audit where id > ? and action = 'LOGIN_FAILED' "
                                + "and actor = 'bf.disabled'",
                        String.class,
                        auditBefore))
                .hasSize(2)
                .allMatch(d -> d.startsWith("account disabled"));
    }

    @Test
    void oneAddressIsLockedAfterItsLimitOfFailuresAcrossNames() {
        for (int i = 1; i <= settings.maxFailuresPerAddress(); i++) {
            HttpResponse<String> guess =
                    HttpAttacker.basic(port, "bf.spray" + i, WRONG).get("/api/campaigns");
            assertThat(guess.statusCode()).as("guess " + i).isEqualTo(401);
        }
        HttpResponse<String> bystander = HttpAttacker.basic(port, "bf.bystander", SecurityTestSupport.PASSWORD)
                .get("/api/campaigns");
        assertThat(bystander.statusCode()).isEqualTo(429);
        assertThat(bystander.headers().firstValue("Retry-After")).isPresent();
        assertThat(jdbc.queryForObject(
                        "select count(*) from security_audit where id > ? "
                                + "and action = 'LOGIN_THROTTLED' and subject like 'address %'",
                        Integer.class, auditBefore))
                .isEqualTo(2);
    }

    private List<Answer> thirtyWrongPasswords(String username) {
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> r = HttpAttacker.basic(port, username, WRONG).get("/api/campaigns");
            answers.add(new Answer(
                    r.statusCode(),
                    r.body(),
                    r.headers().firstValue("WWW-Authenticate").orElse(null),
                    r.headers().firstValue("Retry-After").isPresent()));
        }
        return answers;
    }

    private List<Integer> expectedStatuses() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            statuses.add(i < settings.maxFailuresPerAccount() ? 401 : 429);
        }
        return statuses;
    }

    private int audited(String action, String actor) {
        return jdbc.queryForObject(
                "select count(*) from security_audit where id > ? and action = ? and actor = ?",
                Integer.class,
                auditBefore,
                action,
                actor);
    }

    /**
     * What the login page shows after a failed login, asked as the browser asks it: Vaadin's first request
     * opens the UI, the second navigates to {@code login?error} and answers the components' state.
     */
    private static String loginPageMessage(HttpAttacker session) {
        JsonNode init = HttpAttacker.json(session.get("/?v-r=init&location=login&query=error"));
        String navigate =
                """
                {"csrfToken":"%s","rpc":[{"type":"event","node":1,"event":"ui-navigate","data":{"route":"login",\
                "query":"error","appShellTitle":"","historyState":{"idx":0},"trigger":""}}],"syncId":0,"clientId":0}""".formatted(init.at("/appConfig/uidl/Vaadin-Security-Key").asText());
        HttpResponse<String> page = session.postJson(
                "/?v-r=uidl&v-uiId=" + init.at("/appConfig/v-uiId").asInt(), navigate);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return page.body();
    }

    record Answer(int status, String body, String challenge, boolean retryAfter) {}
}
