package cn.canbao.notify;

import cn.canbao.IntegrationTestBase;
import cn.canbao.notify.channel.DingTalkRobot;
import cn.canbao.notify.channel.StaffChannel;
import cn.canbao.notify.channel.StaffSmsChannel;
import cn.canbao.notify.channel.WeComRobot;
import cn.canbao.notify.jobs.NoticeDelivery;
import cn.canbao.notify.persistence.NoticeStore;
import cn.canbao.security.Role;
import cn.canbao.security.UserService;
import cn.canbao.sms.MutableClock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Users with phones, a clock the test moves, and a delivery built on the test's own robots. */
abstract class NotifyTestBase extends IntegrationTestBase {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    protected NoticeStore store;

    @Autowired
    protected UserService users;

    @Autowired
    protected StaffSmsChannel staffSms;

    @Autowired
    protected PlatformTransactionManager transactions;

    @Autowired
    protected StaffNotifications notifications;

    @Autowired
    protected NotifyPreferences preferences;

    protected final MutableClock clock = new MutableClock(LocalDateTime.of(2026, 11, 2, 10, 0));

    /**
     * Each test starts from an empty queue: notices other tests left queued (a published bulletin tells its
     * townships' leaders) would take the places of a delivery round (batch size 50) before this test's own.
     */
    @org.junit.jupiter.api.BeforeEach
    void emptyQueue() {
        jdbc.update("delete from notify_message where status in ('QUEUED', 'SENDING')");
    }

    /** The staff SMS these tests queued leave the SMS outbox: no other test's dispatcher round may send them. */
    @org.junit.jupiter.api.AfterEach
    void forgetStaffSms() {
        jdbc.update("delete from sms_message where audience = 'STAFF'");
    }

    /** Creates the user unless it exists and gives them this phone. */
    protected String user(String username, String regionCode, String phone, Role... roles) {
        security.ensureUser(username, regionCode, roles);
        jdbc.update("update app_user set phone = ? where username = ?", phone, username);
        return username;
    }

    protected NotifySettings settings(Map<String, NotifySettings.Robot> robots, Duration timeout) {
        return new NotifySettings(
                "https://canbao.example.cn",
                NoticeChannel.SMS,
                LocalTime.of(21, 0),
                LocalTime.of(7, 0),
                Duration.ofHours(1),
                3,
                Duration.ofSeconds(30),
                Duration.ofMinutes(10),
                Duration.ofMinutes(5),
                timeout,
                50,
                20,
                new NotifySettings.Worker(false, Duration.ofSeconds(10)),
                robots);
    }

    protected NoticeDelivery delivery(NotifySettings settings) {
        List<StaffChannel> channels = List.of(new DingTalkRobot(settings, clock), new WeComRobot(settings), staffSms);
        return new NoticeDelivery(store, channels, settings, users, new TransactionTemplate(transactions), clock);
    }

    /** Writes a QUEUED notice directly (the channel and robot given), as the outbox would hold it. */
    protected long queued(String key, String username, String channel, String robot, String text) {
        return new TransactionTemplate(transactions)
                .execute(s -> store.insert(
                                new NoticeStore.NewRow(key, username, "NEW_TASKS", channel, robot, text, null),
                                clock.instant())
                        .orElseThrow());
    }

    protected Map<String, Object> row(long id) {
        return jdbc.queryForMap("select * from notify_message where id = ?", id);
    }
}
