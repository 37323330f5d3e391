package cn.canbao.security;

import cn.canbao.region.Region;
import cn.canbao.region.RegionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Creating and administering users. Each level administers the levels below it: an admin or clerk
 * creates users only in their own subtree, admins only strictly below their own region, and every
 * role only at the levels it belongs to. Enforced here, whatever screen or API calls.
 */
@Service
@Transactional(readOnly = true)
public class UserService {

    private static final Logger log = LoggerFactory.getLogger(UserService.class);
    private static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{2,63}$");
    private static final Pattern PHONE = Pattern.compile("^1[3-9][0-9]{9}$");
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserRepository users;
    private final RegionService regions;
    private final PasswordEncoder passwordEncoder;

    UserService(UserRepository users, RegionService regions, PasswordEncoder passwordEncoder) {
        this.users = users;
        this.regions = regions;
        this.passwordEncoder = passwordEncoder;
    }

    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
    public UserAccount create(NewUser user) {
        Region region = checkCreatable(user);
        users.insert(user, passwordEncoder.encode(user.password()), CurrentUser.name());
        log.info("User {} created by {}: region {} ({}), roles {}", user.username(), CurrentUser.name(),
                region.code(), region.name(), user.roles());
        return users.find(user.username()).orElseThrow();
    }

    /** Creates many users at once (demo loader, bulk set-up): same rules, two batched inserts. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
    public void createAll(List<NewUser> batch) {
        batch.forEach(this::checkCreatable);
        users.insertAll(batch, batch.stream().map(u -> passwordEncoder.encode(u.password())).toList(),
                CurrentUser.name());
        log.info("{} users created by {}", batch.size(), CurrentUser.name());
    }

    /** Whether a username is taken anywhere (usernames are unique across all regions). */
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
    public boolean exists(String username) {
        return users.find(username).isPresent();
    }

    /** Users of the caller's subtree, filtered by name, username or region name; paged. */
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK', 'COUNTY_LEADER', 'TOWNSHIP_LEADER')")
    public List<UserAccount> list(String text, int offset, int limit) {
        return users.findInSubtree(scopePath(), text, offset, limit);
    }

    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK', 'COUNTY_LEADER', 'TOWNSHIP_LEADER')")
    public int count(String text) {
        return users.countInSubtree(scopePath(), text);
    }

    /** Enables or disables a user of the caller's subtree (never the caller). */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
    public void setEnabled(String username, boolean enabled) {
        UserAccount target = administrable(username);
        users.updateEnabled(target.username(), enabled);
        log.info("User {} {} by {}", username, enabled ? "enabled" : "disabled", CurrentUser.name());
    }

    /** Sets a new random password for a user of the caller's subtree and returns it once. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
    public String resetPassword(String username) {
        UserAccount target = administrable(username);
        String password = randomPassword();
        users.updatePassword(target.username(), passwordEncoder.encode(password));
        log.info("Password of {} reset by {}", username, CurrentUser.name());
        return password;
    }

    /** The logged-in user changes their own password. */
    @Transactional
    public void changeOwnPassword(String currentPassword, String newPassword) {
        CanbaoUser me = CurrentUser.require();
        String hash = users.findForLogin(me.getUsername()).map(CanbaoUser::getPassword).orElseThrow();
        if (!passwordEncoder.matches(currentPassword, hash)) {
            throw new UserException("user.error.currentPassword");
        }
        checkPassword(newPassword);
        users.updatePassword(me.getUsername(), passwordEncoder.encode(newPassword));
        log.info("User {} changed their password", me.getUsername());
    }

    /** The logged-in user's preferred language (zh-CN or en). */
    @Transactional
    public void setOwnLocale(Locale locale) {
        CanbaoUser user = CurrentUser.require();
        users.updateLocale(user.getUsername(), locale.toLanguageTag());
        // the session's principal was read at login; without this the next page load would switch back
        user.preferLocale(locale.toLanguageTag());
    }

    @Transactional
    void recordLogin(String username) {
        users.recordLogin(username);
    }

    public int totalUsers() {
        return users.count();
    }

    public static String randomPassword() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            sb.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        // always both letters and digits
        return sb.append(RANDOM.nextInt(10)).toString();
    }

    /** At least 8 characters with letters and digits. */
    static void checkPassword(String password) {
        if (password == null || password.length() < 8 || password.length() > 72
                || !password.chars().anyMatch(Character::isLetter) || !password.chars().anyMatch(Character::isDigit)) {
            throw new UserException("user.error.weakPassword");
        }
    }

    private Region checkCreatable(NewUser user) {
        CanbaoUser creator = CurrentUser.get().orElse(null);
        if (user.username() == null || !USERNAME.matcher(user.username()).matches()) {
            throw new UserException("user.error.username", String.valueOf(user.username()));
        }
        if (user.displayName() == null || user.displayName().isBlank() || user.displayName().length() > 100) {
            throw new UserException("user.error.displayName");
        }
        if (user.phone() != null && !user.phone().isBlank() && !PHONE.matcher(user.phone()).matches()) {
            throw new UserException("user.error.phone", user.phone());
        }
        checkPassword(user.password());
        if (user.roles() == null || user.roles().isEmpty()) {
            throw new UserException("user.error.noRole");
        }
        Region region = regions.get(user.regionCode()); // malformed, unknown, out of scope: refused there
        if (region.deleted()) {
            throw new UserException("user.error.regionRevoked", region.code());
        }
        for (Role role : user.roles()) {
            if (!role.validAt(region.level())) {
                throw new UserException("user.error.roleLevel", role, region.level());
            }
        }
        if (creator != null) {
            checkGrantable(creator, region, user.roles());
        }
        if (users.exists(user.username())) {
            throw new UserException("user.error.exists", user.username());
        }
        return region;
    }

    /** Each level administers the next: admins and clerks at one's own region need a higher admin. */
    static void checkGrantable(CanbaoUser creator, Region region, Set<Role> roles) {
        boolean ownRegion = region.code().equals(creator.regionCode());
        boolean admin = creator.hasRole(Role.ADMIN);
        for (Role role : roles) {
            boolean allowed = switch (role) {
                case ADMIN -> admin && !ownRegion;
                case CLERK -> admin || !ownRegion;
                default -> true;
            };
            if (!allowed) {
                throw new UserException("user.error.cannotGrant", role);
            }
        }
    }

    private UserAccount administrable(String username) {
        UserAccount target = users.find(username).orElseThrow(() -> new UserException("user.error.notFound", username));
        regions.get(target.regionCode()); // refuses users outside the caller's subtree
        CanbaoUser me = CurrentUser.get().orElse(null);
        if (me != null) {
            if (me.getUsername().equals(username)) {
                throw new UserException("user.error.self");
            }
            if (target.roles().contains(Role.ADMIN) && !me.hasRole(Role.ADMIN)) {
                throw new AccessDeniedException("only admins administer admins");
            }
        }
        return target;
    }

    private static String scopePath() {
        if (CurrentUser.isSystem()) {
            return null;
        }
        return CurrentUser.require().scope().rootPath();
    }
}
