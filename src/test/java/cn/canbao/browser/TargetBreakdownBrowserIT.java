package cn.canbao.browser;

import static cn.canbao.Yongchun.COUNTY;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.Yongchun;
import cn.canbao.campaign.Campaign;
import cn.canbao.quota.TargetRow;
import cn.canbao.quota.TargetService;
import cn.canbao.quota.TargetTable;
import cn.canbao.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The county leader publishes township targets in the browser; the township leader then splits theirs
 * over the villages on a phone-sized screen: a split that does not add up is refused, one that does is taken.
 */
@CanbaoIntegrationTest
class TargetBreakdownBrowserIT extends BrowserTestBase {

    static final String TOWNSHIP = Yongchun.township(22);
    static final String CAMPAIGN = "浏览器测试扩面行动";

    @Autowired
    TargetService targets;

    private Campaign campaign;

    /** Other tests count the tasks of some townships: this campaign's open tasks must not outlive it. */
    @AfterEach
    void deleteCampaignProcess() {
        testCampaigns.endCampaignProcess(campaign);
    }

    @Test
    void theCountyPublishesAndATownshipLeaderSplitsOnAPhone() throws Exception {
        String leader = security.ensureUser("county.leader.ui", COUNTY, Role.COUNTY_LEADER);
        String townshipLeader = security.ensureUser("township.leader.ui", TOWNSHIP, Role.TOWNSHIP_LEADER);
        int proposed;
        try (Browser browser = desk()) {
            browser.login(leader);
            startCampaign(browser);
            campaign = security.as(leader, () -> campaigns.list()).stream()
                    .filter(c -> c.name().equals(CAMPAIGN))
                    .findFirst()
                    .orElseThrow();
            proposed = security.as(leader, () -> targets.row(campaign.id(), TOWNSHIP))
                    .proposed();
            openTask(browser, "确定并下达乡镇目标");
            type(browser, TOWNSHIP, proposed + 7);
            browser.waitFor(d -> text(browser, "target-difference").contains("+7"));
            click(browser, "target-submit");
            browser.waitFor(d -> d.getCurrentUrl().endsWith("/tasks"));
        }
        assertThat(security.as(leader, () -> targets.row(campaign.id(), TOWNSHIP))
                        .target())
                .isEqualTo(proposed + 7);

        TargetTable villages = security.as(townshipLeader, () -> targets.table(campaign.id(), TOWNSHIP));
        TargetRow first = villages.children().get(0);
        try (Browser phone = phone()) {
            phone.login(townshipLeader);
            assertThat(phone.<Long>js("return window.innerWidth")).isEqualTo(390L);
            openTask(phone, "确认并分解目标");
            assertThat(text(phone, "target-assigned")).contains(Integer.toString(proposed + 7));
            phone.waitFor(d -> text(phone, "target-difference").contains("合计一致"));

            type(phone, first.regionCode(), first.target() + 1);
            phone.waitFor(d -> text(phone, "target-difference").contains("+1"));
            click(phone, "target-submit");
            phone.waitFor(
                    d -> phone.<String>js("return Array.from(document.querySelectorAll('vaadin-notification-card'))"
                                    + ".map(c => c.textContent).join('|')")
                            .contains("不一致"));
            assertThat(phone.driver().getCurrentUrl()).contains("/tasks/split-target");
            Long overflow = phone.js("return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(overflow).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0L);
            phone.screenshot("target-split-phone-refused");

            type(phone, first.regionCode(), first.target());
            phone.waitFor(d -> text(phone, "target-difference").contains("合计一致"));
            click(phone, "target-submit");
            phone.waitFor(d -> d.getCurrentUrl().endsWith("/tasks"));
        }
        TargetRow township = security.as(leader, () -> targets.row(campaign.id(), TOWNSHIP));
        assertThat(township.confirmed()).isTrue();
        assertThat(township.splitDifference()).isZero();

        // the county reads the township's state on the targets page
        try (Browser browser = desk()) {
            browser.login(leader);
            browser.open("/targets/" + campaign.id());
            browser.waitFor(d -> !d.findElements(By.id("targets-table")).isEmpty());
            browser.settle();
            String cells = browser.js("return Array.from(document.querySelectorAll('#targets-table "
                    + "vaadin-grid-cell-content')).map(c => c.textContent).join('|')");
            assertThat(cells).contains("锦斗镇|0|0|0|" + (proposed + 7) + "|已确认分解|0");
            assertThat(text(browser, "targets-own")).contains(Integer.toString(campaignTotal()));
        }
    }

    private int campaignTotal() {
        return security.as("county.leader.ui", () -> targets.row(campaign.id(), COUNTY))
                .target();
    }

    /** The county leader starts the campaign on the campaigns page (which starts its process). */
    private void startCampaign(Browser browser) {
        browser.open("/campaigns");
        browser.waitFor(d -> !d.findElements(By.id("campaign-new")).isEmpty());
        browser.driver().findElement(By.id("campaign-new")).click();
        WebElement name = browser.waitFor(d -> d.findElement(By.cssSelector("#campaign-name input")));
        name.sendKeys(Keys.chord(Keys.CONTROL, "a"), CAMPAIGN);
        browser.driver()
                .findElement(By.cssSelector("#campaign-year input"))
                .sendKeys(Keys.chord(Keys.CONTROL, "a"), "2047");
        browser.settle();
        click(browser, "campaign-start-button");
        browser.waitFor(d -> browser.<String>js("return Array.from(document.querySelectorAll('#campaign-list "
                        + "vaadin-grid-cell-content')).map(c => c.textContent).join('|')")
                .contains(CAMPAIGN + "|2047|永春县"));
    }

    /** Opens the task of this campaign whose card shows the given name. */
    private static void openTask(Browser browser, String taskName) {
        browser.open("/tasks");
        WebElement card = browser.waitFor(d -> d.findElements(By.className("task-card")).stream()
                .filter(c -> c.getText().contains(taskName) && c.getText().contains(CAMPAIGN))
                .findFirst()
                .orElse(null));
        card.findElement(By.className("task-open")).click();
        browser.waitFor(d -> !d.findElements(By.id("target-editor")).isEmpty());
        browser.settle();
    }

    /** The text of an element, also when it is scrolled out of the visible area (Selenium's getText is then empty). */
    private static String text(Browser browser, String id) {
        return browser.js("var e = document.getElementById(arguments[0]); return e ? e.textContent : ''", id);
    }

    /** Clicks like a user who scrolled the button to the middle of the screen (the totals bar sticks to the bottom). */
    private static void click(Browser browser, String id) {
        WebElement button = browser.driver().findElement(By.id(id));
        browser.js("arguments[0].scrollIntoView({block: 'center'})", button);
        button.click();
    }

    private static void type(Browser browser, String regionCode, int value) {
        WebElement input = browser.driver()
                .findElement(By.cssSelector("vaadin-integer-field[data-region='" + regionCode + "'] input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Integer.toString(value));
        browser.settle();
    }
}
