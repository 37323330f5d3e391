package cn.canbao.sms;

import cn.canbao.Yongchun;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.register.ImportRun;
import cn.canbao.register.ImportTestSupport;
import cn.canbao.register.PoliceExtract;
import cn.canbao.register.RegisterHistories;
import cn.canbao.register.TestIds;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityTestSupport;
import cn.canbao.security.SystemAccess;
import cn.canbao.sms.dispatch.SmsDispatcher;
import cn.canbao.sms.gateway.LocalGateway;
import cn.canbao.sms.gateway.SmsGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** Fresh SMS tables, persons to write to, and dispatchers built with a test's clock, gateway and rules. */
@Component
public class SmsTestSupport {

    static final String TOWNSHIP = Yongchun.township(17);
    /** Marks the persons these tests create (their address), so they are gone again after each test. */
    static final String MARKER = "SMS-TEST";
    /** The demo county's clerk who registers the tests' persons. */
    static final String CLERK = "clerk.sms.register";

    static final String STATUS_CALLBACK = "https://canbao.example.cn/webhooks/twilio/status";

    final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final PlatformTransactionManager transactions;
    private final RegionService regions;
    private final RegisterHistories register;
    private final ImportTestSupport importer;
    private final SecurityTestSupport security;

    SmsTestSupport(
            JdbcTemplate jdbc,
            DataSource dataSource,
            PlatformTransactionManager transactions,
            RegionService regions,
            RegisterHistories register,
            ImportTestSupport importer,
            SecurityTestSupport security) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.regions = regions;
        this.register = register;
        this.importer = importer;
        this.security = security;
    }

    /** Every SMS table empty and the tests' persons gone, so a test sees only what it made, and others never see it. */
    void clean() {
        jdbc.update(
                "delete from person_change c using person p where p.id_number = c.id_number and p.address = ?", MARKER);
        jdbc.update("delete from person where address = ?", MARKER);
        jdbc.update("delete from sms_message");
        jdbc.update("delete from sms_local_gateway");
        jdbc.update("delete from sms_opt_out");
        jdbc.update("delete from sms_inbound");
        jdbc.update("delete from sms_template");
        jdbc.update("delete from sms_early_status");
        jdbc.update(
                "update sms_dispatch_state set node = null, round_ended = null, paused_at = null, paused_code = null, "
                        + "paused_reason = null, resumed_by = null, resumed_at = null");
    }

    /** The first grid of the township's first village. */
    String grid() {
        return SystemAccess.call(() -> {
            String village = regions.descendantsAtLevel(TOWNSHIP, RegionLevel.VILLAGE)
                    .get(0)
                    .code();
            return regions.descendantsAtLevel(village, RegionLevel.GRID).get(0).code();
        });
    }

    /** A resident the tests write to: the sequence makes the ID number and the name; the mobile may be null. */
    record Resident(int sequence, String mobile) {}

    /** A person living in the grid with this mobile (sequence makes the ID number), not opted out. */
    String person(int sequence, String mobile, String grid) {
        return persons(grid, List.of(new Resident(sequence, mobile))).get(0);
    }

    /**
     * Persons living in the grid, not opted out, registered the way the register registers anyone: the demo county's
     * clerk imports a police household extract of them, in one file. Their ID numbers, in the residents' order.
     */
    List<String> persons(String grid, List<Resident> residents) {
        PoliceExtract extract = PoliceExtract.registeredOn("2000-01-01");
        List<String> ids = new ArrayList<>();
        for (Resident resident : residents) {
            String id = id(resident.sequence());
            extract.inGrid(id, "测试" + resident.sequence(), grid, MARKER, resident.mobile());
            ids.add(id);
        }
        String clerk = security.ensureUser(CLERK, Yongchun.COUNTY, Role.CLERK);
        ImportRun run = importer.register(clerk, extract);
        if (run.rowsAccepted() != residents.size()) {
            throw new IllegalStateException("the register took " + run.rowsAccepted() + " of " + residents.size()
                    + " SMS test persons (import " + run.id() + ")");
        }
        return ids;
    }

    static String id(int sequence) {
        return TestIds.id("350525", LocalDate.of(1960, 1, 1).plusDays(sequence / 900), 100 + sequence % 900);
    }

    /** What a reminder's text says besides who it goes to (the outreach process fills in these). */
    static final Map<String, String> REMINDER_VARIABLES = Map.of(
            "amount",
            "400",
            "deadline",
            "12月31日",
            "channels",
            "闽政通、支付宝、村委会代收点",
            "consequence",
            "逾期参保将有3个月待遇等待期",
            "members",
            "户主、配偶共2人");

    static SmsRequest reminder(String idNumber, String mobile, String region, String key, String dedup) {
        return new SmsRequest(idNumber, mobile, region, 1L, key, REMINDER_VARIABLES, dedup);
    }

    public static SmsSettings settings(int ratePerSecond, SmsSettings.Twilio twilio) {
        return new SmsSettings(
                "test",
                ratePerSecond,
                LocalTime.of(21, 0),
                LocalTime.of(8, 0),
                Duration.ofDays(3),
                2,
                Duration.ofHours(24),
                3,
                Duration.ofSeconds(30),
                Duration.ofHours(1),
                Duration.ofSeconds(30),
                200,
                3,
                new SmsSettings.Dispatcher(false, Duration.ofSeconds(5), 0, Duration.ofMillis(30)),
                twilio,
                aliyun(null));
    }

    /** The gateway's settings with the stub's approved templates and keys. */
    public static SmsSettings settings(int ratePerSecond, String gateway, SmsSettings.Aliyun aliyun) {
        return settings(ratePerSecond, null).withGateway(gateway, aliyun);
    }

    /** An Alibaba Cloud account at the endpoint (the stub) with {@link AliyunStub}'s approved templates. */
    public static SmsSettings.Aliyun aliyun(String endpoint) {
        return new SmsSettings.Aliyun(
                AliyunStub.ACCESS_KEY_ID,
                AliyunStub.ACCESS_KEY_SECRET,
                AliyunStub.SIGN_NAME,
                endpoint == null ? "https://dysmsapi.aliyuncs.com" : endpoint,
                "cn-hangzhou",
                Duration.ofSeconds(5),
                AliyunStub.approvedTemplates(),
                null);
    }

    static SmsSettings.Twilio twilio(String apiBase, String messagingService, String from) {
        return new SmsSettings.Twilio(
                TwilioStub.ACCOUNT, "stub-auth-token", messagingService, from, STATUS_CALLBACK, null, apiBase);
    }

    SmsDispatcher dispatcher(SmsGateway gateway, SmsSettings settings, Clock clock, String node) {
        return dispatcher(
                gateway, settings, clock, node, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    SmsDispatcher dispatcher(
            SmsGateway gateway,
            SmsSettings settings,
            Clock clock,
            String node,
            io.micrometer.core.instrument.MeterRegistry meters) {
        return new SmsDispatcher(jdbc, dataSource, transactions, gateway, settings, clock, node, register, meters);
    }

    LocalGateway localGateway() {
        return new LocalGateway(jdbc);
    }

    String status(long messageId) {
        return jdbc.queryForObject("select status from sms_message where id = ?", String.class, messageId);
    }
}
