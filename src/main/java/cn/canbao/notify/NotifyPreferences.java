package cn.canbao.notify;

import cn.canbao.base.DomainException;
import cn.canbao.notify.persistence.NoticeStore;
import cn.canbao.region.RegionService;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who wants notices how: each user sets their own channel, opt-out and quiet hours (nobody else's); an admin or leader
 * sets the default channel of a region of their subtree (their own region included) for the users at and below it.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class NotifyPreferences {

    /** The roles that set a region's channel, at or above it. */
    static final Role[] REGION_SETTERS = {Role.ADMIN, Role.COUNTY_LEADER, Role.TOWNSHIP_LEADER};

    /**
     * A user's choice: {@code channel} (DEFAULT: the region's), {@code optedOut} of every notice, and quiet hours of
     * their own (both null: the defaults, canbao.notify.quiet-start/-end).
     */
    public record Preference(NoticeChannel channel, boolean optedOut, LocalTime quietStart, LocalTime quietEnd) {

        public static final Preference DEFAULT = new Preference(NoticeChannel.DEFAULT, false, null, null);
    }

    private final NoticeStore store;
    private final RegionService regions;
    private final NotifySettings settings;

    NotifyPreferences(NoticeStore store, RegionService regions, NotifySettings settings) {
        this.store = store;
        this.regions = regions;
        this.settings = settings;
    }

    /** The caller's own preference. */
    public Preference mine() {
        return store.preference(CurrentUser.require().getUsername()).orElse(Preference.DEFAULT);
    }

    /** Sets the caller's own preference — only ever their own: there is no username to pass. */
    @Transactional
    public Preference setMine(Preference p) {
        String me = CurrentUser.require().getUsername();
        if (p == null || p.channel() == null || (p.quietStart() == null) != (p.quietEnd() == null)) {
            throw new DomainException("notify.preference.invalid");
        }
        store.savePreference(me, p);
        return p;
    }

    /** The default quiet hours, for forms. */
    public LocalTime[] defaultQuietHours() {
        return new LocalTime[] {settings.quietStart(), settings.quietEnd()};
    }

    /** A region's own channel row (empty: it inherits); the region must be in the caller's scope. */
    public Optional<NoticeChannel> regionChannel(String regionCode) {
        CurrentUser.requireActing(regionCode, REGION_SETTERS);
        return Optional.ofNullable(store.regionChannels(List.of(regionCode)).get(regionCode));
    }

    /**
     * Sets (DEFAULT or null: clears) the channel of a region; only an admin, county or township leader bound at the
     * region or above it. GROUP needs a robot configured at the region or above (else its users fall back to SMS).
     */
    @Transactional
    public void setRegionChannel(String regionCode, NoticeChannel channel) {
        CurrentUser.requireActing(regionCode, REGION_SETTERS);
        regions.get(regionCode); // exists, in scope
        store.saveRegionChannel(regionCode, channel, CurrentUser.name());
    }

    /** Whether a robot is configured at the region or above (the settings UI says so). */
    public boolean hasRobot(String regionCode) {
        CurrentUser.requireActing(regionCode, REGION_SETTERS);
        return regions.get(regionCode).path() != null
                && List.of(regions.get(regionCode).path().split("\\.")).stream()
                        .anyMatch(settings.robots()::containsKey);
    }
}
