package cn.canbao.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.ExtractHeaders;
import cn.canbao.register.person.IdNumber;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * A clerk uploads a GBK police extract in the import wizard and sees the counts and the rejected row (its ID
 * number masked), and downloads the raw rows (audited).
 */
@CanbaoIntegrationTest
class ImportWizardBrowserIT extends BrowserTestBase {

    @Test
    void aClerkUploadsAnExtractAndSeesCountsAndRejects() throws Exception {
        security.ensureUser("clerk.wizard", "350525000000", Role.CLERK);
        String village = firstBelow("350525108000", RegionLevel.VILLAGE);
        String first17 = "35052519830303091";
        String good = first17 + IdNumber.checkCharacter(first17);
        String bad = first17 + (IdNumber.checkCharacter(first17) == '1' ? '2' : '1');
        Path file = Files.createTempFile("户籍", ".csv");
        Files.writeString(
                file,
                ExtractHeaders.POLICE_BASIC
                        + good + ",谢春燕,在册,2003-03-03," + village + "\n"
                        + bad + ",错号,在册,2003-03-03," + village + "\n",
                Charset.forName("GBK"));

        try (Browser browser = desk()) {
            current = browser;
            browser.login("clerk.wizard");
            assertThat(browser.driver().findElement(By.id("main-navigation")).getText())
                    .contains("数据导入");

            browser.open("/imports");
            browser.waitFor(d -> !d.findElements(By.id("import-upload")).isEmpty());
            browser.settle();
            var input = browser.driver()
                    .findElement(By.id("import-upload"))
                    .getShadowRoot()
                    .findElement(By.cssSelector("input[type=file]"));
            input.sendKeys(file.toAbsolutePath().toString());

            // the preview first: the GBK file detected, every required column found, then the import
            browser.waitFor(d -> !d.findElements(By.id("import-start")).isEmpty());
            browser.settle();
            assertThat(browser.driver().findElement(By.id("import-format")).getText())
                    .contains("GBK");
            assertThat(browser.driver().findElements(By.id("import-missing"))).isEmpty();
            browser.screenshot("import-preview");
            var start = browser.driver().findElement(By.id("import-start"));
            browser.js("arguments[0].scrollIntoView({block: 'center'})", start);
            start.click();

            try {
                browser.waitFor(
                        d -> !d.findElements(By.id("import-status")).isEmpty() && "已完成".equals(text("import-status")));
            } catch (org.openqa.selenium.TimeoutException e) {
                // what the page showed instead (an order of tests once left it waiting here)
                browser.screenshot("import-wizard-timeout");
                String shown = browser.js("return document.body.innerText");
                org.assertj.core.api.Assertions.fail("the import did not show 已完成; the page showed:\n" + shown, e);
            }
            assertThat(text("import-counts")).isEqualTo("已读取 2 行 · 接收 1 行 · 拒收 1 行 · 变更 1 人");
            // each phase done, with its time
            assertThat(text("import-phases")).contains("读取与逐行校验 ✓", "与档案比对 ✓", "合并入档 ✓", "更新参保统计 ✓");
            assertThat(browser.driver().findElements(By.id("import-cancel"))).isEmpty();
            browser.waitFor(d -> !d.findElements(By.id("import-rejects")).isEmpty());
            String rejects = browser.js("return Array.from(document.querySelectorAll('#import-rejects "
                    + "vaadin-grid-cell-content')).map(c => c.textContent).join('|')");
            assertThat(rejects).contains("3", "校验位错误", IdNumber.mask(bad)).doesNotContain(bad);
            var download = browser.driver().findElement(By.id("import-rejects-download"));
            assertThat(text("import-rejects-download")).contains("下载全部 1 条拒收行");
            String csv = (String) ((JavascriptExecutor) browser.driver())
                    .executeAsyncScript(
                            "const done = "
                                    + "arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done)",
                            download.getAttribute("href"));
            assertThat(csv).contains("行号,原因,列,值,原始数据", bad + ",错号");
            assertThat(jdbc.queryForList(
                            "select outcome from security_audit where action = 'REJECTS_DOWNLOADED' "
                                    + "and actor = 'clerk.wizard' and subject = (select max(id)::text from import_run where created_by = "
                                    + "'clerk.wizard')",
                            String.class))
                    .containsExactly("ALLOWED");
            browser.screenshot("import-wizard");
        }
    }

    /**
     * An extract from another department: its headers are matched by synonym (shown with the confidence), a dry run
     * says what an import would do and writes nothing, and one click imports the same file read the same way.
     */
    @Test
    void aClerkPreviewsAnotherDepartmentsExtractDryRunsItAndImportsIt() throws Exception {
        // a county of its own: the person imported here must not count in another test's townships
        String village = "350586101001";
        SystemAccess.run(() -> regions.createMissing(java.util.List.of(
                cn.canbao.region.NewRegion.region(
                        "350586000000", "向导测试县", RegionLevel.COUNTY, "350500000000", null, true),
                cn.canbao.region.NewRegion.region(
                        "350586101000", "壬镇", RegionLevel.TOWNSHIP, "350586000000", null, true),
                cn.canbao.region.NewRegion.region(village, "壬一村", RegionLevel.VILLAGE, "350586101000", null, true))));
        security.ensureUser("clerk.wizard.map", "350586000000", Role.CLERK);
        String first17 = "35058619840404091";
        String good = first17 + IdNumber.checkCharacter(first17);
        Path file = Files.createTempFile("民政", ".csv");
        Files.writeString(
                file,
                "公民身份号码,姓名,变动类型,变动日期,户籍地区划代码,联系电话\n" + good + ",顾晓梅,在册,2004-04-04," + village + ",13800134040\n",
                java.nio.charset.StandardCharsets.UTF_8);

        try (Browser browser = desk()) {
            current = browser;
            browser.login("clerk.wizard.map");
            browser.open("/imports");
            browser.waitFor(d -> !d.findElements(By.id("import-upload")).isEmpty());
            browser.settle();
            browser.driver()
                    .findElement(By.id("import-upload"))
                    .getShadowRoot()
                    .findElement(By.cssSelector("input[type=file]"))
                    .sendKeys(file.toAbsolutePath().toString());
            browser.waitFor(d -> !d.findElements(By.id("import-dry-run")).isEmpty());
            browser.settle();
            String mapping = browser.js("return Array.from(document.querySelectorAll('#import-mapping "
                    + "vaadin-grid-cell-content')).map(c => c.textContent).join('|')");
            assertThat(mapping).contains("身份证号 *", "公民身份号码", "90%", "联系电话", "3505");
            assertThat(browser.driver().findElements(By.id("import-header-row")))
                    .hasSize(1);
            var dry = browser.driver().findElement(By.id("import-dry-run"));
            browser.js("arguments[0].scrollIntoView({block: 'center'})", dry);
            dry.click();
            browser.waitFor(d -> !d.findElements(By.id("import-dry-run-result")).isEmpty());
            assertThat(text("import-dry-run-result")).isEqualTo("若正式导入：新增 1 人 · 变更 0 人 · 重复 0 行 · 拒收 0 行");
            assertThat(jdbc.queryForObject("select count(*) from person where id_number = ?", Integer.class, good))
                    .isZero();
            browser.screenshot("import-dry-run");
            browser.driver().findElement(By.id("import-after-dry-run")).click();
            browser.waitFor(
                    d -> !d.findElements(By.id("import-status")).isEmpty() && "已完成".equals(text("import-status")));
        }
        assertThat(jdbc.queryForObject("select mobile from person where id_number = ?", String.class, good))
                .isEqualTo("13800134040");
    }

    private Browser current;

    /**
     * An element's text as the DOM holds it. Selenium's getText() answers only what is scrolled into view of its
     * scrolling ancestor: with the history of a busy county below it (tests run in any order), the status above is
     * scrolled out of the app layout's content and would read as empty.
     */
    private String text(String id) {
        String text = current.js("var e = document.getElementById(arguments[0]); return e ? e.textContent : null;", id);
        return text == null ? null : text.strip();
    }
}
