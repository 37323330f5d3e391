package cn.canbao.browser;

import static cn.canbao.dashboard.DashboardTestCounty.COUNTY;
import static cn.canbao.dashboard.DashboardTestCounty.TOWNSHIP_1;
import static cn.canbao.dashboard.DashboardTestCounty.VILLAGE_1;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.dashboard.DashboardTestCounty;
import cn.canbao.security.Role;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 包村 in the browser: the township leader assigns a cadre to 丁一村 on 包村干部; the cadre logs in and the dashboard
 * opens on 丁一村 with its figures, while the township's address shows no figures. The county leader sets up the
 * campaign's 联合督导组 and adds a supervisor of the tax bureau, whose dashboard opens on the county. Screenshots under
 * target/screenshots/.
 */
@CanbaoIntegrationTest
class CadresBrowserIT extends BrowserTestBase {

    static final int YEAR = 2071; // SupervisionIT's and DashboardIT's year of the same county

    @Autowired
    DashboardTestCounty county;

    private Campaign campaign;

    @AfterEach
    void endCampaign() {
        testCampaigns.endCampaignProcess(campaign);
    }

    @Test
    void aLeaderAssignsACadreWhoSeesTheirVillageAndASupervisorSeesTheCounty() throws Exception {
        county.ensure(YEAR);
        String countyLeader = security.ensureUser("cadres.ui.county", COUNTY, Role.COUNTY_LEADER);
        String leader = security.ensureUser("cadres.ui.township", TOWNSHIP_1, Role.TOWNSHIP_LEADER);
        String cadre = security.ensureUser("cadres.ui.cadre", TOWNSHIP_1, Role.TOWNSHIP_CADRE);
        String supervisor = security.ensureUser("cadres.ui.supervisor", COUNTY, Role.SUPERVISOR);
        jdbc.update(
                "update cadre_assignment set ended_by = 'test', ended_at = now() where ended_at is null and username = ?",
                cadre);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        campaign = testCampaigns.start(
                countyLeader, NewCampaign.of("包村界面测试行动", YEAR, COUNTY, today.minusDays(9), today.plusDays(80)));

        try (Browser browser = new Browser(port, 1280, 1000)) {
            browser.login(leader);
            assertThat(browser.driver().findElement(By.id("main-navigation")).getText())
                    .contains("包村干部");
            browser.open("/cadres");
            browser.waitFor(d -> !d.findElements(By.id("cadres-assign")).isEmpty());
            browser.chooseInComboBox("cadres-cadre", cadre);
            browser.chooseInComboBox("cadres-village", VILLAGE_1);
            browser.driver().findElement(By.id("cadres-assign")).click();
            browser.settle();
            browser.waitFor(d -> gridText(browser, "cadres-grid").contains("丁一村"));
            assertThat(gridText(browser, "cadres-grid")).contains("丁一村", VILLAGE_1, "测试 " + cadre, leader);
            browser.screenshot("cadres-assigned");
        }
        assertThat(jdbc.queryForObject(
                        "select count(*) from cadre_assignment where username = ? and village_code = ? "
                                + "and ended_at is null and assigned_by = ?",
                        Integer.class,
                        cadre,
                        VILLAGE_1,
                        leader))
                .isEqualTo(1);

        try (Browser browser = new Browser(port, 1280, 1000)) {
            browser.login(cadre);
            assertThat(browser.driver().findElement(By.id("main-navigation")).getText())
                    .contains("数据看板")
                    .doesNotContain("包村干部", "用户管理");
            browser.open("/dashboard?campaign=" + campaign.id());
            browser.waitFor(
                    d -> d.findElement(By.id("dashboard-title")).getText().startsWith("丁一村"));
            assertThat(browser.driver()
                            .findElement(By.id("dashboard-registered"))
                            .getText())
                    .contains("4");
            assertThat(browser.driver()
                            .findElement(By.id("dashboard-breadcrumb"))
                            .getText())
                    .isEqualTo("丁一村");
            browser.screenshot("cadres-cadre-dashboard");
            // the township's address: no figures of it
            browser.open("/dashboard/" + TOWNSHIP_1 + "?campaign=" + campaign.id());
            browser.settle();
            browser.waitFor(
                    d -> d.findElement(By.id("dashboard-title")).getText().equals("数据看板"));
            assertThat(browser.driver().findElements(By.id("dashboard-registered")))
                    .isEmpty();
            browser.screenshot("cadres-cadre-township-refused");
        }

        try (Browser browser = new Browser(port, 1280, 1000)) {
            browser.login(countyLeader);
            browser.open("/supervision?campaign=" + campaign.id());
            browser.waitFor(d -> !d.findElements(By.id("supervision-set-up")).isEmpty());
            browser.driver().findElement(By.id("supervision-set-up")).click();
            browser.settle();
            browser.waitFor(d -> !d.findElements(By.id("supervision-add")).isEmpty());
            browser.driver()
                    .findElement(By.cssSelector("#supervision-member-username input"))
                    .sendKeys(supervisor);
            browser.driver()
                    .findElement(By.cssSelector("#supervision-member-department input"))
                    .sendKeys("县税务局");
            browser.driver().findElement(By.id("supervision-add")).click();
            browser.settle();
            browser.waitFor(d -> gridText(browser, "supervision-members").contains("县税务局"));
            browser.screenshot("cadres-supervision-team");
        }

        try (Browser browser = new Browser(port, 1280, 1000)) {
            browser.login(supervisor);
            browser.open("/dashboard?campaign=" + campaign.id());
            browser.waitFor(
                    d -> d.findElement(By.id("dashboard-title")).getText().startsWith("看板测试县"));
            assertThat(browser.driver()
                            .findElement(By.id("dashboard-registered"))
                            .getText())
                    .contains("7");
            assertThat(browser.driver().findElements(By.id("dashboard-refresh")))
                    .isEmpty();
            browser.screenshot("cadres-supervisor-dashboard");
        }
    }

    private static String gridText(Browser browser, String id) {
        return browser.js(
                "return Array.from(document.querySelectorAll('#' + arguments[0] + ' vaadin-grid-cell-content'))"
                        + ".map(c => c.textContent).join('|')",
                id);
    }
}
