package cn.canbao.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.region.NewRegion;
import cn.canbao.region.RegionLevel;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Issue 17, point 10 as an administrator walks it: uploads a grid list on the 区划维护 page, sees the difference
 * (one new grid) before anything is written, confirms, and the grid exists.
 */
@CanbaoIntegrationTest
class RegionMaintenanceBrowserIT extends BrowserTestBase {

    static final String COUNTY = "350576000000";
    static final String TOWNSHIP = "350576101000";
    static final String VILLAGE = "350576101001";

    @Test
    void anAdministratorUploadsAGridListSeesTheDifferenceAndConfirms() throws Exception {
        SystemAccess.run(() -> regions.createMissing(List.of(
                NewRegion.region(COUNTY, "网格清单测试县", RegionLevel.COUNTY, "350500000000", null, true),
                NewRegion.region(TOWNSHIP, "清单镇", RegionLevel.TOWNSHIP, COUNTY, null, true),
                NewRegion.region(VILLAGE, "清单村", RegionLevel.VILLAGE, TOWNSHIP, null, true))));
        String admin = security.ensureUser("admin.gridlist", COUNTY, Role.ADMIN);
        int next = jdbc.queryForObject(
                "select coalesce(max(right(code, 3)::int), 0) + 1 from region where parent_code = ?",
                Integer.class,
                VILLAGE);
        String grid = VILLAGE + String.format("%03d", next);
        Path file = Files.createTempFile("网格清单", ".csv");
        Files.writeString(
                file,
                "code,name,level,parent_code,grid_kind,sector,household_population\n"
                        + VILLAGE + ",清单村,VILLAGE," + TOWNSHIP + ",,,\n"
                        + grid + ",清单村第" + next + "网格,GRID," + VILLAGE + ",COMMUNITY,,\n",
                StandardCharsets.UTF_8);

        try (Browser browser = desk()) {
            browser.login(admin);
            browser.open("/regions-admin");
            browser.waitFor(d -> !d.findElements(By.id("regions-upload")).isEmpty());
            browser.settle();
            browser.driver()
                    .findElement(By.id("regions-upload"))
                    .getShadowRoot()
                    .findElement(By.cssSelector("input[type=file]"))
                    .sendKeys(file.toAbsolutePath().toString());
            browser.waitFor(d -> !d.findElements(By.id("regions-diff-counts")).isEmpty());
            assertThat(browser.driver()
                            .findElement(By.id("regions-diff-counts"))
                            .getText())
                    .contains("新增 1", "属性变更 0", "改名 0");
            assertThat(jdbc.queryForObject("select count(*) from region where code = ?", Integer.class, grid))
                    .as("nothing written before the confirmation")
                    .isZero();
            browser.screenshot("regions-upload-preview");
            var confirm = browser.driver().findElement(By.id("regions-confirm"));
            browser.js("arguments[0].scrollIntoView({block: 'center'})", confirm);
            confirm.click();
            browser.waitFor(d -> d.findElements(By.id("regions-diff-counts")).isEmpty());
            assertThat(jdbc.queryForObject("select name from region where code = ?", String.class, grid))
                    .isEqualTo("清单村第" + next + "网格");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
