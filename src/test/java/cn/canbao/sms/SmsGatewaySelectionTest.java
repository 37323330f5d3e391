package cn.canbao.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.sms.dispatch.SmsConfiguration;
import cn.canbao.sms.gateway.AliyunGateway;
import cn.canbao.sms.gateway.LocalGateway;
import cn.canbao.sms.gateway.TwilioGateway;
import cn.canbao.sms.templates.ApprovedTemplates;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** {@code canbao.sms.gateway} chooses the gateway and whether texts are the provider's approved templates. */
class SmsGatewaySelectionTest {

    /** Bound as the application binds them: from an environment, with its placeholder resolution. */
    private static SmsSettings bind(Map<String, String> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", new HashMap<>(properties)));
        return Binder.get(environment).bindOrCreate("canbao.sms", SmsSettings.class);
    }

    @Test
    void localByDefaultWithTheCountysTexts() {
        SmsSettings settings = bind(Map.of());
        assertThat(settings.gateway()).isEqualTo("local");
        assertThat(SmsConfiguration.gateway(settings, null, Clock.systemUTC())).isInstanceOf(LocalGateway.class);
        assertThat(SmsConfiguration.approvedTemplates(settings.gateway(), settings.aliyun())
                        .active())
                .isFalse();
    }

    @Test
    void twilioWithTheCountysTexts() {
        SmsSettings settings = bind(Map.of(
                "canbao.sms.gateway",
                "twilio",
                "canbao.sms.twilio.account-sid",
                TwilioStub.ACCOUNT,
                "canbao.sms.twilio.auth-token",
                "t",
                "canbao.sms.twilio.from-number",
                "+15005550006"));
        assertThat(SmsConfiguration.gateway(settings, null, Clock.systemUTC())).isInstanceOf(TwilioGateway.class);
        assertThat(SmsConfiguration.approvedTemplates(settings.gateway(), settings.aliyun())
                        .active())
                .isFalse();
    }

    @Test
    void aliyunWithItsApprovedTemplates() {
        Map<String, String> p = new HashMap<>();
        p.put("canbao.sms.gateway", "aliyun");
        p.put("canbao.sms.aliyun.access-key-id", "LTAI-id");
        p.put("canbao.sms.aliyun.access-key-secret", "secret");
        p.put("canbao.sms.aliyun.sign-name", "永春县医保局");
        p.put("canbao.sms.aliyun.templates.reminder-first.code", "SMS_1");
        // the approved text's parameters written {deadline}: Spring would read ${deadline} as its own placeholder
        p.put("canbao.sms.aliyun.templates.reminder-first.text", "您好，缴费期至{deadline}，个人缴费{payAmount}元");
        p.put("canbao.sms.aliyun.templates.reminder-first.params.[payAmount]", "amount");
        p.put("canbao.sms.aliyun.templates.reminder-second.code", "SMS_2");
        p.put("canbao.sms.aliyun.templates.reminder-second.text", "您好，再次提醒：${deadline}截止，${consequence}");
        p.put("canbao.sms.aliyun.templates.household-first.code", "SMS_3");
        p.put("canbao.sms.aliyun.templates.household-first.text", "您好，您家中{members}尚未缴费，合计{amount}元");
        p.put("canbao.sms.aliyun.templates.household-second.code", "SMS_4");
        p.put("canbao.sms.aliyun.templates.household-second.text", "您好，再次提醒：您家中{members}尚未缴费");
        SmsSettings settings = bind(p);
        assertThat(settings.aliyun().endpoint()).isEqualTo("https://dysmsapi.aliyuncs.com");
        assertThat(SmsConfiguration.gateway(settings, null, Clock.systemUTC())).isInstanceOf(AliyunGateway.class);
        ApprovedTemplates approved = SmsConfiguration.approvedTemplates(settings.gateway(), settings.aliyun());
        assertThat(approved.active()).isTrue();
        ApprovedTemplates.Rendered first =
                approved.render(SmsTemplates.REMINDER_FIRST, Map.of("deadline", "12月31日", "amount", "400"));
        assertThat(first)
                .isEqualTo(new ApprovedTemplates.Rendered(
                        "【永春县医保局】您好，缴费期至12月31日，个人缴费400元", "SMS_1", "{\"deadline\":\"12月31日\",\"payAmount\":\"400\"}"));
        assertThat(approved.shown(SmsTemplates.REMINDER_SECOND)).contains("【永春县医保局】您好，再次提醒：{deadline}截止，{consequence}");
    }

    @Test
    void anyOtherValueStopsTheStart() {
        assertThatThrownBy(() -> SmsConfiguration.gateway(
                        bind(Map.of("canbao.sms.gateway", "tencent")), null, Clock.systemUTC()))
                .hasMessageContaining("local, twilio or aliyun");
    }

    /** A lookup while the send still waits for its answer would find nothing and send it twice: refused at start. */
    @Test
    void aReconcileDelayShorterThanTheGatewaysLongestCallStopsTheStart() {
        Map<String, String> twilio = new java.util.HashMap<>(Map.of(
                "canbao.sms.gateway",
                "twilio",
                "canbao.sms.twilio.account-sid",
                "AC1",
                "canbao.sms.twilio.auth-token",
                "t",
                "canbao.sms.twilio.from-number",
                "+15005550006"));
        assertThat(bind(twilio).reconcileAfter()).isEqualTo(java.time.Duration.ofMinutes(2));
        twilio.put("canbao.sms.reconcile-after", "30s");
        assertThatThrownBy(() -> SmsConfiguration.gateway(bind(twilio), null, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reconcile-after")
                .hasMessageContaining("PT50.5S");
        twilio.put("canbao.sms.reconcile-after", "51s");
        assertThat(SmsConfiguration.gateway(bind(twilio), null, Clock.systemUTC()))
                .isInstanceOf(TwilioGateway.class);
    }
}
