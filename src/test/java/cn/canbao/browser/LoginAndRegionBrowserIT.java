package cn.canbao.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.demo.DemoCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/** A demo user logs in through the real login page in headless Chromium and browses regions in Chinese. */
@CanbaoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginAndRegionBrowserIT extends BrowserTestBase {

    @Autowired
    DemoCredentials demo;

    private Browser browser;

    @BeforeAll
    void startBrowser() {
        browser = desk();
    }

    @AfterAll
    void stopBrowser() {
        browser.close();
    }

    @Test
    void aWrongPasswordIsToldInChineseAndTheRightOneOpensTheRegionBrowser() throws Exception {
        logIn("township.leader", "wrong-password-1");
        browser.waitFor(
                d -> Boolean.TRUE.equals(browser.js("return document.querySelector('vaadin-login-form')?.error")));
        assertThat((String) browser.js("return document.querySelector('vaadin-login-form').i18n.errorMessage.message"))
                .isEqualTo("用户名或密码不正确，请检查后重试。");

        logIn("township.leader", demo.password("township.leader").orElseThrow());
        browser.waitFor(
                d -> d.getCurrentUrl().endsWith("/") || d.getCurrentUrl().contains("/regions"));
        browser.waitFor(d -> !d.findElements(By.cssSelector("#region-tree")).isEmpty());
        browser.settle();

        assertThat(browser.driver().findElement(By.tagName("h2")).getText()).isEqualTo("桃城镇");
        assertThat(browser.driver().findElement(By.id("current-user")).getText())
                .contains("桃城镇主官（演示）", "乡镇主官");
        assertThat(browser.driver().findElement(By.id("main-navigation")).getText())
                .contains("区域")
                .doesNotContain("用户管理");
        String gridText =
                browser.js("return Array.from(document.querySelectorAll('#region-tree vaadin-grid-cell-content'))"
                        + ".map(c => c.textContent).join('|')");
        assertThat(gridText).contains("名称", "区划代码", "层级", "下级数", "户籍人口", "村/社区", "社区");
        assertThat(browser.driver().findElement(By.cssSelector("#region-chart")).getAttribute("data-rendered"))
                .isEqualTo("true");
        assertThat(browser.driver().findElements(By.cssSelector("#region-chart canvas")))
                .isNotEmpty();
        browser.screenshot("region-browser-township-leader");

        // drill down one level: the first village of the tree
        String firstVillage =
                browser.js("return document.querySelector('#region-tree vaadin-grid-cell-content a')" + ".textContent");
        browser.driver()
                .findElement(By.cssSelector("#region-tree vaadin-grid-cell-content a"))
                .click();
        browser.waitFor(d -> d.findElement(By.tagName("h2")).getText().equals(firstVillage));
        assertThat(browser.driver().findElement(By.id("region-breadcrumb")).getText())
                .contains("桃城镇");

        // another township's code in the URL is refused with a message, not shown
        browser.open("/regions/350525102000");
        browser.waitFor(
                d -> !d.findElements(By.cssSelector("vaadin-notification-card")).isEmpty());
        assertThat((String) browser.js("return document.querySelector('vaadin-notification-card').textContent"))
                .contains("350525102000", "不在您的管辖范围内");
        assertThat(browser.driver().findElement(By.tagName("h2")).getText()).isEqualTo("桃城镇");

        // a malformed code likewise
        browser.open("/regions/12345");
        browser.waitFor(
                d -> !d.findElements(By.cssSelector("vaadin-notification-card")).isEmpty());
        assertThat((String) browser.js("return document.querySelector('vaadin-notification-card').textContent"))
                .contains("区划代码“12345”格式不正确");
    }

    @Test
    void theLanguageSwitchShowsEnglish() {
        logIn("volunteer", demo.password("volunteer").orElseThrow());
        browser.waitFor(d -> !d.findElements(By.id("language-switch")).isEmpty());
        browser.settle();
        // pick "English" through the component's own overlay
        browser.driver().findElement(By.id("language-switch")).click();
        browser.waitFor(
                d -> !d.findElements(By.cssSelector("vaadin-select-item")).isEmpty());
        // the overlay renders its items again while it opens: pick "English" once the list stands still
        browser.waitFor(d -> {
            try {
                var english = d.findElements(By.cssSelector("vaadin-select-item")).stream()
                        .filter(i -> i.getText().equals("English"))
                        .findFirst();
                english.ifPresent(org.openqa.selenium.WebElement::click);
                return english.isPresent();
            } catch (org.openqa.selenium.WebDriverException rerendered) {
                return false;
            }
        });
        // the page renders again in English: an element read while it is replaced is gone (CI met it), read again
        browser.waitFor(d -> {
            try {
                return d.findElement(By.id("main-navigation")).getText().contains("Regions")
                        && d.findElement(By.id("logout")).getText().equals("Log out");
            } catch (org.openqa.selenium.WebDriverException rerendered) {
                return false;
            }
        });
        assertThat(browser.driver().findElement(By.id("logout")).getText()).isEqualTo("Log out");
    }

    private void logIn(String username, String password) {
        browser.driver().manage().deleteAllCookies();
        browser.open("/login");
        browser.waitFor(d -> !d.findElements(By.cssSelector("vaadin-login-form input[name='username']"))
                .isEmpty());
        var user = browser.driver().findElement(By.cssSelector("vaadin-login-form input[name='username']"));
        var pass = browser.driver().findElement(By.cssSelector("vaadin-login-form input[name='password']"));
        user.clear();
        user.sendKeys(username);
        pass.clear();
        pass.sendKeys(password);
        browser.driver()
                .findElement(By.cssSelector(
                        "vaadin-login-form vaadin-button[slot='submit'], " + "vaadin-login-form vaadin-button"))
                .click();
    }
}
