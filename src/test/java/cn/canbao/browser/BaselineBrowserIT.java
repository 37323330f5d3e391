package cn.canbao.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.Yongchun;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.ExtractHeaders;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.PoliceExtract;
import cn.canbao.register.TestIds;
import cn.canbao.security.Role;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** A township leader opens the baseline page and reads the campaign plan's columns for their township. */
@CanbaoIntegrationTest
class BaselineBrowserIT extends BrowserTestBase {

    static final String TOWNSHIP = Yongchun.township(21);

    @Test
    void aTownshipLeaderSeesTheBaselineOfTheirTownship() throws Exception {
        security.ensureUser("clerk.baseline.ui", "350525000000", Role.CLERK);
        security.ensureUser("leader.baseline.ui", TOWNSHIP, Role.TOWNSHIP_LEADER);
        String village = firstBelow(TOWNSHIP, RegionLevel.VILLAGE);
        String a = TestIds.id("350525", LocalDate.of(1955, 5, 5), 951);
        String b = TestIds.id("350525", LocalDate.of(1955, 5, 6), 953);
        importer.register(
                "clerk.baseline.ui",
                PoliceExtract.registeredOn("2000-01-01")
                        .inVillage(a, "甲", village)
                        .inVillage(b, "乙", village));
        importer.importAs(
                "clerk.baseline.ui",
                ExtractKind.INSURANCE_STATUS,
                "ui-insured.csv",
                ExtractHeaders.INSURANCE + a + ",甲,2042,居民,本地\n");

        try (Browser browser = desk()) {
            browser.login("leader.baseline.ui");
            assertThat(browser.driver().findElement(By.id("main-navigation")).getText())
                    .contains("参保基数");

            browser.open("/baseline");
            browser.waitFor(d -> !d.findElements(By.id("baseline-table")).isEmpty());
            browser.settle();
            // other tests' campaigns add later years: choose the year of this test's register
            browser.driver().findElement(By.id("baseline-year")).click();
            // other tests' years make the list long: the item is found by its DOM text and scrolled into view first
            // (Selenium's getText() is empty, and a click intercepted, for an item below the overlay's fold)
            var year = browser.waitFor(d -> d.findElements(By.cssSelector("vaadin-select-item")).stream()
                    .filter(i -> !String.valueOf(i.getAttribute("id")).startsWith("value-")) // the select's own copy
                    .filter(i -> "2042"
                            .equals(String.valueOf(i.getAttribute("textContent"))
                                    .trim()))
                    .findFirst()
                    .orElse(null));
            browser.js("arguments[0].scrollIntoView({block: 'center'})", year);
            year.click();
            browser.waitFor(d -> d.findElement(By.tagName("h2")).getText().contains("2042"));
            browser.settle();
            assertThat(browser.driver().findElement(By.tagName("h2")).getText()).contains("2042 年度参保扩面基数");
            String cells = browser.js("return Array.from(document.querySelectorAll('#baseline-table "
                    + "vaadin-grid-cell-content')).map(c => c.textContent).join('|')");
            assertThat(cells).contains("户籍人口数", "本地参保人数", "异地参保人数", "参保率", "未参保人数", "50.00%");
            assertThat(browser.driver().findElement(By.id("baseline-chart")).getAttribute("data-rendered"))
                    .isEqualTo("true");
            browser.screenshot("baseline-township-leader");
        }
    }
}
