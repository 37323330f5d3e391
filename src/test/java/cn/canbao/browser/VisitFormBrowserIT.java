package cn.canbao.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.base.CanbaoClock;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.outreach.OutreachCampaigns;
import cn.canbao.outreach.OutreachStarter;
import cn.canbao.region.GridKind;
import cn.canbao.region.NewRegion;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportTestSupport;
import cn.canbao.register.TestIds;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A grid worker on a phone: opens 催缴走访, sees the residents of their grid in outreach (ID and phone masked),
 * taps the one whose visit is due, records "unreachable" with a note, and is back at the list with that case closed.
 */
@CanbaoIntegrationTest
class VisitFormBrowserIT extends BrowserTestBase {

    static final String COUNTY = "350596000000";
    static final String TOWNSHIP = "350596101000";
    static final String VILLAGE = "350596101001";
    static final String GRID = VILLAGE + "001";

    @Autowired
    OutreachCampaigns outreachCampaigns;

    @Autowired
    ImportTestSupport importer;

    @Autowired
    OutreachStarter starter;

    private Campaign campaign;

    @AfterEach
    void cleanUp() {
        outreachCampaigns.end(campaign);
    }

    @Test
    void aGridWorkerRecordsAVisitOnAPhone() throws Exception {
        SystemAccess.run(() -> regions.createMissing(List.of(
                NewRegion.region(COUNTY, "走访测试县", RegionLevel.COUNTY, "350500000000", null, true),
                NewRegion.region(TOWNSHIP, "丁镇", RegionLevel.TOWNSHIP, COUNTY, null, true),
                NewRegion.region(VILLAGE, "丁一村", RegionLevel.VILLAGE, TOWNSHIP, null, true),
                NewRegion.grid(GRID, "丁一村第一网格", VILLAGE, GridKind.COMMUNITY, null, null, true))));
        String clerk = security.ensureUser("clerk.visit.phone", COUNTY, Role.CLERK);
        String leader = security.ensureUser("leader.visit.phone", COUNTY, Role.COUNTY_LEADER);
        String worker = security.ensureUser("grid.visit.phone", GRID, Role.GRID_WORKER);
        String noMobile = TestIds.id("350596", LocalDate.of(1968, 7, 9), 301);
        String withMobile = TestIds.id("350596", LocalDate.of(1969, 8, 10), 303);
        importer.importAs(
                clerk,
                ExtractKind.POLICE_HOUSEHOLD,
                "visit-phone.csv",
                "身份证号,姓名,变动类型,变动日期,户籍地区划,常住地区划,网格编码,手机号\n"
                        + noMobile + ",吴九,在册,2000-01-01," + VILLAGE + "," + VILLAGE + "," + GRID + ",\n"
                        + withMobile + ",郑十,在册,2000-01-01," + VILLAGE + "," + VILLAGE + "," + GRID + ",13700137000\n");
        LocalDate today = LocalDate.now(CanbaoClock.DEFAULT_ZONE);
        campaign = outreachCampaigns.implementing(
                leader, NewCampaign.of("走访手机测试行动", 2062, COUNTY, today.minusDays(3), today.plusDays(60)));
        SystemAccess.call(() -> starter.start(campaign.id()));

        try (Browser phone = phone()) {
            phone.login(worker);
            phone.open("/outreach");
            WebElement card = phone.waitFor(d -> d.findElements(By.className("task-card")).stream()
                    .filter(c -> text(phone, c).contains("吴九"))
                    .findFirst()
                    .orElse(null));
            assertThat(text(phone, card)).contains("待走访").contains("无手机号").doesNotContain(noMobile);
            String other = phone.<String>js("return Array.from(document.querySelectorAll('.task-card'))"
                    + ".map(c => c.textContent).join('|')");
            assertThat(other)
                    .contains("郑十")
                    .contains("137****7000")
                    .contains("已短信提醒")
                    .doesNotContain("13700137000");
            WebElement visit = card.findElement(By.className("case-visit"));
            phone.js("arguments[0].scrollIntoView({block: 'center'})", visit);
            visit.click();
            phone.waitFor(d -> !d.findElements(By.id("visit-outcome")).isEmpty());
            phone.settle();
            assertThat(phone.<String>js("return document.getElementById('visit-consequence').textContent"))
                    .startsWith("若不缴费：");
            phone.js("Array.from(document.querySelectorAll('#visit-outcome vaadin-radio-button'))"
                    + ".find(b => b.textContent.includes('联系不上')).click()");
            phone.settle();
            phone.driver().findElement(By.cssSelector("#visit-note textarea")).sendKeys("白天家中无人，邻居称外出打工");
            phone.settle();
            Long overflow = phone.js("return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(overflow).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0L);
            phone.screenshot("visit-form-phone");
            WebElement save = phone.driver().findElement(By.id("visit-save"));
            phone.js("arguments[0].scrollIntoView({block: 'center'})", save);
            save.click();
            phone.waitFor(d -> d.getCurrentUrl().endsWith("/outreach"));
        }
        Map<String, Object> row = jdbc.queryForMap(
                "select oc.stage, oc.end_reason, v.outcome, v.note, v.visited_by "
                        + "from outreach_case oc join visit v on v.case_id = oc.id where oc.campaign_id = ? and oc.id_number = ?",
                campaign.id(),
                noMobile);
        assertThat(row)
                .containsEntry("stage", "ENDED")
                .containsEntry("end_reason", "UNREACHABLE")
                .containsEntry("outcome", "UNREACHABLE")
                .containsEntry("note", "白天家中无人，邻居称外出打工")
                .containsEntry("visited_by", worker);
    }

    /**
     * A household of two without a phone (户号 in the police extract): one card, one visit form listing both members by
     * relation, one outcome for both, and both cases closed with a visit row each.
     */
    @Test
    void oneVisitCoversTheHouseholdsMembers() throws Exception {
        String county = "350584000000";
        String village = "350584101001";
        String grid = village + "001";
        SystemAccess.run(() -> regions.createMissing(List.of(
                NewRegion.region(county, "按户走访测试县", RegionLevel.COUNTY, "350500000000", null, true),
                NewRegion.region("350584101000", "戊镇", RegionLevel.TOWNSHIP, county, null, true),
                NewRegion.region(village, "戊一村", RegionLevel.VILLAGE, "350584101000", null, true),
                NewRegion.grid(grid, "戊一村第一网格", village, GridKind.COMMUNITY, null, null, true))));
        String clerk = security.ensureUser("clerk.household.phone", county, Role.CLERK);
        String leader = security.ensureUser("leader.household.phone", county, Role.COUNTY_LEADER);
        String worker = security.ensureUser("grid.household.phone", grid, Role.GRID_WORKER);
        String head = TestIds.id("350584", LocalDate.of(1960, 1, 2), 11);
        String spouse = TestIds.id("350584", LocalDate.of(1962, 3, 4), 22);
        importer.importAs(
                clerk,
                ExtractKind.POLICE_HOUSEHOLD,
                "household-phone.csv",
                "身份证号,姓名,变动类型,变动日期,户籍地区划,常住地区划,网格编码,户号,与户主关系\n"
                        + head + ",冯一,在册,2000-01-01," + village + "," + village + "," + grid + ",B0001,户主\n"
                        + spouse + ",陈二,在册,2000-01-01," + village + "," + village + "," + grid + ",B0001,配偶\n");
        LocalDate today = LocalDate.now(CanbaoClock.DEFAULT_ZONE);
        campaign = outreachCampaigns.implementing(
                leader, NewCampaign.of("按户走访手机测试", 2062, county, today.minusDays(3), today.plusDays(60)));
        assertThat(SystemAccess.call(() -> starter.start(campaign.id())))
                .isEqualTo(new OutreachStarter.StartResult(2, 1));

        try (Browser phone = phone()) {
            phone.login(worker);
            phone.open("/outreach");
            WebElement card = phone.waitFor(d -> d.findElements(By.className("task-card")).stream()
                    .filter(c -> text(phone, c).contains("冯一"))
                    .findFirst()
                    .orElse(null));
            WebElement visit = card.findElement(By.className("case-visit"));
            phone.js("arguments[0].scrollIntoView({block: 'center'})", visit);
            visit.click();
            phone.waitFor(d -> !d.findElements(By.id("visit-household")).isEmpty());
            phone.settle();
            String household = phone.js("return document.getElementById('visit-household').textContent");
            assertThat(household).contains("本户共 2 人未缴费");
            List<String> labels =
                    phone.js("return Array.from(document.querySelectorAll('#visit-household vaadin-select'))"
                            + ".map(s => s.label)");
            assertThat(labels).hasSize(2);
            assertThat(labels.get(0)).startsWith("户主 · 冯一");
            assertThat(labels.get(1)).startsWith("配偶 · 陈二").doesNotContain(spouse);
            phone.js("Array.from(document.querySelectorAll('#visit-outcome vaadin-radio-button'))"
                    + ".find(b => b.textContent.includes('联系不上')).click()");
            phone.settle();
            phone.screenshot("visit-form-household");
            WebElement save = phone.driver().findElement(By.id("visit-save"));
            phone.js("arguments[0].scrollIntoView({block: 'center'})", save);
            save.click();
            phone.waitFor(d -> d.getCurrentUrl().endsWith("/outreach"));
        }
        assertThat(jdbc.queryForList(
                        "select oc.id_number || ' ' || oc.end_reason || ' ' || v.outcome from outreach_case oc "
                                + "join visit v on v.case_id = oc.id where oc.campaign_id = ? order by oc.id_number",
                        String.class,
                        campaign.id()))
                .containsExactly(head + " UNREACHABLE UNREACHABLE", spouse + " UNREACHABLE UNREACHABLE");
    }

    private static String text(Browser browser, WebElement element) {
        return browser.js("return arguments[0].textContent", element);
    }
}
