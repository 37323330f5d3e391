package cn.canbao.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.base.CanbaoClock;
import cn.canbao.cadence.CadenceTestCounty;
import cn.canbao.cadence.CadenceTestSupport;
import cn.canbao.campaign.Campaign;
import cn.canbao.security.Role;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A village cadre confirms the day's summary on a phone (opened from 我的任务, remarks entered, confirmed);
 * the township leader records a dispatch; the county reads the reporting matrix and changes the cadence.
 */
@CanbaoIntegrationTest
class VillageSummaryBrowserIT extends BrowserTestBase {

    static final String CAMPAIGN = "节奏手机测试行动";

    @Autowired
    CadenceTestSupport driver;

    @AfterEach
    void cleanUp() throws Exception {
        driver.cleanUp();
    }

    @Test
    void aVillageCadreConfirmsTheDailySummaryOnAPhone() throws Exception {
        driver.ensureCounty();
        String leader = security.ensureUser("county.leader.phone", CadenceTestCounty.COUNTY, Role.COUNTY_LEADER);
        String cadre = security.ensureUser("cadre.cadence.phone", CadenceTestCounty.VILLAGE_3, Role.VILLAGE_CADRE);
        LocalDate today = LocalDate.now(CanbaoClock.DEFAULT_ZONE);
        // today is reporting day 3: dispatches too
        Campaign campaign = driver.start(leader, CAMPAIGN, 2055, today.minusDays(2));
        driver.tick(campaign, today);

        try (Browser phone = phone()) {
            phone.login(cadre);
            phone.open("/tasks");
            WebElement card = phone.waitFor(d -> d.findElements(By.className("task-card")).stream()
                    .filter(c -> c.getText().contains("确认每日汇总") && c.getText().contains(CAMPAIGN))
                    .findFirst()
                    .orElse(null));
            card.findElement(By.className("task-open")).click();
            phone.waitFor(d -> !d.findElements(By.id("summary-remarks")).isEmpty());
            phone.settle();
            assertThat(text(phone, "summary-new-enrollments")).contains("新增参保").contains("0");
            assertThat(text(phone, "summary-visits")).contains("入户走访").contains("0");
            Long overflow = phone.js("return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(overflow).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0L);

            phone.driver()
                    .findElement(By.cssSelector("#summary-remarks textarea"))
                    .sendKeys("今日入户宣传12户");
            phone.settle();
            phone.screenshot("village-summary-phone");
            WebElement confirm = phone.driver().findElement(By.id("summary-confirm"));
            phone.js("arguments[0].scrollIntoView({block: 'center'})", confirm);
            confirm.click();
            phone.waitFor(d -> d.getCurrentUrl().endsWith("/tasks"));
        }
        Map<String, Object> row = jdbc.queryForMap(
                "select remarks, confirmed_by, confirmed_at from village_summary "
                        + "where campaign_id = ? and village_code = ? and report_date = ?",
                campaign.id(),
                CadenceTestCounty.VILLAGE_3,
                today);
        assertThat(row).containsEntry("remarks", "今日入户宣传12户").containsEntry("confirmed_by", cadre);
        assertThat(row.get("confirmed_at")).isNotNull();

        // the township leader dispatches at a desk: the village's numbers, instructions required
        String townshipLeader =
                security.ensureUser("township.cadence.desk", CadenceTestCounty.TOWNSHIP_2, Role.TOWNSHIP_LEADER);
        try (Browser desk = desk()) {
            desk.login(townshipLeader);
            desk.open("/tasks");
            WebElement card = desk.waitFor(d -> d.findElements(By.className("task-card")).stream()
                    .filter(c -> c.getText().contains("乡镇调度") && c.getText().contains(CAMPAIGN))
                    .findFirst()
                    .orElse(null));
            card.findElement(By.className("task-open")).click();
            desk.waitFor(d -> !d.findElements(By.id("dispatch-villages")).isEmpty());
            desk.settle();
            assertThat(cells(desk, "dispatch-villages")).contains("乙一村|0|0|100.00%");
            desk.driver()
                    .findElement(By.cssSelector("#dispatch-instructions textarea"))
                    .sendKeys("明日全员入户");
            desk.settle();
            desk.driver().findElement(By.id("dispatch-confirm")).click();
            desk.waitFor(d -> d.getCurrentUrl().endsWith("/tasks"));
        }
        assertThat(jdbc.queryForObject(
                        "select instructions from township_dispatch where campaign_id = ? " + "and township_code = ?",
                        String.class,
                        campaign.id(),
                        CadenceTestCounty.TOWNSHIP_2))
                .isEqualTo("明日全员入户");

        // the county reads the matrix and skips weekends from now on
        try (Browser desk = desk()) {
            desk.login(leader);
            desk.open("/cadence/" + campaign.id());
            desk.waitFor(d -> !d.findElements(By.id("cadence-matrix")).isEmpty());
            desk.settle();
            assertThat(cells(desk, "cadence-matrix")).contains("乙乡|乙一村|按时").contains("甲镇|甲一村|未到期");
            desk.driver()
                    .findElement(By.cssSelector("#cadence-skip-weekends input"))
                    .click();
            desk.settle();
            desk.driver().findElement(By.id("cadence-save")).click();
            desk.settle();
        }
        assertThat(jdbc.queryForObject(
                        "select skip_weekends from campaign_cadence where campaign_id = ?",
                        Boolean.class,
                        campaign.id()))
                .isTrue();
    }

    private static String cells(Browser browser, String gridId) {
        return browser.js("return Array.from(document.querySelectorAll('#" + gridId + " vaadin-grid-cell-content'))"
                + ".map(c => c.textContent).join('|')");
    }

    private static String text(Browser browser, String id) {
        return browser.js("var e = document.getElementById(arguments[0]); return e ? e.textContent : ''", id);
    }
}
