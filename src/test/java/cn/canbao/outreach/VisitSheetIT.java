package cn.canbao.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.base.AccessRefused;
import cn.canbao.campaign.Campaign;
import cn.canbao.outreach.process.OutreachProcess;
import cn.canbao.outreach.sheet.SheetWords;
import cn.canbao.outreach.sheet.VisitSheetService;
import cn.canbao.policy.RuleSetFixtures;
import cn.canbao.policy.RuleSetService;
import cn.canbao.region.Region;
import cn.canbao.region.TestCounty;
import cn.canbao.register.ExtractHeaders;
import cn.canbao.register.ExtractKind;
import cn.canbao.register.PoliceExtract;
import cn.canbao.register.TestIds;
import cn.canbao.register.person.IdNumber;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import java.awt.image.BufferedImage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;

/**
 * The printable visit sheet (issue 20.4): a grid whose residents wait for a visit — a household of two still to pay
 * (the head insured), one of one, one resident without 户号 — and a resident of the next grid. The sheet lists the
 * grid's four by household with masked IDs and a QR code per resident that opens their visit form, and logs them as
 * printed; a worker of another grid, a cadre of another village and a clerk get nothing, and nothing is logged.
 */
@CanbaoIntegrationTest
class VisitSheetIT extends OutreachTestBase {

    static final TestCounty AREA = new TestCounty("350593");
    static final String COUNTY = AREA.code();
    static final String VILLAGE_1 = AREA.village(1, 1);
    static final String VILLAGE_2 = AREA.village(1, 2);
    static final String GRID_1 = AREA.grid(1, 1);
    static final String GRID_2 = AREA.grid(1, 2);
    static final int YEAR = 2066;
    static final LocalDate FIRST = LocalDate.of(2065, 10, 1);
    static final String WORKER_1 = "grid.sheet.1";
    static final String WORKER_2 = "grid.sheet.2";
    static final String CADRE_1 = "cadre.sheet.1";
    static final String CADRE_2 = "cadre.sheet.2";
    static final String TOWNSHIP = "township.sheet";
    static final String CLERK = "clerk.sheet";

    @Autowired
    VisitSheetService sheets;

    @Autowired
    RuleSetService ruleSets;

    @Autowired
    MessageSource messages;

    @Value("${canbao.public-url}")
    String publicUrl;

    private Campaign campaign;
    private String head;
    private String spouse;
    private String son;
    private String single;
    private String noHousehold;
    private String otherGrid;

    @BeforeEach
    void aGridWaitingForVisits() {
        AREA.create(regions, "走访单测试县", new TestCounty.Township("戊镇", "戊一村", "戊二村"));
        security.ensureUser(CLERK, COUNTY, Role.CLERK);
        security.ensureUser("leader.sheet", COUNTY, Role.COUNTY_LEADER);
        security.ensureUser(TOWNSHIP, AREA.township(1), Role.TOWNSHIP_LEADER);
        security.ensureUser(CADRE_1, VILLAGE_1, Role.VILLAGE_CADRE);
        security.ensureUser(CADRE_2, VILLAGE_2, Role.VILLAGE_CADRE);
        security.ensureUser(WORKER_1, GRID_1, Role.GRID_WORKER);
        security.ensureUser(WORKER_2, GRID_2, Role.GRID_WORKER);
        head = TestIds.id("350593", LocalDate.of(1968, 3, 1), 11);
        spouse = TestIds.id("350593", LocalDate.of(1970, 4, 2), 22);
        son = TestIds.id("350593", LocalDate.of(1995, 5, 3), 31);
        single = TestIds.id("350593", LocalDate.of(1975, 6, 4), 41);
        noHousehold = TestIds.id("350593", LocalDate.of(1985, 7, 5), 51);
        otherGrid = TestIds.id("350593", LocalDate.of(1990, 8, 6), 61);
        // nobody has a mobile: outreach goes straight to the visit
        importer.register(
                CLERK,
                PoliceExtract.registeredOn("2000-01-01")
                        .inHousehold(head, "周大", GRID_1, "甲街1号", null, "H0101", "户主")
                        .inHousehold(spouse, "吴二", GRID_1, "甲街1号", null, "H0101", "配偶")
                        .inHousehold(son, "周三", GRID_1, "甲街1号", null, "H0101", "长子")
                        .inHousehold(single, "郑四", GRID_1, "乙街2号", null, "H0102", "户主")
                        .inGrid(noHousehold, "冯五", GRID_1, "丙街3号", null)
                        .inHousehold(otherGrid, "陈六", GRID_2, "丁街4号", null, "H0201", "户主"));
        importer.importAs(
                CLERK,
                ExtractKind.INSURANCE_STATUS,
                "sheet-insured.csv",
                ExtractHeaders.INSURANCE + head + ",周大," + YEAR + ",居民,本地\n" + spouse + ",吴二," + (YEAR - 1)
                        + ",居民,本地\n");
        String[] toPay = {spouse, son, single, noHousehold, otherGrid};
        jdbc.update("delete from payment where id_number = any(?) and year = ?", toPay, YEAR);
        jdbc.update("delete from enrollment where id_number = any(?) and year = ?", toPay, YEAR);
        jdbc.update(
                "delete from person_access where purpose = ? and id_number like '350593%'", VisitSheetService.PURPOSE);
        RuleSetFixtures.save(ruleSets, RuleSetFixtures.county(COUNTY, YEAR, null, Map.of()));
        campaign = outreachCampaigns.implementingOnItsTenthDay("leader.sheet", "走访单测试", YEAR, COUNTY, FIRST);
        SystemAccess.call(() -> starter.start(campaign.id()));
    }

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        outreachCampaigns.end(campaign);
    }

    @Test
    void theGridWorkersSheetListsTheGridByHouseholdWithMaskedIdsAndCounts() throws Exception {
        byte[] pdf = security.as(WORKER_1, () -> sheets.pdf(campaign.id(), GRID_1, chinese()));

        String text = text(pdf);
        assertThat(text)
                .contains("入户走访单 · 戊一村第一网格")
                .contains("日期：" + FIRST.plusDays(9))
                .contains("网格员：测试 " + WORKER_1)
                .contains("活动：走访单测试")
                .contains("待走访 3 户 4 人")
                .contains("户号 H0101", "地址：甲街1号", "待走访 2 人")
                .contains("户号 H0102", "地址：乙街2号")
                .contains("无户号", "地址：丙街3号")
                .contains("吴二", "周三", "郑四", "冯五")
                .contains("待走访", "截止 ")
                .contains("已缴费", "承诺缴费", "联系不上", "备注")
                .contains("第 1 页 / 共 1 页");
        for (String id : List.of(spouse, son, single, noHousehold)) {
            assertThat(text).contains(IdNumber.mask(id)).doesNotContain(id).doesNotContain(id.substring(6, 14));
        }
        // the head is insured (no visit), the other grid's resident is not this grid's
        assertThat(text).doesNotContain("周大").doesNotContain("陈六").doesNotContain(IdNumber.mask(otherGrid));
        // households follow the streets (丙 bing, 甲 jia, 乙 yi), the household's members together
        assertThat(order(text, "丙街3号", "甲街1号", "乙街2号")).isSorted();
        assertThat(order(text, "冯五", "吴二", "郑四")).isSorted();
        assertThat(order(text, "周三", "郑四")).isSorted();

        // printed: the four residents listed, logged as the worker's, once each
        assertThat(jdbc.queryForList(
                        "select id_number from person_access where username = ? and purpose = ?",
                        String.class,
                        WORKER_1,
                        VisitSheetService.PURPOSE))
                .containsExactlyInAnyOrder(spouse, son, single, noHousehold);
    }

    @Test
    void eachResidentsQrCodeOpensTheirVisitForm() throws Exception {
        byte[] pdf = security.as(WORKER_1, () -> sheets.pdf(campaign.id(), GRID_1, chinese()));
        String text = text(pdf);
        // the residents in the order the sheet lists them, top to bottom
        List<String> rows = List.of(spouse, son, single, noHousehold).stream()
                .sorted(Comparator.comparingInt(id -> text.indexOf(IdNumber.mask(id))))
                .toList();
        List<String> expected = rows.stream().map(this::visitFormUrl).toList();
        assertThat(expected).doesNotContainNull();
        // the household's two share its one visit (one form records each member's outcome); the others have their own
        assertThat(expected.get(rows.indexOf(spouse))).isEqualTo(expected.get(rows.indexOf(son)));
        assertThat(expected.stream().distinct()).hasSize(3);

        List<Result> codes = qrCodes(pdf);
        assertThat(codes)
                .as("one QR code per resident, top to bottom in the rows' order")
                .extracting(Result::getText)
                .containsExactlyElementsOf(expected);
        assertThat(codes).allSatisfy(c -> assertThat(c.getText()).startsWith(publicUrl + "/tasks/visit?taskId="));
    }

    @Test
    void theSheetSpeaksTheReadersLanguage() throws Exception {
        byte[] pdf = security.as(
                WORKER_1,
                () -> sheets.pdf(campaign.id(), GRID_1, (key, args) -> messages.getMessage(key, args, Locale.ENGLISH)));
        assertThat(text(pdf))
                .contains("Visit sheet · 戊一村第一网格")
                .contains("To visit: 3 households, 4 residents")
                .contains("Household H0101")
                .contains("Page 1 of 1");
    }

    @Test
    void leadersPrintTheGridsOfTheirSubtreeAndWorkersTheirOwn() throws Exception {
        assertThat(security.as(WORKER_1, () -> sheets.grids()))
                .extracting(Region::code)
                .containsExactly(GRID_1);
        assertThat(security.as(TOWNSHIP, () -> sheets.grids()))
                .extracting(Region::code)
                .containsExactlyInAnyOrder(GRID_1, GRID_2);
        assertThat(security.as(CADRE_1, () -> sheets.grids()))
                .extracting(Region::code)
                .containsExactly(GRID_1);

        assertThat(text(security.as(CADRE_1, () -> sheets.pdf(campaign.id(), GRID_1, chinese()))))
                .contains("待走访 3 户 4 人");
        assertThat(text(security.as(TOWNSHIP, () -> sheets.pdf(campaign.id(), GRID_2, chinese()))))
                .contains("待走访 1 户 1 人")
                .contains("陈六")
                .doesNotContain("吴二");
        assertThat(jdbc.queryForList(
                        "select username || ' ' || id_number from person_access where purpose = ? "
                                + "and id_number like '350593%'",
                        String.class, VisitSheetService.PURPOSE))
                .containsExactlyInAnyOrder(
                        CADRE_1 + " " + spouse,
                        CADRE_1 + " " + son,
                        CADRE_1 + " " + single,
                        CADRE_1 + " " + noHousehold,
                        TOWNSHIP + " " + otherGrid);
    }

    @Test
    void aGridWorkerAskingForAnotherGridsSheetGetsNothingAndNothingIsLogged() {
        assertThatThrownBy(() -> security.as(WORKER_2, () -> sheets.pdf(campaign.id(), GRID_1, chinese())))
                .isInstanceOf(AccessRefused.class);
        assertThatThrownBy(() -> security.as(WORKER_1, () -> sheets.pdf(campaign.id(), GRID_2, chinese())))
                .isInstanceOf(AccessRefused.class);
        assertThat(logged()).isZero();
    }

    @Test
    void usersOutsideTheRegionOrOfOtherRolesGetNothingAndNothingIsLogged() {
        // a cadre of the next village
        assertThatThrownBy(() -> security.as(CADRE_2, () -> sheets.pdf(campaign.id(), GRID_1, chinese())))
                .isInstanceOf(AccessRefused.class);
        // a clerk of the county: not one who visits or leads the visits
        assertThatThrownBy(() -> security.as(CLERK, () -> sheets.pdf(campaign.id(), GRID_1, chinese())))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> security.as(CLERK, () -> sheets.grids())).isInstanceOf(AccessDeniedException.class);
        // a village is not a grid: sheets are per grid
        assertThatThrownBy(() -> security.as(CADRE_1, () -> sheets.pdf(campaign.id(), VILLAGE_1, chinese())))
                .isInstanceOf(OutreachException.class)
                .hasMessageContaining("outreach.sheet.notAGrid");
        assertThat(logged()).isZero();
    }

    private int logged() {
        return jdbc.queryForObject(
                "select count(*) from person_access where purpose = ? and id_number like '350593%'",
                Integer.class, VisitSheetService.PURPOSE);
    }

    private SheetWords chinese() {
        return (key, args) -> messages.getMessage(key, args, Locale.SIMPLIFIED_CHINESE);
    }

    /** The visit form of the resident's open visit task: their case's process, or their household lead's. */
    private String visitFormUrl(String idNumber) {
        String instance = jdbc.queryForObject(
                "select coalesce(oc.process_instance_id, lc.process_instance_id) from outreach_case oc "
                        + "left join outreach_case lc on lc.id = oc.lead_case_id "
                        + "where oc.campaign_id = ? and oc.id_number = ?",
                String.class,
                campaign.id(),
                idNumber);
        var task = tasks.createTaskQuery()
                .processInstanceId(instance)
                .taskDefinitionKey(OutreachProcess.TASK_VISIT)
                .singleResult();
        return task == null
                ? null
                : publicUrl + "/tasks/visit?taskId=" + URLEncoder.encode(task.getId(), StandardCharsets.UTF_8);
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(doc);
        }
    }

    private static List<Integer> order(String text, String... parts) {
        return Arrays.stream(parts)
                .map(p -> {
                    assertThat(text).contains(p);
                    return text.indexOf(p);
                })
                .toList();
    }

    /** The QR codes of the first page rendered at 300 dpi, decoded, top to bottom. */
    private static List<Result> qrCodes(byte[] pdf) throws Exception {
        BufferedImage page;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            page = new PDFRenderer(doc).renderImageWithDPI(0, 300, ImageType.RGB);
        }
        int[] pixels = page.getRGB(0, 0, page.getWidth(), page.getHeight(), null, 0, page.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(
                new HybridBinarizer(new RGBLuminanceSource(page.getWidth(), page.getHeight(), pixels)));
        Result[] found =
                new QRCodeMultiReader().decodeMultiple(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
        return Arrays.stream(found)
                .sorted(Comparator.comparingDouble(r -> Arrays.stream(r.getResultPoints())
                        .mapToDouble(ResultPoint::getY)
                        .min()
                        .orElseThrow()))
                .toList();
    }
}
