package cn.canbao.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.Yongchun;
import cn.canbao.register.RegisterHistories;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import cn.canbao.sms.SmsOutbox;
import cn.canbao.sms.SmsReports;
import cn.canbao.sms.SmsSettings;
import cn.canbao.sms.dispatch.OutboxStore;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff SMS lands in the SMS outbox marked STAFF, with the user and without a resident or region, so the residents'
 * reports never count it and the per-person cap neither holds it nor is held by it; only the system queues one.
 */
@CanbaoIntegrationTest
class StaffSmsIT extends NotifyTestBase {

    @Autowired
    SmsOutbox smsOutbox;

    @Autowired
    SmsReports reports;

    @Autowired
    SmsSettings smsSettings;

    @Autowired
    RegisterHistories register;

    @Test
    void aStaffSmsIsHandedToTheSmsOutboxMarkedStaffOnce() {
        String cadre = user("notify.sms.cadre", Yongchun.TAOCHENG_VILLAGE, "13900000201", Role.VILLAGE_CADRE);
        SmsCountsBefore before = counts();
        long id = queued("sms-staff-1", cadre, "SMS", null, "【参保通】今日到期 3 项，逾期 1 项");

        var round = delivery(settings(Map.of(), Duration.ofSeconds(1))).deliver();

        assertThat(round.sent()).isGreaterThanOrEqualTo(1);
        Map<String, Object> notice = row(id);
        assertThat(notice.get("status")).isEqualTo("SENT");
        long smsId = Long.parseLong(((String) notice.get("provider_reply")).replace("sms_message ", ""));
        Map<String, Object> sms = jdbc.queryForMap("select * from sms_message where id = ?", smsId);
        assertThat(sms.get("audience")).isEqualTo("STAFF");
        assertThat(sms.get("staff_user")).isEqualTo(cadre);
        assertThat(sms.get("mobile")).isEqualTo("13900000201");
        assertThat(sms.get("id_number")).isNull();
        assertThat(sms.get("region_code")).isNull();
        assertThat(sms.get("status")).isEqualTo("QUEUED");
        assertThat(sms.get("body")).isEqualTo("【参保通】今日到期 3 项，逾期 1 项");
        // the residents' reports and backlog do not see it
        assertThat(counts()).isEqualTo(before);
        // handed over once: the same notice again is not queued twice
        var again = SystemAccess.call(() ->
                smsOutbox.enqueueStaff(new SmsOutbox.StaffRequest(cadre, "13900000201", "x", "新增待办", "notify:" + id)));
        assertThat(again).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from sms_message where staff_user = ?", Integer.class, cadre))
                .isEqualTo(1);
    }

    @Test
    void theResidentsPerPersonCapNeitherHoldsNorCountsStaffMessages() {
        String worker = user("notify.sms.cap", Yongchun.TAOCHENG_GRID, "13900000202", Role.GRID_WORKER);
        List<Long> ids = SystemAccess.call(() -> List.of(
                smsOutbox
                        .enqueueStaff(
                                new SmsOutbox.StaffRequest(worker, "13900000202", "【参保通】新增待办 1 项", "新增待办", "cap-1"))
                        .orElseThrow(),
                smsOutbox
                        .enqueueStaff(
                                new SmsOutbox.StaffRequest(worker, "13900000202", "【参保通】新增待办 2 项", "新增待办", "cap-2"))
                        .orElseThrow()));
        OutboxStore dispatcherStore =
                new OutboxStore(jdbc, smsSettings, register, new TransactionTemplate(transactions));
        // one claim of the dispatcher, rolled back: both staff messages go out in the same batch (a resident's second
        // message in a batch waits for the first); nothing of it stays
        List<Long> claimed = new TransactionTemplate(transactions).execute(s -> {
            List<Long> c = dispatcherStore.claim(java.time.Instant.now(), 100_000).stream()
                    .map(OutboxStore.Claimed::id)
                    .toList();
            s.setRollbackOnly();
            return c;
        });
        assertThat(claimed).containsAll(ids);
    }

    @Test
    void onlyTheSystemQueuesAStaffSms() {
        assertThatThrownBy(() -> security.actingAt(
                        Yongchun.COUNTY,
                        Role.ADMIN,
                        () -> smsOutbox.enqueueStaff(
                                new SmsOutbox.StaffRequest("admin", "13900000203", "x", "新增待办", "attack-1"))))
                .isInstanceOf(AccessDeniedException.class);
    }

    record SmsCountsBefore(Object backlog, Object daily) {}

    private SmsCountsBefore counts() {
        return SystemAccess.call(() -> new SmsCountsBefore(
                reports.backlog(), reports.daily(LocalDate.now().minusDays(400))));
    }
}
