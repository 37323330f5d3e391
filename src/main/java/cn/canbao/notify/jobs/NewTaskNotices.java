package cn.canbao.notify.jobs;

import cn.canbao.notify.NoticeKind;
import cn.canbao.notify.NotifySettings;
import cn.canbao.notify.StaffNotice;
import cn.canbao.notify.StaffNotifications;
import cn.canbao.notify.persistence.EngineTasks;
import cn.canbao.notify.persistence.NoticeStore;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import cn.canbao.security.UserService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * New tasks assigned or offered to a user's group become one message per user per batch span (an hour): each scan
 * adds the engine's new tasks to their users' tallies (assignee, candidate users, and the members of candidate groups
 * {@code <role>:<region>}); a user's tally is sent as "新增待办 N 项" when they had no such message within the span,
 * else it waits and grows.
 */
@Component
public class NewTaskNotices {

    private final EngineTasks engine;
    private final NoticeStore store;
    private final StaffNotifications notifications;
    private final UserService users;
    private final NotifySettings settings;
    private final TransactionOperations tx;
    private final Clock clock;

    NewTaskNotices(
            EngineTasks engine,
            NoticeStore store,
            StaffNotifications notifications,
            UserService users,
            NotifySettings settings,
            TransactionOperations tx,
            Clock clock) {
        this.engine = engine;
        this.store = store;
        this.notifications = notifications;
        this.users = users;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * The task a summons proposal waits in (escalation-case.bpmn): its county leaders are told at once, by name of the
     * township, instead of in the hourly count.
     */
    static final String SUMMONS_PROPOSAL = "Task_ProposeSummons";
    /** A grid worker's visit to a household (lapsed-outreach.bpmn): counted as 户 to visit. */
    static final String VISIT = "Task_VisitResident";

    /** One scan and flush, as the system; returns the messages queued. */
    public int run() {
        return SystemAccess.call(() -> {
            tx.executeWithoutResult(s -> scan());
            return tx.execute(s -> flush());
        });
    }

    /** Adds the new tasks to the users' tallies; skipped while another node scans. */
    void scan() {
        var watermark = store.lockScan();
        if (watermark.isEmpty()) {
            return;
        }
        EngineTasks.Scan scan = engine.newTasks(watermark.get());
        Map<String, List<String>> membersOf = new HashMap<>();
        Map<String, NoticeStore.Tally> counts = new HashMap<>();
        List<StaffNotice> urgent = new ArrayList<>();
        for (EngineTasks.NewTask t : scan.tasks()) {
            Set<String> whom = new HashSet<>();
            if (t.assignee() != null) {
                whom.add(t.assignee());
            } else {
                whom.addAll(t.users());
                for (String group : t.groups()) {
                    whom.addAll(membersOf.computeIfAbsent(group, this::members));
                }
            }
            if (SUMMONS_PROPOSAL.equals(t.taskKey())) {
                String link = notifications.link("/tasks");
                whom.forEach(u -> urgent.add(StaffNotice.of(
                        u, NoticeKind.SUMMONS, "summons:" + t.id() + ":" + u, "notify.text.summons", t.name(), link)));
            } else {
                NoticeStore.Tally one = new NoticeStore.Tally(1, VISIT.equals(t.taskKey()) ? 1 : 0);
                whom.forEach(u -> counts.merge(u, one, NoticeStore.Tally::plus));
            }
        }
        notifications.notifyAll(urgent);
        if (!counts.isEmpty()) {
            store.tally(counts, clock.instant());
        }
        store.scanned(scan.newest());
    }

    /** The users of a candidate group {@code <role group>:<region code>} (others: nobody). */
    private List<String> members(String group) {
        int colon = group.lastIndexOf(':');
        if (colon <= 0 || group.startsWith(Role.WITHIN_PREFIX)) {
            return List.of();
        }
        Role role;
        try {
            role = Role.ofGroupId(group.substring(0, colon));
        } catch (RuntimeException e) {
            return List.of();
        }
        if (role == null) {
            return List.of();
        }
        return users.contactsWithRole(role, group.substring(colon + 1)).stream()
                .map(UserService.StaffContact::username)
                .toList();
    }

    /** Sends the tallies of users without a new-task message within the batch span. */
    int flush() {
        Instant now = clock.instant();
        Map<String, NoticeStore.Tally> due = store.takeTallies(now.minus(settings.taskBatch()));
        List<StaffNotice> notices = new ArrayList<>();
        String link = notifications.link("/tasks");
        due.forEach((user, n) -> notices.add(notice(user, n, link, "tasks:" + user + ":" + now.toEpochMilli())));
        return (int) notifications.notifyAll(notices).stream()
                .filter(java.util.Optional::isPresent)
                .count();
    }

    /** 新增待走访 n 户 when all are visits, else 新增待办 n 项 (with the visits among them, if any). */
    static StaffNotice notice(String user, NoticeStore.Tally n, String link, String dedupKey) {
        if (n.visits() == n.tasks()) {
            return StaffNotice.of(user, NoticeKind.NEW_TASKS, dedupKey, "notify.text.newVisits", n.visits(), link);
        }
        return n.visits() == 0
                ? StaffNotice.of(user, NoticeKind.NEW_TASKS, dedupKey, "notify.text.newTasks", n.tasks(), link)
                : StaffNotice.of(
                        user,
                        NoticeKind.NEW_TASKS,
                        dedupKey,
                        "notify.text.newTasksWithVisits",
                        n.tasks(),
                        n.visits(),
                        link);
    }
}
