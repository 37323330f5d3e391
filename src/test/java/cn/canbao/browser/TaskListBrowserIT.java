package cn.canbao.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.Yongchun;
import cn.canbao.security.Role;
import cn.canbao.task.InboxTestProcess;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;

/** On a phone, a township leader sees their tasks as cards, claims one, spots the overdue one and opens its form. */
@CanbaoIntegrationTest
class TaskListBrowserIT extends BrowserTestBase {

    static final String TOWNSHIP = Yongchun.township(15);
    static final String OTHER_TOWNSHIP = Yongchun.township(16);
    static final String LEADER = "leader.tasks.ui";

    @Autowired
    InboxTestProcess process;

    private String deploymentId;

    @AfterEach
    void removeProcess() {
        if (deploymentId != null) {
            process.undeploy(deploymentId);
        }
    }

    @Test
    void aTownshipLeaderWorksThroughTheirTasksOnAPhone() throws Exception {
        security.ensureUser(LEADER, TOWNSHIP, Role.TOWNSHIP_LEADER);
        deploymentId = process.deploy();
        String ours = Role.TOWNSHIP_LEADER.groupAt(TOWNSHIP);
        String theirs = Role.TOWNSHIP_LEADER.groupAt(OTHER_TOWNSHIP);
        Instant due = Instant.now().plus(Duration.ofDays(2));
        String onTime = process.start(ours, theirs, due, "石鼓镇", false);
        String late = process.start(ours, theirs, Instant.now().minus(Duration.ofHours(3)), "石鼓镇", false);
        String card = process.taskId(onTime, InboxTestProcess.TASK_A);
        String othersCard = process.taskId(onTime, InboxTestProcess.TASK_B);
        String overdueCard = process.taskId(late, InboxTestProcess.TASK_A);

        try (Browser browser = phone()) {
            phoneViewport(browser);
            browser.login(LEADER);
            browser.open("/tasks");
            browser.waitFor(d -> !d.findElements(By.id("task-" + card)).isEmpty());
            browser.settle();
            WebElement mine = browser.driver().findElement(By.id("task-" + card));
            assertThat(mine.getAttribute("class")).contains("task-card").doesNotContain("overdue");
            assertThat(mine.getText())
                    .contains(
                            "测试任务甲",
                            "石鼓镇",
                            InboxTestProcess.CAMPAIGN,
                            "待认领",
                            "截止 "
                                    + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                                            .format(due.atZone(ZoneId.of("Asia/Shanghai"))));
            assertThat(browser.driver().findElements(By.id("task-" + othersCard)))
                    .isEmpty();
            assertThat(mine.getRect().getWidth()).as("a card fits the phone").isLessThanOrEqualTo(390);

            WebElement overdue = browser.driver().findElement(By.id("task-" + overdueCard));
            assertThat(overdue.getAttribute("class")).contains("overdue");
            assertThat(overdue.getText()).contains("已逾期");

            mine.findElement(By.cssSelector("vaadin-button.task-claim")).click();
            browser.waitFor(d -> !d.findElements(By.cssSelector("#task-" + card + " vaadin-button.task-unclaim"))
                    .isEmpty());
            browser.settle();
            assertThat(browser.driver().findElements(By.cssSelector("#task-" + card + " vaadin-button.task-claim")))
                    .isEmpty();
            assertThat(browser.driver().findElement(By.id("task-" + card)).getText())
                    .contains("我已认领");
            browser.screenshot("task-list-phone");

            browser.driver()
                    .findElement(By.cssSelector("#task-" + card + " vaadin-button.task-open"))
                    .click();
            browser.waitFor(d -> d.getCurrentUrl().contains("/tasks/test-form?taskId=" + card));
        }
    }

    /** Headless Chromium keeps windows at least 500 px wide; the phone's 390 px need device emulation. */
    private static void phoneViewport(Browser browser) {
        ((ChromeDriver) browser.driver())
                .executeCdpCommand(
                        "Emulation.setDeviceMetricsOverride",
                        Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        browser.open("/login");
        assertThat(browser.<Long>js("return window.innerWidth")).isEqualTo(390L);
    }
}
