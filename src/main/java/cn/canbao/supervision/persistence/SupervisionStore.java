package cn.canbao.supervision.persistence;

import cn.canbao.base.database.Timestamps;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The module's tables: cadres' villages ({@code cadre_assignment}), supervision teams and their members. Only live
 * rows grant anything; ended ones stay as the record of who answered for what. Callers check the caller first.
 */
@Component
public class SupervisionStore {

    private static final RowMapper<Assignment> ASSIGNMENT = (rs, n) -> new Assignment(
            rs.getString("username"),
            rs.getString("village_code"),
            rs.getString("assigned_by"),
            Timestamps.instant(rs.getTimestamp("assigned_at")));
    private static final RowMapper<Team> TEAM = (rs, n) -> new Team(
            rs.getLong("id"),
            rs.getLong("campaign_id"),
            rs.getString("name"),
            rs.getString("set_up_by"),
            Timestamps.instant(rs.getTimestamp("set_up_at")),
            rs.getString("dissolved_by"),
            Timestamps.instant(rs.getTimestamp("dissolved_at")));
    private static final RowMapper<Member> MEMBER = (rs, n) -> new Member(
            rs.getLong("team_id"),
            rs.getString("username"),
            rs.getString("department"),
            rs.getString("added_by"),
            Timestamps.instant(rs.getTimestamp("added_at")));

    /** What {@link #ASSIGNMENT} reads, from its table; a query adds its condition and order. */
    private static final String ASSIGNMENTS =
            "select username, village_code, assigned_by, assigned_at from cadre_assignment ";
    /** What {@link #TEAM} reads, from its table; a query adds its condition and order. */
    private static final String TEAMS =
            "select id, campaign_id, name, set_up_by, set_up_at, dissolved_by, dissolved_at from supervision_team ";

    private final JdbcClient jdbc;

    SupervisionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A live assignment as stored (names come from the region and security modules). */
    public record Assignment(String username, String villageCode, String assignedBy, Instant assignedAt) {}

    /** Whether a new row was written (false: the cadre already answers for the village). */
    public boolean assign(String username, String villageCode, String by, Instant at) {
        return changed(
                "insert into cadre_assignment (username, village_code, assigned_by, assigned_at) values (?, ?, ?, ?) "
                        + "on conflict (username, village_code) where ended_at is null do nothing",
                username,
                villageCode,
                by,
                Timestamp.from(at));
    }

    public boolean endAssignment(String username, String villageCode, String by, Instant at) {
        return changed(
                "update cadre_assignment set ended_by = ?, ended_at = ? where username = ? and village_code = ? "
                        + "and ended_at is null",
                by,
                Timestamp.from(at),
                username,
                villageCode);
    }

    /** The live assignments to the villages whose codes start with the prefix (a region's subtree), by village, cadre. */
    public List<Assignment> liveAssignmentsUnder(String codePrefix) {
        return jdbc.sql(ASSIGNMENTS + "where ended_at is null and village_code like ? order by village_code, username")
                .params(codePrefix + "%")
                .query(ASSIGNMENT)
                .list();
    }

    /** The villages a cadre answers for now, by code. */
    public List<Assignment> liveAssignmentsOf(String username) {
        return jdbc.sql(ASSIGNMENTS + "where ended_at is null and username = ? order by village_code")
                .params(username)
                .query(ASSIGNMENT)
                .list();
    }

    public record Team(
            long id,
            long campaignId,
            String name,
            String setUpBy,
            Instant setUpAt,
            String dissolvedBy,
            Instant dissolvedAt) {
        public boolean live() {
            return dissolvedAt == null;
        }
    }

    public record Member(long teamId, String username, String department, String addedBy, Instant addedAt) {}

    /** The new team's id; empty when the campaign has a live team already. */
    public Optional<Long> setUpTeam(long campaignId, String name, String by, Instant at) {
        return jdbc.sql("insert into supervision_team (campaign_id, name, set_up_by, set_up_at) values (?, ?, ?, ?) "
                        + "on conflict (campaign_id) where dissolved_at is null do nothing returning id")
                .params(campaignId, name, by, Timestamp.from(at))
                .query(Long.class)
                .optional();
    }

    public Optional<Team> team(long id) {
        return jdbc.sql(TEAMS + "where id = ?").params(id).query(TEAM).optional();
    }

    /** A campaign's teams, the live one first, then the dissolved ones newest first. */
    public List<Team> teamsOf(long campaignId) {
        return jdbc.sql(TEAMS + "where campaign_id = ? order by dissolved_at desc nulls first, id desc")
                .params(campaignId)
                .query(TEAM)
                .list();
    }

    public boolean dissolve(long teamId, String by, Instant at) {
        return changed(
                "update supervision_team set dissolved_by = ?, dissolved_at = ? where id = ? and dissolved_at is null",
                by,
                Timestamp.from(at),
                teamId);
    }

    public boolean addMember(long teamId, String username, String department, String by, Instant at) {
        return changed(
                "insert into supervision_member (team_id, username, department, added_by, added_at) "
                        + "values (?, ?, ?, ?, ?) on conflict (team_id, username) where removed_at is null do nothing",
                teamId,
                username,
                department,
                by,
                Timestamp.from(at));
    }

    public boolean removeMember(long teamId, String username, String by, Instant at) {
        return changed(
                "update supervision_member set removed_by = ?, removed_at = ? where team_id = ? and username = ? "
                        + "and removed_at is null",
                by,
                Timestamp.from(at),
                teamId,
                username);
    }

    /** The live members of a team, by username. */
    public List<Member> liveMembers(long teamId) {
        return jdbc.sql("select team_id, username, department, added_by, added_at from supervision_member "
                        + "where team_id = ? and removed_at is null order by username")
                .params(teamId)
                .query(MEMBER)
                .list();
    }

    /** The campaigns whose live team counts the user as a live member. */
    public List<Long> campaignsSupervisedBy(String username) {
        return jdbc.sql(
                        "select t.campaign_id from supervision_team t join supervision_member m on m.team_id = t.id "
                                + "where m.username = ? and m.removed_at is null and t.dissolved_at is null order by t.campaign_id")
                .params(username)
                .query(Long.class)
                .list();
    }

    /** Runs one insert or update; whether it changed a row (false: the conflict or the state it guards against). */
    private boolean changed(String sql, Object... params) {
        return jdbc.sql(sql).params(params).update() > 0;
    }
}
