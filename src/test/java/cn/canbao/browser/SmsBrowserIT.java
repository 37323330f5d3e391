package cn.canbao.browser;

import static cn.canbao.Yongchun.COUNTY;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.Yongchun;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.PoliceExtract;
import cn.canbao.register.TestIds;
import cn.canbao.security.AsSystem;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import cn.canbao.sms.SmsOutbox;
import cn.canbao.sms.SmsRequest;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The county clerk on 短信提醒: the day's figures, a template with a link refused (and the live count
 * saying why), a good one saved, and a resident's opt-out recorded by ID number.
 */
@CanbaoIntegrationTest
@AsSystem
class SmsBrowserIT extends BrowserTestBase {

    /** 岵山镇: its first grid is where the clerk's two residents live. */
    static final String TOWNSHIP = Yongchun.township(16);
    /** The residents' address, which marks them for removal after the test. */
    static final String ADDRESS = "SMS-UI";

    @Autowired
    SmsOutbox outbox;

    @AfterEach
    void removeTestPersons() {
        jdbc.update("delete from sms_message where dedup_key like 'ui-%'");
        jdbc.update(
                "delete from sms_opt_out o using person p where p.id_number = o.id_number and p.address = ?", ADDRESS);
        jdbc.update(
                "delete from person_change c using person p where p.id_number = c.id_number and p.address = ?",
                ADDRESS);
        jdbc.update("delete from person where address = ?", ADDRESS);
        jdbc.update("delete from sms_template");
    }

    @Test
    void theClerkSeesTheFiguresEditsATemplateAndRecordsAnOptOut() throws Exception {
        jdbc.update("delete from sms_message");
        jdbc.update("delete from sms_opt_out");
        jdbc.update("delete from sms_template");
        String clerk = security.ensureUser("clerk.sms.ui", COUNTY, Role.CLERK);
        String grid = firstBelow(firstBelow(TOWNSHIP, RegionLevel.VILLAGE), RegionLevel.GRID);
        String delivered = TestIds.id("350525", LocalDate.of(1970, 5, 1), 1);
        String failed = TestIds.id("350525", LocalDate.of(1970, 5, 1), 2);
        // the residents as the register has them: the clerk imports the police household extract that lists them
        importer.register(
                clerk,
                PoliceExtract.registeredOn("2000-01-01")
                        .inGrid(delivered, "王7001", grid, ADDRESS, "13600007001")
                        .inGrid(failed, "王7002", grid, ADDRESS, "13600007002"));
        for (String id : new String[] {delivered, failed}) {
            outbox.enqueue(new SmsRequest(
                    id,
                    id.equals(delivered) ? "13600007001" : "13600007002",
                    grid,
                    1L,
                    "REMINDER_FIRST",
                    Map.of(
                            "name",
                            "王*",
                            "amount",
                            "400",
                            "deadline",
                            "12月31日",
                            "channels",
                            "支付宝",
                            "consequence",
                            "逾期参保将有3个月待遇等待期"),
                    "ui-" + id));
        }
        // the dispatcher's outcome, as callbacks would leave it (dispatching is tested in the sms package)
        jdbc.update(
                "update sms_message set status = 'DELIVERED', accepted_at = now(), status_at = now() where id_number = ?",
                delivered);
        jdbc.update(
                "update sms_message set status = 'FAILED', error_code = 21211, status_at = now() where id_number = ?",
                failed);

        try (Browser browser = desk()) {
            browser.login(clerk);
            browser.open("/sms");
            browser.waitFor(d -> d.findElement(By.id("sms-delivered")).getText().contains("1"));
            assertThat(browser.driver().findElement(By.id("sms-sent")).getText())
                    .endsWith("1");
            assertThat(browser.driver().findElement(By.id("sms-failed")).getText())
                    .endsWith("1");
            String township = SystemAccess.call(() -> regions.get(TOWNSHIP).name());
            browser.settle();
            browser.screenshot("sms-overview");
            assertThat(cells(browser, "sms-townships")).contains(township + "|1|1|1|0");

            tab(browser, "短信模板");
            WebElement text =
                    browser.waitFor(d -> d.findElement(By.cssSelector("#sms-template-REMINDER_FIRST textarea")));
            text.sendKeys(Keys.chord(Keys.CONTROL, "a"), "您好，请登录 www.pay-example.cn 缴费{amount}元");
            browser.settle();
            assertThat(browser.driver()
                            .findElement(By.id("sms-template-count-REMINDER_FIRST"))
                            .getText())
                    .contains("1条短信")
                    .contains("不得包含网址");
            browser.driver()
                    .findElement(By.id("sms-template-save-REMINDER_FIRST"))
                    .click();
            browser.settle();
            assertThat(templates()).isZero();
            text.sendKeys(
                    Keys.chord(Keys.CONTROL, "a"),
                    "您好，居民医保个人缴费{amount}元，{deadline}截止，可通过{channels}缴纳。" + "{consequence}。回复TD退订");
            browser.settle();
            browser.driver()
                    .findElement(By.id("sms-template-save-REMINDER_FIRST"))
                    .click();
            browser.waitFor(d -> templates() == 1);

            tab(browser, "退订");
            WebElement id = browser.waitFor(d -> d.findElement(By.cssSelector("#sms-opt-out-id input")));
            id.sendKeys(delivered);
            browser.settle();
            browser.driver().findElement(By.id("sms-opt-out-record")).click();
            browser.waitFor(d -> cells(browser, "sms-opt-outs").contains("经办登记"));
            assertThat(cells(browser, "sms-opt-outs")).contains("clerk.sms.ui").doesNotContain(delivered);
            browser.screenshot("sms-clerk");
        }
        assertThat(jdbc.queryForObject("select sms_opt_out from person where id_number = ?", Boolean.class, delivered))
                .isTrue();
    }

    private int templates() {
        return jdbc.queryForObject(
                "select count(*) from sms_template where county_code = ? and body like '%回复TD退订'",
                Integer.class, COUNTY);
    }

    private static void tab(Browser browser, String label) {
        browser.js(
                "Array.from(document.querySelectorAll('#sms-tabs vaadin-tab')).find(t => t.textContent.trim() === arguments[0]).click()",
                label);
        browser.settle();
    }

    private static String cells(Browser browser, String gridId) {
        return browser.js("return Array.from(document.querySelectorAll('#" + gridId + " vaadin-grid-cell-content'))"
                + ".map(c => c.textContent).join('|')");
    }
}
