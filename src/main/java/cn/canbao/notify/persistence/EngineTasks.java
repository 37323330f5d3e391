package cn.canbao.notify.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The engine's new tasks and whom they are for, read from Camunda's runtime tables in one query (the engine's Java API
 * would take one query per task for its candidates): the assignee, candidate users and candidate groups. The Spring
 * events of the Camunda starter stay off (they cost 5 % of an outreach start, CamundaHotPathIT).
 */
@Repository
public class EngineTasks {

    /** A scan looks this far behind its watermark: a long transaction (an outreach start) commits its tasks late. */
    static final Duration LOOK_BACK = Duration.ofMinutes(15);

    private final JdbcTemplate jdbc;

    EngineTasks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new task: its assignee (or null) and its candidate users and groups. */
    public record NewTask(
            String id, String assignee, String taskKey, String name, List<String> users, List<String> groups) {}

    /**
     * The tasks created after {@code since} minus the look-back that no scan counted before, now marked counted;
     * with the newest creation time seen (the next watermark). In the caller's transaction.
     */
    public Scan newTasks(Instant since) {
        Map<String, NewTask> tasks = new LinkedHashMap<>();
        Instant[] newest = {since};
        jdbc.query(
                "with fresh as (insert into notify_task_seen (task_id) select t.id_ from act_ru_task t "
                        + "where t.create_time_ > ? on conflict do nothing returning task_id) "
                        + "select t.id_, t.assignee_, l.user_id_, l.group_id_, t.create_time_, t.task_def_key_, t.name_ "
                        + "from fresh f "
                        + "join act_ru_task t on t.id_ = f.task_id "
                        + "left join act_ru_identitylink l on l.task_id_ = t.id_ and l.type_ = 'candidate' order by t.id_",
                rs -> {
                    String id = rs.getString(1);
                    NewTask t = tasks.computeIfAbsent(id, k -> {
                        try {
                            return new NewTask(
                                    k,
                                    rs.getString(2),
                                    rs.getString(6),
                                    rs.getString(7),
                                    new ArrayList<>(),
                                    new ArrayList<>());
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    if (rs.getString(3) != null) {
                        t.users().add(rs.getString(3));
                    }
                    if (rs.getString(4) != null) {
                        t.groups().add(rs.getString(4));
                    }
                    Instant created = rs.getTimestamp(5).toInstant();
                    if (created.isAfter(newest[0])) {
                        newest[0] = created;
                    }
                },
                java.sql.Timestamp.from(since.minus(LOOK_BACK)));
        jdbc.update("delete from notify_task_seen where seen_at < now() - interval '1 day'");
        return new Scan(List.copyOf(tasks.values()), newest[0]);
    }

    public record Scan(List<NewTask> tasks, Instant newest) {}

    /** Open tasks with a due date for one assignee, candidate user ("u:") or candidate group ("g:"). */
    public record Due(int overdue, int dueToday) {}

    /**
     * The open tasks due before {@code until}, counted per assignee (key: the username), candidate user ({@code u:}
     * + username) and candidate group ({@code g:} + group id): overdue (due before {@code now}) and due between
     * {@code now} and {@code until}. One query, grouped in the database.
     */
    public Map<String, Due> dueCounts(Instant now, Instant until) {
        Map<String, Due> out = new LinkedHashMap<>();
        jdbc.query(
                "select coalesce(t.assignee_, 'u:' || l.user_id_, 'g:' || l.group_id_) k, "
                        + "count(*) filter (where t.due_date_ < ?), count(*) filter (where t.due_date_ >= ?) "
                        + "from act_ru_task t left join act_ru_identitylink l on t.assignee_ is null "
                        + "and l.task_id_ = t.id_ and l.type_ = 'candidate' "
                        + "where t.due_date_ < ? and t.suspension_state_ = 1 group by 1",
                rs -> {
                    if (rs.getString(1) != null) {
                        out.put(rs.getString(1), new Due(rs.getInt(2), rs.getInt(3)));
                    }
                },
                java.sql.Timestamp.from(now),
                java.sql.Timestamp.from(now),
                java.sql.Timestamp.from(until));
        return out;
    }
}
