package cn.canbao.notify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.Yongchun;
import cn.canbao.notify.channel.DingTalkRobot;
import cn.canbao.notify.jobs.NoticeDelivery;
import cn.canbao.security.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each chat channel against a local stand-in for WeCom's and DingTalk's robots that checks what it gets: DingTalk's
 * signature recomputed from the secret and the timestamp, the JSON bodies with the mention; a refused post tried again
 * after the backoff and taken exactly once; a post whose outcome is unknown never posted again; two nodes delivering
 * at once post each notice once.
 */
@CanbaoIntegrationTest
class NotifyChannelsIT extends NotifyTestBase {

    private static final String SECRET = "SECnotify-test-secret-not-a-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RobotStub stub;
    private NoticeDelivery delivery;
    private String worker;

    /** A DingTalk robot (signed) and a WeCom robot, both at the local stub. */
    private Map<String, NotifySettings.Robot> robots() {
        return Map.of(
                "R-DING",
                new NotifySettings.Robot(
                        NotifySettings.RobotKind.DINGTALK, stub.url("/robot/send?access_token=ding-token"), SECRET),
                "R-WECOM",
                new NotifySettings.Robot(
                        NotifySettings.RobotKind.WECOM, stub.url("/cgi-bin/webhook/send?key=wecom-key"), null));
    }

    @BeforeEach
    void setUp() throws Exception {
        stub = new RobotStub();
        NotifySettings settings = settings(robots(), Duration.ofSeconds(1));
        delivery = delivery(settings);
        worker = user("notify.chan.gw", Yongchun.TAOCHENG_GRID, "13900000101", Role.GRID_WORKER);
        // rows of earlier tests in this class must not be posted to this test's stub
        jdbc.update("update notify_message set status = 'FAILED' where status in ('QUEUED', 'SENDING')");
        // … and their posts do not fill this test's robots' minute (every test's clock starts at the same time)
        jdbc.update("update notify_message set last_attempt_at = last_attempt_at - interval '1 day' "
                + "where robot in ('R-DING', 'R-WECOM')");
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    @Test
    void dingTalkGetsASignedPostMentioningTheUser() throws Exception {
        long id =
                queued("chan-ding-1", worker, "DINGTALK", "R-DING", "【参保通】新增待走访 12 户 https://canbao.example.cn/tasks");

        NoticeDelivery.Round round = delivery.deliver();

        assertThat(round.sent()).isEqualTo(1);
        assertThat(stub.requests).hasSize(1);
        RobotStub.Request r = stub.requests.get(0);
        assertThat(r.uri().getPath()).isEqualTo("/robot/send");
        Map<String, String> query = query(r.uri().getRawQuery());
        assertThat(query).containsEntry("access_token", "ding-token");
        long timestamp = Long.parseLong(query.get("timestamp"));
        assertThat(timestamp).isEqualTo(clock.millis());
        // recomputed here from the secret, as DingTalk does: HmacSHA256 over timestamp + "\n" + secret, base64
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = java.util.Base64.getEncoder()
                .encodeToString(mac.doFinal((timestamp + "\n" + SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(query.get("sign")).isEqualTo(expected);
        assertThat(DingTalkRobot.sign(SECRET, timestamp)).isEqualTo(expected);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("msgtype").asText()).isEqualTo("text");
        assertThat(body.path("text").path("content").asText()).startsWith("【参保通】新增待走访 12 户");
        assertThat(body.path("at").path("atMobiles").get(0).asText()).isEqualTo("13900000101");
        assertThat(body.path("at").path("isAtAll").asBoolean()).isFalse();
        Map<String, Object> row = row(id);
        assertThat(row.get("status")).isEqualTo("SENT");
        assertThat((String) row.get("provider_reply")).contains("\"errcode\":0");
    }

    @Test
    void weComGetsTheJsonWithTheKeyAndTheMention() throws Exception {
        long id = queued("chan-wecom-1", worker, "WECOM", "R-WECOM", "【参保通】今日待办 3 项");

        delivery.deliver();

        assertThat(stub.requests).hasSize(1);
        RobotStub.Request r = stub.requests.get(0);
        assertThat(r.uri().getPath()).isEqualTo("/cgi-bin/webhook/send");
        assertThat(query(r.uri().getRawQuery())).containsEntry("key", "wecom-key");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("msgtype").asText()).isEqualTo("text");
        assertThat(body.path("text").path("content").asText()).isEqualTo("【参保通】今日待办 3 项");
        assertThat(body.path("text").path("mentioned_mobile_list").get(0).asText())
                .isEqualTo("13900000101");
        assertThat(row(id).get("status")).isEqualTo("SENT");
    }

    @Test
    void aRefusedPostIsTriedAgainAfterTheBackoffAndTakenExactlyOnce() {
        stub.reply("{\"errcode\":130101,\"errmsg\":\"send too fast\"}", "HTTP 502 bad gateway");
        long id = queued("chan-retry-1", worker, "DINGTALK", "R-DING", "【参保通】新增待办 2 项");

        delivery.deliver();
        Map<String, Object> first = row(id);
        assertThat(first.get("status")).isEqualTo("QUEUED");
        assertThat(first.get("attempts")).isEqualTo(1);
        assertThat((String) first.get("provider_reply")).contains("130101");
        assertThat(nextAttempt(id)).isEqualTo(clock.instant().plusSeconds(30));

        delivery.deliver(); // not due yet: nothing posted
        assertThat(stub.requests).hasSize(1);

        clock.advance(Duration.ofSeconds(31));
        delivery.deliver(); // refused again (HTTP 502): the backoff doubles
        assertThat(row(id).get("status")).isEqualTo("QUEUED");
        assertThat(nextAttempt(id)).isEqualTo(clock.instant().plusSeconds(60));

        clock.advance(Duration.ofSeconds(61));
        delivery.deliver();
        clock.advance(Duration.ofHours(1));
        delivery.deliver();

        assertThat(stub.requests).hasSize(3);
        assertThat(stub.accepted).hasSize(1);
        assertThat(row(id).get("status")).isEqualTo("SENT");
        assertThat(row(id).get("attempts")).isEqualTo(3);
    }

    @Test
    void refusedAtEveryAttemptItFailsForGood() {
        stub.reply("HTTP 500 x", "HTTP 500 x", "HTTP 500 x", "HTTP 500 x");
        long id = queued("chan-fail-1", worker, "WECOM", "R-WECOM", "【参保通】新增待办 1 项");
        for (int i = 0; i < 5; i++) {
            delivery.deliver();
            clock.advance(Duration.ofMinutes(11));
        }
        assertThat(stub.requests).hasSize(3); // maxAttempts 3
        assertThat(row(id).get("status")).isEqualTo("FAILED");
        assertThat((String) row(id).get("provider_reply")).startsWith("retries exhausted");
    }

    @Test
    void aPostWithoutAnAnswerIsNeverPostedAgain() {
        stub.reply(RobotStub.SLOW);
        long id = queued("chan-slow-1", worker, "WECOM", "R-WECOM", "【参保通】新增待办 4 项");

        delivery.deliver();
        assertThat(row(id).get("status")).isEqualTo("UNRESOLVED");
        clock.advance(Duration.ofHours(2));
        delivery.deliver();

        assertThat(stub.requests).hasSize(1);
    }

    @Test
    void aRowLeftSendingByACrashIsGivenUpNotResent() {
        long id = queued("chan-crash-1", worker, "WECOM", "R-WECOM", "【参保通】新增待办 5 项");
        jdbc.update(
                "update notify_message set status = 'SENDING', attempts = 1, last_attempt_at = ? where id = ?",
                OffsetDateTime.ofInstant(clock.instant(), SHANGHAI),
                id);
        clock.advance(Duration.ofMinutes(6));

        delivery.deliver();

        assertThat(row(id).get("status")).isEqualTo("UNRESOLVED");
        assertThat(stub.requests).isEmpty();
    }

    @Test
    void aRobotGetsAtMostTwentyPostsAMinuteTheRestWait() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(queued("chan-pace-" + i, worker, "WECOM", "R-WECOM", "【参保通】第 " + i + " 条提醒"));
        }
        NoticeDelivery.Round first = delivery.deliver();
        assertThat(first.sent()).isEqualTo(20);
        assertThat(first.deferred()).isEqualTo(5);
        assertThat(delivery.deliver().sent()).isZero(); // the same minute: still full
        clock.advance(Duration.ofSeconds(61));
        assertThat(delivery.deliver().sent()).isEqualTo(5);
        assertThat(stub.requests).hasSize(25);
        assertThat(jdbc.queryForObject(
                        "select count(*) from notify_message where id = any(?) and status = 'SENT' and attempts = 1",
                        Integer.class,
                        (Object) ids.toArray(Long[]::new)))
                .isEqualTo(25);
    }

    @Test
    void twoNodesDeliveringAtOncePostEachNoticeOnce() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(queued(
                    "chan-two-" + i,
                    worker,
                    i % 2 == 0 ? "WECOM" : "DINGTALK",
                    i % 2 == 0 ? "R-WECOM" : "R-DING",
                    "【参保通】第 " + i + " 条"));
        }
        NoticeDelivery other = delivery(settings(robots(), Duration.ofSeconds(1)));
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Object>> rounds = new ArrayList<>();
            for (NoticeDelivery node : List.of(delivery, other)) {
                rounds.add(() -> {
                    for (int i = 0; i < 5; i++) {
                        node.deliver();
                    }
                    return null;
                });
            }
            for (Future<Object> f : nodes.invokeAll(rounds)) {
                f.get();
            }
        } finally {
            nodes.shutdown();
        }
        assertThat(stub.requests).hasSize(40);
        assertThat(stub.requests.stream().map(r -> r.body()).distinct().count()).isEqualTo(40);
        assertThat(jdbc.queryForObject(
                        "select count(*) from notify_message where id = any(?) and status = 'SENT'",
                        Integer.class,
                        (Object) ids.toArray(Long[]::new)))
                .isEqualTo(40);
    }

    private java.time.Instant nextAttempt(long id) {
        return jdbc.queryForObject("select next_attempt_at from notify_message where id = ?", OffsetDateTime.class, id)
                .toInstant();
    }

    private static Map<String, String> query(String raw) {
        return Arrays.stream(raw.split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(
                        p -> p[0], p -> URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8)));
    }
}
