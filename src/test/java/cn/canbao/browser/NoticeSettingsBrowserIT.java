package cn.canbao.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.Yongchun;
import cn.canbao.security.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * 通知设置 in the browser: a grid worker opts out of every notice and saves; a township leader also sees their region's
 * channel. Screenshots under target/screenshots/.
 */
@CanbaoIntegrationTest
class NoticeSettingsBrowserIT extends BrowserTestBase {

    @Test
    void aGridWorkerOptsOutAndALeaderSeesTheRegionsChannel() throws Exception {
        String worker = security.ensureUser("notices.ui.gw", Yongchun.TAOCHENG_GRID, Role.GRID_WORKER);
        String leader = security.ensureUser("notices.ui.leader", Yongchun.TAOCHENG, Role.TOWNSHIP_LEADER);

        try (Browser browser = new Browser(port, 1280, 1000)) {
            browser.login(worker);
            assertThat(browser.driver().findElement(By.id("main-navigation")).getText())
                    .contains("通知设置");
            browser.open("/notices");
            browser.waitFor(d -> !d.findElements(By.id("notices-save")).isEmpty());
            assertThat(browser.driver().findElements(By.id("notices-region"))).isEmpty();
            browser.chooseInSelect("notices-opted-out", "不接收任何通知");
            browser.js("arguments[0].click()", browser.driver().findElement(By.id("notices-save")));
            browser.settle();
            browser.screenshot("notices-opted-out");
        }
        assertThat(jdbc.queryForObject(
                        "select opted_out from notify_preference where username = ?", Boolean.class, worker))
                .isTrue();

        try (Browser browser = new Browser(port, 1280, 1000)) {
            browser.login(leader);
            browser.open("/notices");
            browser.waitFor(d -> !d.findElements(By.id("notices-region-save")).isEmpty());
            browser.js("arguments[0].click()", browser.driver().findElement(By.id("notices-region-save")));
            browser.settle();
            // saving the region as shown (as its region is set) leaves no choice behind
            assertThat(jdbc.queryForObject(
                            "select count(*) from notify_region_channel where region_code = ?",
                            Integer.class,
                            Yongchun.TAOCHENG))
                    .isZero();
            // one of the township's villages: its work group
            browser.chooseInComboBox("notices-region", Yongchun.TAOCHENG_VILLAGE);
            browser.chooseInSelect("notices-region-channel", "工作群");
            browser.js("arguments[0].click()", browser.driver().findElement(By.id("notices-region-save")));
            browser.settle();
            browser.screenshot("notices-region");
        }
        try {
            assertThat(jdbc.queryForList(
                            "select region_code || ' ' || channel from notify_region_channel where set_by = ?",
                            String.class,
                            leader))
                    .containsExactly(Yongchun.TAOCHENG_VILLAGE + " GROUP");
        } finally {
            jdbc.update("delete from notify_region_channel where region_code = ?", Yongchun.TAOCHENG_VILLAGE);
        }
    }
}
