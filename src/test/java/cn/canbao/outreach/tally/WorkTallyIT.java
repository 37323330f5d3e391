package cn.canbao.outreach.tally;

import static cn.canbao.outreach.OutreachTestCounty.COUNTY;
import static cn.canbao.outreach.OutreachTestCounty.GRID_1;
import static cn.canbao.outreach.OutreachTestCounty.GRID_2;
import static cn.canbao.outreach.OutreachTestCounty.TOWNSHIP;
import static cn.canbao.outreach.OutreachTestCounty.VILLAGE_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.base.CanbaoClock;
import cn.canbao.outreach.OutreachException;
import cn.canbao.outreach.OutreachTestCounty;
import cn.canbao.register.TestIds;
import cn.canbao.security.Role;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * March 2063 seeded by hand, with rows just outside the month (China time) and outside the rules, and counted
 * by hand: worker 1 made 7 visits, 2 residents enrolled after their visit, 2 corrections approved; worker 2 made
 * 1 visit and was the last visitor before 1 enrollment.
 */
@CanbaoIntegrationTest
class WorkTallyIT extends IntegrationTestBase {

    static final int YEAR = 2063;
    static final YearMonth MARCH = YearMonth.of(2063, 3);

    @Autowired
    OutreachTestCounty county;

    @Autowired
    WorkTallyService tally;

    @Autowired
    org.springframework.context.MessageSource messages;

    @Test
    void theTallyMatchesAMonthCountedByHand() throws Exception {
        county.ensure();
        String w1 = security.ensureUser("grid.tally.1", GRID_1, Role.GRID_WORKER);
        String w2 = security.ensureUser("grid.tally.2", GRID_2, Role.GRID_WORKER);
        String leader = security.ensureUser("township.tally", TOWNSHIP, Role.TOWNSHIP_LEADER);
        String countyLeader = security.ensureUser("county.tally", COUNTY, Role.COUNTY_LEADER);
        long campaign = jdbc.queryForObject(
                "insert into campaign (name, year, county_code, collection_start, "
                        + "collection_end, coverage_goal, created_by) values ('工作量测试行动', ?, ?, '2062-09-01', '2063-06-30', "
                        + "95, 'test') returning id",
                Long.class,
                YEAR,
                COUNTY);
        String[] p = new String[9];
        for (int i = 1; i < p.length; i++) {
            p[i] = TestIds.id("350594", LocalDate.of(1990, 1, i), 701 + 2 * i);
        }
        visit(campaign, p[7], w1, "2063-03-01T00:30"); // first minutes of March in China time
        visit(campaign, p[1], w1, "2063-03-15T10:00");
        visit(campaign, p[2], w1, "2063-02-28T23:30"); // February: not a March visit, but credited below
        visit(campaign, p[3], w1, "2063-03-10T10:00");
        visit(campaign, p[3], w2, "2063-03-12T10:00"); // worker 2 is P3's last visitor
        visit(campaign, p[4], w1, "2063-03-15T11:00");
        visit(campaign, p[5], w1, "2063-03-16T10:00");
        visit(campaign, p[6], w1, "2063-03-06T10:00");
        visit(campaign, p[8], w1, "2063-03-31T23:30");
        visit(campaign, p[8], w1, "2063-04-01T00:10"); // April
        enrolled(p[1], YEAR, "2063-03-20T09:00"); // → worker 1
        enrolled(p[2], YEAR, "2063-03-02T09:00"); // → worker 1 (visited in February)
        enrolled(p[3], YEAR, "2063-03-14T09:00"); // → worker 2
        enrolled(p[4], YEAR, "2063-04-02T09:00"); // April: not March
        enrolled(p[5], YEAR - 1, "2063-03-20T09:00"); // another year's enrollment: not this campaign's
        enrolled(p[6], YEAR, "2063-03-05T09:00"); // before the visit: not after one
        correction(p[1], w1, "APPROVED", "2063-03-03T10:00");
        correction(p[2], w1, "APPROVED", "2063-03-31T23:00");
        correction(p[3], w1, "APPROVED", "2063-04-01T09:00"); // April
        correction(p[4], w1, "REJECTED", "2063-03-10T10:00");

        security.as(
                countyLeader,
                () -> tally.saveTiers(
                        COUNTY,
                        List.of(
                                new WorkTier(1, "基础档", 0, 0, BigDecimal.ZERO),
                                new WorkTier(2, "良好档", 2, 5, new BigDecimal("10.00")),
                                new WorkTier(3, "优秀档", 5, 10, new BigDecimal("20.00")))));
        List<WorkTally> rows = security.as(leader, () -> tally.tally(TOWNSHIP, MARCH)).stream()
                .filter(t -> t.username().startsWith("grid.tally."))
                .toList();
        assertThat(rows)
                .containsExactly(
                        new WorkTally(w1, "测试 " + w1, GRID_1, "丙一村第一网格", 7, 2, 2, "良好档", new BigDecimal("20.00")),
                        new WorkTally(w2, "测试 " + w2, GRID_2, "丙二村第一网格", 1, 1, 0, "基础档", new BigDecimal("0.00")));
        // a village cadre sees their village's workers only; a grid worker cannot see another grid
        String cadre = security.ensureUser("cadre.tally", VILLAGE_1, Role.VILLAGE_CADRE);
        assertThat(security.as(cadre, () -> tally.tally(VILLAGE_1, MARCH)))
                .extracting(WorkTally::username)
                .doesNotContain(w2)
                .contains(w1);
        assertThatThrownBy(() -> security.as(w2, () -> tally.tally(GRID_1, MARCH)))
                .isInstanceOf(RuntimeException.class);

        // tiers out of order are refused and the old ones stay
        assertThatThrownBy(() -> security.as(
                        countyLeader,
                        () -> tally.saveTiers(
                                COUNTY,
                                List.of(
                                        new WorkTier(1, "基础档", 5, 5, BigDecimal.ZERO),
                                        new WorkTier(2, "低档", 1, 1, BigDecimal.ONE)))))
                .isInstanceOf(OutreachException.class);
        assertThat(security.as(countyLeader, () -> tally.tiers(COUNTY)))
                .extracting(WorkTier::name)
                .containsExactly("基础档", "良好档", "优秀档");
        assertThatThrownBy(() -> security.as(
                        leader,
                        () -> tally.saveTiers(TOWNSHIP, List.of(new WorkTier(1, "基础档", 0, 0, BigDecimal.ZERO)))))
                .isInstanceOf(OutreachException.class);

        // the Excel export carries the same figures
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WorkTallyWorkbook.write(
                "网格员工作量 2063-03",
                rows,
                key -> messages.getMessage(key, null, java.util.Locale.SIMPLIFIED_CHINESE),
                out);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(1).getCell(5).getStringCellValue()).isEqualTo("走访后参保人数");
            assertThat(sheet.getRow(2).getCell(3).getStringCellValue()).isEqualTo(w1);
            assertThat(sheet.getRow(2).getCell(4).getNumericCellValue()).isEqualTo(7);
            assertThat(sheet.getRow(2).getCell(5).getNumericCellValue()).isEqualTo(2);
            assertThat(sheet.getRow(2).getCell(8).getNumericCellValue()).isEqualTo(20.0);
        }
    }

    private static Timestamp at(String localChina) {
        return Timestamp.from(
                LocalDateTime.parse(localChina).atZone(CanbaoClock.DEFAULT_ZONE).toInstant());
    }

    private void visit(long campaign, String id, String worker, String when) {
        jdbc.update(
                "insert into visit (campaign_id, id_number, village_code, grid_code, visited_by, visited_at, method, "
                        + "outcome) values (?, ?, ?, ?, ?, ?, 'HOME', 'REFUSED')",
                campaign,
                id,
                VILLAGE_1,
                GRID_1,
                worker,
                at(when));
    }

    private void enrolled(String id, int year, String when) {
        jdbc.update(
                "insert into person_change (id_number, field, old_value, new_value, changed_at, changed_by) "
                        + "values (?, 'enrollment', null, ?, ?, 'import')",
                id,
                year + " RESIDENT LOCAL",
                at(when));
    }

    private void correction(String id, String worker, String status, String decided) {
        jdbc.update(
                "insert into correction_request (id_number, kind, evidence, status, requested_by, decided_by, "
                        + "decided_at) values (?, 'MOVED', '邻居证实', ?, ?, 'clerk', ?)",
                id,
                status,
                worker,
                at(decided));
    }
}
