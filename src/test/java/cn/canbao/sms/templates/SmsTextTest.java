package cn.canbao.sms.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.base.DomainException;
import cn.canbao.sms.MutableClock;
import cn.canbao.sms.SmsSettings;
import cn.canbao.sms.SmsTemplates;
import cn.canbao.sms.SmsTestSupport;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Segment counting, the no-link rule, rendering, quiet hours and backoff. */
class SmsTextTest {

    @Test
    void countsSegmentsAsTheProviderBills() {
        assertThat(SmsText.count("缴".repeat(70))).isEqualTo(new SmsText.Count(70, 1, true));
        assertThat(SmsText.count("缴".repeat(71))).isEqualTo(new SmsText.Count(71, 2, true));
        assertThat(SmsText.count("缴".repeat(134))).isEqualTo(new SmsText.Count(134, 2, true));
        assertThat(SmsText.count("缴".repeat(135))).isEqualTo(new SmsText.Count(135, 3, true));
        // one Chinese character makes a long English text UCS-2
        assertThat(SmsText.count("a".repeat(100) + "元").segments()).isEqualTo(2);
        assertThat(SmsText.count("a".repeat(160))).isEqualTo(new SmsText.Count(160, 1, false));
        assertThat(SmsText.count("a".repeat(161))).isEqualTo(new SmsText.Count(161, 2, false));
        assertThat(SmsText.count("a".repeat(159) + "€")).isEqualTo(new SmsText.Count(161, 2, false));
        assertThat(SmsText.count("")).isEqualTo(new SmsText.Count(0, 0, false));
    }

    @Test
    void refusesLinksAndUnknownVariables() {
        assertThat(SmsText.containsUrl("详见 https://ybj.example.cn/pay")).isTrue();
        assertThat(SmsText.containsUrl("登录www.fjylbz.gov.cn缴费")).isTrue();
        assertThat(SmsText.containsUrl("打开 chsi.gov.cn 缴费")).isTrue();
        assertThat(SmsText.containsUrl("个人缴费400.00元，12月31日截止。回复TD退订")).isFalse();
        SmsTemplates.DEFAULTS.values().forEach(SmsText::checkTemplate);
        assertThatThrownBy(() -> SmsText.checkTemplate("您好，详见http://a.cn"))
                .isInstanceOf(DomainException.class)
                .hasMessageStartingWith("sms.template.url");
        assertThatThrownBy(() -> SmsText.checkTemplate("您好，{fee}"))
                .hasMessageStartingWith("sms.template.unknownVariable");
        assertThatThrownBy(() -> SmsText.checkTemplate("  ")).hasMessageStartingWith("sms.template.empty");
    }

    @Test
    void rendersEveryVariableAndRefusesAMissingOne() {
        String body = SmsText.render(
                SmsTemplates.DEFAULTS.get(SmsTemplates.REMINDER_SECOND),
                Map.of("amount", "400", "deadline", "12月31日", "channels", "支付宝", "consequence", "逾期参保将有3个月待遇等待期"));
        assertThat(body)
                .isEqualTo("【医保缴费提醒】您好，再次提醒：居民医保缴费将于12月31日截止，您尚未缴费（400元），" + "请尽快通过支付宝缴纳，逾期参保将有3个月待遇等待期。回复TD退订");
        assertThat(SmsText.count(body).segments()).isEqualTo(2);
        assertThatThrownBy(() -> SmsText.render("{deadline}截止，{amount}元", Map.of("deadline", "12月31日")))
                .hasMessageStartingWith("sms.template.missingVariable");
        assertThatThrownBy(() -> SmsText.render("您好，{channels}", Map.of("channels", "www.pay.cn")))
                .hasMessageStartingWith("sms.template.url");
    }

    @Test
    void quietHoursSpanMidnightAndBackoffDoubles() {
        SmsSettings s = SmsTestSupport.settings(10, null);
        assertThat(s.quiet(at(20, 59))).isFalse();
        assertThat(s.quiet(at(21, 0))).isTrue();
        assertThat(s.quiet(at(0, 30))).isTrue();
        assertThat(s.quiet(at(7, 59))).isTrue();
        assertThat(s.quiet(at(8, 0))).isFalse();
        assertThat(s.backoffFor(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.backoffFor(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.backoffFor(12)).isEqualTo(Duration.ofHours(1));
    }

    private static java.time.ZonedDateTime at(int hour, int minute) {
        return LocalDateTime.of(2026, 11, 2, hour, minute).atZone(MutableClock.SHANGHAI);
    }
}
