package cn.canbao.security;

import cn.canbao.region.RegionLevel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** SQL for users and their roles. Subtree listings join the region path index. */
@Repository
class UserRepository {

    private static final String SELECT = """
            select u.username, u.display_name, u.password_hash, u.region_code, u.phone, u.locale, u.enabled,
                   u.created_at, u.created_by, u.last_login_at, u.sessions_valid_after,
                   r.name as region_name, r.path::text as region_path, r.level as region_level,
                   r.deleted_at is not null as region_revoked,
                   coalesce((select array_agg(ur.role order by ur.role) from app_user_role ur
                             where ur.username = u.username), '{}') as roles
            from app_user u join region r on r.code = u.region_code
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    UserRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    Optional<CanbaoUser> findForLogin(String username) {
        return jdbc.sql(SELECT + " where u.username = ?").param(username).query(UserRepository::user).optional();
    }

    Optional<UserAccount> find(String username) {
        return jdbc.sql(SELECT + " where u.username = ?").param(username).query(UserRepository::account).optional();
    }

    /** Users bound anywhere in the subtree under {@code rootPath} (null: everyone), filtered by text. */
    List<UserAccount> findInSubtree(String rootPath, String text, int offset, int limit) {
        return jdbc.sql(SELECT + where(rootPath, text) + " order by r.path, u.username offset ? limit ?")
                .params(whereParams(rootPath, text, offset, limit))
                .query(UserRepository::account).list();
    }

    int countInSubtree(String rootPath, String text) {
        return jdbc.sql("select count(*) from app_user u join region r on r.code = u.region_code" + where(rootPath, text))
                .params(whereParams(rootPath, text))
                .query(Integer.class).single();
    }

    /** Users with a role, bound to a region, among some usernames: each filter may be null. */
    List<CanbaoUser> findUsers(Role role, String regionCode, Collection<String> usernames) {
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
        return jdbc.sql(sql.append(" order by u.username").toString()).params(params)
                .query(UserRepository::user).list();
    }

    boolean exists(String username) {
        return jdbc.sql("select count(*) from app_user where username = ?").param(username)
                .query(Integer.class).single() > 0;
    }

    void insert(NewUser user, String passwordHash, String createdBy) {
        jdbc.sql("insert into app_user (username, display_name, password_hash, region_code, phone, created_by) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .param(user.username()).param(user.displayName().trim()).param(passwordHash)
                .param(user.regionCode()).param(user.phone()).param(createdBy)
                .update();
        replaceRoles(user.username(), user.roles());
    }

    /** Inserts many users with their roles in two batches. */
    void insertAll(List<NewUser> users, List<String> hashes, String createdBy) {
        jdbcTemplate.batchUpdate("insert into app_user (username, display_name, password_hash, region_code, phone, "
                + "created_by) values (?, ?, ?, ?, ?, ?)", java.util.stream.IntStream.range(0, users.size())
                .mapToObj(i -> new Object[] {users.get(i).username(), users.get(i).displayName().trim(), hashes.get(i),
                        users.get(i).regionCode(), users.get(i).phone(), createdBy})
                .toList());
        jdbcTemplate.batchUpdate("insert into app_user_role (username, role) values (?, ?)", users.stream()
                .flatMap(u -> u.roles().stream().map(r -> new Object[] {u.username(), r.name()}))
                .toList());
    }

    void replaceRoles(String username, Set<Role> roles) {
        jdbc.sql("delete from app_user_role where username = ?").param(username).update();
        jdbcTemplate.batchUpdate("insert into app_user_role (username, role) values (?, ?)",
                roles.stream().map(r -> new Object[] {username, r.name()}).toList());
    }

    void updatePassword(String username, String passwordHash) {
        jdbc.sql("update app_user set password_hash = ? where username = ?").param(passwordHash).param(username)
                .update();
    }

    void updateEnabled(String username, boolean enabled) {
        jdbc.sql("update app_user set enabled = ? where username = ?").param(enabled).param(username).update();
    }

    void updateLocale(String username, String locale) {
        jdbc.sql("update app_user set locale = ? where username = ?").param(locale).param(username).update();
    }

    /** Ends the user's sessions everywhere (see {@link UserSessions}); answers the new mark. */
    Instant endSessions(String username) {
        return jdbc.sql("update app_user set sessions_valid_after = now() where username = ? "
                        + "returning sessions_valid_after")
                .param(username).query((rs, i) -> instant(rs.getTimestamp(1))).optional().orElse(null);
    }

    /** What decides whether a logged-in session of the user may go on; empty when the user is gone. */
    Optional<SessionStatus> sessionStatus(String username) {
        return jdbc.sql("select u.enabled, r.deleted_at is not null, u.sessions_valid_after "
                        + "from app_user u join region r on r.code = u.region_code where u.username = ?")
                .param(username)
                .query((rs, i) -> new SessionStatus(rs.getBoolean(1), rs.getBoolean(2), instant(rs.getTimestamp(3))))
                .optional();
    }

    record SessionStatus(boolean enabled, boolean regionRevoked, Instant sessionsValidAfter) {
    }

    /** HTTP Basic logs in on every API call: the time is written at most once a minute, not per request. */
    void recordLogin(String username) {
        jdbc.sql("update app_user set last_login_at = now() where username = ? "
                        + "and (last_login_at is null or last_login_at < now() - interval '1 minute')")
                .param(username).update();
    }

    int count() {
        return jdbc.sql("select count(*) from app_user").query(Integer.class).single();
    }

    private static String where(String rootPath, String text) {
        StringBuilder w = new StringBuilder(" where true");
        if (rootPath != null) {
            w.append(" and r.path <@ ?::ltree");
        }
        if (text != null && !text.isBlank()) {
            w.append(" and (u.username like ? or u.display_name like ? or r.name like ?)");
        }
        return w.toString();
    }

    private static List<Object> whereParams(String rootPath, String text, Object... more) {
        List<Object> p = new java.util.ArrayList<>();
        if (rootPath != null) {
            p.add(rootPath);
        }
        if (text != null && !text.isBlank()) {
            String like = "%" + text.trim() + "%";
            p.addAll(List.of(like, like, like));
        }
        p.addAll(Arrays.asList(more));
        return p;
    }

    private static CanbaoUser user(ResultSet rs, int i) throws SQLException {
        return new CanbaoUser(rs.getString("username"), rs.getString("display_name"), rs.getString("password_hash"),
                rs.getString("region_code"), rs.getString("region_name"), rs.getString("region_path"),
                RegionLevel.valueOf(rs.getString("region_level")), rs.getBoolean("region_revoked"), roles(rs),
                rs.getBoolean("enabled"), rs.getString("locale"), instant(rs.getTimestamp("sessions_valid_after")));
    }

    private static UserAccount account(ResultSet rs, int i) throws SQLException {
        return new UserAccount(rs.getString("username"), rs.getString("display_name"), rs.getString("region_code"),
                rs.getString("region_name"), rs.getString("region_path"), roles(rs), rs.getString("phone"),
                rs.getBoolean("enabled"), rs.getBoolean("region_revoked"), instant(rs.getTimestamp("created_at")),
                rs.getString("created_by"), instant(rs.getTimestamp("last_login_at")));
    }

    private static Set<Role> roles(ResultSet rs) throws SQLException {
        Array array = rs.getArray("roles");
        String[] names = (String[]) array.getArray();
        return names.length == 0 ? EnumSet.noneOf(Role.class)
                : Arrays.stream(names).map(Role::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
