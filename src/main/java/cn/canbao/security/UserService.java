package cn.canbao.security;

import cn.canbao.base.DomainException;
import cn.canbao.region.Region;
import cn.canbao.region.RegionService;
import cn.canbao.security.persistence.UserRepository;
import cn.canbao.security.web.UserSessions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating and administering users, by the rules of {@link UserAdministrationRules}: each level administers
 * the next, at one's own region only roles below one's own, nobody themselves. Enforced here, whatever
 * screen or API calls; every grant, reset and refusal goes to the {@link SecurityAudit}. Disabling a user,
 * resetting their password or changing their roles ends their login sessions ({@link UserSessions}).
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
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
    private final UserSessions sessions;
    private final SecurityAudit audit;
    private final JdbcClient jdbc;

    UserService(
            UserRepository users,
            RegionService regions,
            PasswordEncoder passwordEncoder,
            UserSessions sessions,
            SecurityAudit audit,
            JdbcClient jdbc) {
        this.users = users;
        this.regions = regions;
        this.passwordEncoder = passwordEncoder;
        this.sessions = sessions;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
    public UserAccount create(NewUser user) {
        Region region = audited("USER_CREATED", user.username(), () -> checkCreatable(user));
        users.insert(user, passwordEncoder.encode(user.password()), CurrentUser.name());
        log.info(
                "User {} created by {}: region {} ({}), roles {}",
                user.username(),
                CurrentUser.name(),
                region.code(),
                region.name(),
                user.roles());
        audit.record(
                "USER_CREATED",
                user.username(),
                SecurityAudit.Outcome.ALLOWED,
                "region " + region.code() + ", roles " + user.roles());
        return users.find(user.username()).orElseThrow();
    }

    /** Creates many users at once (demo loader, bulk set-up): same rules, two batched inserts. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
    public void createAll(List<NewUser> batch) {
        batch.forEach(u -> audited("USER_CREATED", u.username(), () -> checkCreatable(u)));
        users.insertAll(
                batch,
                batch.stream().map(u -> passwordEncoder.encode(u.password())).toList(),
                CurrentUser.name());
        log.info("{} users created by {}", batch.size(), CurrentUser.name());
        audit.record("USERS_CREATED", batch.size() + " users", SecurityAudit.Outcome.ALLOWED, null);
    }

    /** Whether a username is taken anywhere (usernames are unique across all regions). */
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
    public boolean exists(String username) {
        return users.find(username).isPresent();
    }

    /** Users of the caller's subtree, filtered by name, username or region name; paged. */
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK', 'COUNTY_LEADER', 'TOWNSHIP_LEADER')")
    public List<UserAccount> list(String text, int offset, int limit) {
        return users.findInSubtree(scopePrefix(), text, regions.codesNamedLike(text), offset, limit);
    }

    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK', 'COUNTY_LEADER', 'TOWNSHIP_LEADER')")
    public int count(String text) {
        return users.countInSubtree(scopePrefix(), text, regions.codesNamedLike(text));
    }

    /** Whether the caller may reset, enable, disable or change the roles of this user (screens hide the rest). */
    public boolean mayAdminister(UserAccount target) {
        if (CurrentUser.isSystem()) {
            return true;
        }
        return CurrentUser.get()
                .filter(me -> me.hasRole(Role.ADMIN) || me.hasRole(Role.CLERK))
                .map(me -> UserAdministrationRules.mayAdminister(me, target))
                .orElse(false);
    }

    /**
     * A user the caller outranks, for giving them work (a cadre's villages, a supervision team's members): bound in
     * the caller's subtree, strictly below it or at the caller's region with every role ranked below the caller's
     * highest — the rules of user administration. Anyone else, and an unknown user alike, is refused with
     * {@code user.target.outOfScope} (nothing tells them apart); the caller audits its own refusals.
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'COUNTY_LEADER', 'TOWNSHIP_LEADER')")
    public UserAccount subordinate(String username) {
        java.util.Optional<UserAccount> target = username == null ? java.util.Optional.empty() : users.find(username);
        if (CurrentUser.isSystem() && target.isPresent()) {
            return target.get();
        }
        if (target.isEmpty() || !UserAdministrationRules.mayAdminister(CurrentUser.require(), target.get())) {
            throw new UserException("user.target.outOfScope", String.valueOf(username));
        }
        return target.get();
    }

    /** The roles the caller may grant at a region of their subtree. */
    public Set<Role> grantableRoles(String regionCode) {
        Region region = regions.get(regionCode);
        if (CurrentUser.isSystem()) {
            Set<Role> all = EnumSet.noneOf(Role.class);
            Arrays.stream(Role.values()).filter(r -> r.validAt(region.level())).forEach(all::add);
            return all;
        }
        CanbaoUser me = CurrentUser.require();
        return me.hasRole(Role.ADMIN) || me.hasRole(Role.CLERK)
                ? UserAdministrationRules.grantable(me, region)
                : EnumSet.noneOf(Role.class);
    }

    /** Enables or disables a user below the caller; disabling ends their sessions. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
    public UserAccount setEnabled(String username, boolean enabled) {
        String action = enabled ? "USER_ENABLED" : "USER_DISABLED";
        UserAccount target = audited(action, username, () -> administrable(username));
        users.updateEnabled(target.username(), enabled);
        if (!enabled) {
            sessions.endAll(target.username());
        }
        log.info("User {} {} by {}", target.username(), enabled ? "enabled" : "disabled", CurrentUser.name());
        audit.record(action, target.username(), SecurityAudit.Outcome.ALLOWED, null);
        return users.find(target.username()).orElseThrow();
    }

    /** Sets a new random password for a user below the caller, ends their sessions and returns it once. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
    public String resetPassword(String username) {
        UserAccount target = audited("PASSWORD_RESET", username, () -> administrable(username));
        String password = randomPassword();
        users.updatePassword(target.username(), passwordEncoder.encode(password));
        sessions.endAll(target.username());
        log.info("Password of {} reset by {}", target.username(), CurrentUser.name());
        audit.record("PASSWORD_RESET", target.username(), SecurityAudit.Outcome.ALLOWED, null);
        return password;
    }

    /** Replaces the roles of a user below the caller with roles the caller may grant there; ends their sessions. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
    public UserAccount changeRoles(String username, Set<Role> roles) {
        UserAccount target = audited("ROLES_CHANGED", username, () -> {
            UserAccount account = administrable(username);
            Region region = regions.get(account.regionCode());
            checkRoles(region, roles);
            CurrentUser.get().ifPresent(me -> UserAdministrationRules.checkGrantable(me, region, roles));
            return account;
        });
        users.replaceRoles(target.username(), roles);
        sessions.endAll(target.username());
        log.info("Roles of {} changed by {}: {} → {}", target.username(), CurrentUser.name(), target.roles(), roles);
        audit.record("ROLES_CHANGED", target.username(), SecurityAudit.Outcome.ALLOWED, target.roles() + " → " + roles);
        return users.find(target.username()).orElseThrow();
    }

    /**
     * The logged-in user changes their own password. The session they do it in goes on; every other session
     * of theirs ends (see {@link UserSessions#endOthers}).
     */
    @Transactional
    public void changeOwnPassword(String currentPassword, String newPassword) {
        CanbaoUser me = CurrentUser.require();
        String hash = users.findForLogin(me.getUsername())
                .map(CanbaoUser::getPassword)
                .orElseThrow();
        if (!passwordEncoder.matches(currentPassword, hash)) {
            throw new UserException("user.error.currentPassword");
        }
        checkPassword(newPassword);
        users.updatePassword(me.getUsername(), passwordEncoder.encode(newPassword));
        sessions.endOthers(me);
        log.info("User {} changed their password", me.getUsername());
        audit.record("PASSWORD_CHANGED", me.getUsername(), SecurityAudit.Outcome.ALLOWED, null);
    }
    /** The logged-in user's preferred language (zh-CN or en). */
    @Transactional
    public void setOwnLocale(Locale locale) {
        CanbaoUser user = CurrentUser.require();
        users.updateLocale(user.getUsername(), locale.toLanguageTag());
        // the session's principal was read at login; without this the next page load would switch back
        user.preferLocale(locale.toLanguageTag());
    }

    /** Called while the login is being accepted, before the user is in the security context. */
    @Transactional
    @PreAuthorize("permitAll()")
    public void recordLogin(String username) {
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
        if (password == null
                || password.length() < 8
                || password.length() > 72
                || !password.chars().anyMatch(Character::isLetter)
                || !password.chars().anyMatch(Character::isDigit)) {
            throw new UserException("user.error.weakPassword");
        }
    }

    private Region checkCreatable(NewUser user) {
        CanbaoUser creator = CurrentUser.get().orElse(null);
        if (user.username() == null || !USERNAME.matcher(user.username()).matches()) {
            throw new UserException("user.error.username", String.valueOf(user.username()));
        }
        if (user.displayName() == null
                || user.displayName().isBlank()
                || user.displayName().length() > 100) {
            throw new UserException("user.error.displayName");
        }
        if (user.phone() != null
                && !user.phone().isBlank()
                && !PHONE.matcher(user.phone()).matches()) {
            throw new UserException("user.error.phone", user.phone());
        }
        checkPassword(user.password());
        Region region = regions.get(user.regionCode()); // malformed, unknown, out of scope: refused there
        if (region.deleted()) {
            throw new UserException("user.error.regionRevoked", region.code());
        }
        checkRoles(region, user.roles());
        if (creator != null) {
            UserAdministrationRules.checkGrantable(creator, region, user.roles());
        }
        if (users.exists(user.username())) {
            throw new UserException("user.error.exists", user.username());
        }
        return region;
    }

    private static void checkRoles(Region region, Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new UserException("user.error.noRole");
        }
        for (Role role : roles) {
            if (!role.validAt(region.level())) {
                throw new UserException("user.error.roleLevel", role, region.level());
            }
        }
    }

    /** The user, if the caller may administer them (the system may administer anyone). */
    private UserAccount administrable(String username) {
        UserAccount target = users.find(username).orElseThrow(() -> new UserException("user.error.notFound", username));
        if (CurrentUser.isSystem()) {
            return target;
        }
        UserAdministrationRules.checkAdministrable(CurrentUser.require(), target);
        return target;
    }

    /** Runs a check; a refusal of the caller's rights (not a typing mistake) is audited before it is thrown. */
    private <T> T audited(String action, String subject, Supplier<T> check) {
        try {
            return check.get();
        } catch (DomainException e) {
            if (e.messageKey().endsWith("outOfScope") || e.messageKey().equals("user.error.self")) {
                audit.record(action, subject, SecurityAudit.Outcome.REFUSED, e.getMessage());
            }
            throw e;
        }
    }

    /** The code prefix of the caller's subtree ("" for system work). */
    private static String scopePrefix() {
        if (CurrentUser.isSystem()) {
            return "";
        }
        return CurrentUser.require().scope().codePrefix();
    }

    /** A user as other modules name them in lists and reports: who, and where they are bound. */
    public record StaffMember(String username, String displayName, String regionCode) {}

    /**
     * The users holding the role anywhere in the region's subtree (the region must be in the caller's scope), by
     * region and username, in one query: e.g. the grid workers of a township for their work tally.
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK', 'COUNTY_LEADER', 'TOWNSHIP_LEADER', 'VILLAGE_CADRE', 'GRID_WORKER')")
    public List<StaffMember> withRoleIn(String regionCode, Role role) {
        Region region = regions.get(regionCode);
        // region codes carry their ancestors' digits: the subtree is a code prefix
        String prefix = cn.canbao.region.RegionScope.of(region).codePrefix() + "%";
        return jdbc.sql("select u.username, u.display_name, u.region_code from app_user u where u.region_code like ? "
                        + "and exists (select 1 from app_user_role r where r.username = u.username and r.role = ?) "
                        + "order by u.region_code, u.username")
                .params(prefix, role.name())
                .query((rs, n) -> new StaffMember(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    /**
     * How to reach a member of staff (issue 20, notices to staff): their own phone, where they are bound, whether
     * they may log in at all, and the language they chose (a notice is written in it). For the system's notice work only.
     */
    public record StaffContact(
            String username,
            String displayName,
            String regionCode,
            String phone,
            boolean enabled,
            Set<Role> roles,
            java.util.Locale locale) {}

    /** The contacts of these users (unknown names left out), for the system's notice work. */
    @PreAuthorize("hasRole('SYSTEM')")
    public List<StaffContact> contacts(java.util.Collection<String> usernames) {
        return contactsWhere("u.username = any(?)", (Object) usernames.toArray(String[]::new));
    }

    /**
     * The enabled users holding the role, bound exactly to the region ({@code regionCode} null: anywhere), for the
     * system's notice work: e.g. the members of a task's candidate group {@code grid-worker:<grid>}.
     */
    @PreAuthorize("hasRole('SYSTEM')")
    public List<StaffContact> contactsWithRole(Role role, String regionCode) {
        return regionCode == null
                ? contactsWhere(
                        "u.enabled and exists (select 1 from app_user_role x where x.username = u.username "
                                + "and x.role = ?)",
                        role.name())
                : contactsWhere(
                        "u.enabled and u.region_code = ? and exists (select 1 from app_user_role x "
                                + "where x.username = u.username and x.role = ?)",
                        regionCode,
                        role.name());
    }

    private List<StaffContact> contactsWhere(String condition, Object... params) {
        java.util.Map<String, StaffContact> byName = new java.util.LinkedHashMap<>();
        jdbc.sql(
                        "select u.username, u.display_name, u.region_code, u.phone, u.enabled, r.role, u.locale from app_user u "
                                + "left join app_user_role r on r.username = u.username where " + condition
                                + " order by u.username")
                .params(params)
                .query(rs -> {
                    String name = rs.getString(1);
                    StaffContact c = byName.computeIfAbsent(name, k -> {
                        try {
                            return new StaffContact(
                                    k,
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getBoolean(5),
                                    java.util.EnumSet.noneOf(Role.class),
                                    java.util.Locale.forLanguageTag(rs.getString(7)));
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    if (rs.getString(6) != null) {
                        c.roles().add(Role.valueOf(rs.getString(6)));
                    }
                });
        return byName.values().stream()
                .map(c -> new StaffContact(
                        c.username(),
                        c.displayName(),
                        c.regionCode(),
                        c.phone(),
                        c.enabled(),
                        Set.copyOf(c.roles()),
                        c.locale()))
                .toList();
    }
}
