package cn.canbao.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.sms.templates.ApprovedTemplates;
import cn.canbao.sms.templates.SmsText;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "Texts carry no names or ID numbers" (issue 16): no template — the defaults, a county's own, a provider's approved
 * one — may hold a placeholder for the resident's name, ID number or phone, or such a number written in, and no
 * rendered text carries one.
 */
class SmsPersonalDataTest {

    static final String NAME = "张小明";
    static final String ID = "350525196001011234";
    static final String MOBILE = "13912345678";
    /** A reminder's variables with the person's own data among them, as a careless template could use them. */
    static final Map<String, String> VARIABLES = withPersonalData();

    private static Map<String, String> withPersonalData() {
        Map<String, String> variables = new HashMap<>(SmsTestSupport.REMINDER_VARIABLES);
        variables.putAll(Map.of("name", NAME, "idNumber", ID, "mobile", MOBILE));
        return Map.copyOf(variables);
    }

    @Test
    void everyDefaultTemplateOfEveryKindRendersWithoutNameIdOrPhone() {
        assertThat(SmsTemplates.DEFAULTS)
                .containsOnlyKeys(
                        SmsTemplates.REMINDER_FIRST,
                        SmsTemplates.REMINDER_SECOND,
                        SmsTemplates.HOUSEHOLD_FIRST,
                        SmsTemplates.HOUSEHOLD_SECOND);
        SmsTemplates.DEFAULTS.forEach((kind, template) -> {
            SmsText.checkTemplate(template);
            assertThat(SmsText.placeholders(template)).as(kind).doesNotContain("name", "idNumber", "mobile");
            assertNothingPersonal(SmsText.render(template, VARIABLES));
        });
        assertThat(SmsText.VARIABLES).noneMatch(SmsText::personal);
    }

    @Test
    void everyApprovedTemplateOfEveryKindRendersWithoutNameIdOrPhone() {
        ApprovedTemplates approved = ApprovedTemplates.of(SmsTestSupport.aliyun(null));
        for (String kind : SmsTemplates.DEFAULTS.keySet()) {
            ApprovedTemplates.Rendered rendered = approved.render(kind, VARIABLES);
            assertNothingPersonal(rendered.body());
            assertThat(rendered.paramsJson())
                    .doesNotContain(NAME)
                    .doesNotContain(ID)
                    .doesNotContain(MOBILE);
            assertThat(rendered.body()).startsWith("【" + AliyunStub.SIGN_NAME + "】");
        }
    }

    @Test
    void refusesATemplateWithANameIdOrPhonePlaceholder() {
        for (String placeholder :
                new String[] {"name", "Name", "idNumber", "id_number", "idCard", "mobile", "phone", "ID"}) {
            assertThatThrownBy(() -> SmsText.checkTemplate("您好{" + placeholder + "}，请缴费{amount}元"))
                    .as(placeholder)
                    .hasMessageStartingWith("sms.template.personalVariable");
        }
    }

    @Test
    void refusesAnIdNumberWrittenIntoATemplateOrRenderedIntoAText() {
        assertThatThrownBy(() -> SmsText.checkTemplate("身份证" + ID + "请缴费{amount}元"))
                .hasMessageStartingWith("sms.template.personalNumber");
        assertThatThrownBy(() -> SmsText.checkTemplate("旧证350525600101123缴费"))
                .hasMessageStartingWith("sms.template.personalNumber");
        assertThatThrownBy(() -> SmsText.render("可通过{channels}缴纳", Map.of("channels", "村委会 " + ID)))
                .hasMessageStartingWith("sms.template.personalNumber");
        // a masked number, an amount, a date, a county hotline or a collector's phone are not the resident's
        SmsText.checkTemplate("咨询12393或13800000000，缴费{amount}元，2026年12月31日前，3505**********1234");
        assertThat(SmsText.containsIdNumber("0595-23882345 13912345678")).isFalse();
    }

    @Test
    void refusesATextCarryingTheResidentsOwnMobileOrIdNumber() {
        String body = SmsText.render(SmsTemplates.DEFAULTS.get(SmsTemplates.REMINDER_FIRST), VARIABLES);
        SmsText.checkNotAbout(body, ID, MOBILE);
        for (String text : new String[] {
            body + MOBILE, body + "139 1234 5678", body + "139-1234-5678", body + ID, body + ID.toLowerCase()
        }) {
            assertThatThrownBy(() -> SmsText.checkNotAbout(text, ID, MOBILE))
                    .as(text)
                    .hasMessageStartingWith("sms.template.personalNumber");
        }
        // the mobile as the outbox gets it (+86…) is the same number
        assertThatThrownBy(() -> SmsText.checkNotAbout(body + MOBILE, ID, "+86" + MOBILE))
                .hasMessageStartingWith("sms.template.personalNumber");
    }

    @Test
    void refusesAnApprovedTemplateWhoseParameterIsTheName() {
        SmsSettings.Aliyun base = SmsTestSupport.aliyun(null);
        SmsSettings.ApprovedTemplate second = base.templates().get("reminder-second");
        for (SmsSettings.ApprovedTemplate first : new SmsSettings.ApprovedTemplate[] {
            new SmsSettings.ApprovedTemplate("SMS_1", "${name}您好，缴费${fee}元", Map.of("fee", "amount")),
            new SmsSettings.ApprovedTemplate("SMS_1", "${who}您好，缴费${fee}元", Map.of("who", "name", "fee", "amount"))
        }) {
            SmsSettings.Aliyun aliyun = new SmsSettings.Aliyun(
                    "k",
                    "s",
                    "签名",
                    base.endpoint(),
                    "cn-hangzhou",
                    Duration.ofSeconds(5),
                    Map.of("reminder-first", first, "reminder-second", second),
                    null);
            assertThatThrownBy(() -> ApprovedTemplates.of(aliyun))
                    .hasMessageContaining("sms.template.personalVariable");
        }
    }

    private static void assertNothingPersonal(String text) {
        assertThat(text)
                .doesNotContain(NAME)
                .doesNotContain("张*明")
                .doesNotContain(ID)
                .doesNotContain(MOBILE)
                .doesNotContain("{")
                .doesNotContain("${");
        assertThat(SmsText.containsIdNumber(text)).isFalse();
        SmsText.checkNotAbout(text, ID, MOBILE);
    }
}
