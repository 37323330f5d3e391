package cn.canbao.bulletin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.ProcessTestBase;
import cn.canbao.base.CanbaoClock;
import cn.canbao.bulletin.export.BulletinExports;
import cn.canbao.bulletin.process.BulletinProcess;
import cn.canbao.cadence.BulletinDue;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.quota.TargetProgress;
import cn.canbao.quota.TargetService;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.ExtractHeaders;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.TestIds;
import cn.canbao.security.AsSystem;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityTestSupport;
import cn.canbao.security.SystemAccess;
import cn.canbao.task.InboxTask;
import cn.canbao.task.TaskFilter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * The cadence calls for a bulletin: the system drafts it from the targets' progress and the reports'
 * timeliness, the county leader reviews and publishes it, every level then reads it (also as PDF);
 * the next bulletin shows the change; a second call for the same day does nothing.
 */
@CanbaoIntegrationTest
@AsSystem
@RecordApplicationEvents
class BulletinIT extends ProcessTestBase {

    // a county of its own (tests run in any order: another test's residents in a demo township would change the
    // targets and coverage this test counts)
    static final String COUNTY = "350580000000";
    static final String AHEAD = "350580105000"; // 吾峰镇: 3 of 4 enrol, then the fourth
    static final String BEHIND = "350580109000"; // 桂洋镇: 2 of 5 enrol
    static final String STILL = "350580101000"; // 桃城镇: 2 registered, nobody enrols
    static final int TOWNSHIPS = 3;
    static final int YEAR = 2049;
    // collection period of 121 days; the first bulletin after 60 of them, the second after 65
    static final LocalDate START = LocalDate.of(YEAR - 1, 9, 1);
    static final LocalDate END = LocalDate.of(YEAR - 1, 12, 30);
    static final LocalDate FIRST = LocalDate.of(YEAR - 1, 10, 30);
    static final LocalDate SECOND = LocalDate.of(YEAR - 1, 11, 4);

    @Autowired
    BulletinService bulletins;

    @Autowired
    TargetService targets;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ApplicationEvents recorded;

    private Campaign campaign;

    /** Other tests count the tasks of demo townships: none of this campaign's processes may outlive the test. */
    @AfterEach
    void deleteProcesses() {
        testCampaigns.endAll(campaign);
    }

    @Test
    void theCountyLeaderPublishesTheDraftedBulletinAndEveryLevelReadsIt() throws Exception {
        ownCounty();
        String leader = security.ensureUser("leader.bulletin.own", COUNTY, Role.COUNTY_LEADER);
        String township = security.ensureUser("township.bulletin.own", BEHIND, Role.TOWNSHIP_LEADER);
        String[] ahead = register(AHEAD, 4, 1);
        String[] behind = register(BEHIND, 5, 21);
        register(STILL, 2, 11);
        campaign = testCampaigns.start(leader, NewCampaign.of("通报测试行动", YEAR, COUNTY, START, END));
        enrol(ahead[0], ahead[1], ahead[2], behind[0], behind[1]);
        awaitEnrolled(AHEAD, 3);
        reports();

        due(FIRST);
        List<Bulletin> drafts = security.as(leader, () -> bulletins.list(campaign.id()));
        assertThat(drafts)
                .hasSize(1)
                .first()
                .extracting(Bulletin::number, Bulletin::status, Bulletin::periodEnd)
                .containsExactly(1, BulletinStatus.DRAFT, FIRST);
        Bulletin first = drafts.get(0);
        List<BulletinRow> rows = bulletins.rows(first.id());
        assertRanked(rows);
        assertThat(row(rows, AHEAD))
                .extracting(
                        BulletinRow::target,
                        BulletinRow::enrolled,
                        BulletinRow::completion,
                        BulletinRow::coverageRate,
                        BulletinRow::expectedCompletion,
                        BulletinRow::band,
                        BulletinRow::previousCompletion)
                .containsExactly(
                        4,
                        3,
                        new BigDecimal("75.00"),
                        new BigDecimal("75.00"),
                        new BigDecimal("49.59"),
                        BulletinBand.GREEN,
                        null);
        assertThat(row(rows, BEHIND))
                .extracting(
                        BulletinRow::target,
                        BulletinRow::enrolled,
                        BulletinRow::completion,
                        BulletinRow::band,
                        BulletinRow::reportsDue,
                        BulletinRow::reportsLate,
                        BulletinRow::reportsMissing)
                .containsExactly(5, 2, new BigDecimal("40.00"), BulletinBand.YELLOW, 3, 1, 1);
        assertThat(row(rows, AHEAD))
                .extracting(BulletinRow::reportsDue, BulletinRow::reportsOnTime)
                .containsExactly(1, 1);
        assertThat(row(rows, AHEAD).rank()).isLessThan(row(rows, BEHIND).rank());
        // the 100% groups as drafted: newborns then hardship, each the county then its townships
        List<cn.canbao.quota.GroupCoverage> groups = bulletins.groupRows(first.id());
        assertThat(groups).hasSize(2 * (1 + TOWNSHIPS));
        assertThat(groups.get(0))
                .extracting(g -> g.group().name(), g -> g.regionCode(), g -> g.year())
                .containsExactly("NEWBORN", COUNTY, YEAR);
        assertThat(groups.get(1 + TOWNSHIPS))
                .extracting(g -> g.group().name(), g -> g.regionCode())
                .containsExactly("HARDSHIP", COUNTY);
        assertThat(groups.subList(1, 1 + TOWNSHIPS))
                .allSatisfy(g -> assertThat(g.regionCode()).endsWith("000").startsWith("350580"));

        // the draft is the county's: the township sees neither the bulletin nor the task
        assertThat(security.as(township, () -> bulletins.list(campaign.id()))).isEmpty();
        assertThatThrownBy(() -> security.as(township, () -> bulletins.get(campaign.id(), 1)))
                .isInstanceOf(BulletinException.class);
        assertThat(http.withBasicAuth(township, SecurityTestSupport.PASSWORD)
                        .getForEntity(api("/1"), String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        assertThat(reviewTasks(township)).isEmpty();

        InboxTask review = reviewTasks(leader).get(0);
        assertThat(review.name()).isEqualTo("审核并发布通报（第1期）");
        assertThat(review.formKey()).isEqualTo("/tasks/review-bulletin");
        assertThat(review.due()).isAfter(java.time.Instant.now());
        assertThat(review.due().atZone(CanbaoClock.DEFAULT_ZONE).toLocalTime()).isEqualTo(java.time.LocalTime.NOON);
        security.as(leader, () -> inbox.complete(review.id(), Map.of(BulletinProcess.VAR_REMARKS, " 桂洋镇须加快进度 ")));

        Bulletin published = security.as(township, () -> bulletins.get(campaign.id(), 1));
        assertThat(published)
                .extracting(Bulletin::status, Bulletin::remarks, Bulletin::publishedBy)
                .containsExactly(BulletinStatus.PUBLISHED, "桂洋镇须加快进度", leader);
        assertThat(recorded.stream(BulletinPublished.class))
                .containsExactly(new BulletinPublished(campaign.id(), first.id()));
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceId(first.processInstanceId())
                        .count())
                .isZero();
        assertPdfAndExcel(township);

        // the same call again does nothing: no second bulletin, no second task
        due(FIRST);
        assertThat(security.as(leader, () -> bulletins.list(campaign.id()))).hasSize(1);
        assertThat(reviewTasks(leader)).isEmpty();

        // five days on: the fourth of 吾峰镇 enrolled; 桂洋镇 stood still and falls below the line
        enrol(ahead[3]);
        awaitEnrolled(AHEAD, 4);
        due(SECOND);
        Bulletin second = security.as(leader, () -> bulletins.get(campaign.id(), 2));
        assertThat(second.status()).isEqualTo(BulletinStatus.DRAFT);
        assertThat(bulletins.previousPublished(second.id())).contains(first.id());
        List<BulletinRow> next = bulletins.rows(second.id());
        assertRanked(next);
        assertThat(row(next, AHEAD))
                .extracting(
                        BulletinRow::completion,
                        BulletinRow::previousCompletion,
                        BulletinRow::change,
                        BulletinRow::changeText,
                        BulletinRow::expectedCompletion)
                .containsExactly(
                        new BigDecimal("100.00"),
                        new BigDecimal("75.00"),
                        new BigDecimal("25.00"),
                        "▲25.00",
                        new BigDecimal("53.72"));
        assertThat(row(next, BEHIND))
                .extracting(
                        BulletinRow::change, BulletinRow::band, BulletinRow::reportsDue, BulletinRow::reportsMissing)
                .containsExactly(new BigDecimal("0.00"), BulletinBand.RED, 1, 1);
        assertThat(reviewTasks(leader)).extracting(InboxTask::name).containsExactly("审核并发布通报（第2期）");
        // an older period after a newer one is ignored too
        due(FIRST.minusDays(5));
        assertThat(security.as(leader, () -> bulletins.list(campaign.id()))).hasSize(2);
    }

    private void assertPdfAndExcel(String user) throws Exception {
        ResponseEntity<byte[]> pdf =
                http.withBasicAuth(user, SecurityTestSupport.PASSWORD).getForEntity(api("/1.pdf"), byte[].class);
        assertThat(pdf.getStatusCode().value()).isEqualTo(200);
        assertThat(pdf.getHeaders().getContentType().toString()).isEqualTo("application/pdf");
        try (var doc = Loader.loadPDF(pdf.getBody())) {
            assertThat(new PDFTextStripper().getText(doc))
                    .contains("通报测试县 · 通报测试行动 · 第1期通报", "桂洋镇", "吾峰镇", "县领导意见：桂洋镇须加快进度");
        }
        ResponseEntity<byte[]> excel =
                http.withBasicAuth(user, SecurityTestSupport.PASSWORD).getForEntity(api("/1.xlsx"), byte[].class);
        assertThat(excel.getStatusCode().value()).isEqualTo(200);
        assertThat(excel.getHeaders().getContentType().toString()).isEqualTo(BulletinExports.XLSX);
        ResponseEntity<String> json =
                http.withBasicAuth(user, SecurityTestSupport.PASSWORD).getForEntity(api(""), String.class);
        assertThat(json.getBody()).contains("\"number\":1", "\"status\":\"PUBLISHED\"");
    }

    private String api(String suffix) {
        return "/api/campaigns/" + campaign.id() + "/bulletins" + suffix;
    }

    private void due(LocalDate periodEnd) {
        SystemAccess.run(() -> events.publishEvent(new BulletinDue(campaign.id(), periodEnd)));
    }

    private List<InboxTask> reviewTasks(String user) {
        return security.as(user, () -> inbox.open(TaskFilter.ALL)).stream()
                .filter(t -> Long.toString(campaign.id()).equals(t.businessKey())
                        && BulletinProcess.TASK_REVIEW.equals(t.taskDefinitionKey()))
                .toList();
    }

    private static void assertRanked(List<BulletinRow> rows) {
        assertThat(rows).hasSize(TOWNSHIPS);
        assertThat(rows)
                .extracting(BulletinRow::rank)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, TOWNSHIPS)
                        .boxed()
                        .toList());
        assertThat(rows).extracting(BulletinRow::completion).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    private static BulletinRow row(List<BulletinRow> rows, String code) {
        return rows.stream()
                .filter(r -> r.townshipCode().equals(code))
                .findFirst()
                .orElseThrow();
    }

    /** 通报测试县 under the demo city: three townships of one village each. */
    private void ownCounty() {
        List<cn.canbao.region.NewRegion> list = new java.util.ArrayList<>(List.of(
                cn.canbao.region.NewRegion.region(COUNTY, "通报测试县", RegionLevel.COUNTY, "350500000000", null, true)));
        Map<String, String> names = Map.of(AHEAD, "吾峰镇", BEHIND, "桂洋镇", STILL, "桃城镇");
        names.forEach((code, name) -> {
            list.add(cn.canbao.region.NewRegion.region(code, name, RegionLevel.TOWNSHIP, COUNTY, null, true));
            list.add(cn.canbao.region.NewRegion.region(
                    code.substring(0, 9) + "001", name.charAt(0) + "一村", RegionLevel.VILLAGE, code, null, true));
        });
        SystemAccess.run(() -> regions.createMissing(list));
    }

    /** Registers people in the township's first village (not insured in any year yet); returns their ID numbers. */
    private String[] register(String townshipCode, int count, int firstDay) {
        security.ensureUser("clerk.bulletin.own", COUNTY, Role.CLERK);
        String village = SystemAccess.call(() -> regions.descendantsAtLevel(townshipCode, RegionLevel.VILLAGE)
                        .get(0))
                .code();
        String[] ids = new String[count];
        StringBuilder csv = new StringBuilder(ExtractHeaders.POLICE_BASIC);
        for (int i = 0; i < count; i++) {
            ids[i] = TestIds.id("350580", LocalDate.of(1949, 10, firstDay + i), 948);
            csv.append(ids[i])
                    .append(",通报")
                    .append(firstDay + i)
                    .append(",在册,2000-01-01,")
                    .append(village)
                    .append('\n');
        }
        importer.importAs(
                "clerk.bulletin.own",
                ExtractKind.POLICE_HOUSEHOLD,
                "bulletin-" + townshipCode + ".csv",
                csv.toString());
        return ids;
    }

    private void enrol(String... ids) {
        StringBuilder csv = new StringBuilder(ExtractHeaders.INSURANCE);
        for (String id : ids) {
            csv.append(id).append(",参保人,").append(YEAR).append(",居民,本地\n");
        }
        importer.importAs("clerk.bulletin.own", ExtractKind.INSURANCE_STATUS, "bulletin-enrol.csv", csv.toString());
    }

    private void awaitEnrolled(String townshipCode, int enrolled) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> SystemAccess.call(() -> targets.progress(campaign.id(), COUNTY)).stream()
                                .filter(p -> p.regionCode().equals(townshipCode))
                                .mapToInt(TargetProgress::enrolled)
                                .sum()
                        == enrolled);
    }

    /** Village summaries: 桂洋镇 on time, late, missing (and one missing in the next period); 吾峰镇 on time. */
    private void reports() {
        String sql =
                "insert into village_summary (campaign_id, village_code, township_code, report_date, since, until, "
                        + "new_enrollments, new_payments, reasons_recorded, enrolled_to_date, target, due_at, confirmed_at) "
                        + "values (?, ?, ?, ?::date, now(), now(), 0, 0, 0, 0, 0, ?::timestamptz, ?::timestamptz)";
        String behind = BEHIND.substring(0, 9) + "001";
        String ahead = AHEAD.substring(0, 9) + "001";
        jdbc.update(sql, campaign.id(), behind, BEHIND, "2048-10-10", "2048-10-11 09:00+08", "2048-10-11 08:00+08");
        jdbc.update(sql, campaign.id(), behind, BEHIND, "2048-10-11", "2048-10-12 09:00+08", "2048-10-12 15:00+08");
        jdbc.update(sql, campaign.id(), behind, BEHIND, "2048-10-12", "2048-10-13 09:00+08", null);
        jdbc.update(sql, campaign.id(), behind, BEHIND, "2048-11-02", "2048-11-03 09:00+08", null);
        jdbc.update(sql, campaign.id(), ahead, AHEAD, "2048-10-10", "2048-10-11 09:00+08", "2048-10-11 07:30+08");
    }
}
