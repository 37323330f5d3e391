package cn.canbao.notify.persistence;

import cn.canbao.notify.NoticeChannel;
import cn.canbao.notify.NotifyPreferences.Preference;
import java.sql.Time;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The outbox of notices to staff and the users' and regions' choices. Callers hold the transactions. */
@Repository
public class NoticeStore {

    private final JdbcTemplate jdbc;

    NoticeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A notice to write: {@code skipReason} set for one that must not go out (recorded SKIPPED). */
    public record NewRow(
            String dedupKey,
            String username,
            String kind,
            String channel,
            String robot,
            String body,
            String skipReason) {}

    /** Inserts the row unless its key is there already; returns its id, or empty (a repeated key). */
    public Optional<Long> insert(NewRow r, Instant now) {
        List<Long> ids = jdbc.queryForList(
                "insert into notify_message (dedup_key, username, kind, channel, robot, body, status, skip_reason, "
                        + "created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (dedup_key) do nothing returning id",
                Long.class,
                r.dedupKey(),
                r.username(),
                r.kind(),
                r.channel(),
                r.robot(),
                r.body(),
                r.skipReason() == null ? "QUEUED" : "SKIPPED",
                r.skipReason(),
                ts(now));
        return ids.stream().findFirst();
    }

    /** A row claimed for sending, with what the claim needs to know of its user. */
    public record Claimable(
            long id,
            String username,
            String kind,
            String channel,
            String robot,
            String body,
            int attempts,
            boolean optedOut,
            LocalTime quietStart,
            LocalTime quietEnd) {}

    /** Locks up to {@code limit} due QUEUED rows (SKIP LOCKED: another node takes the others), in the caller's tx. */
    public List<Claimable> due(Instant now, int limit) {
        return jdbc.query(
                "select m.id, m.username, m.channel, m.robot, m.body, m.attempts, coalesce(p.opted_out, false), "
                        + "p.quiet_start, p.quiet_end, m.kind from notify_message m "
                        + "left join notify_preference p on p.username = m.username "
                        + "where m.status = 'QUEUED' and m.next_attempt_at <= ? order by m.next_attempt_at, m.id "
                        + "limit ? for update of m skip locked",
                (rs, n) -> new Claimable(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(10),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getInt(6),
                        rs.getBoolean(7),
                        time(rs.getTime(8)),
                        time(rs.getTime(9))),
                ts(now),
                limit);
    }

    public void skip(long id, String reason, Instant now) {
        jdbc.update(
                "update notify_message set status = 'SKIPPED', skip_reason = ?, sent_at = null, last_attempt_at = ? "
                        + "where id = ? and status = 'QUEUED'",
                reason,
                ts(now),
                id);
    }

    public void defer(long id, Instant until) {
        jdbc.update("update notify_message set next_attempt_at = ? where id = ? and status = 'QUEUED'", ts(until), id);
    }

    /** QUEUED → SENDING with this attempt counted; false when another node had it (never the case under the lock). */
    public boolean sending(long id, Instant now) {
        return jdbc.update(
                        "update notify_message set status = 'SENDING', attempts = attempts + 1, last_attempt_at = ? "
                                + "where id = ? and status = 'QUEUED'",
                        ts(now),
                        id)
                > 0;
    }

    public void sent(long id, String reply, Instant now) {
        jdbc.update(
                "update notify_message set status = 'SENT', sent_at = ?, provider_reply = ? "
                        + "where id = ? and status = 'SENDING'",
                ts(now),
                cut(reply),
                id);
    }

    public void retry(long id, String reply, Instant next) {
        jdbc.update(
                "update notify_message set status = 'QUEUED', next_attempt_at = ?, provider_reply = ? "
                        + "where id = ? and status = 'SENDING'",
                ts(next),
                cut(reply),
                id);
    }

    public void end(long id, String status, String reply) {
        jdbc.update(
                "update notify_message set status = ?, provider_reply = ? where id = ? and status = 'SENDING'",
                status,
                cut(reply),
                id);
    }

    /** Rows left SENDING longer than the longest post: their outcome is unknown, and they are never posted again. */
    public int giveUpStale(Instant before) {
        return jdbc.update(
                "update notify_message set status = 'UNRESOLVED', provider_reply = coalesce(provider_reply, "
                        + "'left sending: outcome unknown') where status = 'SENDING' and last_attempt_at < ?",
                ts(before));
    }

    /** Posts to a robot (sent or under way) since a moment: a robot takes about 20 a minute. */
    public int postsTo(String robot, Instant since) {
        return jdbc.queryForObject(
                "select count(*) from notify_message where robot = ? and status in ('SENDING', 'SENT', 'UNRESOLVED') "
                        + "and last_attempt_at > ?",
                Integer.class,
                robot,
                ts(since));
    }

    // --- preferences

    public Optional<Preference> preference(String username) {
        return jdbc
                .query(
                        "select channel, opted_out, quiet_start, quiet_end from notify_preference where username = ?",
                        (rs, n) -> new Preference(
                                NoticeChannel.valueOf(rs.getString(1)),
                                rs.getBoolean(2),
                                time(rs.getTime(3)),
                                time(rs.getTime(4))),
                        username)
                .stream()
                .findFirst();
    }

    public void savePreference(String username, Preference p) {
        jdbc.update(
                "insert into notify_preference (username, channel, opted_out, quiet_start, quiet_end, updated_at) "
                        + "values (?, ?, ?, ?, ?, now()) on conflict (username) do update set channel = excluded.channel, "
                        + "opted_out = excluded.opted_out, quiet_start = excluded.quiet_start, "
                        + "quiet_end = excluded.quiet_end, updated_at = now()",
                username,
                p.channel().name(),
                p.optedOut(),
                p.quietStart() == null ? null : Time.valueOf(p.quietStart()),
                p.quietEnd() == null ? null : Time.valueOf(p.quietEnd()));
    }

    /** The channel rows of these region codes (a user's chain of regions), code → channel. */
    public Map<String, NoticeChannel> regionChannels(Collection<String> codes) {
        Map<String, NoticeChannel> out = new HashMap<>();
        jdbc.query(
                "select region_code, channel from notify_region_channel where region_code = any(?)",
                rs -> {
                    out.put(rs.getString(1), NoticeChannel.valueOf(rs.getString(2)));
                },
                (Object) codes.toArray(String[]::new));
        return out;
    }

    public void saveRegionChannel(String regionCode, NoticeChannel channel, String by) {
        if (channel == null || channel == NoticeChannel.DEFAULT) {
            jdbc.update("delete from notify_region_channel where region_code = ?", regionCode);
            return;
        }
        jdbc.update(
                "insert into notify_region_channel (region_code, channel, set_by, set_at) values (?, ?, ?, now()) "
                        + "on conflict (region_code) do update set channel = excluded.channel, set_by = excluded.set_by, "
                        + "set_at = now()",
                regionCode,
                channel.name(),
                by);
    }

    // --- new-task tallies

    /** New tasks of a user: how many, and how many of them are visits to households. */
    public record Tally(int tasks, int visits) {

        public Tally plus(Tally other) {
            return new Tally(tasks + other.tasks, visits + other.visits);
        }
    }

    /** Adds new tasks to the users' tallies. */
    public void tally(Map<String, Tally> counts, Instant now) {
        jdbc.batchUpdate(
                "insert into notify_task_tally (username, tasks, visits, first_at) values (?, ?, ?, ?) "
                        + "on conflict (username) do update set tasks = notify_task_tally.tasks + excluded.tasks, "
                        + "visits = notify_task_tally.visits + excluded.visits",
                counts.entrySet().stream()
                        .map(e -> new Object[] {
                            e.getKey(), e.getValue().tasks(), e.getValue().visits(), ts(now)
                        })
                        .toList());
    }

    /**
     * Takes (deletes and returns, locked: SKIP LOCKED) the tallies of users not sent a NEW_TASKS notice since
     * {@code lastBefore}: at most one such notice per user per batch span.
     */
    public Map<String, Tally> takeTallies(Instant lastBefore) {
        Map<String, Tally> out = new HashMap<>();
        jdbc.query(
                "delete from notify_task_tally t where t.username in (select x.username from notify_task_tally x "
                        + "where not exists (select 1 from notify_message m where m.username = x.username "
                        + "and m.kind = 'NEW_TASKS' and m.created_at > ?) for update skip locked) "
                        + "returning t.username, t.tasks, t.visits",
                rs -> {
                    out.put(rs.getString(1), new Tally(rs.getInt(2), rs.getInt(3)));
                },
                ts(lastBefore));
        return out;
    }

    /** The engine's scan watermark, locked for the scan (one node at a time; the other skips). */
    public Optional<Instant> lockScan() {
        return jdbc
                .query(
                        "select scanned_until from notify_task_scan where id = 1 for update skip locked",
                        (rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .stream()
                .findFirst();
    }

    public void scanned(Instant until) {
        jdbc.update("update notify_task_scan set scanned_until = ? where id = 1", ts(until));
    }

    private static LocalTime time(Time t) {
        return t == null ? null : t.toLocalTime();
    }

    public static OffsetDateTime ts(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String cut(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }
}
