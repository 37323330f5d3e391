package cn.canbao.notify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.Yongchun;
import cn.canbao.bulletin.BulletinPublished;
import cn.canbao.notify.jobs.NewTaskNotices;
import cn.canbao.security.Role;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Leaders hear of a published bulletin (the county's leaders its ranking summary, each township's leader their rank,
 * with the link), of their township falling below the expected line in it, and of a summons proposal waiting for them.
 */
@CanbaoIntegrationTest
class LeaderNoticesIT extends NotifyTestBase {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TaskService tasks;

    @Autowired
    NewTaskNotices newTasks;

    private Long campaign;

    /**
     * The published bulletin also goes to the escalation listener: under a rule of the demo county another test left
     * (bottom 3, one bulletin), both townships get a summons proposal. Those must not outlive this test: a county
     * leader's 我的任务 of Yongchun would list them (EscalationBrowserIT opened one as its own).
     */
    @AfterEach
    void removeTasks() {
        jdbc.update("update act_ru_task set task_def_key_ = null where name_ like '是否约谈（通知测试%'");
        tasks.createTaskQuery().taskNameLike("是否约谈（通知测试%").list().forEach(t -> tasks.deleteTask(t.getId(), true));
        if (campaign != null) {
            testCampaigns.endAll(campaign);
        }
    }

    @Test
    void aPublishedBulletinReachesTheCountyAndTownshipLeaders() {
        String t6 = Yongchun.township(6);
        String t7 = Yongchun.township(7);
        String county = user("notify.lead.county", Yongchun.COUNTY, "13900000501", Role.COUNTY_LEADER);
        String ahead = user("notify.lead.t6", t6, "13900000502", Role.TOWNSHIP_LEADER);
        String behind = user("notify.lead.t7", t7, "13900000503", Role.TOWNSHIP_LEADER);
        campaign = jdbc.queryForObject(
                "insert into campaign (name, year, county_code, collection_start, collection_end, coverage_goal, "
                        + "created_by) values ('通知行动', 2063, ?, '2062-09-01', '2063-06-30', 95, 'test') returning id",
                Long.class,
                Yongchun.COUNTY);
        long bulletin = jdbc.queryForObject(
                "insert into bulletin (campaign_id, number, period_end, status, published_at, published_by) "
                        + "values (?, 3, '2062-10-01', 'PUBLISHED', now(), ?) returning id",
                Long.class,
                campaign,
                county);
        row(bulletin, t6, 1, "80.00", "50.00");
        row(bulletin, t7, 2, "42.50", "50.00");

        events.publishEvent(new BulletinPublished(campaign, bulletin));

        String link = "http://localhost:8080/bulletins/" + campaign + "/3";
        assertThat(bodies(county, "BULLETIN"))
                .singleElement()
                .asString()
                .startsWith("【参保通】永春县 · 通知行动 · 第3期通报已发布：第一 ")
                .contains(" 80%，末位 ", " 42.5%；1 个乡镇低于应达进度线。查看：" + link);
        assertThat(bodies(ahead, "BULLETIN")).singleElement().asString().contains("本乡镇排名第 1/2，完成 80%", link);
        assertThat(bodies(ahead, "BELOW_LINE")).isEmpty();
        assertThat(bodies(behind, "BULLETIN")).singleElement().asString().contains("本乡镇排名第 2/2，完成 42.5%");
        assertThat(bodies(behind, "BELOW_LINE")).singleElement().asString().contains("本乡镇进度 42.5% 低于应达进度线 50%");

        events.publishEvent(new BulletinPublished(campaign, bulletin)); // heard twice: told once
        assertThat(bodies(county, "BULLETIN")).hasSize(1);
    }

    @Test
    void aSummonsProposalIsToldToTheCountyLeadersAtOnce() {
        String county = user("notify.lead.summons", Yongchun.COUNTY, "13900000504", Role.COUNTY_LEADER);
        Task t = tasks.newTask();
        t.setName("是否约谈（通知测试镇）");
        tasks.saveTask(t);
        tasks.addCandidateGroup(t.getId(), Role.COUNTY_LEADER.groupAt(Yongchun.COUNTY));
        // as escalation-case.bpmn's task would be (a standalone task has no key; set last, the engine loads no more)
        jdbc.update("update act_ru_task set task_def_key_ = 'Task_ProposeSummons' where id_ = ?", t.getId());

        newTasks.run();

        assertThat(bodies(county, "SUMMONS"))
                .containsExactly("【参保通】约谈建议待您决定：是否约谈（通知测试镇）。处理：http://localhost:8080/tasks");
        assertThat(bodies(county, "NEW_TASKS")).isEmpty();
    }

    private void row(long bulletin, String township, int rank, String completion, String expected) {
        jdbc.update(
                "insert into bulletin_row (bulletin_id, township_code, rank, target, enrolled, completion, coverage_rate, "
                        + "expected_completion, reports_due, reports_late, reports_missing, band) "
                        + "values (?, ?, ?, 100, 50, ?::numeric, 90, ?::numeric, 0, 0, 0, 'GREEN')",
                bulletin,
                township,
                rank,
                completion,
                expected);
    }

    private List<String> bodies(String username, String kind) {
        return jdbc.queryForList(
                "select body from notify_message where username = ? and kind = ? order by id",
                String.class,
                username,
                kind);
    }
}
