package cn.canbao.notify.events;

import cn.canbao.bulletin.Bulletin;
import cn.canbao.bulletin.BulletinPublished;
import cn.canbao.bulletin.BulletinRow;
import cn.canbao.bulletin.BulletinService;
import cn.canbao.notify.NoticeKind;
import cn.canbao.notify.StaffNotice;
import cn.canbao.notify.StaffNotifications;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import cn.canbao.security.UserService;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When the county leader publishes a bulletin (after it committed; in a transaction of its own, as the system; a
 * failure here is logged and never touches the publication): the county's leaders get the ranking's summary and a link,
 * each township's leader their township's rank and a link, and the leader of a township below the expected progress
 * line a notice saying so. Counts, percentages and township names only.
 */
@Component
class LeaderNotices {

    private static final Logger log = LoggerFactory.getLogger(LeaderNotices.class);

    private final BulletinService bulletins;
    private final UserService users;
    private final StaffNotifications notifications;
    private final TransactionTemplate ownTransaction;

    LeaderNotices(
            BulletinService bulletins,
            UserService users,
            StaffNotifications notifications,
            PlatformTransactionManager transactions) {
        this.bulletins = bulletins;
        this.users = users;
        this.notifications = notifications;
        this.ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(BulletinPublished published) {
        try {
            SystemAccess.run(() -> ownTransaction.executeWithoutResult(s -> notifyAbout(published.bulletinId())));
        } catch (RuntimeException failed) {
            log.error("Notices of bulletin {} failed; the bulletin stays published", published.bulletinId(), failed);
        }
    }

    void notifyAbout(long bulletinId) {
        Bulletin b = bulletins.bulletin(bulletinId);
        List<BulletinRow> rows = bulletins.rows(bulletinId).stream()
                .sorted(Comparator.comparingInt(BulletinRow::rank))
                .toList();
        if (rows.isEmpty()) {
            return;
        }
        String link = notifications.link("/bulletins/" + b.campaignId() + "/" + b.number());
        long below = rows.stream().filter(LeaderNotices::belowLine).count();
        BulletinRow first = rows.get(0);
        BulletinRow last = rows.get(rows.size() - 1);
        List<StaffNotice> notices = new ArrayList<>();
        for (UserService.StaffContact c : users.contactsWithRole(Role.COUNTY_LEADER, b.countyCode())) {
            notices.add(StaffNotice.of(
                    c.username(),
                    NoticeKind.BULLETIN,
                    "bulletin:" + bulletinId + ":" + c.username(),
                    "notify.text.bulletinCounty",
                    b.title(),
                    first.townshipName(),
                    pct(first.completion()),
                    last.townshipName(),
                    pct(last.completion()),
                    below,
                    link));
        }
        for (BulletinRow r : rows) {
            for (UserService.StaffContact c : users.contactsWithRole(Role.TOWNSHIP_LEADER, r.townshipCode())) {
                notices.add(StaffNotice.of(
                        c.username(),
                        NoticeKind.BULLETIN,
                        "bulletin:" + bulletinId + ":" + c.username(),
                        "notify.text.bulletinTownship",
                        b.title(),
                        r.rank(),
                        rows.size(),
                        pct(r.completion()),
                        link));
                if (belowLine(r)) {
                    notices.add(StaffNotice.of(
                            c.username(),
                            NoticeKind.BELOW_LINE,
                            "below:" + bulletinId + ":" + c.username(),
                            "notify.text.belowLine",
                            pct(r.completion()),
                            pct(r.expectedCompletion()),
                            b.title(),
                            link));
                }
            }
        }
        notifications.notifyAll(notices);
    }

    static boolean belowLine(BulletinRow r) {
        return r.completion().compareTo(r.expectedCompletion()) < 0;
    }

    private static String pct(BigDecimal p) {
        return p.stripTrailingZeros().toPlainString() + "%";
    }
}
