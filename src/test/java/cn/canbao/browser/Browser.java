package cn.canbao.browser;

import cn.canbao.security.SecurityTestSupport;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Selenium with the system chromedriver (no downloads: this
 * network reaches no browser mirror). {@code .ci/run} installs both packages when missing.
 */
public final class Browser implements AutoCloseable {

    private final ChromeDriver driver;
    private final String baseUrl;

    public Browser(int port, int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("canbao.chromium", "/usr/bin/chromium"));
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--window-size=" + width + "," + height,
                "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("canbao.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        this.baseUrl = "http://localhost:" + port;
        if (width < 500) {
            // headless Chromium keeps windows at least 500 px wide: a phone's width needs device emulation
            driver.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(baseUrl + path);
    }

    /** Logs in through the login form and waits for the shell's navigation. */
    public void login(String username, String password) {
        open("/login");
        waitFor(d -> !d.findElements(By.cssSelector("vaadin-login-form input[name='username']"))
                .isEmpty());
        driver.findElement(By.cssSelector("vaadin-login-form input[name='username']"))
                .sendKeys(username);
        driver.findElement(By.cssSelector("vaadin-login-form input[name='password']"))
                .sendKeys(password);
        driver.findElement(By.cssSelector("vaadin-login-form vaadin-button")).click();
        waitFor(d -> !d.findElements(By.id("main-navigation")).isEmpty());
    }

    /** Logs in as a test user (with {@link SecurityTestSupport#PASSWORD}) and waits for the shell's navigation. */
    public void login(String username) {
        login(username, SecurityTestSupport.PASSWORD);
    }

    public <T> T waitFor(Function<WebDriver, T> condition) {
        // pages reload (login, language switch): an element found a moment ago may be gone
        return new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }

    @SuppressWarnings("unchecked")
    public <T> T js(String script, Object... args) {
        return (T) ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits until Vaadin has no pending server round trip. */
    public void settle() {
        waitFor(d -> Boolean.TRUE.equals(js("return !!(window.Vaadin && window.Vaadin.Flow && "
                + "window.Vaadin.Flow.clients && Object.values(window.Vaadin.Flow.clients)"
                + ".every(c => !c.isActive()))")));
    }

    /** Types the text into the combo box over what it shows, as a user would, and clicks the item it offers. */
    public void chooseInComboBox(String id, String text) {
        // what it shows now is replaced, as a user selecting it and typing over it would
        driver.findElement(By.cssSelector("#" + id + " input"))
                .sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), text);
        settle();
        waitFor(d -> Boolean.TRUE.equals(js(
                "return Array.from(document.querySelectorAll("
                        + "'vaadin-combo-box-item')).some(i => i.textContent.includes(arguments[0]))",
                text)));
        js(
                "Array.from(document.querySelectorAll('vaadin-combo-box-item'))"
                        + ".find(i => i.textContent.includes(arguments[0])).click()",
                text);
        settle();
        waitFor(d -> String.valueOf(this.<Object>js("return document.getElementById(arguments[0]).value", id))
                        .length()
                > 0);
    }

    /** Opens the select and clicks its item showing exactly the text, through the select's own overlay. */
    public void chooseInSelect(String id, String text) {
        driver.findElement(By.id(id)).click();
        waitFor(d -> {
            try {
                var item = d.findElements(By.cssSelector("vaadin-select-item")).stream()
                        .filter(i -> i.getText().equals(text))
                        .findFirst();
                item.ifPresent(org.openqa.selenium.WebElement::click);
                return item.isPresent();
            } catch (org.openqa.selenium.WebDriverException rerendered) {
                return false;
            }
        });
        settle();
    }

    public Path screenshot(String name) throws Exception {
        Path target = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(target.getParent());
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
