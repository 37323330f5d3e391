package cn.canbao.sms;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Alibaba Cloud's push over real HTTP on the running app, without a login: receipts and replies at the address
 * with our token change the message or opt the residents out; at any other token they get 403 and change nothing.
 */
@CanbaoIntegrationTest
class AliyunWebhookIT extends SmsTestBase {

    /** canbao.sms.aliyun.webhook-token of application-test.yml. */
    static final String TOKEN = "test-aliyun-webhook-token-not-a-secret";

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String token, String kind, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/webhooks/aliyun/" + token + "/" + kind))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private Map<String, Object> row(long id) {
        return support.jdbc.queryForMap("select status, provider_sid, error_message from sms_message where id = ?", id);
    }

    @Test
    void receiptsAtOurTokenAreRecordedAndOthersRefused() throws Exception {
        long delivered = accepted(5001, "13700005001", "900619746936498440^0");
        long failed = accepted(5002, "13700005002", "900619746936498441^0");
        long foundByLookup = accepted(5003, "13700005003", "aliyun-out:placeholder");
        support.jdbc.update(
                "update sms_message set provider_sid = ? where id = ?",
                "aliyun-out:canbao-sms-" + foundByLookup,
                foundByLookup);
        String receipts = "[{\"phone_number\":\"13700005001\",\"send_time\":\"2026-11-02 10:00:00\",\"report_time\":"
                + "\"2026-11-02 10:00:05\",\"success\":true,\"err_code\":\"DELIVERED\",\"err_msg\":\"用户接收成功\","
                + "\"sms_size\":\"2\",\"biz_id\":\"900619746936498440^0\",\"out_id\":\"canbao-sms-" + delivered + "\"},"
                + "{\"phone_number\":\"13700005002\",\"success\":false,\"err_code\":\"MK:0000\",\"err_msg\":\"空号\","
                + "\"biz_id\":\"900619746936498441^0\",\"out_id\":\"canbao-sms-" + failed + "\"},"
                + "{\"phone_number\":\"13700005003\",\"success\":true,\"err_code\":\"DELIVERED\","
                + "\"biz_id\":\"900619746936498442^0\",\"out_id\":\"canbao-sms-" + foundByLookup + "\"},"
                + "{\"phone_number\":\"13700005009\",\"success\":true,\"biz_id\":\"1^0\",\"out_id\":\"someone-else\"}]";

        assertThat(post("not-our-token", "report", receipts).statusCode()).isEqualTo(403);
        assertThat(post(TOKEN + "x", "report", receipts).statusCode()).isEqualTo(403);
        assertThat(row(delivered)).containsEntry("status", "ACCEPTED");
        assertThat(row(failed)).containsEntry("status", "ACCEPTED");

        HttpResponse<String> answer = post(TOKEN, "report", receipts);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"code\":0");
        assertThat(row(delivered))
                .containsEntry("status", "DELIVERED")
                .containsEntry("provider_sid", "900619746936498440^0");
        assertThat(row(failed)).containsEntry("status", "UNDELIVERED").containsEntry("error_message", "MK:0000: 空号");
        // the provider's id replaces the one made up when the message was found by its OutId
        assertThat(row(foundByLookup))
                .containsEntry("status", "DELIVERED")
                .containsEntry("provider_sid", "900619746936498442^0");
        // a late receipt never moves a delivered message back
        post(
                TOKEN,
                "report",
                "[{\"success\":false,\"err_code\":\"MK:0001\",\"out_id\":\"canbao-sms-" + delivered + "\"}]");
        assertThat(row(delivered)).containsEntry("status", "DELIVERED");
    }

    @Test
    void aStopReplyAtOurTokenOptsOutTheNumbersResidents() throws Exception {
        SharedMobile household = sharedMobile(5011, "aliyun-stop");
        String stop = "[{\"phone_number\":\"13700005011\",\"send_time\":\"2026-11-02 10:05:00\",\"content\":\"退订\","
                + "\"sign_name\":\"永春县医保局\",\"dest_code\":\"\",\"sequence_id\":778899001}]";

        assertThat(post("not-our-token", "reply", stop).statusCode()).isEqualTo(403);
        assertThat(optedOut(household.father())).isFalse();

        assertThat(post(TOKEN, "reply", stop).statusCode()).isEqualTo(200);
        assertThat(post(
                                TOKEN,
                                "reply",
                                "[{\"phone_number\":\"13700005013\",\"content\":\"请问在哪缴费\","
                                        + "\"sequence_id\":778899002}]")
                        .statusCode())
                .isEqualTo(200);

        assertThat(optedOut(household.father())).isTrue();
        assertThat(optedOut(household.daughter())).isTrue();
        assertThat(optedOut(household.other())).isFalse();
        assertThat(support.status(household.queued())).isEqualTo("SKIPPED");
        assertThat(support.jdbc.queryForList(
                        "select provider_sid || ' ' || opt_out || ' ' || persons from sms_inbound "
                                + "order by provider_sid",
                        String.class))
                .containsExactly("aliyun-up:778899001 true 2", "aliyun-up:778899002 false 0");
    }
}
