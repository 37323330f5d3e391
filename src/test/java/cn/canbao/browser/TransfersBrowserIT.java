package cn.canbao.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.ExtractHeaders;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.ImportRun;
import cn.canbao.register.TestIds;
import cn.canbao.register.person.IdNumber;
import cn.canbao.security.Role;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * 户籍迁移审核: a township clerk's import moves a resident of another township in; that township's clerk
 * sees the request with the masked ID number and approves it on the page, and the person has moved.
 */
@CanbaoIntegrationTest
class TransfersBrowserIT extends BrowserTestBase {

    @Test
    void theOtherSidesClerkApprovesAMoveOnThePage() throws Exception {
        String from = firstBelow("350525104000", RegionLevel.VILLAGE);
        String to = firstBelow("350525105000", RegionLevel.VILLAGE);
        security.ensureUser("clerk.transfers.county", "350525000000", Role.CLERK);
        security.ensureUser("clerk.transfers.to", "350525105000", Role.CLERK);
        String decider = security.ensureUser("clerk.transfers.from", "350525104000", Role.CLERK);
        String person = TestIds.id("350525", LocalDate.of(1958, 7, 7), 717);
        importer.importAs(
                "clerk.transfers.county",
                ExtractKind.POLICE_HOUSEHOLD,
                "seed.csv",
                ExtractHeaders.POLICE_WITH_RESIDENCE + person + ",黄迁户,在册,1990-01-01," + from + "," + from + "\n");
        ImportRun moved = importer.importAs(
                "clerk.transfers.to",
                ExtractKind.POLICE_HOUSEHOLD,
                "move.csv",
                ExtractHeaders.POLICE_WITH_RESIDENCE + person + ",黄迁户,迁入,2024-02-02," + to + "," + to + "\n");
        assertThat(moved.rowsTransferRequested()).isEqualTo(1);
        long id = jdbc.queryForObject(
                "select id from household_transfer where id_number = ? and status = 'PENDING'", Long.class, person);

        try (Browser browser = new Browser(port, 1400, 900)) {
            browser.login(decider);
            assertThat(browser.driver().findElement(By.id("main-navigation")).getText())
                    .contains("户籍迁移审核");
            browser.open("/transfers");
            browser.waitFor(
                    d -> !d.findElements(By.id("transfer-approve-" + id)).isEmpty());
            browser.settle();
            String rows = browser.js("return Array.from(document.querySelectorAll('#transfers "
                    + "vaadin-grid-cell-content')).map(c => c.textContent).join('|')");
            assertThat(rows).contains("黄迁户 " + IdNumber.mask(person), "待审核").doesNotContain(person);
            browser.screenshot("transfers");
            browser.driver().findElement(By.id("transfer-approve-" + id)).click();
            browser.waitFor(d -> !d.findElements(By.id("transfer-confirm")).isEmpty());
            browser.driver()
                    .findElement(By.id("transfer-note"))
                    .findElement(By.cssSelector("textarea"))
                    .sendKeys("已核实");
            browser.screenshot("transfers-dialog");
            browser.driver().findElement(By.id("transfer-confirm")).click();
            // decided: the pending list no longer holds it
            browser.waitFor(
                    d -> Long.valueOf(0).equals(browser.js("return document.querySelector('#transfers').size")));
            browser.screenshot("transfers-approved");
        }
        assertThat(jdbc.queryForMap("select status, decided_by, note from household_transfer where id = ?", id))
                .containsEntry("status", "APPROVED")
                .containsEntry("decided_by", decider)
                .containsEntry("note", "已核实");
        assertThat(jdbc.queryForObject("select household_region from person where id_number = ?", String.class, person))
                .isEqualTo(to);
        // the person counted in 吾峰镇's uninsured would change other tests' targets there (BulletinIT): gone again
        jdbc.update("delete from household_transfer where id_number = ?", person);
        jdbc.update("delete from person_change where id_number = ?", person);
        jdbc.update("delete from person where id_number = ?", person);
    }
}
