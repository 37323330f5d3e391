package cn.canbao.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.base.DomainException;
import cn.canbao.region.RegionLevel;
import cn.canbao.security.Role;
import cn.canbao.sms.dispatch.OutboxStore;
import cn.canbao.sms.gateway.SmsGateway;
import cn.canbao.sms.web.TwilioWebhookController;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Twilio's callbacks over real HTTP on the running app, without a login: signed ones change the message or
 * opt the resident out, tampered or unsigned ones get 403 and change nothing. And opt-outs by grid worker
 * and clerk, in their region only.
 */
@CanbaoIntegrationTest
class TwilioWebhookIT extends SmsTestBase {

    static final String TOKEN = "test-auth-token-not-a-secret";

    @LocalServerPort
    int port;

    @Autowired
    SmsService sms;

    @Autowired
    SmsReports reports;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSignedStatusCallbackIsRecordedAndATamperedOneRefused() throws Exception {
        long message = accepted(4001, "13700004001", "SM4001");
        String url = url(TwilioWebhookController.STATUS_PATH);

        Map<String, String> delivered =
                Map.of("MessageSid", "SM4001", "MessageStatus", "delivered", "AccountSid", "AC1");
        String signature = sign(url, delivered);
        Map<String, String> tampered = new LinkedHashMap<>(delivered);
        tampered.put("MessageStatus", "failed");
        assertThat(post(url, tampered, signature)).isEqualTo(403);
        assertThat(post(url, delivered, null)).isEqualTo(403);
        assertThat(post(url, delivered, sign(url, delivered, "another-token"))).isEqualTo(403);
        assertThat(support.status(message)).isEqualTo("ACCEPTED");

        assertThat(post(url, delivered, signature)).isEqualTo(204);
        assertThat(support.status(message)).isEqualTo("DELIVERED");
        // a late "sent" never moves it back
        Map<String, String> late = Map.of("MessageSid", "SM4001", "MessageStatus", "sent");
        assertThat(post(url, late, sign(url, late))).isEqualTo(204);
        assertThat(support.status(message)).isEqualTo("DELIVERED");
    }

    /** Twilio's codes are numbers; a callback with another one is accepted (204) and the code kept, not a 500. */
    @Test
    void aCallbackWithANonNumericErrorCodeIsAcceptedAndRecorded() throws Exception {
        long message = accepted(4002, "13700004002", "SM4002");
        String url = url(TwilioWebhookController.STATUS_PATH);
        Map<String, String> failed = Map.of(
                "MessageSid",
                "SM4002",
                "MessageStatus",
                "undelivered",
                "ErrorCode",
                "30X07",
                "ErrorMessage",
                "carrier filtered");
        assertThat(post(url, failed, sign(url, failed))).isEqualTo(204);
        Map<String, Object> row = support.jdbc.queryForMap(
                "select status, error_code, error_message from sms_message " + "where id = ?", message);
        assertThat(row.get("status")).isEqualTo("UNDELIVERED");
        assertThat(row.get("error_code")).isNull();
        assertThat(row.get("error_message")).isEqualTo("ErrorCode 30X07: carrier filtered");
    }

    /**
     * Twilio can call back before our sender has recorded the message's sid (its answer and the callback race): the
     * callback is kept, and applied the moment the send is recorded, in the order the callbacks came.
     */
    @Test
    void aCallbackThatComesBeforeTheSendIsRecordedIsKeptAndApplied() throws Exception {
        String id = support.person(4003, "13700004003", grid);
        long message = outbox.enqueue(
                        SmsTestSupport.reminder(id, "13700004003", grid, SmsTemplates.REMINDER_FIRST, "hook-3"))
                .orElseThrow();
        support.jdbc.update(
                "update sms_message set status = 'SENDING', attempts = 1, last_attempt_at = now() where id = ?",
                message);
        String url = url(TwilioWebhookController.STATUS_PATH);
        Map<String, String> sent = Map.of("MessageSid", "SM4003", "MessageStatus", "sent");
        Map<String, String> delivered = Map.of("MessageSid", "SM4003", "MessageStatus", "delivered");
        assertThat(post(url, sent, sign(url, sent))).isEqualTo(204);
        assertThat(post(url, delivered, sign(url, delivered))).isEqualTo(204);
        assertThat(support.status(message)).isEqualTo("SENDING");
        assertThat(support.jdbc.queryForObject(
                        "select count(*) from sms_early_status where provider_sid = 'SM4003'", Integer.class))
                .isEqualTo(2);

        // the sender records Twilio's answer ("queued") only now
        new OutboxStore(support.jdbc, SmsTestSupport.settings(10, null), null, transactions)
                .accepted(message, new SmsGateway.Accepted("SM4003", "queued"), java.time.Instant.now());
        assertThat(support.status(message)).isEqualTo("DELIVERED");
        assertThat(support.jdbc.queryForObject("select count(*) from sms_early_status", Integer.class))
                .isZero();
    }

    @Test
    void aStopReplyOptsOutEveryResidentWithThatMobile() throws Exception {
        SharedMobile household = sharedMobile(4011, "hook-stop");
        String url = url(TwilioWebhookController.INBOUND_PATH);

        Map<String, String> hello = Map.of("MessageSid", "SMin1", "From", "+8613700004013", "Body", "你好，请问在哪缴费");
        assertThat(post(url, hello, sign(url, hello))).isEqualTo(200);
        Map<String, String> forged = Map.of("MessageSid", "SMin2", "From", "+8613700004013", "Body", "退订");
        assertThat(post(url, forged, sign(url, hello))).isEqualTo(403);
        Map<String, String> stop = Map.of("MessageSid", "SMin3", "From", "+8613700004011", "Body", "  td ");
        assertThat(post(url, stop, sign(url, stop))).isEqualTo(200);

        assertThat(optedOut(household.father())).isTrue();
        assertThat(optedOut(household.daughter())).isTrue();
        assertThat(optedOut(household.other())).isFalse();
        assertThat(support.status(household.queued())).isEqualTo("SKIPPED");
        assertThat(support.jdbc.queryForObject(
                        "select count(*) from person_change where field = 'sms_opt_out' "
                                + "and new_value = 'true' and id_number in (?, ?)",
                        Integer.class,
                        household.father(),
                        household.daughter()))
                .isEqualTo(2);
        assertThat(support.jdbc.queryForList(
                        "select source from sms_opt_out where id_number in (?, ?)",
                        String.class,
                        household.father(),
                        household.daughter()))
                .containsExactly("SMS_REPLY", "SMS_REPLY");
        assertThat(support.jdbc.queryForList("select body from sms_inbound order by id", String.class))
                .containsExactly("你好，请问在哪缴费", "  td ");
        assertThat(SmsService.isStopWord("STOP")).isTrue();
        assertThat(SmsService.isStopWord(" 退订 ")).isTrue();
        assertThat(SmsService.isStopWord("不要退订")).isFalse();
    }

    @Test
    void gridWorkersAndClerksRecordOptOutsInTheirRegionOnly() {
        String mine = support.person(4021, "13700004021", grid);
        String otherGrid = firstBelow("350525118000", RegionLevel.GRID);
        String elsewhere = support.person(4022, "13700004022", otherGrid);
        String worker = security.ensureUser("grid.worker.sms", grid, Role.GRID_WORKER);
        String clerk = security.ensureUser("clerk.sms", "350525000000", Role.CLERK);

        assertThat(security.as(worker, () -> sms.optOut(mine, "GRID_WORKER", worker)))
                .isTrue();
        assertThat(security.as(worker, () -> sms.optOut(mine, "GRID_WORKER", worker)))
                .isFalse();
        assertThatThrownBy(() -> security.as(worker, () -> sms.optOut(elsewhere, "GRID_WORKER", worker)))
                .isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).messageKey())
                .isEqualTo("register.person.outOfScope");
        assertThat(optedOut(elsewhere)).isFalse();
        assertThat(security.as(clerk, () -> sms.optOut(elsewhere, "CLERK", clerk)))
                .isTrue();

        assertThat(support.jdbc.queryForList(
                        "select changed_by from person_change where field = 'sms_opt_out' "
                                + "and id_number in (?, ?) order by id",
                        String.class,
                        mine,
                        elsewhere))
                .containsExactly(worker, clerk);
        var recorded = security.as(clerk, () -> reports.optOuts(10));
        assertThat(recorded)
                .extracting(SmsFigures.OptOut::source)
                .containsExactly(OptOutSource.CLERK, OptOutSource.GRID_WORKER);
        assertThat(recorded.get(0).maskedId()).contains("*").doesNotContain(elsewhere.substring(6, 14));
        assertThat(security.as(clerk, () -> reports.optOutCount())).isEqualTo(2);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private int post(String url, Map<String, String> params, String signature) throws Exception {
        String form = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    static String sign(String url, Map<String, String> params) throws Exception {
        return sign(url, params, TOKEN);
    }

    /** Twilio's scheme: HMAC-SHA1 with the auth token over the URL and the sorted parameters, Base64. */
    static String sign(String url, Map<String, String> params, String token) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
