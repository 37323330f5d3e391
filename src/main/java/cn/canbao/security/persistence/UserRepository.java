package cn.canbao.security.persistence;

import cn.canbao.base.database.Timestamps;
import cn.canbao.region.Region;
import cn.canbao.region.RegionService;
import cn.canbao.security.CanbaoUser;
import cn.canbao.security.NewUser;
import cn.canbao.security.Role;
import cn.canbao.security.UserAccount;
import cn.canbao.security.web.UserSessions;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for users and their roles. Their regions are the region module's: rows carry the region code, and the
 * regions of a result (name, path, level, revoked) come from {@link RegionService#findAllUnscoped} in one call.
 * Subtree listings filter by code prefix (codes carry their ancestors' digits), revoked regions included.
 */
@Repository
public class UserRepository {

    private static final String SELECT = """
            select u.username, u.display_name, u.password_hash, u.region_code, u.phone, u.locale, u.enabled,
                   u.created_at, u.created_by, u.last_login_at, u.sessions_valid_after,
                   coalesce((select array_agg(ur.role order by ur.role) from app_user_role ur
                             where ur.username = u.username), '{}') as roles
            from app_user u
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final RegionService regions;

    UserRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, RegionService regions) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.regions = regions;
    }

    /** One app_user row as read, before its region is joined in. */
    private record Row(
            String username,
            String displayName,
            String passwordHash,
            String regionCode,
            String phone,
            String locale,
            boolean enabled,
            Instant createdAt,
            String createdBy,
            Instant lastLoginAt,
            Instant sessionsValidAfter,
            Set<Role> roles) {}

    public Optional<CanbaoUser> findForLogin(String username) {
        return users(jdbc.sql(SELECT + " where u.username = ?")
                        .param(username)
                        .query(UserRepository::row)
                        .list())
                .stream()
                .findFirst();
    }

    public Optional<UserAccount> find(String username) {
        return accounts(jdbc.sql(SELECT + " where u.username = ?")
                        .param(username)
                        .query(UserRepository::row)
                        .list())
                .stream()
                .findFirst();
    }

    /**
     * Users bound anywhere in the subtree of the code prefix ("" for everyone), filtered by text (in the username,
     * the display name, or the name of their region: {@code regionsNamed}, the codes of the regions whose name
     * holds it). In the order of the region tree (a code sorts before its descendants'), then by username.
     */
    public List<UserAccount> findInSubtree(
            String codePrefix, String text, Collection<String> regionsNamed, int offset, int limit) {
        return accounts(jdbc.sql(SELECT + where(text) + " order by u.region_code, u.username offset ? limit ?")
                .params(whereParams(codePrefix, text, regionsNamed, offset, limit))
                .query(UserRepository::row)
                .list());
    }

    public int countInSubtree(String codePrefix, String text, Collection<String> regionsNamed) {
        return jdbc.sql("select count(*) from app_user u" + where(text))
                .params(whereParams(codePrefix, text, regionsNamed))
                .query(Integer.class)
                .single();
    }

    /** Users with a role, bound to a region, among some usernames: each filter may be null. */
    public List<CanbaoUser> findUsers(Role role, String regionCode, Collection<String> usernames) {
        StringBuilder sql = new StringBuilder(SELECT).append(" where true");
        List<Object> params = new java.util.ArrayList<>();
        if (role != null) {
            sql.append(" and exists (select 1 from app_user_role x where x.username = u.username and x.role = ?)");
            params.add(role.name());
        }
        if (regionCode != null) {
            sql.append(" and u.region_code = ?");
            params.add(regionCode);
        }
        if (usernames != null) {
            sql.append(" and u.username = any(?)");
            params.add(usernames.toArray(String[]::new));
        }
        return users(jdbc.sql(sql.append(" order by u.username").toString())
                .params(params)
                .query(UserRepository::row)
                .list());
    }

    /** Each distinct (role, region) pair some user holds, with the region (users' regions only). */
    public List<Map.Entry<Role, Region>> rolesAtRegions() {
        List<Map.Entry<Role, String>> pairs = jdbc.sql("select distinct ur.role, u.region_code from app_user u "
                        + "join app_user_role ur on ur.username = u.username")
                .query((rs, i) -> Map.entry(Role.valueOf(rs.getString(1)), rs.getString(2)))
                .list();
        Map<String, Region> found =
                regions.findAllUnscoped(pairs.stream().map(Map.Entry::getValue).toList());
        return pairs.stream()
                .filter(p -> found.containsKey(p.getValue()))
                .map(p -> Map.entry(p.getKey(), found.get(p.getValue())))
                .toList();
    }

    public boolean exists(String username) {
        return jdbc.sql("select count(*) from app_user where username = ?")
                        .param(username)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    public void insert(NewUser user, String passwordHash, String createdBy) {
        jdbc.sql("insert into app_user (username, display_name, password_hash, region_code, phone, created_by) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .param(user.username())
                .param(user.displayName().trim())
                .param(passwordHash)
                .param(user.regionCode())
                .param(user.phone())
                .param(createdBy)
                .update();
        replaceRoles(user.username(), user.roles());
    }

    /** Inserts many users with their roles in two batches. */
    public void insertAll(List<NewUser> users, List<String> hashes, String createdBy) {
        jdbcTemplate.batchUpdate(
                "insert into app_user (username, display_name, password_hash, region_code, phone, "
                        + "created_by) values (?, ?, ?, ?, ?, ?)",
                java.util.stream.IntStream.range(0, users.size())
                        .mapToObj(i -> new Object[] {
                            users.get(i).username(),
                            users.get(i).displayName().trim(),
                            hashes.get(i),
                            users.get(i).regionCode(),
                            users.get(i).phone(),
                            createdBy
                        })
                        .toList());
        jdbcTemplate.batchUpdate(
                "insert into app_user_role (username, role) values (?, ?)",
                users.stream()
                        .flatMap(u -> u.roles().stream().map(r -> new Object[] {u.username(), r.name()}))
                        .toList());
    }

    public void replaceRoles(String username, Set<Role> roles) {
        jdbc.sql("delete from app_user_role where username = ?").param(username).update();
        jdbcTemplate.batchUpdate(
                "insert into app_user_role (username, role) values (?, ?)",
                roles.stream().map(r -> new Object[] {username, r.name()}).toList());
    }

    public void updatePassword(String username, String passwordHash) {
        jdbc.sql("update app_user set password_hash = ? where username = ?")
                .param(passwordHash)
                .param(username)
                .update();
    }

    public void updateEnabled(String username, boolean enabled) {
        jdbc.sql("update app_user set enabled = ? where username = ?")
                .param(enabled)
                .param(username)
                .update();
    }

    public void updateLocale(String username, String locale) {
        jdbc.sql("update app_user set locale = ? where username = ?")
                .param(locale)
                .param(username)
                .update();
    }

    /** Ends the user's sessions everywhere (see {@link UserSessions}); answers the new mark. */
    public Instant endSessions(String username) {
        return jdbc.sql("update app_user set sessions_valid_after = now() where username = ? "
                        + "returning sessions_valid_after")
                .param(username)
                .query((rs, i) -> Timestamps.instant(rs.getTimestamp(1)))
                .optional()
                .orElse(null);
    }

    /** What decides whether a logged-in session of the user may go on; empty when the user is gone. */
    public Optional<SessionStatus> sessionStatus(String username) {
        return jdbc.sql("select u.enabled, u.region_code, u.sessions_valid_after from app_user u where u.username = ?")
                .param(username)
                .query((rs, i) ->
                        new Object[] {rs.getBoolean(1), rs.getString(2), Timestamps.instant(rs.getTimestamp(3))})
                .optional()
                .flatMap(u -> regions.findUnscoped((String) u[1])
                        .map(r -> new SessionStatus((Boolean) u[0], r.deleted(), (Instant) u[2])));
    }

    public record SessionStatus(boolean enabled, boolean regionRevoked, Instant sessionsValidAfter) {}

    /** HTTP Basic logs in on every API call: the time is written at most once a minute, not per request. */
    public void recordLogin(String username) {
        jdbc.sql("update app_user set last_login_at = now() where username = ? "
                        + "and (last_login_at is null or last_login_at < now() - interval '1 minute')")
                .param(username)
                .update();
    }

    public int count() {
        return jdbc.sql("select count(*) from app_user").query(Integer.class).single();
    }

    private static String where(String text) {
        StringBuilder w = new StringBuilder(" where u.region_code like ?");
        if (text != null && !text.isBlank()) {
            w.append(" and (u.username like ? or u.display_name like ? or u.region_code = any(?))");
        }
        return w.toString();
    }

    private static List<Object> whereParams(
            String codePrefix, String text, Collection<String> regionsNamed, Object... more) {
        List<Object> p = new java.util.ArrayList<>();
        p.add(codePrefix + "%");
        if (text != null && !text.isBlank()) {
            String like = "%" + text.trim() + "%";
            p.addAll(List.of(like, like, regionsNamed.toArray(String[]::new)));
        }
        p.addAll(Arrays.asList(more));
        return p;
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("password_hash"),
                rs.getString("region_code"),
                rs.getString("phone"),
                rs.getString("locale"),
                rs.getBoolean("enabled"),
                Timestamps.instant(rs.getTimestamp("created_at")),
                rs.getString("created_by"),
                Timestamps.instant(rs.getTimestamp("last_login_at")),
                Timestamps.instant(rs.getTimestamp("sessions_valid_after")),
                roles(rs));
    }

    /** The users of the rows whose region exists (all: app_user.region_code references region), in order. */
    private List<CanbaoUser> users(List<Row> rows) {
        Map<String, Region> found = regionsOf(rows);
        return rows.stream()
                .filter(u -> found.containsKey(u.regionCode()))
                .map(u -> {
                    Region r = found.get(u.regionCode());
                    return new CanbaoUser(
                            u.username(),
                            u.displayName(),
                            u.passwordHash(),
                            u.regionCode(),
                            r.name(),
                            r.path(),
                            r.level(),
                            r.deleted(),
                            u.roles(),
                            u.enabled(),
                            u.locale(),
                            u.sessionsValidAfter());
                })
                .toList();
    }

    private List<UserAccount> accounts(List<Row> rows) {
        Map<String, Region> found = regionsOf(rows);
        return rows.stream()
                .filter(u -> found.containsKey(u.regionCode()))
                .map(u -> {
                    Region r = found.get(u.regionCode());
                    return new UserAccount(
                            u.username(),
                            u.displayName(),
                            u.regionCode(),
                            r.name(),
                            r.path(),
                            u.roles(),
                            u.phone(),
                            u.enabled(),
                            r.deleted(),
                            u.createdAt(),
                            u.createdBy(),
                            u.lastLoginAt());
                })
                .toList();
    }

    private Map<String, Region> regionsOf(List<Row> rows) {
        return rows.isEmpty()
                ? Map.of()
                : regions.findAllUnscoped(rows.stream().map(Row::regionCode).toList());
    }

    private static Set<Role> roles(ResultSet rs) throws SQLException {
        Array array = rs.getArray("roles");
        String[] names = (String[]) array.getArray();
        return names.length == 0
                ? EnumSet.noneOf(Role.class)
                : Arrays.stream(names)
                        .map(Role::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }
}
