package cn.canbao.notify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.Yongchun;
import cn.canbao.notify.jobs.MorningDigest;
import cn.canbao.security.Role;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A seeded grid's morning: its worker's tasks due today and overdue (offered to the grid's group or assigned to them),
 * its village cadre's, and the promised payments of the grid and the village falling due today, counted in the text.
 */
@CanbaoIntegrationTest
class MorningDigestIT extends NotifyTestBase {

    private static final Instant MORNING = at(2061, 11, 2, 7, 30);

    @Autowired
    TaskService tasks;

    @Autowired
    MorningDigest digest;

    @AfterEach
    void removeTasks() {
        tasks.createTaskQuery().taskNameLike("notify-digest-%").list().forEach(t -> tasks.deleteTask(t.getId(), true));
    }

    @Test
    void theDigestCountsTasksDueTodayOverdueAndPromisesFallingDue() {
        String village = Yongchun.firstVillage(Yongchun.township(5));
        String grid = village + "001";
        String worker = user("notify.digest.gw", grid, "13900000401", Role.GRID_WORKER);
        String cadre = user("notify.digest.vc", village, "13900000402", Role.VILLAGE_CADRE);
        String idle = user("notify.digest.idle", village + "002", "13900000403", Role.GRID_WORKER);

        task(Role.GRID_WORKER.groupAt(grid), null, at(2061, 11, 2, 17, 0)); // due today
        task(Role.GRID_WORKER.groupAt(grid), null, at(2061, 11, 2, 23, 0)); // due today
        task(null, worker, at(2061, 11, 2, 12, 0)); // due today, assigned to them
        task(Role.GRID_WORKER.groupAt(grid), null, at(2061, 10, 30, 9, 0)); // overdue
        task(Role.GRID_WORKER.groupAt(grid), null, at(2061, 11, 3, 9, 0)); // tomorrow: not in it
        task(Role.VILLAGE_CADRE.groupAt(village), null, at(2061, 11, 1, 9, 0)); // the cadre's, overdue

        long campaign = jdbc.queryForObject(
                "insert into campaign (name, year, county_code, collection_start, collection_end, coverage_goal, "
                        + "created_by) values ('通知测试行动', 2062, ?, '2061-09-01', '2062-06-30', 95, 'test') returning id",
                Long.class,
                Yongchun.COUNTY);
        promise(campaign, "350525199001010011", grid, village, "H1", at(2061, 11, 2, 23, 59)); // due today
        promise(campaign, "350525199001010038", grid, village, "H1", at(2061, 11, 2, 23, 59)); // same household
        promise(campaign, "350525199001010054", grid, village, "H2", at(2061, 11, 3, 0, 0)); // end of today
        promise(campaign, "350525199001010070", grid, village, "H3", at(2061, 11, 5, 23, 59)); // later
        promise(campaign, "350525199001010097", null, village, "H4", at(2061, 11, 2, 23, 59)); // village, no grid

        digest.send(MORNING);

        assertThat(digests(worker))
                .containsExactly("【参保通】今日待办：今天到期 3 项，已逾期 1 项，今天到期的缴费承诺 2 户。详情：http://localhost:8080/tasks");
        assertThat(digests(cadre))
                .containsExactly("【参保通】今日待办：今天到期 0 项，已逾期 1 项，今天到期的缴费承诺 3 户。详情：http://localhost:8080/tasks");
        assertThat(digests(idle)).isEmpty();

        digest.send(MORNING.plusSeconds(600)); // run again the same day: nothing new
        assertThat(digests(worker)).hasSize(1);
        // counts and a link only: no ID number in any text
        assertThat(digests(worker).get(0)).doesNotContain("350525199001010011");
    }

    private void task(String group, String assignee, Instant due) {
        Task t = tasks.newTask();
        t.setName("notify-digest-" + System.nanoTime());
        t.setDueDate(Date.from(due));
        t.setAssignee(assignee);
        tasks.saveTask(t);
        if (group != null) {
            tasks.addCandidateGroup(t.getId(), group);
        }
    }

    private void promise(long campaign, String id, String grid, String village, String household, Instant next) {
        jdbc.update(
                "insert into outreach_case (campaign_id, id_number, kind, village_code, grid_code, stage, next_action_at, "
                        + "household_key) values (?, ?, 'LAPSED', ?, ?, 'PROMISED', ?, ?)",
                campaign,
                id,
                village,
                grid,
                Timestamp.from(next),
                household);
    }

    private List<String> digests(String username) {
        return jdbc.queryForList(
                "select body from notify_message where username = ? and kind = 'DIGEST' order by id",
                String.class,
                username);
    }

    private static Instant at(int y, int m, int d, int h, int min) {
        return LocalDateTime.of(y, m, d, h, min).atZone(SHANGHAI).toInstant();
    }
}
