package cn.canbao.notify.jobs;

import cn.canbao.notify.NoticeKind;
import cn.canbao.notify.StaffNotice;
import cn.canbao.notify.StaffNotifications;
import cn.canbao.notify.persistence.EngineTasks;
import cn.canbao.outreach.OutreachQueries;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import cn.canbao.security.UserService;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The morning digest of every grid worker and village cadre: their open tasks due today and overdue (assigned to them,
 * or offered to them or to their group {@code <role>:<their region>}) and the promised payments of their grid or
 * village falling due today — counts and a link, nothing about a resident. Nobody with nothing to do gets one; a day's
 * digest is queued once (its key carries the date).
 */
@Component
public class MorningDigest {

    private static final List<Role> ROLES = List.of(Role.GRID_WORKER, Role.VILLAGE_CADRE);

    private final EngineTasks engine;
    private final OutreachQueries outreach;
    private final StaffNotifications notifications;
    private final UserService users;
    private final TransactionOperations tx;
    private final Clock clock;

    MorningDigest(
            EngineTasks engine,
            OutreachQueries outreach,
            StaffNotifications notifications,
            UserService users,
            TransactionOperations tx,
            Clock clock) {
        this.engine = engine;
        this.outreach = outreach;
        this.notifications = notifications;
        this.users = users;
        this.tx = tx;
        this.clock = clock;
    }

    /** Today's digests; returns how many were queued. */
    public int run() {
        return send(clock.instant());
    }

    /** The digests of the local day of {@code now}, as the system. */
    public int send(Instant now) {
        return SystemAccess.call(() -> tx.execute(s -> digest(now)));
    }

    /** What one user's digest counts. */
    public record Counts(int dueToday, int overdue, int promisesDue) {

        boolean empty() {
            return dueToday + overdue + promisesDue == 0;
        }
    }

    private int digest(Instant now) {
        LocalDate today = now.atZone(clock.getZone()).toLocalDate();
        Instant dayStart = today.atStartOfDay(clock.getZone()).toInstant();
        Instant tomorrow = today.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        Map<String, EngineTasks.Due> due = engine.dueCounts(now, tomorrow);
        Map<String, UserService.StaffContact> staff = new LinkedHashMap<>();
        for (Role role : ROLES) {
            users.contactsWithRole(role, null).forEach(c -> staff.putIfAbsent(c.username(), c));
        }
        Map<String, Integer> promises = outreach.promisesDue(
                dayStart,
                tomorrow,
                staff.values().stream()
                        .map(UserService.StaffContact::regionCode)
                        .distinct()
                        .toList());
        List<StaffNotice> notices = new ArrayList<>();
        String link = notifications.link("/tasks");
        for (UserService.StaffContact c : staff.values()) {
            Counts counts = counts(c, due, promises);
            if (!counts.empty()) {
                notices.add(StaffNotice.of(
                        c.username(),
                        NoticeKind.DIGEST,
                        "digest:" + c.username() + ":" + today,
                        "notify.text.digest",
                        counts.dueToday(),
                        counts.overdue(),
                        counts.promisesDue(),
                        link));
            }
        }
        return (int) notifications.notifyAll(notices).stream()
                .filter(java.util.Optional::isPresent)
                .count();
    }

    static Counts counts(UserService.StaffContact c, Map<String, EngineTasks.Due> due, Map<String, Integer> promises) {
        List<String> keys = new ArrayList<>(List.of(c.username(), "u:" + c.username()));
        for (Role r : c.roles()) {
            keys.add("g:" + r.groupAt(c.regionCode()));
        }
        int overdue = 0;
        int today = 0;
        for (String k : keys) {
            EngineTasks.Due d = due.get(k);
            if (d != null) {
                overdue += d.overdue();
                today += d.dueToday();
            }
        }
        return new Counts(today, overdue, promises.getOrDefault(c.regionCode(), 0));
    }
}
