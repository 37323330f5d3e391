package cn.canbao.outreach;

import static cn.canbao.outreach.OutreachTestCounty.COUNTY;
import static cn.canbao.outreach.OutreachTestCounty.GRID_1;
import static cn.canbao.outreach.OutreachTestCounty.GRID_2;
import static cn.canbao.outreach.OutreachTestCounty.VILLAGE_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.campaign.Campaign;
import cn.canbao.outreach.jobs.OutreachJob;
import cn.canbao.outreach.process.OutreachProcess;
import cn.canbao.policy.PolicyService;
import cn.canbao.policy.RuleSetFixtures;
import cn.canbao.policy.RuleSetService;
import cn.canbao.register.ExtractHeaders;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.PoliceExtract;
import cn.canbao.register.TestIds;
import cn.canbao.register.person.HardshipCategory;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import cn.canbao.task.InboxTask;
import cn.canbao.task.TaskFilter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The outreach loop on a county of five residents: who is listed (lapsed and uninsured; not the enrolled, not
 * hardship members), reminder → timer → reminder → timer → visit task for the right grid worker, a promise that
 * brings the visit back on its day, a payment import that ends the case wherever it waits, and a visit that
 * finds a resident moved away — a correction that changes the register only once a clerk approves it.
 */
@CanbaoIntegrationTest
class OutreachProcessIT extends OutreachTestBase {

    static final int YEAR = 2061;
    static final LocalDate FIRST = LocalDate.of(2060, 10, 1);

    @Autowired
    OutreachTestCounty county;

    @Autowired
    RuleSetService ruleSets;

    @Autowired
    PolicyService policy;

    @Autowired
    org.quartz.Scheduler scheduler;

    private Campaign campaign;
    private String clerk;
    private final String[] ids = new String[6];

    @BeforeEach
    void residents() {
        county.ensure();
        clerk = security.ensureUser("clerk.outreach", COUNTY, Role.CLERK);
        security.ensureUser("grid.outreach.1", GRID_1, Role.GRID_WORKER);
        security.ensureUser("grid.outreach.2", GRID_2, Role.GRID_WORKER);
        security.ensureUser("leader.outreach", COUNTY, Role.COUNTY_LEADER);
        for (int i = 0; i < ids.length; i++) {
            ids[i] = TestIds.id("350594", LocalDate.of(1975, 3, 1 + i), 501 + 2 * i);
        }
        // 0 lapsed with a mobile, 1 uninsured without one, 2 hardship member, 3 enrolled this year,
        // 4 lapsed but opted out of texts, 5 uninsured living in the second village
        importer.register(
                clerk,
                PoliceExtract.registeredOn("2000-01-01")
                        .inGrid(ids[0], "王小明", GRID_1, null, "13800138000")
                        .inGrid(ids[1], "李四", GRID_1)
                        .inGrid(ids[2], "赵五", GRID_1, null, "13800138002")
                        .inGrid(ids[3], "钱六", GRID_1, null, "13800138003")
                        .inGrid(ids[4], "孙七", GRID_1, null, "13800138004")
                        .inGrid(ids[5], "周八", GRID_2, null, "13800138005"));
        importer.importAs(
                clerk,
                ExtractKind.INSURANCE_STATUS,
                "outreach-insured.csv",
                ExtractHeaders.INSURANCE + ids[0] + ",王小明," + (YEAR - 1) + ",居民,本地\n" + ids[3] + ",钱六," + YEAR
                        + ",居民,本地\n" + ids[4] + ",孙七," + (YEAR - 1) + ",居民,本地\n");
        importer.importAs(
                clerk,
                ExtractKind.HARDSHIP,
                "outreach-hardship.csv",
                ExtractHeaders.HARDSHIP_WITHOUT_EXIT + ids[2] + ",赵五,低保,2020-01-01\n");
        // the same persons serve every test of this class: undo what an earlier test changed (a payment of the year,
        // an opt-out recorded by a grid worker), so each starts from the same register
        jdbc.update("delete from payment where id_number = ? and year = ?", ids[0], YEAR);
        jdbc.update("delete from enrollment where id_number = ? and year = ?", ids[0], YEAR);
        jdbc.update("update person set sms_opt_out = (id_number = ?) where id_number = any(?)", ids[4], ids);
        jdbc.update("delete from person_group where id_number = ? and grp = 'STUDENT'", ids[1]);
        // the county's rule set for the year: 400 yuan, 低保 funded in full (the clerk enrols them; no reminder)
        RuleSetFixtures.save(
                ruleSets,
                RuleSetFixtures.county(COUNTY, YEAR, null, Map.of(HardshipCategory.DIBAO, RuleSetFixtures.full())));
        campaign = outreachCampaigns.implementingOnItsTenthDay("leader.outreach", "催缴测试行动", YEAR, COUNTY, FIRST);
    }

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        outreachCampaigns.endCases(campaign);
        jdbc.queryForList(
                        "select process_instance_id from correction_request where campaign_id = ?",
                        String.class,
                        campaign.id())
                .forEach(processes::deleteIfRunning);
        processes.deleteIfRunning(campaign.processInstanceId());
    }

    @Test
    void aHardshipMemberWithAShareLeftIsRemindedOfThatShareFromTheRuleSet() {
        // 分类资助 with a fixed amount: 低保 gets 300 of the 400 yuan, 100 is theirs to pay
        RuleSetFixtures.save(
                ruleSets,
                RuleSetFixtures.county(COUNTY, YEAR, null, Map.of(HardshipCategory.DIBAO, RuleSetFixtures.fixed(300))));
        assertThat(SystemAccess.call(() -> starter.start(campaign.id())))
                .isEqualTo(new OutreachStarter.StartResult(5, 5));
        Map<String, String> bodies = new java.util.HashMap<>();
        jdbc.query(
                "select id_number, body from sms_message where campaign_id = ? and template_key = 'REMINDER_FIRST'",
                rs -> {
                    bodies.put(rs.getString(1), rs.getString(2));
                },
                campaign.id());
        assertThat(bodies.get(ids[2])).contains("100元").doesNotContain("400元");
        assertThat(bodies.get(ids[0])).contains("400元");
        // the figure comes from the assessment the person file shows
        assertThat(SystemAccess.call(() -> policy.assess(ids[2], FIRST.plusDays(9)))
                        .personalShare())
                .isEqualByComparingTo("100");
    }

    @Test
    void aPupilWithoutAPhoneIsRemindedThroughTheGuardianTheSchoolGave() {
        // the education rolls come from another clerk (the move test counts this clerk's changes to the same person)
        String rolls = security.ensureUser("clerk.outreach.rolls", COUNTY, Role.CLERK);
        importer.importAs(
                rolls,
                ExtractKind.STUDENT,
                "outreach-pupil.csv",
                ExtractHeaders.STUDENT + ids[1] + ",李四,桃城中学,高中," + (YEAR - 1) + ",13905960099\n");
        SystemAccess.call(() -> starter.start(campaign.id()));
        assertThat(stage(ids[1])).isEqualTo("REMINDED");
        assertThat(jdbc.queryForObject(
                        "select mobile || ' ' || status from sms_message where campaign_id = ? "
                                + "and id_number = ? and template_key = 'REMINDER_FIRST'",
                        String.class,
                        campaign.id(),
                        ids[1]))
                .isEqualTo("13905960099 QUEUED");
    }

    @Test
    void remindersThenVisitsThenPaymentEndsIt() {
        java.sql.Timestamp before = jdbc.queryForObject("select clock_timestamp()", java.sql.Timestamp.class);
        OutreachStarter.StartResult result = SystemAccess.call(() -> starter.start(campaign.id()));
        assertThat(result).isEqualTo(new OutreachStarter.StartResult(4, 4));
        // the start leaves the engine's runtime tables with fresh statistics: the plans of Camunda's prepared
        // correlation queries follow them (at province scale stale ones cost 1.5 s per payment)
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                "select last_analyze from pg_stat_user_tables "
                                        + "where relname = 'act_ru_event_subscr'",
                                java.sql.Timestamp.class))
                        .isAfterOrEqualTo(before));
        assertThat(jdbc.queryForList(
                        "select id_number || ' ' || kind || ' ' || stage from outreach_case "
                                + "where campaign_id = ? order by id_number",
                        String.class,
                        campaign.id()))
                .containsExactly(
                        ids[0] + " LAPSED REMINDED",
                        ids[1] + " UNINSURED VISIT_DUE",
                        ids[4] + " LAPSED VISIT_DUE",
                        ids[5] + " UNINSURED REMINDED");
        // each instance readable by its case's grid (village without one) and every region above, from the region the
        // start read with the case, not a lookup per instance
        jdbc.queryForList(
                        "select process_instance_id, coalesce(grid_code, village_code) from outreach_case "
                                + "where campaign_id = ? and process_instance_id is not null",
                        campaign.id())
                .forEach(row -> {
                    String region = (String) row.get("coalesce");
                    assertThat(jdbc.queryForList(
                                    "select group_id_ from act_ru_authorization where resource_id_ = ? "
                                            + "and resource_type_ = ?",
                                    String.class,
                                    row.get("process_instance_id"),
                                    org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE.resourceType()))
                            .contains(Role.withinGroup(region), Role.withinGroup(COUNTY))
                            .hasSize(cn.canbao.region.RegionLevel.ofCode(region)
                                            .orElseThrow()
                                            .ordinal()
                                    + 1);
                });
        // the first reminders are in the outbox (the dispatcher sends them later): amount, deadline and the
        // consequence from the policy rules, no name, ID or phone (issue 16); nothing for the resident without a
        // mobile or the one who opted out
        List<Map<String, Object>> texts = jdbc.queryForList(
                "select id_number, template_key, status, body from sms_message "
                        + "where campaign_id = ? order by id_number",
                campaign.id());
        assertThat(texts)
                .extracting(m -> m.get("id_number") + " " + m.get("template_key") + " " + m.get("status"))
                .containsExactly(ids[0] + " REMINDER_FIRST QUEUED", ids[5] + " REMINDER_FIRST QUEUED");
        assertThat((String) texts.get(0).get("body"))
                .contains("400元")
                .contains("12月30日")
                .doesNotContain("王小明")
                .doesNotContain("王*明")
                .doesNotContain("http");
        // started again (the next morning's job): nobody is listed or started twice
        assertThat(SystemAccess.call(() -> starter.start(campaign.id())))
                .isEqualTo(new OutreachStarter.StartResult(0, 0));
        assertThat(runtime.createProcessInstanceQuery()
                        .processDefinitionKey(OutreachProcess.KEY)
                        .variableValueEquals(OutreachProcess.VAR_CAMPAIGN_ID, campaign.id())
                        .count())
                .isEqualTo(4);

        // no mobile / opted out: straight to the grid worker of their grid, not to the other grid's
        assertThat(visitTasks("grid.outreach.1")).hasSize(2);
        assertThat(visitTasks("grid.outreach.2")).isEmpty();

        // a week later the second reminder, another week later the visit
        advance(Duration.ofDays(7).plusMinutes(1), OutreachProcess.KEY);
        assertThat(stage(ids[0])).isEqualTo("REMINDED_AGAIN");
        assertThat(count(
                        "select count(*) from sms_message where campaign_id = ? and id_number = ? "
                                + "and template_key = 'REMINDER_SECOND'",
                        campaign.id(),
                        ids[0]))
                .isEqualTo(1);
        // every text of both kinds: nobody's name (nor its masked form), ID number or mobile
        List<Map<String, Object>> all = jdbc.queryForList(
                "select p.name, p.id_number, p.mobile, m.template_key, m.body "
                        + "from sms_message m join person p on p.id_number = m.id_number where m.campaign_id = ?",
                campaign.id());
        assertThat(all).extracting(m -> m.get("template_key")).contains("REMINDER_FIRST", "REMINDER_SECOND");
        assertThat(all)
                .allSatisfy(m -> assertThat((String) m.get("body"))
                        .doesNotContain((String) m.get("name"))
                        .doesNotContain(((String) m.get("name")).substring(0, 1) + "*")
                        .doesNotContain((String) m.get("id_number"))
                        .doesNotContain((String) m.get("mobile"))
                        .doesNotContain(((String) m.get("id_number")).substring(6, 14)));
        advance(Duration.ofDays(7).plusMinutes(1), OutreachProcess.KEY);
        assertThat(stage(ids[0])).isEqualTo("VISIT_DUE");
        assertThat(visitTasks("grid.outreach.1")).hasSize(3);
        assertThat(visitTasks("grid.outreach.2")).hasSize(1);

        // a promise without a date is refused and records nothing; with a date the visit returns on that day
        InboxTask visit0 = visitTaskOf("grid.outreach.1", ids[0]);
        assertThatThrownBy(() -> complete("grid.outreach.1", visit0, Map.of("method", "HOME", "outcome", "PROMISED")))
                .isInstanceOf(OutreachException.class);
        assertThat(count("select count(*) from visit where id_number = ?", ids[0]))
                .isZero();
        LocalDate promised = today().plusDays(3);
        complete(
                "grid.outreach.1",
                visit0,
                Map.of(
                        "method",
                        "PHONE",
                        "outcome",
                        "PROMISED",
                        "promisedDate",
                        promised.toString(),
                        "note",
                        "发工资后缴",
                        "correctedMobile",
                        "13900139000"));
        assertThat(stage(ids[0])).isEqualTo("PROMISED");
        assertThat(jdbc.queryForObject("select mobile from person where id_number = ?", String.class, ids[0]))
                .isEqualTo("13900139000");
        assertThat(count(
                        "select count(*) from person_change where id_number = ? and field = 'mobile' "
                                + "and changed_by = 'grid.outreach.1'",
                        ids[0]))
                .isEqualTo(1);
        assertThat(visitTaskOrNull("grid.outreach.1", ids[0])).isNull();
        advance(Duration.ofDays(4), OutreachProcess.KEY);
        assertThat(visitTaskOrNull("grid.outreach.1", ids[0])).isNotNull();

        // the payment arrives by the tax extract: the case ends wherever it waits
        importer.importAs(
                clerk,
                ExtractKind.TAX_PAYMENT,
                "outreach-paid.csv",
                ExtractHeaders.TAX_PAYMENT + ids[0] + ",王小明," + YEAR + ",居民," + today() + ",400,OUT-"
                        + System.nanoTime() + "\n");
        assertThat(stage(ids[0])).isEqualTo("ENDED");
        assertThat(jdbc.queryForObject(
                        "select end_reason from outreach_case where campaign_id = ? and id_number = ?",
                        String.class,
                        campaign.id(),
                        ids[0]))
                .isEqualTo("PAYMENT_RECEIVED");
        assertThat(runtime.createProcessInstanceQuery()
                        .processDefinitionKey(OutreachProcess.KEY)
                        .processInstanceBusinessKey(caseId(ids[0]))
                        .count())
                .isZero();

        // refusal with a reason: recorded on the person's file, the case ends
        complete(
                "grid.outreach.1",
                visitTaskOf("grid.outreach.1", ids[4]),
                Map.of("method", "HOME", "outcome", "REFUSED", "reason", "UNWILLING"));
        assertThat(jdbc.queryForObject(
                        "select not_enrolled_reason from person where id_number = ?", String.class, ids[4]))
                .isEqualTo("UNWILLING");
        assertThat(jdbc.queryForObject(
                        "select end_reason from outreach_case where campaign_id = ? and id_number = ?",
                        String.class,
                        campaign.id(),
                        ids[4]))
                .isEqualTo("REFUSED");

        // the resident asks the grid worker for no more texts
        long case5 = Long.parseLong(caseId(ids[5]));
        security.as("grid.outreach.2", () -> outreach.optOut(case5));
        assertThat(jdbc.queryForObject("select sms_opt_out from person where id_number = ?", Boolean.class, ids[5]))
                .isTrue();
        assertThatThrownBy(() -> security.as("grid.outreach.2", () -> outreach.optOut(Long.parseLong(caseId(ids[1])))))
                .isInstanceOf(cn.canbao.base.AccessRefused.class);

        // the grid worker sees their grid's cases only, the county leader all of them
        assertThat(security.as("grid.outreach.2", () -> queries.worklist(campaign.id(), false, 0, 50)))
                .extracting(OutreachCase::name)
                .containsExactly("周八");
        assertThat(security.as("leader.outreach", () -> queries.worklist(campaign.id(), false, 0, 50)))
                .hasSize(4);
        assertThat(security.as("leader.outreach", () -> queries.stageCounts(campaign.id())))
                .containsEntry(OutreachStage.ENDED, 2)
                .containsEntry(OutreachStage.VISIT_DUE, 2);
        assertThat(security.as("grid.outreach.1", () -> queries.worklist(campaign.id(), true, 0, 50)))
                .extracting(OutreachCase::maskedId)
                .allMatch(m -> m.contains("*"));
    }

    @Test
    void theMorningJobStartsOutreachThroughQuartz() throws Exception {
        // the clustered job of every morning (09:00 China time), fired now: the campaign is in its collection period
        scheduler.triggerJob(new JobKey(OutreachJob.Schedule.NAME, "outreach"));
        // (the first resident may have paid in an earlier test of this class: the persons are the same)
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(jdbc.queryForList(
                                "select id_number from outreach_case where campaign_id = ? and process_instance_id is not null",
                                String.class,
                                campaign.id()))
                        .contains(ids[1], ids[4], ids[5])
                        .doesNotContain(ids[2], ids[3]));
        assertThat(runtime.createProcessInstanceQuery()
                        .processDefinitionKey(OutreachProcess.KEY)
                        .variableValueEquals(OutreachProcess.VAR_CAMPAIGN_ID, campaign.id())
                        .count())
                .isEqualTo(count("select count(*) from outreach_case where campaign_id = ?", campaign.id()));

        // the grid worker goes before the first wait is over: the visit task is there at once, for them
        long case5 = Long.parseLong(caseId(ids[5]));
        assertThat(stage(ids[5])).isEqualTo("REMINDED");
        assertThat(visitTaskOrNull("grid.outreach.2", ids[5])).isNull();
        String task = security.as("grid.outreach.2", () -> outreach.visitNow(case5));
        assertThat(visitTaskOf("grid.outreach.2", ids[5]).id()).isEqualTo(task);
        assertThat(stage(ids[5])).isEqualTo("VISIT_DUE");
        assertThat(security.as("grid.outreach.2", () -> outreach.visitNow(case5)))
                .isEqualTo(task);
        assertThatThrownBy(() -> security.as("grid.outreach.1", () -> outreach.visitNow(case5)))
                .isInstanceOf(cn.canbao.base.AccessRefused.class);
    }

    @Test
    void aMoveChangesTheRegisterOnlyOnceAClerkApproves() {
        SystemAccess.call(() -> starter.start(campaign.id()));
        InboxTask visit = visitTaskOf("grid.outreach.1", ids[1]);
        // moved needs evidence
        assertThatThrownBy(() -> complete("grid.outreach.1", visit, Map.of("method", "HOME", "outcome", "MOVED")))
                .isInstanceOf(OutreachException.class);
        complete(
                "grid.outreach.1",
                visit,
                Map.of("method", "HOME", "outcome", "MOVED", "evidence", "邻居证实已举家迁往外省，房屋已出售", "movedTo", ""));
        assertThat(jdbc.queryForObject(
                        "select end_reason from outreach_case where campaign_id = ? and id_number = ?",
                        String.class,
                        campaign.id(),
                        ids[1]))
                .isEqualTo("MOVED");
        assertThat(jdbc.queryForObject("select residence_region from person where id_number = ?", String.class, ids[1]))
                .isEqualTo(VILLAGE_1);

        List<InboxTask> review = security.as(clerk, () -> inbox.open(TaskFilter.ALL)).stream()
                .filter(t -> t.taskDefinitionKey().equals(OutreachProcess.TASK_REVIEW_CORRECTION))
                .toList();
        assertThat(review).hasSize(1);
        // a rejection needs a reason
        assertThatThrownBy(() -> complete(clerk, review.get(0), Map.of("approved", false)))
                .isInstanceOf(OutreachException.class);
        complete(clerk, review.get(0), Map.of("approved", true, "decisionNote", "经村委会核实"));
        assertThat(jdbc.queryForMap(
                        "select residence_region, grid_code, not_enrolled_reason from person " + "where id_number = ?",
                        ids[1]))
                .containsEntry("residence_region", null)
                .containsEntry("grid_code", null)
                .containsEntry("not_enrolled_reason", "WORKS_AWAY");
        assertThat(count("select count(*) from person_change where id_number = ? and changed_by = ?", ids[1], clerk))
                .isEqualTo(3);
        assertThat(jdbc.queryForObject(
                        "select status from correction_request where id_number = ?", String.class, ids[1]))
                .isEqualTo("APPROVED");
    }

    private List<InboxTask> visitTasks(String user) {
        return security.as(user, () -> inbox.open(TaskFilter.ALL)).stream()
                .filter(t -> t.taskDefinitionKey().equals(OutreachProcess.TASK_VISIT))
                .toList();
    }

    private InboxTask visitTaskOrNull(String user, String idNumber) {
        String key = caseId(idNumber);
        return visitTasks(user).stream()
                .filter(t -> key.equals(t.businessKey()))
                .findFirst()
                .orElse(null);
    }

    private InboxTask visitTaskOf(String user, String idNumber) {
        InboxTask task = visitTaskOrNull(user, idNumber);
        assertThat(task).as("visit task of " + idNumber).isNotNull();
        return task;
    }

    private String caseId(String idNumber) {
        return jdbc.queryForObject(
                "select id::text from outreach_case where campaign_id = ? and id_number = ?",
                String.class,
                campaign.id(),
                idNumber);
    }

    private void complete(String user, InboxTask task, Map<String, Object> variables) {
        security.as(user, () -> inbox.complete(task.id(), new HashMap<>(variables)));
    }

    private String stage(String idNumber) {
        return jdbc.queryForObject(
                "select stage from outreach_case where campaign_id = ? and id_number = ?",
                String.class,
                campaign.id(),
                idNumber);
    }

    private int count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }
}
