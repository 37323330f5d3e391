package cn.canbao.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.policy.RuleSet;
import cn.canbao.policy.RuleSetFixtures;
import cn.canbao.policy.RuleSetService;
import cn.canbao.security.Role;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/** A county clerk reads the policy rules: the versions with the one in force, and the tables with their annotations. */
@CanbaoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyRulesBrowserIT extends BrowserTestBase {

    static final String CLERK = "clerk.browser.policy";

    @Autowired
    RuleSetService ruleSets;

    @BeforeAll
    void clerk() {
        security.ensureUser(CLERK, "350525000000", Role.CLERK);
        RuleSetFixtures.save(
                ruleSets,
                new RuleSet(
                        null,
                        2030,
                        "350525000000",
                        "永春县",
                        null,
                        new BigDecimal("380"),
                        new BigDecimal("640"),
                        null,
                        LocalDate.of(2029, 9, 1),
                        LocalDate.of(2030, 6, 30),
                        RuleSet.MINIMUM_RAISE,
                        RuleSet.MINIMUM_RAISE,
                        20,
                        Map.of()));
    }

    @Test
    void theVersionInForceAndItsTablesAreShown() throws Exception {
        try (Browser browser = desk()) {
            browser.login(CLERK);
            browser.open("/policy-rules");
            browser.waitFor(
                    d -> !d.findElements(By.id("policy-table-WaitingPeriod")).isEmpty());
            browser.settle();
            browser.screenshot("policy-rules");
            browser.waitFor(d -> cells(browser, "policy-versions").contains("2025"));
            assertThat(cells(browser, "policy-versions"))
                    .contains("2025", "生效中", "|policy-rules.dmn|", "随程序部署")
                    .doesNotContain("/processes/");
            assertThat(cells(browser, "policy-table-WaitingPeriod"))
                    .contains("W1 新生儿免待遇等待期", "max(6, 3 + max(0, breakYears - 1 - paidBackYears))", "\"W8\"");
            assertThat(cells(browser, "policy-table-CapAdjustment")).contains("C1 激励合计超过原最高支付限额的规定比例（文件：20%），按此计");

            // the county's rule set is listed; picked, it fills the form, and a raise below the documents' floor of
            // 1,000 yuan is refused with the reason, the saved set unchanged
            browser.waitFor(d -> cells(browser, "rule-set-grid").contains("2030"));
            assertThat(cells(browser, "rule-set-grid")).contains("永春县", "未实施", "380", "640");
            browser.driver().findElements(By.cssSelector("#rule-set-grid vaadin-grid-cell-content")).stream()
                    .filter(c -> "2030".equals(c.getText()))
                    .findFirst()
                    .orElseThrow()
                    .click();
            browser.waitFor(
                    d -> "380".equals(browser.js("return document.getElementById('rule-set-contribution').value")));
            browser.js("const f = document.getElementById('rule-set-raise'); f.value = '500'; "
                    + "f.dispatchEvent(new Event('change', {bubbles: true}));");
            browser.js("document.getElementById('rule-set-save').click()");
            browser.waitFor(
                    d -> d.findElement(By.id("rule-set-error")).getText().contains("不得低于1000元"));
            assertThat(cn.canbao.security.SystemAccess.call(() -> ruleSets.applying(2030, "350525000000")))
                    .get()
                    .extracting(r -> r.raiseAmount().intValue())
                    .isEqualTo(1000);
        }
    }

    private static String cells(Browser browser, String gridId) {
        return browser.js("return Array.from(document.querySelectorAll('#" + gridId + " vaadin-grid-cell-content'))"
                        + ".map(c => c.textContent).join('|')")
                .toString();
    }
}
