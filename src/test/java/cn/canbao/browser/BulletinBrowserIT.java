package cn.canbao.browser;

import static cn.canbao.Yongchun.COUNTY;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.Yongchun;
import cn.canbao.cadence.BulletinDue;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The county leader opens the drafted bulletin from 我的任务 and publishes it with remarks; a township
 * leader then reads it on the bulletins page and downloads it as PDF.
 */
@CanbaoIntegrationTest
class BulletinBrowserIT extends BrowserTestBase {

    static final String TOWNSHIP = Yongchun.township(12); // 仙夹镇
    static final String CAMPAIGN = "通报浏览器测试行动";
    static final int YEAR = 2050;

    @Autowired
    ApplicationEventPublisher events;

    private Campaign campaign;

    @AfterEach
    void deleteProcesses() {
        testCampaigns.endAll(campaign);
    }

    @Test
    void theCountyLeaderPublishesAndATownshipLeaderReadsAndDownloads() throws Exception {
        String leader = security.ensureUser("county.leader.bulletin.ui", COUNTY, Role.COUNTY_LEADER);
        String townshipLeader = security.ensureUser("township.leader.bulletin.ui", TOWNSHIP, Role.TOWNSHIP_LEADER);
        campaign = testCampaigns.start(
                leader,
                NewCampaign.of(CAMPAIGN, YEAR, COUNTY, LocalDate.of(YEAR - 1, 9, 1), LocalDate.of(YEAR - 1, 12, 31)));
        SystemAccess.run(() -> events.publishEvent(new BulletinDue(campaign.id(), LocalDate.of(YEAR - 1, 10, 15))));

        try (Browser browser = desk()) {
            browser.login(leader);
            browser.open("/tasks");
            WebElement card = browser.waitFor(d -> d.findElements(By.className("task-card")).stream()
                    .filter(c ->
                            c.getText().contains("审核并发布通报（第1期）") && c.getText().contains(CAMPAIGN))
                    .findFirst()
                    .orElse(null));
            card.findElement(By.className("task-open")).click();
            browser.waitFor(d -> !d.findElements(By.id("bulletin-table")).isEmpty());
            browser.settle();
            assertThat(cells(browser)).contains("仙夹镇");
            assertThat(text(browser, "bulletin-status")).contains("草稿");
            WebElement remarks = browser.driver().findElement(By.cssSelector("#bulletin-remarks textarea"));
            remarks.sendKeys("各乡镇对照时序进度抓紧落实");
            browser.settle();
            WebElement publish = browser.driver().findElement(By.id("bulletin-publish"));
            browser.js("arguments[0].scrollIntoView({block: 'center'})", publish);
            publish.click();
            browser.waitFor(d -> d.getCurrentUrl().contains("/bulletins/" + campaign.id() + "/1"));
        }
        assertThat(jdbc.queryForObject(
                        "select status from bulletin where campaign_id = ? and number = 1",
                        String.class,
                        campaign.id()))
                .isEqualTo("PUBLISHED");

        try (Browser browser = desk()) {
            browser.login(townshipLeader);
            assertThat(text(browser, "main-navigation")).contains("通报");
            browser.open("/bulletins/" + campaign.id());
            browser.waitFor(d -> !d.findElements(By.id("bulletin-table")).isEmpty());
            browser.settle();
            assertThat(cells(browser)).contains("仙夹镇");
            assertThat(text(browser, "bulletin-remarks-text")).contains("各乡镇对照时序进度抓紧落实");
            assertThat(text(browser, "bulletin-status")).contains("county.leader.bulletin.ui");
            browser.screenshot("bulletin-township");
            String href = browser.driver().findElement(By.id("bulletin-pdf")).getAttribute("href");
            Object type = ((JavascriptExecutor) browser.driver())
                    .executeAsyncScript(
                            "var done = arguments[arguments.length - 1]; fetch(arguments[0], {credentials: 'same-origin'})"
                                    + ".then(r => r.arrayBuffer().then(b => done(r.status + ' ' + r.headers.get('content-type') + ' ' + b.byteLength)))"
                                    + ".catch(e => done('error ' + e))",
                            href);
            assertThat((String) type).startsWith("200 application/pdf");
        }
    }

    private static String cells(Browser browser) {
        return browser.js("return Array.from(document.querySelectorAll('#bulletin-table vaadin-grid-cell-content'))"
                + ".map(c => c.textContent).join('|')");
    }

    private static String text(Browser browser, String id) {
        return browser.js("var e = document.getElementById(arguments[0]); return e ? e.textContent : ''", id);
    }
}
