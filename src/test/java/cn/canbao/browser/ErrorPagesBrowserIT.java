package cn.canbao.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/**
 * A page the user may not open says so in Chinese (not Vaadin's English "Could not navigate"), and so does an
 * address that leads nowhere. A volunteer neither sees the outreach worklist in the menu nor opens it by URL.
 */
@CanbaoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorPagesBrowserIT extends BrowserTestBase {

    private Browser browser;

    @BeforeAll
    void startBrowser() {
        browser = desk();
        // a volunteer of its own (the demo volunteer may have chosen English in another test)
        security.ensureUser("errors.volunteer", "350525101001", Role.VOLUNTEER);
        browser.login("errors.volunteer");
        browser.settle();
    }

    @AfterAll
    void stopBrowser() {
        browser.close();
    }

    @Test
    void aVolunteerIsRefusedTheOutreachWorklistWithAChinesePage() throws Exception {
        // from the home page, whichever test ran before in this browser
        browser.open("/");
        browser.waitFor(d -> !d.findElements(By.id("main-navigation")).isEmpty());
        assertThat(browser.driver().findElement(By.id("main-navigation")).getText())
                .doesNotContain("催缴走访");
        browser.open("/outreach");
        browser.waitFor(d -> !d.findElements(By.id("access-denied")).isEmpty());
        String page = browser.driver().findElement(By.id("access-denied")).getText();
        assertThat(page).contains("无权访问此页面", "返回首页").doesNotContain("Could not navigate", "outreach");
        assertThat(browser.driver().getPageSource()).doesNotContain("Could not navigate");
        browser.screenshot("access-denied-volunteer");
    }

    @Test
    void anUnknownAddressSaysSoInChinese() {
        browser.open("/no-such-page");
        browser.waitFor(d -> !d.findElements(By.id("not-found")).isEmpty());
        assertThat(browser.driver().findElement(By.id("not-found")).getText()).contains("页面不存在", "返回首页");
    }
}
