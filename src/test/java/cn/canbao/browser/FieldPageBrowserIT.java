package cn.canbao.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.attack.HttpAttacker;
import cn.canbao.base.CanbaoClock;
import cn.canbao.campaign.Campaign;
import cn.canbao.outreach.FieldPhone;
import cn.canbao.outreach.OutreachCampaigns;
import cn.canbao.region.TestCounty;
import cn.canbao.register.TestIds;
import cn.canbao.security.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 20: "a browser test that fills a visit form offline (Chromium's network emulation), goes online and sees it
 * submitted exactly once". A grid worker opens the field page (manifest linked and served, service worker in
 * control), loses the network, reopens the page from the phone's copy, fills a visit, sees "待上传 1 条"; the
 * connection returns, the page sends it by itself and shows "待上传 0 条"; the database has one visit and the task was
 * completed once.
 */
@CanbaoIntegrationTest
class FieldPageBrowserIT extends BrowserTestBase {

    static final TestCounty AREA = new TestCounty("350572");
    static final String GRID = AREA.grid(1, 1);

    @Autowired
    OutreachCampaigns outreachCampaigns;

    @Autowired
    org.camunda.bpm.engine.TaskService tasks;

    private Campaign campaign;

    @AfterEach
    void cleanUp() {
        outreachCampaigns.end(campaign);
    }

    @Test
    void aVisitFilledOfflineIsSubmittedOnceWhenTheConnectionReturns() throws Exception {
        AREA.create(regions, "离线走访测试县", new TestCounty.Township("离线镇", "离线一村"));
        String clerk = security.ensureUser("clerk.offline", AREA.code(), Role.CLERK);
        String leader = security.ensureUser("leader.offline", AREA.code(), Role.COUNTY_LEADER);
        String worker = security.ensureUser("grid.offline", GRID, Role.GRID_WORKER);
        String resident = TestIds.id("350572", LocalDate.of(1966, 4, 3), 517);
        campaign = outreachCampaigns.residentDueForAVisit(clerk, leader, GRID, resident, "离线乙", "离线走访测试", 2065);

        HttpResponse<String> manifest = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/field/manifest.webmanifest"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.body())
                .contains("\"start_url\": \"/field/index.html\"")
                .contains("访问参保");

        try (Browser phone = phone()) {
            phone.login(worker);
            // the outreach page links to the field page for the visitors
            phone.open("/outreach");
            phone.waitFor(d -> !d.findElements(By.id("outreach-field-link")).isEmpty());
            phone.open("/field/index.html");
            card(phone, "离线乙");
            assertThat(phone.<String>js("return document.querySelector('link[rel=manifest]').href"))
                    .endsWith("/field/manifest.webmanifest");
            assertThat(pending(phone)).isEqualTo("待上传 0 条");
            // the service worker has the page's copy before the network goes
            phone.waitFor(d -> Boolean.TRUE.equals(phone.js("return !!navigator.serviceWorker.controller")));
            // Chromium reads the manifest without errors and finds nothing that keeps the page from installing
            ChromeDriver chromium = (ChromeDriver) phone.driver();
            Map<String, Object> read = chromium.executeCdpCommand("Page.getAppManifest", Map.of());
            assertThat((String) read.get("url")).endsWith("/field/manifest.webmanifest");
            assertThat((java.util.List<?>) read.get("errors")).isEmpty();
            Map<String, Object> installable = chromium.executeCdpCommand("Page.getInstallabilityErrors", Map.of());
            assertThat((java.util.List<?>) installable.get("installabilityErrors"))
                    .isEmpty();

            network(phone, false);
            phone.driver().navigate().refresh();
            WebElement card = card(phone, "离线乙");
            assertThat(phone.<String>js("return document.getElementById('field-network').textContent"))
                    .startsWith("离线");
            card.findElement(By.className("field-open")).click();
            phone.waitFor(d -> !d.findElements(By.id("visit-outcome")).isEmpty());
            phone.js("document.querySelector('#visit-outcome input[value=UNREACHABLE]').click()");
            phone.driver().findElement(By.id("visit-note")).sendKeys("离线填写：家中无人");
            phone.screenshot("field-page-offline-form");
            WebElement save = phone.driver().findElement(By.id("visit-save"));
            phone.js("arguments[0].scrollIntoView({block: 'center'})", save);
            save.click();
            phone.waitFor(d -> "待上传 1 条".equals(pending(phone)));
            phone.screenshot("field-page-offline-pending");
            assertThat(visits(resident)).isZero();

            network(phone, true);
            phone.waitFor(d -> "待上传 0 条".equals(pending(phone)));
            phone.screenshot("field-page-uploaded");
            assertThat(phone.driver().findElements(By.className("field-task"))).isEmpty();
        }
        assertThat(jdbc.queryForMap(
                        "select v.outcome, v.note, v.visited_by, oc.stage from visit v join outreach_case oc "
                                + "on oc.id = v.case_id where v.campaign_id = ? and v.id_number = ?",
                        campaign.id(),
                        resident))
                .containsEntry("outcome", "UNREACHABLE")
                .containsEntry("note", "离线填写：家中无人")
                .containsEntry("visited_by", worker)
                .containsEntry("stage", "ENDED");
        assertThat(visits(resident)).isOne();
        assertThat(jdbc.queryForObject(
                        "select count(*) from field_submission s join outreach_case oc on oc.id = s.case_id "
                                + "where oc.campaign_id = ?",
                        Integer.class,
                        campaign.id()))
                .isOne();
        assertThat(jdbc.queryForObject(
                        "select count(*) from act_hi_taskinst t join act_hi_procinst p on p.id_ = t.proc_inst_id_ "
                                + "join outreach_case oc on p.business_key_ = oc.id::text where oc.campaign_id = ? "
                                + "and t.task_def_key_ = 'Task_VisitResident' and t.end_time_ is not null",
                        Integer.class,
                        campaign.id()))
                .as("visit tasks completed")
                .isOne();
    }

    /**
     * A grid worker reports a resident moved, with a photo of the notice, from the field page; the county's clerk
     * opens the correction's review and sees the photo (streamed with the clerk's region checked, the look logged).
     */
    @Test
    void theVerifyingClerkSeesTheVisitsPhoto() throws Exception {
        TestCounty area = new TestCounty("350573");
        String grid = area.grid(1, 1);
        area.create(regions, "照片核实测试县", new TestCounty.Township("照片镇", "照片一村"));
        String clerk = security.ensureUser("clerk.photo", area.code(), Role.CLERK);
        String leader = security.ensureUser("leader.photo", area.code(), Role.COUNTY_LEADER);
        String worker = security.ensureUser("grid.photo", grid, Role.GRID_WORKER);
        String resident = TestIds.id("350573", LocalDate.of(1975, 9, 8), 623);
        campaign = outreachCampaigns.residentDueForAVisit(clerk, leader, grid, resident, "照片丙", "照片核实测试", 2066);

        FieldPhone phone = new FieldPhone(port, worker);
        HttpResponse<String> sent = phone.submit(
                phone.openTask(),
                UUID.randomUUID(),
                Map.of("method", "HOME", "outcome", "MOVED", "evidence", "村委会出具的迁出证明"),
                png());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        long photoId = HttpAttacker.json(sent).get("photoId").asLong();
        long request = jdbc.queryForObject(
                "select id from correction_request where visit_id = ?",
                Long.class,
                HttpAttacker.json(sent).get("visitId").asLong());
        String review = tasks.createTaskQuery()
                .taskDefinitionKey("Task_ReviewCorrection")
                .processInstanceBusinessKey(Long.toString(request))
                .singleResult()
                .getId();

        try (Browser desk = desk()) {
            desk.login(clerk);
            desk.open("/tasks/review-correction?taskId=" + review);
            WebElement image =
                    desk.waitFor(d -> d.findElements(By.cssSelector("#correction-photo-" + photoId + " img")).stream()
                            .findFirst()
                            .orElse(null));
            desk.waitFor(d -> Boolean.TRUE.equals(
                    desk.js("return arguments[0].complete && arguments[0].naturalWidth === 40", image)));
            desk.screenshot("correction-review-photo");
        }
        assertThat(jdbc.queryForList(
                        "select username || ' ' || purpose from visit_photo_access where photo_id = ?",
                        String.class,
                        photoId))
                .isNotEmpty()
                .allMatch(("clerk.photo VISIT_PHOTO")::equals);
    }

    /**
     * A household of two on the field page: one card, the form lists both by relation; the spouse's own outcome
     * (a promise) brings up the promised date as on the Vaadin form, and each gets their visit row.
     */
    @Test
    void aHouseholdsMembersGetTheirOwnOutcomes() throws Exception {
        OutreachCampaigns.Household household = outreachCampaigns.householdOfTwo("350575", "手机", "field.members", 2068);
        campaign = household.campaign();
        String worker = household.worker();
        String head = household.head();
        String spouse = household.spouse();
        LocalDate today = LocalDate.now(CanbaoClock.DEFAULT_ZONE);

        try (Browser phone = phone()) {
            phone.login(worker);
            phone.open("/field/index.html");
            card(phone, "手机甲").findElement(By.className("field-open")).click();
            phone.waitFor(d -> !d.findElements(By.id("visit-household")).isEmpty());
            assertThat(phone.<String>js("return document.getElementById('visit-household').textContent"))
                    .contains("本户共 2 人未缴费")
                    .contains("户主 · 手机甲")
                    .contains("配偶 · 手机乙")
                    .doesNotContain(spouse);
            assertThat(phone.<Boolean>js("return document.querySelector('[data-field=promisedDate]').hidden"))
                    .isTrue();
            phone.js("document.querySelector('#visit-outcome input[value=UNREACHABLE]').click();"
                    + "const s = document.querySelectorAll('#visit-household select')[1];"
                    + "s.value = 'PROMISED'; s.dispatchEvent(new Event('change', {bubbles: true}));");
            assertThat(phone.<Boolean>js("return document.querySelector('[data-field=promisedDate]').hidden"))
                    .isFalse();
            phone.js(
                    "const d = document.getElementById('visit-promisedDate'); d.value = arguments[0];"
                            + "d.dispatchEvent(new Event('change', {bubbles: true}));",
                    today.plusDays(5).toString());
            phone.screenshot("field-page-household");
            WebElement save = phone.driver().findElement(By.id("visit-save"));
            phone.js("arguments[0].scrollIntoView({block: 'center'})", save);
            save.click();
            phone.waitFor(d -> "待上传 0 条".equals(pending(phone))
                    && d.findElements(By.className("field-task")).isEmpty());
            // with the phone still open, and what it said if the visit is not there (a refusal, a message)
            String said = phone.js("return document.getElementById('field-message').textContent + ' | refused: '"
                    + " + document.getElementById('field-refused').textContent");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(jdbc.queryForList(
                                    "select id_number || ' ' || outcome from visit where campaign_id = ? "
                                            + "order by id_number",
                                    String.class,
                                    campaign.id()))
                            .as("visits recorded; the page said: %s", said)
                            .containsExactly(head + " UNREACHABLE", spouse + " PROMISED"));
        }
        assertThat(jdbc.queryForObject(
                        "select promised_date from visit where campaign_id = ? and id_number = ?",
                        LocalDate.class,
                        campaign.id(),
                        spouse))
                .isEqualTo(today.plusDays(5));
    }

    /** A real PNG of 40 × 30 pixels (the browser must be able to draw it). */
    private static byte[] png() throws Exception {
        java.awt.image.BufferedImage image =
                new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    private int visits(String resident) {
        return jdbc.queryForObject(
                "select count(*) from visit where campaign_id = ? and id_number = ?",
                Integer.class,
                campaign.id(),
                resident);
    }

    /** The worklist's card of the resident. */
    private static WebElement card(Browser phone, String resident) {
        return phone.waitFor(d -> d.findElements(By.className("field-task")).stream()
                .filter(c -> c.getText().contains(resident))
                .findFirst()
                .orElse(null));
    }

    private static String pending(Browser phone) {
        return phone.js("return document.getElementById('field-pending').textContent");
    }

    /** Chromium's network emulation: offline fails every request of the page and tells it it is offline. */
    private static void network(Browser phone, boolean online) {
        ChromeDriver driver = (ChromeDriver) phone.driver();
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand(
                "Network.emulateNetworkConditions",
                Map.of("offline", !online, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        phone.waitFor(
                d -> Boolean.valueOf(online).equals(((JavascriptExecutor) d).executeScript("return navigator.onLine")));
    }
}
