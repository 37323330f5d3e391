package cn.canbao.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.base.CanbaoClock;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.outreach.OutreachCampaigns;
import cn.canbao.outreach.OutreachStarter;
import cn.canbao.region.TestCounty;
import cn.canbao.register.PoliceExtract;
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

    static final TestCounty AREA = new TestCounty("350596");
    static final String COUNTY = AREA.code();
    static final String GRID = AREA.grid(1, 1);

    @Autowired
    OutreachCampaigns outreachCampaigns;

    @Autowired
    OutreachStarter starter;

    private Campaign campaign;

    @AfterEach
    void cleanUp() {
        outreachCampaigns.end(campaign);
    }

    @Test
    void aGridWorkerRecordsAVisitOnAPhone() throws Exception {
        Staff staff = countyWithStaff(AREA, "走访测试县", "丁镇", "丁一村", "visit.phone");
        String noMobile = TestIds.id("350596", LocalDate.of(1968, 7, 9), 301);
        String withMobile = TestIds.id("350596", LocalDate.of(1969, 8, 10), 303);
        importer.register(
                staff.clerk(),
                PoliceExtract.registeredOn("2000-01-01")
                        .inGrid(noMobile, "吴九", GRID)
                        .inGrid(withMobile, "郑十", GRID, null, "13700137000"));
        startOutreach(staff.leader(), "走访手机测试行动", COUNTY);

        try (Browser phone = phone()) {
            WebElement card = caseCard(phone, staff.worker(), "吴九");
            assertThat(text(phone, card)).contains("待走访").contains("无手机号").doesNotContain(noMobile);
            String other = phone.<String>js("return Array.from(document.querySelectorAll('.task-card'))"
                    + ".map(c => c.textContent).join('|')");
            assertThat(other)
                    .contains("郑十")
                    .contains("137****7000")
                    .contains("已短信提醒")
                    .doesNotContain("13700137000");
            // 打印走访单: the worker's own grid, as a PDF download, logged as printed (VisitSheetIT checks its content)
            WebElement print = phone.driver().findElement(By.id("visit-sheet-pdf"));
            assertThat(text(phone, print)).contains("打印走访单");
            assertThat(phone.driver().findElements(By.cssSelector("#visit-sheet-grid")))
                    .allSatisfy(grid -> assertThat(grid.isDisplayed())
                            .as("a worker has one grid to print")
                            .isFalse());
            Object head = ((org.openqa.selenium.JavascriptExecutor) phone.driver())
                    .executeAsyncScript("const done = arguments[arguments.length - 1];"
                            + "fetch(document.getElementById('visit-sheet-pdf').href).then(r => r.arrayBuffer())"
                            + ".then(b => done(new TextDecoder().decode(new Uint8Array(b).slice(0, 5))))"
                            + ".catch(e => done('failed: ' + e));");
            assertThat(head).isEqualTo("%PDF-");
            assertThat(jdbc.queryForList(
                            "select id_number from person_access where username = ? and purpose = 'VISIT_SHEET'",
                            String.class,
                            staff.worker()))
                    .contains(noMobile)
                    .doesNotContain(withMobile);
            openVisit(phone, card, "visit-outcome");
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
            save(phone);
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
                .containsEntry("visited_by", staff.worker());
    }

    /**
     * A household of two without a phone (户号 in the police extract): one card, one visit form listing both members by
     * relation, one outcome for both, and both cases closed with a visit row each.
     */
    @Test
    void oneVisitCoversTheHouseholdsMembers() throws Exception {
        TestCounty area = new TestCounty("350584");
        String grid = area.grid(1, 1);
        Staff staff = countyWithStaff(area, "按户走访测试县", "戊镇", "戊一村", "household.phone");
        String head = TestIds.id("350584", LocalDate.of(1960, 1, 2), 11);
        String spouse = TestIds.id("350584", LocalDate.of(1962, 3, 4), 22);
        importer.register(
                staff.clerk(),
                PoliceExtract.registeredOn("2000-01-01")
                        .inHousehold(head, "冯一", grid, "B0001", "户主")
                        .inHousehold(spouse, "陈二", grid, "B0001", "配偶"));
        assertThat(startOutreach(staff.leader(), "按户走访手机测试", area.code()))
                .isEqualTo(new OutreachStarter.StartResult(2, 1));

        try (Browser phone = phone()) {
            openVisit(phone, caseCard(phone, staff.worker(), "冯一"), "visit-household");
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
            save(phone);
        }
        assertThat(jdbc.queryForList(
                        "select oc.id_number || ' ' || oc.end_reason || ' ' || v.outcome from outreach_case oc "
                                + "join visit v on v.case_id = oc.id where oc.campaign_id = ? order by oc.id_number",
                        String.class,
                        campaign.id()))
                .containsExactly(head + " UNREACHABLE UNREACHABLE", spouse + " UNREACHABLE UNREACHABLE");
    }

    private record Staff(String clerk, String leader, String worker) {}

    /** A county of one township, village and grid with its clerk, county leader and grid worker. */
    private Staff countyWithStaff(TestCounty area, String name, String township, String village, String who) {
        area.create(regions, name, new TestCounty.Township(township, village));
        return new Staff(
                security.ensureUser("clerk." + who, area.code(), Role.CLERK),
                security.ensureUser("leader." + who, area.code(), Role.COUNTY_LEADER),
                security.ensureUser("grid." + who, area.grid(1, 1), Role.GRID_WORKER));
    }

    /** A campaign of the county in implementation with its outreach started (what the morning job would do). */
    private OutreachStarter.StartResult startOutreach(String leader, String name, String county) {
        LocalDate today = LocalDate.now(CanbaoClock.DEFAULT_ZONE);
        campaign = outreachCampaigns.implementing(
                leader, NewCampaign.of(name, 2062, county, today.minusDays(3), today.plusDays(60)));
        return SystemAccess.call(() -> starter.start(campaign.id()));
    }

    /** The grid worker's card of the resident, on the outreach page. */
    private static WebElement caseCard(Browser phone, String worker, String resident) {
        phone.login(worker);
        phone.open("/outreach");
        return phone.waitFor(d -> d.findElements(By.className("task-card")).stream()
                .filter(c -> text(phone, c).contains(resident))
                .findFirst()
                .orElse(null));
    }

    /** Taps the card's visit button and waits for the form's part of that id. */
    private static void openVisit(Browser phone, WebElement card, String formPart) {
        WebElement visit = card.findElement(By.className("case-visit"));
        phone.js("arguments[0].scrollIntoView({block: 'center'})", visit);
        visit.click();
        phone.waitFor(d -> !d.findElements(By.id(formPart)).isEmpty());
    }

    /** Saves the visit and waits to be back at the list. */
    private static void save(Browser phone) {
        WebElement save = phone.driver().findElement(By.id("visit-save"));
        phone.js("arguments[0].scrollIntoView({block: 'center'})", save);
        save.click();
        phone.waitFor(d -> d.getCurrentUrl().endsWith("/outreach"));
    }

    private static String text(Browser browser, WebElement element) {
        return browser.js("return arguments[0].textContent", element);
    }
}
