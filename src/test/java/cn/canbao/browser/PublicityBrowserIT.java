package cn.canbao.browser;

import static cn.canbao.Yongchun.COUNTY;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.ProcessTestSupport;
import cn.canbao.Yongchun;
import cn.canbao.publicity.PublicityDrive;
import cn.canbao.publicity.PublicityService;
import cn.canbao.publicity.PublicityTally;
import cn.canbao.region.RegionLevel;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/** A volunteer logs a publicity activity for their village on a phone; the township's total counts it. */
@CanbaoIntegrationTest
class PublicityBrowserIT extends BrowserTestBase {

    static final String TOWNSHIP = Yongchun.township(7);

    @Autowired
    PublicityService publicity;

    @Autowired
    ProcessTestSupport processes;

    private PublicityDrive drive;

    @AfterEach
    void deleteDriveProcess() {
        processes.deleteIfRunning(drive == null ? null : drive.processInstanceId());
    }

    @Test
    void aVolunteerLogsATalkOnAPhone() throws Exception {
        String leader = security.ensureUser("county.leader.publicity.ui", COUNTY, Role.COUNTY_LEADER);
        String village = firstBelow(TOWNSHIP, RegionLevel.VILLAGE);
        String volunteer = security.ensureUser("volunteer.publicity.ui", village, Role.VOLUNTEER);
        LocalDate today = LocalDate.now();
        drive = security.as(
                leader,
                () -> publicity.start(
                        "浏览器测试宣传月",
                        today.getYear() + 1,
                        COUNTY,
                        today.withDayOfMonth(1),
                        today.withDayOfMonth(today.lengthOfMonth())));

        try (Browser phone = phone()) {
            phone.login(volunteer);
            phone.open("/publicity");
            WebElement audience = phone.waitFor(d -> d.findElement(By.cssSelector("#publicity-audience input")));
            phone.settle();
            audience.sendKeys(Keys.chord(Keys.CONTROL, "a"), "85");
            phone.driver()
                    .findElement(By.cssSelector("#publicity-volunteers input"))
                    .sendKeys(Keys.chord(Keys.CONTROL, "a"), "4");
            phone.settle();
            WebElement log = phone.driver().findElement(By.id("publicity-log"));
            phone.js("arguments[0].scrollIntoView({block: 'center'})", log);
            log.click();
            phone.waitFor(d -> phone.<String>js("return Array.from(document.querySelectorAll('#publicity-tally "
                            + "vaadin-grid-cell-content')).map(c => c.textContent).join('|')")
                    .contains("|1|85|0|0|4|"));
            Long overflow = phone.js("return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(overflow).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0L);
            phone.screenshot("publicity-volunteer-phone");
        }
        PublicityTally township =
                security.as(leader, () -> publicity.tally(drive.id(), TOWNSHIP)).get(0);
        assertThat(township.audience()).isEqualTo(85);
        assertThat(township.volunteers()).isEqualTo(4);
    }

    /** A grid worker's village lies above their grid: the page shows the drive and offers nothing to log. */
    @Test
    void aGridWorkerSeesThePageWithoutALogForm() throws Exception {
        String grid = SystemAccess.call(() -> regions.descendantsAtLevel(
                        regions.descendantsAtLevel(TOWNSHIP, RegionLevel.VILLAGE)
                                .get(0)
                                .code(),
                        RegionLevel.GRID)
                .get(0)
                .code());
        String worker = security.ensureUser("grid.publicity.ui", grid, Role.GRID_WORKER);
        try (Browser browser = desk()) {
            browser.login(worker);
            browser.open("/publicity");
            browser.waitFor(d -> !d.findElements(By.id("main-navigation")).isEmpty());
            browser.settle();
            assertThat(browser.driver().findElements(By.id("publicity-new")))
                    .allSatisfy(form -> assertThat(form.isDisplayed()).isFalse());
            assertThat(browser.driver().findElements(By.cssSelector("#access-denied, #not-found")))
                    .isEmpty();
        }
    }
}
