package cn.canbao.sms.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.sms.MutableClock;
import cn.canbao.sms.SmsSettings;
import cn.canbao.sms.SmsTestSupport;
import cn.canbao.sms.templates.ApprovedTemplates;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Alibaba Cloud request signature against the provider's documented examples, and its answers' meaning. */
class AliyunGatewayTest {

    /** The example of the SMS API's signature documentation (SendSms, AccessKey testId / testSecret). */
    @Test
    void signsAsTheSmsDocumentationsExample() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccessKeyId", "testId");
        params.put("Action", "SendSms");
        params.put("Format", "XML");
        params.put("OutId", "123");
        params.put("PhoneNumbers", "15300000001");
        params.put("RegionId", "cn-hangzhou");
        params.put("SignName", "阿里云短信测试专用");
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466");
        params.put("SignatureVersion", "1.0");
        params.put("TemplateCode", "SMS_71390007");
        params.put("TemplateParam", "{\"customer\":\"test\"}");
        params.put("Timestamp", "2017-07-12T02:42:19Z");
        params.put("Version", "2017-05-25");

        assertThat(AliyunSignature.stringToSign("GET", params))
                .isEqualTo(
                        "GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms"
                                + "%26Format%3DXML%26OutId%3D123%26PhoneNumbers%3D15300000001%26RegionId%3Dcn-hangzhou%26SignName%3D"
                                + "%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF"
                                + "%2595%25E4%25B8%2593%25E7%2594%25A8%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D45e25e9b-0a6f-4070"
                                + "-8c85-2956eda1b466%26SignatureVersion%3D1.0%26TemplateCode%3DSMS_71390007%26TemplateParam%3D%257B%2522"
                                + "customer%2522%253A%2522test%2522%257D%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25");
        assertThat(AliyunSignature.sign("GET", params, "testSecret")).isEqualTo("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
        // a Signature among the parameters is not signed over
        params.put("Signature", "zJDF+Lrzhj/ThnlvIToysFRq6t4=");
        assertThat(AliyunSignature.sign("GET", params, "testSecret")).isEqualTo("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
    }

    /** The example of Alibaba Cloud's RPC signature documentation (DescribeRegions). */
    @Test
    void signsAsTheRpcDocumentationsExample() {
        Map<String, String> params = Map.of(
                "Format",
                "XML",
                "AccessKeyId",
                "testid",
                "Action",
                "DescribeRegions",
                "SignatureMethod",
                "HMAC-SHA1",
                "SignatureNonce",
                "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
                "SignatureVersion",
                "1.0",
                "Version",
                "2014-05-26",
                "Timestamp",
                "2016-02-23T12:46:24Z");
        assertThat(AliyunSignature.sign("GET", params, "testsecret")).isEqualTo("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    }

    @Test
    void percentEncodesAsRfc3986() {
        assertThat(AliyunSignature.percentEncode("a b*c~d+e/f")).isEqualTo("a%20b%2Ac~d%2Be%2Ff");
        assertThat(AliyunSignature.percentEncode("缴")).isEqualTo("%E7%BC%B4");
    }

    /** 10:20 China time, 2 November 2026. */
    static final java.time.Instant NOW = java.time.LocalDateTime.of(2026, 11, 2, 10, 20)
            .atZone(MutableClock.SHANGHAI)
            .toInstant();

    private static SmsGateway.Outcome outcome(int status, String body) {
        return AliyunGateway.outcome(status, body, NOW, MutableClock.SHANGHAI);
    }

    @Test
    void aPerNumberLimitOfTheHourOrDayIsNotTriedAgainBeforeItEnds() {
        assertThat(outcome(200, "{\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"Message\":\"触发天级流控Permits:10\"}"))
                .isEqualTo(new SmsGateway.Retry(
                        null,
                        "isv.BUSINESS_LIMIT_CONTROL: 触发天级流控Permits:10",
                        java.time.LocalDateTime.of(2026, 11, 3, 0, 0)
                                .atZone(MutableClock.SHANGHAI)
                                .toInstant()));
        assertThat(((SmsGateway.Retry) outcome(
                                200, "{\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"Message\":" + "\"触发小时级流控Permits:5\"}"))
                        .notBefore())
                .isEqualTo(java.time.LocalDateTime.of(2026, 11, 2, 11, 0)
                        .atZone(MutableClock.SHANGHAI)
                        .toInstant());
        assertThat(((SmsGateway.Retry) outcome(
                                200, "{\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"Message\":" + "\"触发分钟级流控Permits:1\"}"))
                        .notBefore())
                .isNull();
        assertThat(((SmsGateway.Retry) outcome(200, "{\"Code\":\"isv.SMS_TEMPLATE_ILLEGAL\",\"Message\":\"天级\"}"))
                        .notBefore())
                .isNull();
    }

    @Test
    void mapsTheProvidersAnswersToOurRetryClasses() {
        assertThat(outcome(200, "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"900619746936498440^0\"}"))
                .isEqualTo(new SmsGateway.Accepted("900619746936498440^0", "accepted"));
        // flow control and a template refused: certainly not taken, sent again after the backoff
        assertThat(outcome(200, "{\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"Message\":\"触发分钟级流控Permits:1\"}"))
                .isEqualTo(new SmsGateway.Retry(null, "isv.BUSINESS_LIMIT_CONTROL: 触发分钟级流控Permits:1"));
        assertThat(outcome(400, "{\"Code\":\"Throttling.User\",\"Message\":\"Request was denied\"}"))
                .isInstanceOf(SmsGateway.Retry.class);
        // our account cannot send at all (balance, keys, signature): the dispatcher pauses for an operator
        assertThat(outcome(200, "{\"Code\":\"isv.AMOUNT_NOT_ENOUGH\",\"Message\":\"账户余额不足\"}"))
                .isEqualTo(new SmsGateway.Halt(null, "isv.AMOUNT_NOT_ENOUGH: 账户余额不足"));
        assertThat(
                        outcome(
                                404,
                                "{\"Code\":\"InvalidAccessKeyId.NotFound\",\"Message\":\"Specified access key is not found.\"}"))
                .isInstanceOf(SmsGateway.Halt.class);
        assertThat(outcome(400, "{\"Code\":\"SignatureDoesNotMatch\"}")).isInstanceOf(SmsGateway.Halt.class);
        assertThat(outcome(200, "{\"Code\":\"isv.SMS_TEMPLATE_ILLEGAL\"}")).isInstanceOf(SmsGateway.Retry.class);
        // the number's own problem: never retried
        assertThat(outcome(200, "{\"Code\":\"isv.MOBILE_NUMBER_ILLEGAL\",\"Message\":\"非法手机号\"}"))
                .isEqualTo(new SmsGateway.Rejected(null, "isv.MOBILE_NUMBER_ILLEGAL: 非法手机号"));
        assertThat(outcome(200, "{\"Code\":\"isv.BLACK_KEY_CONTROL_LIMIT\",\"Message\":\"黑名单管控\"}"))
                .isInstanceOf(SmsGateway.Rejected.class);
        // we cannot tell: looked up by OutId before any resend
        assertThat(outcome(500, "{\"Code\":\"InternalError\"}"))
                .isEqualTo(new SmsGateway.Unknown(500, "InternalError"));
        assertThat(outcome(200, "{\"Code\":\"isp.SYSTEM_ERROR\"}")).isInstanceOf(SmsGateway.Unknown.class);
        assertThat(outcome(502, "<html>Bad Gateway</html>")).isEqualTo(new SmsGateway.Unknown(502, "HTTP 502"));
        assertThat(outcome(200, "{\"Code\":\"OK\"}")).isInstanceOf(SmsGateway.Unknown.class);
    }

    @Test
    void aMessageWithoutAnApprovedTemplateIsRefusedWithoutCallingTheProvider() {
        AliyunGateway gateway = new AliyunGateway(
                SmsTestSupport.aliyun("http://127.0.0.1:9"), MutableClock.SHANGHAI, java.time.Clock.systemUTC());
        assertThat(gateway.send(
                        new SmsGateway.Outgoing(1, "canbao-sms-1", "+8613900000001", "您好", java.time.Instant.now())))
                .isInstanceOf(SmsGateway.Rejected.class);
        assertThat(AliyunGateway.domestic("+8613900000001")).isEqualTo("13900000001");
    }

    @Test
    void refusesToStartWithoutKeysSignatureOrATemplateForEachKind() {
        SmsSettings.Aliyun full = SmsTestSupport.aliyun(null);
        assertThatThrownBy(() -> new AliyunGateway(
                        new SmsSettings.Aliyun(
                                null,
                                "s",
                                "签名",
                                full.endpoint(),
                                "cn-hangzhou",
                                Duration.ofSeconds(5),
                                full.templates(),
                                null),
                        MutableClock.SHANGHAI,
                        java.time.Clock.systemUTC()))
                .hasMessageContaining("access-key-id");
        assertThatThrownBy(() -> ApprovedTemplates.of(new SmsSettings.Aliyun(
                        "k", "s", " ", full.endpoint(), "cn-hangzhou", Duration.ofSeconds(5), full.templates(), null)))
                .hasMessageContaining("sign-name");
        Map<String, SmsSettings.ApprovedTemplate> onlyFirst =
                Map.of("reminder-first", full.templates().get("reminder-first"));
        assertThatThrownBy(() -> ApprovedTemplates.of(new SmsSettings.Aliyun(
                        "k", "s", "签名", full.endpoint(), "cn-hangzhou", Duration.ofSeconds(5), onlyFirst, null)))
                .hasMessageContaining("canbao.sms.aliyun.templates.reminder-second.code");
    }
}
