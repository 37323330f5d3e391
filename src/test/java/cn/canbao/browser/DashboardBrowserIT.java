package cn.canbao.browser;

import static cn.canbao.dashboard.DashboardTestCounty.COUNTY;
import static cn.canbao.dashboard.DashboardTestCounty.TOWNSHIP_1;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.dashboard.DashboardTestCounty;
import cn.canbao.dashboard.RegisterOnlyCounty;
import cn.canbao.security.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The county leader opens the dashboard: every chart drew its canvas with Chinese legends, the ranking lists the
 * townships; a click on 丁镇 drills down to it with the breadcrumb back to the county; the page prints on one A4
 * sheet; on a phone a township leader's cards stack in one column. Before any campaign, a county leader sees the
 * register's coverage of the county and its townships. Screenshots under target/screenshots/.
 */
@CanbaoIntegrationTest
class DashboardBrowserIT extends BrowserTestBase {

    static final int YEAR = 2081;
    static final List<String> CHARTS = List.of("progress", "coverage", "reasons", "funnel", "sms");

    @Autowired
    DashboardTestCounty county;

    @Autowired
    RegisterOnlyCounty registerOnly;

    private Campaign campaign;

    @AfterEach
    void endCampaign() {
        testCampaigns.endCampaignProcess(campaign);
    }

    @Test
    void theCountyLeaderSeesTheChartsDrillsDownPrintsAndAPhoneStacksTheCards() throws Exception {
        county.ensure(YEAR);
        String leader = security.ensureUser("dashboard.ui.county", COUNTY, Role.COUNTY_LEADER);
        String township = security.ensureUser("dashboard.ui.township", TOWNSHIP_1, Role.TOWNSHIP_LEADER);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        // starting the campaign refreshes its dashboard (proposals from the register, nothing enrolled yet)
        campaign = testCampaigns.start(
                leader, NewCampaign.of("看板界面测试行动", YEAR, COUNTY, today.minusDays(20), today.plusDays(60)));

        try (Browser browser = new Browser(port, 1280, 1000)) {
            browser.login(leader);
            assertThat(browser.driver().findElement(By.id("main-navigation")).getText())
                    .contains("数据看板");
            browser.open("/dashboard?campaign=" + campaign.id());
            awaitCharts(browser, CHARTS);
            assertThat(browser.driver().findElement(By.id("dashboard-title")).getText())
                    .isEqualTo("看板测试县 · 数据看板");
            assertThat(browser.driver()
                            .findElement(By.id("dashboard-registered"))
                            .getText())
                    .contains("7");
            for (String chart : CHARTS) {
                assertThat((Boolean)
                                browser.js("return !!document.querySelector('#dashboard-chart-" + chart + " canvas')"))
                        .as(chart)
                        .isTrue();
                assertThat(browser.driver()
                                .findElement(By.id("dashboard-excel-" + chart))
                                .getAttribute("href"))
                        .as(chart)
                        .isNotBlank();
            }
            assertThat(legend(browser, "progress")).containsExactly("实际完成率", "序时进度");
            assertThat(legend(browser, "coverage")).containsExactly("参保率");
            assertThat(legend(browser, "funnel")).containsExactly("纳入催缴", "已短信提醒", "已走访", "承诺缴费", "已缴费");
            assertThat(legend(browser, "sms")).containsExactly("已发送", "已送达", "发送失败");
            assertThat(legend(browser, "reasons")).contains("未登记原因");
            assertThat(cells(browser)).contains("丁镇", "戊乡", "任务完成率", "进度色标");
            browser.screenshot("dashboard-county");

            // one A4 page when printed
            String pdf = (String) ((ChromeDriver) browser.driver())
                    .executeCdpCommand("Page.printToPDF", Map.of("printBackground", true, "preferCSSPageSize", true))
                    .get("data");
            byte[] bytes = Base64.getDecoder().decode(pdf);
            Files.write(Path.of("target", "screenshots", "dashboard-county-print.pdf"), bytes);
            try (PDDocument printed = Loader.loadPDF(bytes)) {
                assertThat(printed.getNumberOfPages()).isEqualTo(1);
                assertThat(printed.getPage(0).getMediaBox().getWidth()).isBetween(590f, 600f); // A4: 595 × 842 pt
            }

            // drill down: a click on the township's row opens its dashboard, the breadcrumb leads back
            browser.js("Array.from(document.querySelectorAll('#dashboard-ranking vaadin-grid-cell-content'))"
                    + ".find(c => c.textContent === '丁镇').click()");
            browser.waitFor(
                    d -> d.findElement(By.id("dashboard-title")).getText().startsWith("丁镇"));
            assertThat(browser.driver().getCurrentUrl()).contains("/dashboard/" + TOWNSHIP_1);
            awaitCharts(browser, CHARTS);
            assertThat(browser.driver()
                            .findElement(By.id("dashboard-breadcrumb"))
                            .getText())
                    .contains("看板测试县", "丁镇");
            assertThat(cells(browser)).contains("丁一村", "丁二村");
            browser.screenshot("dashboard-township");
            browser.driver().findElement(By.id("dashboard-up-" + COUNTY)).click();
            browser.waitFor(
                    d -> d.findElement(By.id("dashboard-title")).getText().startsWith("看板测试县"));
        }

        try (Browser phone = phone()) {
            phone.login(township);
            phone.open("/dashboard?campaign=" + campaign.id());
            awaitCharts(phone, CHARTS);
            assertThat(phone.driver().findElement(By.id("dashboard-title")).getText())
                    .startsWith("丁镇");
            List<Object> lefts = phone.js("return Array.from(document.querySelectorAll('.dashboard-card'))"
                    + ".map(c => Math.round(c.getBoundingClientRect().left))");
            List<Object> widths = phone.js("return Array.from(document.querySelectorAll('.dashboard-card'))"
                    + ".map(c => Math.round(c.getBoundingClientRect().right))");
            assertThat(lefts).hasSize(6).containsOnly(lefts.get(0));
            assertThat(widths)
                    .allSatisfy(right -> assertThat(((Number) right).intValue()).isLessThanOrEqualTo(390));
            phone.screenshot("dashboard-phone");
        }
    }

    @Test
    void beforeAnyCampaignTheDashboardShowsTheRegistersCoverage() throws Exception {
        registerOnly.ensure();
        String leader =
                security.ensureUser("dashboard.ui.register.only", RegisterOnlyCounty.COUNTY, Role.COUNTY_LEADER);

        try (Browser browser = new Browser(port, 1280, 1000)) {
            browser.login(leader);
            browser.open("/dashboard");
            browser.waitFor(
                    d -> !d.findElements(By.id("dashboard-register-coverage")).isEmpty());
            browser.settle();
            assertThat(browser.driver().findElement(By.id("dashboard-title")).getText())
                    .startsWith("尚无扩面行动");
            assertThat(browser.driver().findElement(By.id("dashboard-as-of")).getText())
                    .isEqualTo("登记库测试县 " + RegisterOnlyCounty.YEAR + "年度登记库参保情况（参保扩面基数表，导入数据后及每晚更新）");
            assertThat(browser.driver()
                            .findElement(By.id("dashboard-registered"))
                            .getText())
                    .contains("户籍人口数", "5");
            assertThat(browser.driver().findElement(By.id("dashboard-insured")).getText())
                    .contains("参保人数", "3");
            assertThat(browser.driver()
                            .findElement(By.id("dashboard-uninsured"))
                            .getText())
                    .contains("未参保人数", "2");
            assertThat(browser.driver().findElement(By.id("dashboard-coverage")).getText())
                    .contains("参保率", "60.00%");
            // the grid's rows as shown, each row's cells joined by |
            List<Object> rows = browser.js("return Array.from(document.getElementById('dashboard-register-coverage')"
                    + ".shadowRoot.querySelectorAll('#items tr')).filter(tr => !tr.hidden).map(tr => "
                    + "Array.from(tr.querySelectorAll('td')).map(td => { const s = td.querySelector('slot'); "
                    + "const n = s && s.assignedElements()[0]; return n ? n.textContent : ''; }).join('|'))");
            assertThat(rows).containsExactly("庚镇|3|2|1|66.67%", "辛乡|2|1|1|50.00%", "壬乡|0|0|0|0.00%");
            browser.screenshot("dashboard-register-only");
        }
    }

    private static void awaitCharts(Browser browser, List<String> charts) {
        browser.settle();
        for (String chart : charts) {
            browser.waitFor(d -> "true"
                            .equals(d.findElement(By.id("dashboard-chart-" + chart))
                                    .getAttribute("data-rendered"))
                    && !d.findElements(By.cssSelector("#dashboard-chart-" + chart + " canvas"))
                            .isEmpty());
        }
    }

    /** The legend names of a chart, from the option it rendered. */
    private static List<Object> legend(Browser browser, String chart) {
        return browser.js("return JSON.parse(document.getElementById('dashboard-chart-" + chart + "')"
                + ".getAttribute('option')).legend.data");
    }

    private static String cells(Browser browser) {
        return browser.js("return Array.from(document.querySelectorAll('#dashboard-ranking vaadin-grid-cell-content'))"
                + ".map(c => c.textContent).join('|')");
    }
}
