package cn.canbao.browser;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** A county clerk reads the policy rules: the versions with the one in force, and the tables with their annotations. */
@CanbaoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyRulesBrowserIT {

    static final String CLERK = "clerk.browser.policy";

    @LocalServerPort
    int port;
    @Autowired
    SecurityTestSupport security;

    @BeforeAll
    void clerk() {
        security.ensureUser(CLERK, "350525000000", Role.CLERK);
    }

    @Test
    void theVersionInForceAndItsTablesAreShown() throws Exception {
        try (Browser browser = new Browser(port, 1280, 900)) {
            browser.open("/login");
            browser.waitFor(d -> !d.findElements(By.cssSelector("vaadin-login-form input[name='username']")).isEmpty());
            browser.driver().findElement(By.cssSelector("vaadin-login-form input[name='username']")).sendKeys(CLERK);
            browser.driver().findElement(By.cssSelector("vaadin-login-form input[name='password']"))
                    .sendKeys(SecurityTestSupport.PASSWORD);
            browser.driver().findElement(By.cssSelector("vaadin-login-form vaadin-button")).click();
            browser.waitFor(d -> !d.getCurrentUrl().contains("/login"));
            browser.open("/policy-rules");
            browser.waitFor(d -> !d.findElements(By.id("policy-table-WaitingPeriod")).isEmpty());
            browser.settle();
            browser.screenshot("policy-rules");
            browser.waitFor(d -> cells(browser, "policy-versions").contains("2025"));
            assertThat(cells(browser, "policy-versions")).contains("2025", "生效中", "|policy-rules.dmn|", "随程序部署")
                    .doesNotContain("/processes/");
            assertThat(cells(browser, "policy-table-WaitingPeriod")).contains("W1 新生儿免待遇等待期",
                    "max(6, 3 + max(0, breakYears - 1 - paidBackYears))", "\"W8\"");
            assertThat(cells(browser, "policy-table-CapAdjustment")).contains("C1 激励合计超过原封顶线20%，按20%计");
        }
    }

    private static String cells(Browser browser, String gridId) {
        return browser.js("return Array.from(document.querySelectorAll('#" + gridId + " vaadin-grid-cell-content'))"
                + ".map(c => c.textContent).join('|')").toString();
    }
}
