package cn.canbao.browser;

import static cn.canbao.Yongchun.TAOCHENG;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.ExtractHeaders;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportRun;
import cn.canbao.register.TestIds;
import cn.canbao.register.person.IdNumber;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A clerk finds an imported person in headless Chromium: the grid shows the masked ID number, the
 * person view the full one (and the opening is audited); on a 390-px phone the grid is still there.
 */
@CanbaoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonSearchBrowserIT extends BrowserTestBase {

    static final String CLERK = "clerk.browser.search";

    final String id = TestIds.id("350525", LocalDate.of(1983, 4, 8), 711);
    final String masked = IdNumber.mask(id);

    @BeforeAll
    void aPersonImported() {
        security.ensureUser(CLERK, TAOCHENG, Role.CLERK);
        String village = SystemAccess.call(() ->
                regions.descendantsAtLevel(TAOCHENG, RegionLevel.VILLAGE).get(1).code());
        String file = "身份证号,姓名,变动类型,变动日期,户籍地区划,常住地区划,网格编码,住址,手机号\n" + id + ",端木清风,在册,2001-01-01," + village + ","
                + village + ",,,13905957011\n";
        ImportRun done = importer.importAs(CLERK, ExtractKind.POLICE_HOUSEHOLD, "browser-search.csv", file);
        assertThat(done.rowsAccepted()).isEqualTo(1);
        // the justice data held them once (released: they count as before); the person file says so (issue 16)
        assertThat(importer.importAs(
                                CLERK,
                                ExtractKind.JUSTICE_CUSTODY,
                                "browser-justice.csv",
                                ExtractHeaders.DETENTION + id + ",端木清风,服刑,2020-05-01,2021-05-01,福建省某监狱\n")
                        .rowsAccepted())
                .isEqualTo(1);
    }

    @Test
    void theGridShowsTheMaskedIdAndThePersonViewTheFullOne() throws Exception {
        try (Browser browser = desk()) {
            browser.login(CLERK);
            browser.open("/persons");
            search(browser, id);
            assertThat(gridText(browser)).contains("端木清风", masked, "男", "正常").doesNotContain(id);
            browser.screenshot("person-search");

            int before = openings();
            // the grid renders its cells a moment after the rows arrive: wait for the name's cell
            browser.waitFor(d -> d.findElements(By.cssSelector("#person-grid vaadin-grid-cell-content")).stream()
                            .filter(c -> c.getText().equals("端木清风"))
                            .findFirst()
                            .orElse(null))
                    .click();
            browser.waitFor(d -> !d.findElements(By.id("person-id")).isEmpty());
            browser.settle();
            assertThat(browser.driver().findElement(By.id("person-id")).getText())
                    .isEqualTo(id);
            assertThat(browser.driver().findElement(By.id("person-mobile")).getText())
                    .isEqualTo("13905957011");
            assertThat(browser.driver().findElement(By.id("person-name")).getText())
                    .isEqualTo("端木清风");
            assertThat(browser.driver().findElement(By.id("person-timeline")).getText())
                    .contains("建档", "browser-search.csv");
            assertThat(browser.driver().getCurrentUrl()).contains("/persons/").doesNotContain(id);
            // the Yancheng file fields and the justice data's reason
            assertThat(browser.driver().findElement(By.id("person-file-number")).getText())
                    .startsWith("DA350525");
            assertThat(browser.driver().findElement(By.id("person-file-type")).getText())
                    .isEqualTo("户籍在册");
            assertThat(browser.driver().findElement(By.id("person-file-marker")).getText())
                    .isEqualTo("公安户籍比对");
            assertThat(browser.driver().findElement(By.id("person-sources")).getText())
                    .contains("服刑（2020-05-01 至 2021-05-01，福建省某监狱）", "已释放，重新计入目标任务和催缴名单");
            // the policy section: no rule set for the county and year, so none of the mechanism applies; the reminder
            // sentence
            assertThat(browser.driver().findElement(By.id("policy-section")).getText())
                    .contains("政策测算", "如今日参保，待遇等待期", "未录入", "不适用长效机制", "不按时缴费的后果：");
            browser.screenshot("person-view");
            assertThat(openings()).isEqualTo(before + 1);
            Map<String, Object> audit = jdbc.queryForMap(
                    "select username, purpose from person_access " + "where id_number = ? order by id desc limit 1",
                    id);
            assertThat(audit).containsEntry("username", CLERK).containsEntry("purpose", "PERSON_VIEW");

            // back to the list: the same search is still there
            browser.driver().findElement(By.id("person-back")).click();
            browser.waitFor(d -> gridText(browser).contains(masked));
        }
    }

    @Test
    void onAPhoneTheSearchPageStillShowsTheGrid() throws Exception {
        try (Browser browser = phone()) {
            // desktop Chromium keeps windows at least 500 px wide: emulate the phone's viewport instead
            ((ChromeDriver) browser.driver())
                    .executeCdpCommand(
                            "Emulation.setDeviceMetricsOverride",
                            Map.of("width", 390, "height", 844, "deviceScaleFactor", 3, "mobile", true));
            browser.login(CLERK);
            browser.open("/persons");
            search(browser, "端木清风");
            WebElement grid = browser.driver().findElement(By.id("person-grid"));
            assertThat(grid.isDisplayed()).isTrue();
            assertThat(grid.getRect().getHeight()).isGreaterThan(200);
            assertThat(grid.getRect().getX() + grid.getRect().getWidth()).isLessThanOrEqualTo(390);
            assertThat(gridText(browser)).contains("端木清风", masked);
            assertThat((Long) browser.js("return window.innerWidth")).isEqualTo(390L);
            assertThat((Long) browser.js("return document.documentElement.scrollWidth"))
                    .isLessThanOrEqualTo(390L);
            // the phone shows name, masked ID and status; sex, age and regions are left to the file
            assertThat(columnHeaders(browser)).contains("姓名", "身份证号", "状态").doesNotContain("户籍地", "年龄");
            browser.screenshot("person-search-phone");
        }
    }

    private void search(Browser browser, String text) {
        browser.waitFor(
                d -> !d.findElements(By.cssSelector("#person-search input")).isEmpty());
        browser.settle();
        browser.driver().findElement(By.cssSelector("#person-search input")).sendKeys(text);
        browser.waitFor(d -> gridText(browser).contains(masked));
        browser.settle();
    }

    private static String gridText(Browser browser) {
        return browser.js("return Array.from(document.querySelectorAll('#person-grid vaadin-grid-cell-content'))"
                + ".map(c => c.textContent).join('|')");
    }

    private static String columnHeaders(Browser browser) {
        // texts of the cells on screen (cells of hidden columns stay in the DOM, unslotted and unrendered)
        return browser.js("return Array.from(document.querySelectorAll('#person-grid vaadin-grid-cell-content'))"
                + ".filter(c => c.getClientRects().length > 0).map(c => c.textContent).join('|')");
    }

    private int openings() {
        return jdbc.queryForObject("select count(*) from person_access where id_number = ?", Integer.class, id);
    }
}
