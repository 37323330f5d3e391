package cn.canbao.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.base.DomainException;
import cn.canbao.region.CurrentRegionScope;
import cn.canbao.register.RegisterService;
import cn.canbao.security.SecurityTestSupport;
import cn.canbao.sms.dispatch.SmsConfiguration;
import cn.canbao.sms.dispatch.SmsDispatcher;
import cn.canbao.sms.gateway.AliyunGateway;
import cn.canbao.sms.gateway.SmsGateway;
import cn.canbao.sms.templates.ApprovedTemplates;
import cn.canbao.sms.templates.SmsTemplate;
import cn.canbao.sms.templates.SmsText;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dispatcher with the Alibaba Cloud gateway, chosen by {@code canbao.sms.gateway=aliyun} as the application's
 * configuration chooses it, against a local stub of the SMS API that checks signatures and fills the approved
 * templates: the request the provider gets and the text the resident reads (the one we stored), flow control
 * retried, an invalid or blacklisted number never retried, and a message the provider took but whose answer was
 * lost (or whose sender died) found by its OutId and never sent twice.
 */
@CanbaoIntegrationTest
class AliyunDispatchIT extends SmsTestBase {

    @Autowired
    SmsTemplates countyTemplates;

    @Autowired
    RegisterService register;

    @Autowired
    JdbcClient jdbcClient;

    @Autowired
    CurrentRegionScope scope;

    final MutableClock clock = new MutableClock(LocalDateTime.of(2026, 11, 2, 10, 0));
    AliyunStub stub;
    SmsSettings settings;
    SmsGateway gateway;
    ApprovedTemplates approved;
    SmsOutbox outbox;

    @BeforeEach
    void setUp() throws Exception {
        stub = new AliyunStub(clock::instant);
        settings = bind(stub.endpoint());
        // what SmsConfiguration makes of these settings in the application
        gateway = SmsConfiguration.gateway(settings, support.jdbc, clock);
        approved = SmsConfiguration.approvedTemplates(settings.gateway(), settings.aliyun());
        outbox = new SmsOutbox(support.jdbc, countyTemplates, register, approved);
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    /** The settings as application.yml and the environment would give them, bound as the application binds them. */
    private SmsSettings bind(String endpoint) {
        return bind(
                endpoint,
                Map.of(
                        "canbao.sms.aliyun.templates.staff-notice.code",
                        AliyunStub.STAFF_CODE,
                        "canbao.sms.aliyun.templates.staff-notice.text",
                        AliyunStub.APPROVED.get(AliyunStub.STAFF_CODE)));
    }

    private SmsSettings bind(String endpoint, Map<String, String> more) {
        Map<String, String> p = new HashMap<>(more);
        p.put("canbao.sms.gateway", "aliyun");
        p.put("canbao.sms.rate-per-second", "10");
        p.put("canbao.sms.max-attempts", "3");
        p.put("canbao.sms.reconcile-after", "30s"); // above the stub account's longest call (2 × 10 s)
        p.put("canbao.sms.aliyun.access-key-id", AliyunStub.ACCESS_KEY_ID);
        p.put("canbao.sms.aliyun.access-key-secret", AliyunStub.ACCESS_KEY_SECRET);
        p.put("canbao.sms.aliyun.sign-name", AliyunStub.SIGN_NAME);
        p.put("canbao.sms.aliyun.endpoint", endpoint);
        p.put("canbao.sms.aliyun.templates.reminder-first.code", AliyunStub.FIRST_CODE);
        p.put("canbao.sms.aliyun.templates.reminder-first.text", AliyunStub.APPROVED.get(AliyunStub.FIRST_CODE));
        p.put("canbao.sms.aliyun.templates.reminder-first.params.fee", "amount");
        p.put("canbao.sms.aliyun.templates.reminder-second.code", AliyunStub.SECOND_CODE);
        p.put("canbao.sms.aliyun.templates.reminder-second.text", AliyunStub.APPROVED.get(AliyunStub.SECOND_CODE));
        p.put("canbao.sms.aliyun.templates.reminder-second.params.fee", "amount");
        for (String kind : new String[] {"household-first", "household-second"}) {
            String code = kind.endsWith("first") ? AliyunStub.HOUSEHOLD_FIRST_CODE : AliyunStub.HOUSEHOLD_SECOND_CODE;
            p.put("canbao.sms.aliyun.templates." + kind + ".code", code);
            p.put("canbao.sms.aliyun.templates." + kind + ".text", AliyunStub.APPROVED.get(code));
            p.put("canbao.sms.aliyun.templates." + kind + ".params.fee", "amount");
        }
        p.put("canbao.sms.dispatcher.enabled", "false");
        return new Binder(new MapConfigurationPropertySource(p))
                .bind("canbao.sms", SmsSettings.class)
                .get();
    }

    private SmsDispatcher dispatcher(SmsGateway through, String node) {
        return support.dispatcher(through, settings, clock, node);
    }

    private long enqueue(int sequence, String mobile, String key) {
        String id = support.person(sequence, mobile, grid);
        return outbox.enqueue(SmsTestSupport.reminder(id, mobile, grid, key, "aliyun-" + sequence + "-" + key))
                .orElseThrow();
    }

    /** A first reminder to resident {@code sequence} (mobile 1390000000 + sequence); the stub answers with the fault. */
    private long reminderMeeting(AliyunStub.Fault fault, int sequence) {
        long id = enqueue(sequence, "1390000000" + sequence, SmsTemplates.REMINDER_FIRST);
        stub.fail(fault);
        return id;
    }

    private Map<String, Object> row(long id) {
        return support.jdbc.queryForMap(
                "select status, attempts, provider_sid, error_message, body, provider_template, "
                        + "template_params from sms_message where id = ?",
                id);
    }

    @Test
    void theSettingChoosesAliyunAndTheResidentReadsWhatWeStored() {
        assertThat(gateway).isInstanceOf(AliyunGateway.class);
        assertThat(gateway.name()).isEqualTo("aliyun");
        long first = enqueue(1, "13900000001", SmsTemplates.REMINDER_FIRST);
        long second = enqueue(2, "13900000002", SmsTemplates.REMINDER_SECOND);

        assertThat(dispatcher(gateway, "node-a").dispatch().sent()).isEqualTo(2);

        assertThat(stub.sends())
                .hasSize(2)
                .allSatisfy(s -> assertThat(s.signatureValid()).isTrue());
        AliyunStub.Send send = stub.sends().stream()
                .filter(s -> s.params().get("PhoneNumbers").equals("13900000001"))
                .findFirst()
                .orElseThrow();
        assertThat(send.params())
                .containsEntry("Action", "SendSms")
                .containsEntry("SignName", "永春县医保局")
                .containsEntry("TemplateCode", AliyunStub.FIRST_CODE)
                .containsEntry("OutId", "canbao-sms-" + first)
                .containsEntry("Format", "JSON")
                .containsEntry("RegionId", "cn-hangzhou");
        assertThat(send.params().get("TemplateParam"))
                .isEqualTo("{\"deadline\":\"12月31日\",\"fee\":\"400\","
                        + "\"channels\":\"闽政通、支付宝、村委会代收点\",\"consequence\":\"逾期参保将有3个月待遇等待期\"}");
        Map<String, Object> row = row(first);
        assertThat(row.get("body"))
                .isEqualTo("【永春县医保局】您好，城乡居民医保集中缴费期至12月31日，个人缴费400元，" + "可通过闽政通、支付宝、村委会代收点缴纳。逾期参保将有3个月待遇等待期。回复TD退订");
        assertThat(row)
                .containsEntry("status", "ACCEPTED")
                .containsEntry("provider_sid", send.bizId())
                .containsEntry("provider_template", AliyunStub.FIRST_CODE);
        // what the provider delivered is, character for character, what the outbox (and the SMS view) shows
        assertThat(stub.delivered()).containsExactlyInAnyOrder((String) row.get("body"), (String)
                row(second).get("body"));
        assertThat((String) row(second).get("body"))
                .startsWith("【永春县医保局】您好，再次提醒：")
                .contains("（400元）");
    }

    @Test
    void aStaffNoticeGoesOutAsTheApprovedStaffTemplateFilledWithItsKind() {
        String worker = "aliyun.staff.worker"; // staff rows name the user (no resident, no region)
        long id = outbox.enqueueStaff(new SmsOutbox.StaffRequest(
                        worker, "13900000009", "【参保通】您有新增待走访 12 户，请登录处理：https://c.example/tasks", "新增待办", "al-1"))
                .orElseThrow();

        assertThat(dispatcher(gateway, "node-a").dispatch().sent()).isEqualTo(1);

        AliyunStub.Send send = stub.sends().get(0);
        assertThat(send.signatureValid()).isTrue();
        assertThat(send.params())
                .containsEntry("PhoneNumbers", "13900000009")
                .containsEntry("SignName", "永春县医保局")
                .containsEntry("TemplateCode", AliyunStub.STAFF_CODE)
                .containsEntry("TemplateParam", "{\"kind\":\"新增待办\"}")
                .containsEntry("OutId", "canbao-sms-" + id);
        Map<String, Object> row = row(id);
        assertThat(row)
                .containsEntry("status", "ACCEPTED")
                .containsEntry("body", "【永春县医保局】您有新的新增待办，请登录参保系统查看。")
                .containsEntry("provider_template", AliyunStub.STAFF_CODE);
        // what the provider delivered is what the outbox holds: the approved text, no link, no count
        assertThat(stub.delivered()).containsExactly((String) row.get("body"));
        assertThat(support.jdbc.queryForMap("select audience, staff_user, id_number from sms_message where id = ?", id))
                .containsEntry("audience", "STAFF")
                .containsEntry("staff_user", worker)
                .containsEntry("id_number", null);
    }

    @Test
    void withoutAnApprovedStaffTemplateAStaffSmsIsRefusedAndNothingIsQueued() {
        SmsSettings without = bind(stub.endpoint(), Map.of());
        SmsOutbox plain = new SmsOutbox(
                support.jdbc,
                countyTemplates,
                register,
                SmsConfiguration.approvedTemplates(without.gateway(), without.aliyun()));
        String worker = "aliyun.staff.none";
        assertThatThrownBy(() -> plain.enqueueStaff(
                        new SmsOutbox.StaffRequest(worker, "13900000010", "【参保通】新增待办 1 项", "新增待办", "al-2")))
                .isInstanceOf(SmsException.class)
                .hasMessageStartingWith("sms.staff.templatesOnly");
        assertThat(support.jdbc.queryForObject(
                        "select count(*) from sms_message where staff_user = ?", Integer.class, worker))
                .isZero();
    }

    @Test
    void aStaffTemplateWithALinkOrAResidentsVariableIsRefusedAtStart() {
        for (String text : new String[] {"您有新的${kind}，请查看 https://c.example/tasks", "您有新的${kind}，缴费${fee}元"}) {
            SmsSettings bad = bind(
                    stub.endpoint(),
                    Map.of(
                            "canbao.sms.aliyun.templates.staff-notice.code",
                            AliyunStub.STAFF_CODE,
                            "canbao.sms.aliyun.templates.staff-notice.text",
                            text));
            assertThatThrownBy(() -> SmsConfiguration.approvedTemplates(bad.gateway(), bad.aliyun()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("canbao.sms.aliyun.templates.staff-notice.text is refused");
        }
    }

    @Test
    void withApprovedTemplatesTheCountysTextsAreShownAndCannotBeEdited() {
        SmsTemplates withProvider = new SmsTemplates(jdbcClient, regions, scope, approved);
        SecurityTestSupport.endSystem();
        security.actingAt("350525000000", cn.canbao.security.Role.CLERK, () -> {
            assertThat(withProvider.providerApproved()).isTrue();
            assertThat(withProvider.list("350525000000"))
                    .extracting(SmsTemplate::body)
                    .containsExactly(
                            "【永春县医保局】"
                                    + AliyunStub.APPROVED
                                            .get(AliyunStub.FIRST_CODE)
                                            .replace("${fee}", "{amount}")
                                            .replace("${", "{"),
                            "【永春县医保局】"
                                    + AliyunStub.APPROVED
                                            .get(AliyunStub.SECOND_CODE)
                                            .replace("${fee}", "{amount}")
                                            .replace("${", "{"),
                            "【永春县医保局】"
                                    + AliyunStub.APPROVED
                                            .get(AliyunStub.HOUSEHOLD_FIRST_CODE)
                                            .replace("${fee}", "{amount}")
                                            .replace("${", "{"),
                            "【永春县医保局】"
                                    + AliyunStub.APPROVED
                                            .get(AliyunStub.HOUSEHOLD_SECOND_CODE)
                                            .replace("${fee}", "{amount}")
                                            .replace("${", "{"));
            assertThatThrownBy(() -> withProvider.save("350525000000", SmsTemplates.REMINDER_FIRST, "您好，{amount}元"))
                    .isInstanceOf(DomainException.class)
                    .hasMessageStartingWith("sms.template.providerApproved");
        });
        SecurityTestSupport.beginSystem();
        assertThat(support.jdbc.queryForObject("select count(*) from sms_template", Integer.class))
                .isZero();
    }

    @Test
    void flowControlIsRetriedAfterTheBackoffAndSentOnce() {
        long id = reminderMeeting(AliyunStub.Fault.THROTTLE, 3);
        SmsDispatcher dispatcher = dispatcher(gateway, "node-a");

        assertThat(dispatcher.dispatch().retried()).isEqualTo(1);
        assertThat(row(id)).containsEntry("status", "QUEUED");
        assertThat((String) row(id).get("error_message")).startsWith("isv.BUSINESS_LIMIT_CONTROL");
        clock.advance(Duration.ofSeconds(20));
        assertThat(dispatcher.dispatch().sent()).isZero();
        clock.advance(Duration.ofSeconds(11));
        assertThat(dispatcher.dispatch().sent()).isEqualTo(1);

        assertThat(stub.sends()).hasSize(2);
        assertThat(row(id)).containsEntry("status", "ACCEPTED").containsEntry("attempts", 2);
        assertThat(stub.keptPerNumber()).containsExactly(Map.entry("13900000003", 1L));
    }

    @Test
    void theNumbersDailyLimitWaitsForTheNextDay() {
        long id = reminderMeeting(AliyunStub.Fault.THROTTLE_DAY, 8);
        SmsDispatcher dispatcher = dispatcher(gateway, "node-a");

        assertThat(dispatcher.dispatch().retried()).isEqualTo(1);
        assertThat(support.jdbc
                        .queryForObject(
                                "select next_attempt_at from sms_message where id = ?",
                                java.time.OffsetDateTime.class,
                                id)
                        .toInstant())
                .isEqualTo(LocalDateTime.of(2026, 11, 3, 0, 0)
                        .atZone(MutableClock.SHANGHAI)
                        .toInstant());
        clock.advance(Duration.ofHours(2));
        assertThat(dispatcher.dispatch().sent()).isZero();
        clock.advance(Duration.ofHours(10)); // midnight: in the quiet hours
        assertThat(dispatcher.dispatch().sent()).isZero();
        clock.advance(Duration.ofHours(10)); // 10:00 the next morning
        assertThat(dispatcher.dispatch().sent()).isEqualTo(1);
        assertThat(stub.sends()).hasSize(2);
        assertThat(stub.keptPerNumber()).containsExactly(Map.entry("13900000008", 1L));
    }

    @Test
    void anInvalidOrBlacklistedNumberFailsAndIsNeverRetried() {
        long invalid = enqueue(4, "13900000004", SmsTemplates.REMINDER_FIRST);
        long blacklisted = enqueue(5, "13900000005", SmsTemplates.REMINDER_FIRST);
        stub.invalid("13900000004");
        stub.blacklist("13900000005");
        SmsDispatcher dispatcher = dispatcher(gateway, "node-a");

        assertThat(dispatcher.dispatch().failed()).isEqualTo(2);
        clock.advance(Duration.ofHours(2));
        dispatcher.dispatch();

        assertThat(stub.sends()).hasSize(2);
        assertThat(row(invalid)).containsEntry("status", "FAILED").containsEntry("attempts", 1);
        assertThat((String) row(invalid).get("error_message")).startsWith("isv.MOBILE_NUMBER_ILLEGAL");
        assertThat(row(blacklisted)).containsEntry("status", "FAILED").containsEntry("attempts", 1);
        assertThat((String) row(blacklisted).get("error_message")).startsWith("isv.BLACK_KEY_CONTROL_LIMIT");
        assertThat(stub.keptPerNumber()).isEmpty();
    }

    @Test
    void takenButTheAnswerLostIsFoundByItsOutIdAndNotSentAgain() {
        long id = reminderMeeting(AliyunStub.Fault.ACCEPT_THEN_500, 6);
        SmsDispatcher dispatcher = dispatcher(gateway, "node-a");

        assertThat(dispatcher.dispatch().unknown()).isEqualTo(1);
        assertThat(row(id)).containsEntry("status", "SENDING");
        clock.advance(Duration.ofSeconds(31));
        SmsDispatcher.Round round = dispatcher.dispatch();

        assertThat(round.reconciled()).isEqualTo(1);
        assertThat(round.resent()).isZero();
        assertThat(stub.sends()).hasSize(1);
        assertThat(stub.keptPerNumber()).containsExactly(Map.entry("13900000006", 1L));
        assertThat(row(id))
                .containsEntry("status", "ACCEPTED")
                .containsEntry("provider_sid", "aliyun-out:canbao-sms-" + id);
        // looked up on the day of the attempt, China time
        assertThat(stub.queries())
                .singleElement()
                .satisfies(q -> assertThat(q)
                        .containsEntry("PhoneNumber", "13900000006")
                        .containsEntry("SendDate", "20261102"));
    }

    @Test
    void aFiveHundredThatTookNothingIsLookedUpThenSentOnce() {
        long id = reminderMeeting(AliyunStub.Fault.HTTP_500, 7);
        SmsDispatcher dispatcher = dispatcher(gateway, "node-a");

        assertThat(dispatcher.dispatch().unknown()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(31));
        SmsDispatcher.Round round = dispatcher.dispatch();

        assertThat(round.resent()).isEqualTo(1);
        assertThat(round.sent()).isEqualTo(1);
        assertThat(stub.sends()).hasSize(2);
        assertThat(stub.keptPerNumber()).containsExactly(Map.entry("13900000007", 1L));
        assertThat(row(id)).containsEntry("status", "ACCEPTED");
    }

    @Test
    void aNodeDyingRightAfterTheProviderTookAMessageSendsNothingTwice() {
        for (int i = 0; i < 8; i++) {
            enqueue(20 + i, String.format("1370000%04d", i), SmsTemplates.REMINDER_FIRST);
        }
        SmsDispatcher doomed = dispatcher(new CrashSafetyIT.DiesAfterAccept(gateway, 3), "node-a");
        assertThatThrownBy(doomed::dispatch).isInstanceOf(CrashSafetyIT.Crash.class);
        int taken = stub.keptPerNumber().size();
        int recorded = count("status = 'ACCEPTED'");
        assertThat(taken).isGreaterThanOrEqualTo(3);
        assertThat(recorded).isLessThan(taken);

        clock.advance(Duration.ofMinutes(1));
        SmsDispatcher.Round round = dispatcher(gateway, "node-b").dispatch();

        assertThat(round.reconciled()).isEqualTo(taken - recorded);
        assertThat(round.resent()).isEqualTo(8 - taken);
        assertThat(stub.keptPerNumber())
                .hasSize(8)
                .allSatisfy((number, n) -> assertThat(n).isEqualTo(1L));
        assertThat(count("status = 'ACCEPTED' and provider_sid is not null")).isEqualTo(8);
    }

    @Test
    void noTextCarriesTheResidentsNameIdNumberOrMobile() {
        List<String> kinds = List.copyOf(SmsTemplates.DEFAULTS.keySet());
        SmsOutbox countyTexts = new SmsOutbox(support.jdbc, countyTemplates, register, ApprovedTemplates.none());
        int sequence = 40;
        for (String kind : kinds) {
            for (SmsOutbox through : List.of(outbox, countyTexts)) {
                String mobile = String.format("1360000%04d", sequence);
                String id = support.person(sequence, mobile, grid);
                // even a caller that passes the name along cannot get it into a text
                Map<String, String> variables = new HashMap<>(
                        SmsTestSupport.reminder(id, mobile, grid, kind, "x").variables());
                variables.put("name", "测试" + sequence);
                long message = through.enqueue(
                                new SmsRequest(id, mobile, grid, 1L, kind, variables, "personal-" + sequence))
                        .orElseThrow();
                String body = (String) row(message).get("body");
                assertThat(body)
                        .as(kind)
                        .doesNotContain("测试" + sequence)
                        .doesNotContain(id)
                        .doesNotContain(mobile)
                        .doesNotContain(id.substring(6, 14))
                        .doesNotContain("{")
                        .doesNotContain("$");
                assertThat(SmsText.containsIdNumber(body)).isFalse();
                sequence++;
            }
            // a caller passing the resident's own mobile or ID number as a variable is refused, and nothing is queued
            String mobile = String.format("1360000%04d", sequence);
            String id = support.person(sequence, mobile, grid);
            for (String leak : List.of(mobile, id)) {
                Map<String, String> variables = new HashMap<>(
                        SmsTestSupport.reminder(id, mobile, grid, kind, "x").variables());
                variables.put("channels", "村委会 " + leak);
                assertThatThrownBy(() ->
                                outbox.enqueue(new SmsRequest(id, mobile, grid, 1L, kind, variables, "leak-" + leak)))
                        .hasMessageStartingWith("sms.template.personalNumber");
            }
            sequence++;
        }
        assertThat(count("true")).isEqualTo(kinds.size() * 2);
    }

    private int count(String where) {
        return support.jdbc.queryForObject("select count(*) from sms_message where " + where, Integer.class);
    }
}
