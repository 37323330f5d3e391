package cn.canbao.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.Yongchun;
import cn.canbao.base.AccessRefused;
import cn.canbao.notify.NotifyPreferences.Preference;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityTestSupport;
import cn.canbao.security.SystemAccess;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;

/**
 * Each user's opt-out and quiet hours, the channel a notice takes (the user's, else the region's nearest choice, else
 * the default), and the attacks: a user writes no one else's settings, a region's channel is set only by an admin or
 * leader at or above it.
 */
@CanbaoIntegrationTest
class NotifyPreferencesIT extends NotifyTestBase {

    @Autowired
    TestRestTemplate http;

    @Test
    void anOptedOutUserIsToldNothing() {
        String u = user("notify.pref.out", Yongchun.TAOCHENG_GRID, "13900000601", Role.GRID_WORKER);
        long queuedBefore =
                SystemAccess.call(() -> notifications.notify(notice(u, "out-1")).orElseThrow());
        security.as(u, () -> preferences.setMine(new Preference(NoticeChannel.DEFAULT, true, null, null)));

        // queued before the opt-out: skipped when its turn comes
        delivery(settings(Map.of(), Duration.ofSeconds(1))).deliver();
        assertThat(row(queuedBefore).get("status")).isEqualTo("SKIPPED");
        assertThat(row(queuedBefore).get("skip_reason")).isEqualTo("OPTED_OUT");
        // queued after it: recorded SKIPPED at once
        assertThat(SystemAccess.call(() -> notifications.notify(notice(u, "out-2"))))
                .isEmpty();
        assertThat(jdbc.queryForObject(
                        "select skip_reason from notify_message where dedup_key = 'out-2'", String.class))
                .isEqualTo("OPTED_OUT");
    }

    @Test
    void aNoticeInTheUsersQuietHoursWaitsForTheirEnd() {
        String own = user("notify.pref.quiet", Yongchun.TAOCHENG_GRID, "13900000602", Role.GRID_WORKER);
        String plain = user("notify.pref.plain", Yongchun.TAOCHENG_GRID, "13900000603", Role.GRID_WORKER);
        security.as(
                own,
                () -> preferences.setMine(
                        new Preference(NoticeChannel.SMS, false, LocalTime.of(12, 0), LocalTime.of(14, 0))));
        long a = SystemAccess.call(
                () -> notifications.notify(notice(own, "quiet-1")).orElseThrow());
        long b = SystemAccess.call(
                () -> notifications.notify(notice(plain, "quiet-2")).orElseThrow());
        var delivery = delivery(settings(Map.of(), Duration.ofSeconds(1)));

        clock.set(LocalDateTime.of(2026, 11, 2, 12, 30));
        delivery.deliver();
        assertThat(row(a).get("status")).isEqualTo("QUEUED"); // their own quiet hours
        assertThat(row(b).get("status")).isEqualTo("SENT"); // the defaults (21:00–07:00) let it go
        assertThat(jdbc.queryForObject(
                        "select next_attempt_at = ? from notify_message where id = ?",
                        Boolean.class,
                        java.sql.Timestamp.from(LocalDateTime.of(2026, 11, 2, 14, 0)
                                .atZone(SHANGHAI)
                                .toInstant()),
                        a))
                .isTrue();

        clock.set(LocalDateTime.of(2026, 11, 2, 14, 0));
        delivery.deliver();
        assertThat(row(a).get("status")).isEqualTo("SENT");

        long c = SystemAccess.call(
                () -> notifications.notify(notice(plain, "quiet-3")).orElseThrow());
        clock.set(LocalDateTime.of(2026, 11, 2, 22, 15));
        delivery.deliver();
        assertThat(row(c).get("status")).isEqualTo("QUEUED"); // the default quiet hours, until 07:00
        clock.set(LocalDateTime.of(2026, 11, 3, 7, 0));
        delivery.deliver();
        assertThat(row(c).get("status")).isEqualTo("SENT");
    }

    @Test
    void theChannelIsTheUsersElseTheNearestRegionsElseTheDefault() {
        String township = Yongchun.township(10);
        String grid = Yongchun.firstVillage(township) + "001";
        String u = user("notify.pref.chan", grid, "13900000604", Role.GRID_WORKER);
        String noPhone = user("notify.pref.nophone", grid, null, Role.GRID_WORKER);

        assertThat(channelOf(u, "chan-1")).isEqualTo("SMS"); // nobody chose: the default
        security.actingAt(
                township, Role.TOWNSHIP_LEADER, () -> preferences.setRegionChannel(township, NoticeChannel.GROUP));
        // the township chose the work group: the robot nearest above (the county's) posts it
        assertThat(channelOf(u, "chan-2")).isEqualTo("DINGTALK");
        assertThat(jdbc.queryForObject("select robot from notify_message where dedup_key = 'chan-2'", String.class))
                .isEqualTo(Yongchun.COUNTY);
        assertThat(channelOf(noPhone, "chan-3")).isEqualTo("DINGTALK"); // no phone needed in a group
        security.as(u, () -> preferences.setMine(new Preference(NoticeChannel.SMS, false, null, null)));
        assertThat(channelOf(u, "chan-4")).isEqualTo("SMS"); // their own choice wins
        security.actingAt(
                township, Role.TOWNSHIP_LEADER, () -> preferences.setRegionChannel(township, NoticeChannel.NONE));
        assertThat(channelOf(noPhone, "chan-5")).isEqualTo("SKIPPED:CHANNEL_OFF");
        security.actingAt(
                Yongchun.COUNTY,
                Role.COUNTY_LEADER,
                () -> preferences.setRegionChannel(township, NoticeChannel.DEFAULT));
        assertThat(channelOf(noPhone, "chan-6")).isEqualTo("SKIPPED:NO_PHONE"); // SMS, and no phone
    }

    @Test
    void noticesCarryNoIdNumberOrPhone() {
        String u = user("notify.pref.text", Yongchun.TAOCHENG_GRID, "13900000605", Role.GRID_WORKER);
        // whatever a caller passes as an argument of the text
        assertThatThrownBy(() -> SystemAccess.call(() -> notifications.notify(StaffNotice.of(
                        u, NoticeKind.SUMMONS, "text-1", "notify.text.summons", "走访 350525199001010011", "/tasks"))))
                .isInstanceOf(cn.canbao.base.DomainException.class);
        assertThatThrownBy(() -> SystemAccess.call(() -> notifications.notify(StaffNotice.of(
                        u, NoticeKind.SUMMONS, "text-2", "notify.text.summons", "联系 13912345678", "/tasks"))))
                .isInstanceOf(cn.canbao.base.DomainException.class);
        assertThat(jdbc.queryForObject(
                        "select count(*) from notify_message where dedup_key in ('text-1', 'text-2')", Integer.class))
                .isZero();
    }

    @Test
    void aNoticeIsWrittenInTheLanguageItsUserChose() {
        String zh = user("notify.pref.zh", Yongchun.TAOCHENG_GRID, "13900000606", Role.GRID_WORKER);
        String en = user("notify.pref.en", Yongchun.TAOCHENG_GRID, "13900000607", Role.GRID_WORKER);
        jdbc.update("update app_user set locale = 'en' where username = ?", en);
        SystemAccess.call(() -> notifications.notifyAll(List.of(
                StaffNotice.of(
                        zh, NoticeKind.NEW_TASKS, "lang-zh", "notify.text.newVisits", 12, "https://c.example/tasks"),
                StaffNotice.of(
                        en, NoticeKind.NEW_TASKS, "lang-en", "notify.text.newVisits", 12, "https://c.example/tasks"))));
        assertThat(jdbc.queryForObject("select body from notify_message where dedup_key = 'lang-zh'", String.class))
                .isEqualTo("【参保通】您有新增待走访 12 户，请登录处理：https://c.example/tasks");
        assertThat(jdbc.queryForObject("select body from notify_message where dedup_key = 'lang-en'", String.class))
                .isEqualTo("[Canbao] 12 new households to visit. Log in to work on them: https://c.example/tasks");
    }

    // --- attacks

    @Test
    void aUserWritesOnlyTheirOwnSettings() {
        String a = user("notify.attack.a", Yongchun.TAOCHENG_GRID, "13900000611", Role.GRID_WORKER);
        String b = user("notify.attack.b", Yongchun.TAOCHENG_GRID, "13900000612", Role.GRID_WORKER);
        security.as(b, () -> preferences.setMine(new Preference(NoticeChannel.SMS, false, null, null)));

        ResponseEntity<String> own = put(a, "/api/notify/preferences/me", "{\"channel\":\"NONE\",\"optedOut\":true}");
        assertThat(own.getStatusCode()).isEqualTo(HttpStatus.OK);
        // no address names another user: whatever answers these (not our controller), B's settings stay
        put(a, "/api/notify/preferences/" + b, "{\"channel\":\"NONE\",\"optedOut\":true}");
        assertThat(put(a, "/api/notify/preferences/me?username=" + b, "{\"channel\":\"NONE\",\"optedOut\":true}")
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(security.as(b, () -> preferences.mine()))
                .isEqualTo(new Preference(NoticeChannel.SMS, false, null, null));
        assertThat(security.as(a, () -> preferences.mine()).optedOut()).isTrue();
        // nobody anonymous
        assertThat(http.exchange(
                                "/api/notify/preferences/me",
                                HttpMethod.PUT,
                                json("{\"channel\":\"NONE\",\"optedOut\":true}"),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aRegionsChannelIsSetOnlyAtOrAboveItByAnAdminOrLeader() {
        String t11 = Yongchun.township(11);
        String t12 = Yongchun.township(12);
        String leader11 = user("notify.attack.t11", t11, null, Role.TOWNSHIP_LEADER);
        String cadre = user("notify.attack.vc", Yongchun.firstVillage(t11), null, Role.VILLAGE_CADRE);
        String clerk = user("notify.attack.clerk", Yongchun.COUNTY, null, Role.CLERK);
        String admin = user("notify.attack.admin", Yongchun.COUNTY, null, Role.ADMIN);

        // a township leader: their township and below, not a neighbour, not the county above them
        assertThat(setChannel(leader11, t11, "GROUP")).isEqualTo(HttpStatus.OK);
        assertThat(setChannel(leader11, Yongchun.firstVillage(t11), "SMS")).isEqualTo(HttpStatus.OK);
        assertThat(setChannel(leader11, t12, "NONE")).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(setChannel(leader11, Yongchun.COUNTY, "NONE")).isEqualTo(HttpStatus.FORBIDDEN);
        // roles that do not set channels, even of their own region
        assertThat(setChannel(cadre, Yongchun.firstVillage(t11), "NONE")).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(setChannel(clerk, t12, "NONE")).isEqualTo(HttpStatus.FORBIDDEN);
        // the county's admin: any region of the county
        assertThat(setChannel(admin, t12, "SMS")).isEqualTo(HttpStatus.OK);
        assertThatThrownBy(() -> security.actingAt(
                        Yongchun.DONGPING, Role.TOWNSHIP_LEADER, () -> preferences.regionChannel(t11)))
                .isInstanceOf(AccessRefused.class);
        assertThat(SystemAccess.call(() -> preferences.regionChannel(t12))).contains(NoticeChannel.SMS);
        assertThat(jdbc.queryForObject(
                        "select channel from notify_region_channel where region_code = ?", String.class, t11))
                .isEqualTo("GROUP");
        assertThat(jdbc.queryForObject(
                        "select channel from notify_region_channel where region_code = ?", String.class, t12))
                .isEqualTo("SMS");
    }

    @Test
    void onlyTheSystemQueuesNotices() {
        assertThatThrownBy(() -> security.actingAt(
                        Yongchun.COUNTY,
                        Role.ADMIN,
                        () -> notifications.notify(StaffNotice.of(
                                "admin", NoticeKind.NEW_TASKS, "attack-queue", "notify.text.newTasks", 1, "x"))))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(jdbc.queryForObject(
                        "select count(*) from notify_message where dedup_key = 'attack-queue'", Integer.class))
                .isZero();
    }

    /** The answer's status when the user sets the region's channel (GROUP, SMS, NONE) through the API. */
    private org.springframework.http.HttpStatusCode setChannel(String user, String region, String channel) {
        return put(user, "/api/notify/regions/" + region + "/channel", "{\"channel\":\"" + channel + "\"}")
                .getStatusCode();
    }

    private ResponseEntity<String> put(String user, String path, String body) {
        return http.withBasicAuth(user, SecurityTestSupport.PASSWORD)
                .exchange(path, HttpMethod.PUT, json(body), String.class);
    }

    private static HttpEntity<String> json(String body) {
        var headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private String channelOf(String user, String key) {
        SystemAccess.call(() -> notifications.notify(notice(user, key)));
        Map<String, Object> r =
                jdbc.queryForMap("select channel, status, skip_reason from notify_message where dedup_key = ?", key);
        return "SKIPPED".equals(r.get("status")) ? "SKIPPED:" + r.get("skip_reason") : (String) r.get("channel");
    }

    private static StaffNotice notice(String user, String key) {
        return StaffNotice.of(user, NoticeKind.NEW_TASKS, key, "notify.text.newTasks", 1, "/tasks");
    }
}
