package cn.canbao.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.campaign.Campaign;
import cn.canbao.outreach.jobs.OutreachStartJobs;
import cn.canbao.outreach.process.OutreachProcess;
import cn.canbao.policy.PolicyService;
import cn.canbao.policy.RuleSetFixtures;
import cn.canbao.policy.RuleSetService;
import cn.canbao.region.TestCounty;
import cn.canbao.register.ExtractHeaders;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportRun;
import cn.canbao.register.TestIds;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import cn.canbao.task.InboxTask;
import cn.canbao.task.TaskFilter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Outreach per household (issue 16: "Visits and reminders are planned per household (户): one visit covers all
 * uninsured members, one SMS to the household contact lists the members still to pay"). A household of four in a
 * county of its own — the head insured with a phone, the spouse lapsed, a son and a daughter never insured — and a
 * household of one: one process and one text for the four's three members, listed by relation with the sum of
 * their shares; one visit recording each member's outcome; payments closing members one by one.
 */
@CanbaoIntegrationTest
class HouseholdVisitIT extends OutreachTestBase {

    static final TestCounty AREA = new TestCounty("350595");
    static final String COUNTY = AREA.code();
    static final String VILLAGE = AREA.village(1, 1);
    static final String GRID = AREA.grid(1, 1);
    static final int YEAR = 2063;
    static final LocalDate FIRST = LocalDate.of(2062, 10, 1);
    static final String WORKER = "grid.household";

    @Autowired
    org.springframework.context.MessageSource messages;

    @Autowired
    RuleSetService ruleSets;

    @Autowired
    PolicyService policy;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    private Campaign campaign;
    private String clerk;
    private String head;
    private String spouse;
    private String son;
    private String daughter;
    private String alone;
    private ImportRun police;

    @BeforeEach
    void households() {
        AREA.create(regions, "按户测试县", new TestCounty.Township("丁镇", "丁一村"));
        clerk = security.ensureUser("clerk.household", COUNTY, Role.CLERK);
        security.ensureUser(WORKER, GRID, Role.GRID_WORKER);
        security.ensureUser("leader.household", COUNTY, Role.COUNTY_LEADER);
        // ID numbers in birth order, so the members list in a known order (head first, then by case)
        head = TestIds.id("350595", LocalDate.of(1970, 5, 1), 11);
        spouse = TestIds.id("350595", LocalDate.of(1972, 6, 2), 22);
        son = TestIds.id("350595", LocalDate.of(1996, 7, 3), 31);
        daughter = TestIds.id("350595", LocalDate.of(1999, 8, 4), 42);
        alone = TestIds.id("350595", LocalDate.of(1980, 9, 5), 51);
        String row = "," + VILLAGE + "," + VILLAGE + "," + GRID + ",";
        // 与户主关系 as words or as GB/T 4761 codes (10 配偶, 22 长子 → category 子); one 户号 that is not one
        police = importer.importAs(
                clerk,
                ExtractKind.POLICE_HOUSEHOLD,
                "household-people.csv",
                "身份证号,姓名,变动类型,变动日期,户籍地区划,常住地区划,网格编码,手机号,户号,与户主关系\n"
                        + head + ",王大,在册,2000-01-01" + row + "13800135001,H0001,户主\n"
                        + spouse + ",李二,在册,2000-01-01" + row + ",H0001,10\n"
                        + son + ",王三,在册,2000-01-01" + row + ",H0001,22\n"
                        + daughter + ",王四,在册,2000-01-01" + row + "13800135004,H0001,长女\n"
                        + alone + ",赵五,在册,2000-01-01" + row + "13800135005,H0002,户主\n"
                        + TestIds.id("350595", LocalDate.of(1981, 1, 1), 61) + ",钱六,在册,2000-01-01" + row
                        + ",户/0003,户主\n");
        importer.importAs(
                clerk,
                ExtractKind.INSURANCE_STATUS,
                "household-insured.csv",
                ExtractHeaders.INSURANCE + head + ",王大," + YEAR + ",居民,本地\n" + spouse + ",李二," + (YEAR - 1) + ",居民,本地\n"
                        + alone + ",赵五," + (YEAR - 1) + ",居民,本地\n");
        jdbc.update(
                "delete from payment where id_number = any(?) and year = ?",
                new String[] {spouse, son, daughter},
                YEAR);
        jdbc.update(
                "delete from enrollment where id_number = any(?) and year = ?",
                new String[] {spouse, son, daughter},
                YEAR);
        RuleSetFixtures.save(ruleSets, RuleSetFixtures.county(COUNTY, YEAR, null, Map.of()));
        campaign = outreachCampaigns.implementingOnItsTenthDay("leader.household", "按户催缴测试", YEAR, COUNTY, FIRST);
    }

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        outreachCampaigns.end(campaign);
    }

    @Test
    void thePoliceExtractGivesTheHouseholdAndTheRelationWordsOrCodes() {
        assertThat(police.rowsRejected()).isEqualTo(1);
        assertThat(jdbc.queryForList(
                        "select household_number || ' ' || household_relation from person "
                                + "where id_number = any(?) order by id_number",
                        String.class,
                        (Object) new String[] {head, spouse, son, daughter, alone}))
                .containsExactly("H0001 户主", "H0001 配偶", "H0002 户主", "H0001 子", "H0001 长女");
        assertThat(jdbc.queryForObject(
                        "select count(*) from import_reject where import_id = ? "
                                + "and reason_key = 'register.reject.householdNumber'",
                        Integer.class,
                        police.id()))
                .isEqualTo(1);
    }

    @Test
    void oneTextToTheHeadListsTheMembersByRelationAndTheSumOfTheirShares() {
        assertThat(SystemAccess.call(() -> starter.start(campaign.id())))
                .isEqualTo(new OutreachStarter.StartResult(4, 2));
        long lead = caseOf(spouse);
        assertThat(jdbc.queryForList(
                        "select id_number || ' ' || coalesce(lead_case_id::text, '-') from outreach_case "
                                + "where campaign_id = ? order by id_number",
                        String.class,
                        campaign.id()))
                .containsExactly(spouse + " -", alone + " -", son + " " + lead, daughter + " " + lead);

        List<Map<String, Object>> texts = jdbc.queryForList(
                "select id_number, mobile, template_key, body "
                        + "from sms_message where campaign_id = ? order by id_number",
                campaign.id());
        assertThat(texts)
                .extracting(m -> m.get("id_number") + " " + m.get("mobile") + " " + m.get("template_key"))
                .containsExactly(head + " 13800135001 HOUSEHOLD_FIRST", alone + " 13800135005 REMINDER_FIRST");
        // the sum of the three members' shares, each as the person file's assessment states it
        BigDecimal sum = SystemAccess.call(() -> List.of(spouse, son, daughter).stream()
                .map(id -> policy.reminder(id, FIRST.plusDays(9)).amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(sum).isEqualByComparingTo("1200");
        String body = (String) texts.get(0).get("body");
        assertThat(body)
                .contains("您家中配偶、子、长女共3人尚未缴纳")
                .contains("合计" + sum.stripTrailingZeros().toPlainString() + "元");
        for (String name : List.of("王大", "李二", "王三", "王四", "王*", "李*")) {
            assertThat(body).doesNotContain(name);
        }
        assertThat((String) texts.get(1).get("body")).contains("个人缴费400元");
        assertThat(outreachInstancesOf(lead)).isEqualTo(1);
        assertThat(casesOfTheMembers("stage")).containsOnly("REMINDED");
    }

    @Test
    void theFirstTextsReadForTheWholeBatchAreTheOnesEachProcessStepWritesAlone() {
        SystemAccess.call(() -> starter.start(campaign.id()));
        Map<String, String> batched = bodies();
        assertThat(batched).hasSize(2);
        // the same step again, each household alone (no batch read open): word for word the same texts
        jdbc.update("delete from sms_message where campaign_id = ?", campaign.id());
        for (long lead : List.of(caseOf(spouse), caseOf(alone))) {
            SystemAccess.run(() -> outreach.remind(lead, OutreachProcess.TEMPLATE_FIRST));
        }
        assertThat(bodies()).isEqualTo(batched);
    }

    @Test
    void theStartsQueuedJobsStartTheHouseholdsAndTheCallerStartsNothingTwice() {
        List<OutreachStarter.StartProgress> seen = new java.util.ArrayList<>();
        List<String> queued = new java.util.ArrayList<>();
        OutreachStarter.StartResult result = SystemAccess.call(() -> starter.start(campaign.id(), p -> {
            seen.add(p);
            if (seen.size() == 1) {
                // before the calling thread starts anything: the queued jobs run, as another node's executor runs them
                queued.addAll(startJobs());
                queued.forEach(management::executeJob);
                assertThat(jdbc.queryForObject(
                                "select count(*) from outreach_case where campaign_id = ? "
                                        + "and lead_case_id is null and process_instance_id is not null",
                                Integer.class,
                                campaign.id()))
                        .as("the jobs started both households")
                        .isEqualTo(2);
            }
        }));
        assertThat(queued).as("one job per range of batch-size cases").hasSize(1);
        assertThat(result).isEqualTo(new OutreachStarter.StartResult(4, 2));
        assertThat(seen.get(0)).isEqualTo(new OutreachStarter.StartProgress(2, 0));
        assertThat(seen.get(seen.size() - 1)).isEqualTo(new OutreachStarter.StartProgress(2, 2));
        assertThat(outreachInstances()).isEqualTo(2);
        assertThat(jdbc.queryForObject(
                        "select count(*) from sms_message where campaign_id = ?", Integer.class, campaign.id()))
                .isEqualTo(2);
        assertThat(startJobs()).isEmpty();
        // retried: nothing new is listed, started or queued
        assertThat(SystemAccess.call(() -> starter.start(campaign.id())))
                .isEqualTo(new OutreachStarter.StartResult(0, 0));
        assertThat(startJobs()).isEmpty();
        assertThat(outreachInstances()).isEqualTo(2);
    }

    @Test
    void aRangeAnotherNodeHeldAndLostIsStartedByTheCallerOnceItRollsBack() throws Exception {
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger heldRows = new java.util.concurrent.atomic.AtomicInteger();
        org.springframework.transaction.support.TransactionTemplate other =
                new org.springframework.transaction.support.TransactionTemplate(transactions);
        Thread node = new Thread(() -> other.executeWithoutResult(s -> {
            // another node claims the range as a start job does, then dies before it commits
            heldRows.set(jdbc.queryForList(
                            "select id from outreach_case where campaign_id = ? "
                                    + "and process_instance_id is null and lead_case_id is null for update",
                            Long.class,
                            campaign.id())
                    .size());
            held.countDown();
            try {
                assertThat(release.await(60, java.util.concurrent.TimeUnit.SECONDS))
                        .isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            s.setRollbackOnly();
        }));
        List<OutreachStarter.StartProgress> seen = new java.util.ArrayList<>();
        OutreachStarter.StartResult result = SystemAccess.call(() -> starter.start(campaign.id(), p -> {
            seen.add(p);
            if (seen.size() == 1) {
                node.start();
                await(held);
                // the calling thread's first pass skips the held range, its second pass waits for it: once it waits on
                // the held rows, the other node dies (rolls back)
                new Thread(() -> {
                            org.awaitility.Awaitility.await()
                                    .atMost(Duration.ofSeconds(30))
                                    .until(() -> jdbc.queryForObject(
                                                    "select count(*) from pg_stat_activity where datname = current_database() "
                                                            + "and wait_event_type = 'Lock'",
                                                    Integer.class)
                                            > 0);
                            release.countDown();
                        })
                        .start();
            }
        }));
        node.join();
        assertThat(heldRows.get()).isEqualTo(2);
        assertThat(result).isEqualTo(new OutreachStarter.StartResult(4, 2));
        assertThat(outreachInstances()).isEqualTo(2);
        assertThat(jdbc.queryForObject(
                        "select count(*) from outreach_case where campaign_id = ? "
                                + "and lead_case_id is null and process_instance_id is null",
                        Integer.class,
                        campaign.id()))
                .isZero();
    }

    @Test
    void onlyTheSystemRunsAQueuedRange() {
        SystemAccess.call(() -> starter.start(campaign.id(), p -> {
            if (p.started() == 0) {
                // listed and queued, nothing started yet: a grid worker or the county leader tries to run the range
                long lead = caseOf(spouse);
                assertThatThrownBy(() -> security.as(WORKER, () -> starter.startQueuedRange(campaign.id(), lead, lead)))
                        .isInstanceOf(cn.canbao.base.AccessRefused.class);
                assertThatThrownBy(() -> security.as(
                                "leader.household", () -> starter.startQueuedRange(campaign.id(), 0, Long.MAX_VALUE)))
                        .isInstanceOf(cn.canbao.base.AccessRefused.class);
                assertThat(jdbc.queryForObject(
                                "select count(*) from outreach_case where campaign_id = ? "
                                        + "and process_instance_id is not null",
                                Integer.class,
                                campaign.id()))
                        .isZero();
            }
        }));
        assertThat(jdbc.queryForObject(
                        "select count(*) from outreach_case where campaign_id = ? "
                                + "and process_instance_id is not null",
                        Integer.class,
                        campaign.id()))
                .isEqualTo(2);
    }

    private List<String> startJobs() {
        return jdbc.queryForList(
                "select id_ from act_ru_job where handler_type_ = ? and handler_cfg_ like ?",
                String.class,
                OutreachStartJobs.TYPE,
                campaign.id() + ":%");
    }

    private Map<String, String> bodies() {
        Map<String, String> bodies = new HashMap<>();
        jdbc.queryForList("select dedup_key, body from sms_message where campaign_id = ?", campaign.id())
                .forEach(m -> bodies.put((String) m.get("dedup_key"), (String) m.get("body")));
        return bodies;
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            assertThat(latch.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void oneVisitRecordsEachMembersOutcomeAndComesBackOnTheEarliestPromise() {
        SystemAccess.call(() -> starter.start(campaign.id()));
        long lead = caseOf(spouse);
        String task = security.as(WORKER, () -> outreach.visitNow(lead));
        // the visit form's list: the three members by relation, the lead first
        assertThat(security.as(WORKER, () -> queries.household(lead)))
                .extracting(OutreachQueries.HouseholdMember::relation)
                .containsExactly("配偶", "子", "长女");
        assertThat(taskTitle(task)).contains("李*等3人");
        LocalDate promised = today().plusDays(5);
        complete(
                task,
                Map.of(
                        "method",
                        "HOME",
                        "outcome",
                        "REFUSED",
                        "reason",
                        "UNWILLING",
                        "promisedDate",
                        promised.toString(),
                        OutreachProcess.VAR_MEMBER_OUTCOMES,
                        caseOf(son) + ":PROMISED;" + caseOf(daughter) + ":UNREACHABLE"));
        assertThat(jdbc.queryForList(
                        "select id_number || ' ' || outcome from visit where campaign_id = ? " + "order by id_number",
                        String.class,
                        campaign.id()))
                .containsExactly(spouse + " REFUSED", son + " PROMISED", daughter + " UNREACHABLE");
        assertThat(caseState(spouse)).isEqualTo("ENDED REFUSED");
        assertThat(caseState(daughter)).isEqualTo("ENDED UNREACHABLE");
        assertThat(caseState(son)).isEqualTo("PROMISED -");
        // the household's process waits for the son's promised day, then visits him alone
        assertThat(openVisitTask(lead)).isNull();
        advance(Duration.ofDays(6), OutreachProcess.KEY);
        String again = openVisitTask(lead);
        assertThat(again).isNotNull();
        assertThat(security.as(WORKER, () -> queries.household(lead)))
                .extracting(OutreachQueries.HouseholdMember::caseId)
                .containsExactly(caseOf(son));
        // his payment ends the process: the last open member paid
        pay(son);
        assertThat(caseState(son)).isEqualTo("ENDED PAYMENT_RECEIVED");
        assertThat(outreachInstancesOf(lead)).isZero();
    }

    @Test
    void aMemberWhoPaysLeavesTheHouseholdsProcessAndItsNextText() {
        SystemAccess.call(() -> starter.start(campaign.id()));
        long lead = caseOf(spouse);
        pay(daughter);
        assertThat(caseState(daughter)).isEqualTo("ENDED PAYMENT_RECEIVED");
        assertThat(outreachInstancesOf(lead)).isEqualTo(1);
        advance(Duration.ofDays(7).plusMinutes(1), OutreachProcess.KEY);
        String second = jdbc.queryForObject(
                "select body from sms_message where campaign_id = ? " + "and template_key = 'HOUSEHOLD_SECOND'",
                String.class,
                campaign.id());
        assertThat(second).contains("您家中配偶、子共2人尚未缴费").contains("合计800元");
        assertThat(caseState(spouse)).isEqualTo("REMINDED_AGAIN -");
        assertThat(caseState(daughter)).isEqualTo("ENDED PAYMENT_RECEIVED");
        pay(spouse);
        assertThat(outreachInstancesOf(lead)).isEqualTo(1);
        pay(son);
        assertThat(outreachInstancesOf(lead)).isZero();
        assertThat(casesOfTheMembers("end_reason")).containsOnly("PAYMENT_RECEIVED");
    }

    @Test
    void aMemberOutcomeForACaseOfAnotherHouseholdIsRefusedAndNothingIsRecorded() {
        SystemAccess.call(() -> starter.start(campaign.id()));
        long lead = caseOf(spouse);
        long other = caseOf(alone);
        String task = security.as(WORKER, () -> outreach.visitNow(lead));
        // the attack: the household's visit names another household's case to close it as paid
        assertThatThrownBy(() -> complete(
                        task,
                        Map.of(
                                "method",
                                "HOME",
                                "outcome",
                                "REFUSED",
                                OutreachProcess.VAR_MEMBER_OUTCOMES,
                                other + ":PAID")))
                .isInstanceOf(OutreachException.class)
                .hasMessageContaining("outreach.error.notOfHousehold");
        assertThat(jdbc.queryForObject(
                        "select count(*) from visit where campaign_id = ?", Integer.class, campaign.id()))
                .isZero();
        assertThat(caseState(alone)).isEqualTo("REMINDED -");
        assertThat(caseState(spouse)).isEqualTo("VISIT_DUE -");
        assertThat(openVisitTask(lead)).isEqualTo(task);
    }

    private void pay(String idNumber) {
        String name = jdbc.queryForObject("select name from person where id_number = ?", String.class, idNumber);
        importer.importAs(
                clerk,
                ExtractKind.TAX_PAYMENT,
                "household-paid.csv",
                ExtractHeaders.TAX_PAYMENT + idNumber + "," + name + "," + YEAR + ",居民," + today() + ",400,HH-"
                        + System.nanoTime() + "\n");
    }

    private long caseOf(String idNumber) {
        return outreachCampaigns.caseOf(campaign, idNumber);
    }

    /** That column of the cases of the three members due this year (spouse, son, daughter). */
    private List<String> casesOfTheMembers(String column) {
        return jdbc.queryForList(
                "select " + column + " from outreach_case where campaign_id = ? and id_number = any(?)",
                String.class,
                campaign.id(),
                new String[] {spouse, son, daughter});
    }

    private String caseState(String idNumber) {
        return jdbc.queryForObject(
                "select stage || ' ' || coalesce(end_reason, '-') from outreach_case "
                        + "where campaign_id = ? and id_number = ?",
                String.class,
                campaign.id(),
                idNumber);
    }

    /** The task card's line as a Chinese reader sees it (stored as a message, shown in the reader's language). */
    private String taskTitle(String taskId) {
        String instance =
                jdbc.queryForObject("select proc_inst_id_ from act_ru_task where id_ = ?", String.class, taskId);
        String stored = (String) runtime.getVariable(instance, OutreachProcess.VAR_REGION_NAME);
        return cn.canbao.base.StoredMessage.parse(stored)
                .map(m -> messages.getMessage(m.messageKey(), m.args(), java.util.Locale.SIMPLIFIED_CHINESE))
                .orElse(stored);
    }

    private String openVisitTask(long leadCase) {
        return security.as(WORKER, () -> inbox.open(TaskFilter.ALL)).stream()
                .filter(t -> t.taskDefinitionKey().equals(OutreachProcess.TASK_VISIT)
                        && Long.toString(leadCase).equals(t.businessKey()))
                .map(InboxTask::id)
                .findFirst()
                .orElse(null);
    }

    private void complete(String taskId, Map<String, Object> variables) {
        security.as(WORKER, () -> inbox.complete(taskId, new HashMap<>(variables)));
    }

    /** The outreach processes running for the campaign. */
    private long outreachInstances() {
        return runtime.createProcessInstanceQuery()
                .processDefinitionKey(OutreachProcess.KEY)
                .variableValueEquals(OutreachProcess.VAR_CAMPAIGN_ID, campaign.id())
                .count();
    }

    /** The outreach processes of one case (its id is the business key). */
    private long outreachInstancesOf(long lead) {
        return runtime.createProcessInstanceQuery()
                .processDefinitionKey(OutreachProcess.KEY)
                .processInstanceBusinessKey(Long.toString(lead))
                .count();
    }
}
