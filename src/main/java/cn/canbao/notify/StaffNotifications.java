package cn.canbao.notify;

import cn.canbao.base.DomainException;
import cn.canbao.notify.NotifyPreferences.Preference;
import cn.canbao.notify.persistence.NoticeStore;
import cn.canbao.region.Region;
import cn.canbao.region.RegionService;
import cn.canbao.security.UserService;
import cn.canbao.security.UserService.StaffContact;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues notices to staff, in the caller's transaction: each is written to the outbox on the channel its user's
 * preference (or, DEFAULT, the nearest region above them with a choice, else {@code canbao.notify.default-channel})
 * names, or recorded SKIPPED with why (OPTED_OUT, CHANNEL_OFF, NO_PHONE, DISABLED). The delivery worker sends them.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
public class StaffNotifications {

    /** An 18-character ID number anywhere in a text: notices carry counts and links, never a resident's identity. */
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])");
    /** A mainland mobile number: no resident's phone either. */
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])1[3-9][0-9]{9}(?![0-9])");

    private final NoticeStore store;
    private final UserService users;
    private final RegionService regions;
    private final NotifySettings settings;
    private final MessageSource messages;
    private final Clock clock;

    StaffNotifications(
            NoticeStore store,
            UserService users,
            RegionService regions,
            NotifySettings settings,
            MessageSource messages,
            Clock clock) {
        this.store = store;
        this.users = users;
        this.regions = regions;
        this.settings = settings;
        this.messages = messages;
        this.clock = clock;
    }

    /** Queues one notice; its id, or empty when its key was queued before or it was recorded SKIPPED. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public Optional<Long> notify(StaffNotice notice) {
        return notifyAll(List.of(notice)).get(0);
    }

    /** {@link #notify} of several notices; each result in the order of the notices. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public List<Optional<Long>> notifyAll(List<StaffNotice> notices) {
        if (notices.isEmpty()) {
            return List.of();
        }
        Map<String, StaffContact> contacts =
                users
                        .contacts(notices.stream()
                                .map(StaffNotice::username)
                                .distinct()
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(StaffContact::username, Function.identity()));
        List<Optional<Long>> out = new ArrayList<>();
        for (StaffNotice n : notices) {
            StaffContact contact = contacts.get(n.username());
            Locale locale = contact == null || contact.locale() == null ? Locale.SIMPLIFIED_CHINESE : contact.locale();
            String text = messages.getMessage(n.messageKey(), n.args().toArray(), locale);
            checkText(text);
            if (contact == null) {
                out.add(Optional.empty()); // no such user: nobody to tell
                continue;
            }
            NoticeStore.NewRow row = row(n, text, contact);
            Optional<Long> id = store.insert(row, clock.instant());
            out.add(row.skipReason() == null ? id : Optional.empty());
        }
        return out;
    }

    /** A link into Canbao for a notice: the public base URL and the view's path. */
    public String link(String path) {
        return settings.baseUrl() + (path.startsWith("/") ? path : "/" + path);
    }

    private NoticeStore.NewRow row(StaffNotice n, String text, StaffContact contact) {
        Preference pref = store.preference(n.username()).orElse(Preference.DEFAULT);
        List<String> chain = chain(contact.regionCode());
        String skip = null;
        String channel = "SMS";
        String robot = null;
        NoticeChannel choice = pref.channel() == NoticeChannel.DEFAULT ? regionChoice(chain) : pref.channel();
        if (!contact.enabled()) {
            skip = "DISABLED";
        } else if (pref.optedOut()) {
            skip = "OPTED_OUT";
        } else if (choice == NoticeChannel.NONE) {
            skip = "CHANNEL_OFF";
        } else if (choice == NoticeChannel.GROUP) {
            robot = nearestRobot(chain);
            if (robot != null) {
                channel = settings.robots().get(robot).kind().name();
            }
        }
        if (skip == null && robot == null && contact.phone() == null) {
            skip = "NO_PHONE"; // SMS (chosen, or GROUP without a robot above them) needs their own phone
        }
        return new NoticeStore.NewRow(n.dedupKey(), n.username(), n.kind().name(), channel, robot, text, skip);
    }

    /** The user's region and its ancestors, nearest first. */
    private List<String> chain(String regionCode) {
        Optional<Region> region = regions.findUnscoped(regionCode);
        List<String> codes =
                new ArrayList<>(region.map(r -> List.of(r.path().split("\\."))).orElse(List.of(regionCode)));
        Collections.reverse(codes);
        return codes;
    }

    private NoticeChannel regionChoice(List<String> chain) {
        Map<String, NoticeChannel> set = store.regionChannels(chain);
        return chain.stream()
                .map(set::get)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(
                        settings.defaultChannel() == NoticeChannel.DEFAULT
                                ? NoticeChannel.SMS
                                : settings.defaultChannel());
    }

    private String nearestRobot(List<String> chain) {
        return chain.stream().filter(settings.robots()::containsKey).findFirst().orElse(null);
    }

    static void checkText(String text) {
        if (text == null
                || text.isBlank()
                || ID_NUMBER.matcher(text).find()
                || MOBILE.matcher(text).find()) {
            throw new DomainException("notify.text.personal");
        }
    }
}
