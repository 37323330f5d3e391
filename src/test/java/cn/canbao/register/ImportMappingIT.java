package cn.canbao.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.imports.ColumnMapping;
import cn.canbao.register.imports.ImportMappings;
import cn.canbao.register.imports.ImportPreview;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityTestSupport;
import cn.canbao.security.SystemAccess;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Extracts from other sources (issue 17, point 1): headers that are not the layout's own names are mapped by known
 * synonyms, shown in a preview with their confidence; a file missing a required column is refused before anything is
 * written, naming it in Chinese; a clerk's mapping is saved per source and named in the REST import; an inline
 * mapping works as well; a dry run counts new, changed, duplicate and rejected rows and writes nothing.
 */
@CanbaoIntegrationTest
class ImportMappingIT extends IntegrationTestBase {

    static final String CLERK = "clerk.mapping";

    @Autowired
    ImportMappings mappings;

    @Autowired
    ImportService imports;

    @Autowired
    TestRestTemplate http;

    private String village;

    /** A county of its own: the persons these tests add must not count in another test's townships. */
    @BeforeEach
    void clerk() {
        SystemAccess.run(() -> regions.createMissing(java.util.List.of(
                cn.canbao.region.NewRegion.region(
                        "350585000000", "映射测试县", RegionLevel.COUNTY, "350500000000", null, true),
                cn.canbao.region.NewRegion.region(
                        "350585101000", "辛镇", RegionLevel.TOWNSHIP, "350585000000", null, true),
                cn.canbao.region.NewRegion.region(
                        "350585101001", "辛一村", RegionLevel.VILLAGE, "350585101000", null, true))));
        security.ensureUser(CLERK, "350585000000", Role.CLERK);
        village = "350585101001";
    }

    private String id(int sequence) {
        return TestIds.id("350585", LocalDate.of(1977, 7, 7), sequence);
    }

    @Test
    void anExtractWithAnotherDepartmentsHeadersIsMappedBySynonymsAndImported() {
        String csv = "公民身份号码,姓名（必填）,变动类型,变动日期,户籍地区划代码,常住地区划代码,联系电话,备注\n" + id(701) + ",方一,在册,2020-01-01," + village
                + "," + village + ",13800137701,无\n";
        ImportPreview preview = preview("other.csv", csv);
        assertThat(preview.format()).isEqualTo("CSV_UTF8");
        assertThat(preview.missing()).isEmpty();
        Map<String, ImportPreview.ColumnChoice> byKey = new java.util.HashMap<>();
        preview.columns().forEach(c -> byKey.put(c.key(), c));
        assertThat(byKey.get("id_number"))
                .extracting(ImportPreview.ColumnChoice::header, ImportPreview.ColumnChoice::confidence)
                .containsExactly("公民身份号码", 90);
        assertThat(byKey.get("name").header()).isEqualTo("姓名（必填）");
        assertThat(byKey.get("name").confidence()).isEqualTo(100);
        assertThat(byKey.get("household_region").header()).isEqualTo("户籍地区划代码");
        assertThat(byKey.get("residence_region").header()).isEqualTo("常住地区划代码");
        assertThat(byKey.get("mobile").header()).isEqualTo("联系电话");
        assertThat(byKey.get("grid_code").header()).isNull();
        assertThat(preview.sampleRows()).hasSize(1);

        ImportRun run = importer.importAs(CLERK, ExtractKind.POLICE_HOUSEHOLD, "other.csv", csv);
        assertThat(run.status()).isEqualTo(ImportRun.Status.SUCCEEDED);
        assertThat(run.rowsAccepted()).isEqualTo(1);
        assertThat(jdbc.queryForMap("select name, mobile, residence_region from person where id_number = ?", id(701)))
                .containsEntry("name", "方一")
                .containsEntry("mobile", "13800137701")
                .containsEntry("residence_region", village);
    }

    @Test
    void aFileWithoutARequiredColumnIsRefusedBeforeAnythingIsWrittenNamingItInChinese() {
        String csv = "身份证号,变动类型,变动日期,户籍地区划\n" + id(702) + ",在册,2020-01-01," + village + "\n";
        ImportPreview preview = preview("noname.csv", csv);
        assertThat(preview.missing()).containsExactly("姓名(name)");
        ImportRun run = importer.importAs(CLERK, ExtractKind.POLICE_HOUSEHOLD, "noname.csv", csv);
        assertThat(run.status()).isEqualTo(ImportRun.Status.FAILED);
        assertThat(security.as(CLERK, () -> imports.errorText(run, java.util.Locale.SIMPLIFIED_CHINESE)))
                .contains("文件缺少必需列")
                .contains("姓名");
        assertThat(jdbc.queryForObject("select count(*) from person where id_number = ?", Integer.class, id(702)))
                .isZero();
    }

    @Test
    void aSavedMappingServesTheNextUploadThroughRestAndAnInlineOneToo() {
        // a source whose headers no synonym knows: the clerk maps them once and saves the mapping
        String header = "证号,人名,类,日期,籍,住,网,电,杂项\n";
        ImportOptions chosen = new ImportOptions(
                null,
                0,
                1,
                new ColumnMapping(Map.of(
                        "id_number",
                        "证号",
                        "name",
                        "人名",
                        "event",
                        "类",
                        "event_date",
                        "日期",
                        "household_region",
                        "籍",
                        "residence_region",
                        "住",
                        "mobile",
                        "电",
                        "grid_code",
                        "")),
                false);
        String csv = header + id(703) + ",方三,在册,2020-01-01," + village + "," + village + ",,13800137703,x\n";
        ImportPreview before = preview("odd.csv", csv);
        assertThat(before.missing()).contains("身份证号(id_number)", "姓名(name)");
        security.as(CLERK, () -> mappings.save(ExtractKind.POLICE_HOUSEHOLD, "某县公安导出", chosen));

        var clerk = http.withBasicAuth(CLERK, SecurityTestSupport.PASSWORD);
        JsonNode saved = clerk.getForObject("/api/imports/mappings?kind=police_household", JsonNode.class);
        assertThat(saved.findValuesAsText("name")).contains("某县公安导出");

        JsonNode done = post(clerk, csv, Map.of("mapping", "某县公安导出"));
        assertThat(done.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.get("rowsAccepted").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select mobile from person where id_number = ?", String.class, id(703)))
                .isEqualTo("13800137703");

        String inline = header + id(704) + ",方四,在册,2020-01-01," + village + "," + village + ",,13800137704,x\n";
        JsonNode second = post(clerk, inline, Map.of("mapping", chosen.mapping().toJson()));
        assertThat(second.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(jdbc.queryForObject("select name from person where id_number = ?", String.class, id(704)))
                .isEqualTo("方四");
        // an unknown mapping name is refused at once
        var body = multipart(inline, Map.of("mapping", "没有这个映射"));
        assertThat(clerk.postForEntity("/api/imports", body, JsonNode.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(400);
        // saving through REST: an encoding nobody supports is refused, nothing saved
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        var refused = clerk.exchange(
                "/api/imports/mappings/坏映射?kind=police_household",
                HttpMethod.PUT,
                new HttpEntity<>("{\"mapping\":{},\"encoding\":\"EBCDIC\"}", json),
                JsonNode.class);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(jdbc.queryForObject("select count(*) from import_mapping where name = '坏映射'", Integer.class))
                .isZero();
    }

    @Test
    void aDryRunCountsWhatAnImportWouldDoAndWritesNothing() {
        String existing = id(705);
        importer.importAs(
                CLERK,
                ExtractKind.POLICE_HOUSEHOLD,
                "first.csv",
                ExtractHeaders.POLICE_BASIC + existing + ",方五,在册,2020-01-01," + village + "\n");
        String csv = ExtractHeaders.POLICE_WITH_RESIDENCE
                + existing + ",方五,在册,2020-01-01," + village + "," + village + "\n" // changed: a residence
                + id(706) + ",方六,在册,2020-01-01," + village + "," + village + "\n" // new
                + id(706) + ",方六,在册,2020-01-01," + village + "," + village + "\n" // the same row again
                + "110105194912310021,错号,在册,2020-01-01," + village + ",\n"; // rejected: check character
        int persons = jdbc.queryForObject("select count(*) from person", Integer.class);
        ImportRun queued = security.as(
                CLERK,
                () -> imports.start(
                        ExtractKind.POLICE_HOUSEHOLD,
                        "dry.csv",
                        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                        ImportOptions.DEFAULT.asDryRun()));
        ImportRun dry = importer.awaitFinished(CLERK, queued.id());
        assertThat(dry.status()).isEqualTo(ImportRun.Status.SUCCEEDED);
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.dryRunResult())
                .isEqualTo(new ImportRun.DryRunResult(
                        1,
                        1,
                        1,
                        1,
                        Map.of("register.reject.id.checkCharacter", 1, "register.reject.duplicateExact", 1)));
        assertThat(jdbc.queryForObject("select count(*) from person", Integer.class))
                .isEqualTo(persons);
        assertThat(jdbc.queryForObject(
                        "select residence_region from person where id_number = ?", String.class, existing))
                .isNull();
        assertThat(jdbc.queryForObject(
                        "select count(*) from import_reject where import_id = ?", Integer.class, dry.id()))
                .isZero();

        // the same file for real, read the same way
        ImportRun real = importer.awaitFinished(
                CLERK, security.as(CLERK, () -> imports.rerun(dry.id())).id());
        assertThat(real.dryRun()).isFalse();
        assertThat(real.status()).isEqualTo(ImportRun.Status.SUCCEEDED);
        assertThat(jdbc.queryForObject(
                        "select residence_region from person where id_number = ?", String.class, existing))
                .isEqualTo(village);
        assertThat(jdbc.queryForObject("select count(*) from person where id_number = ?", Integer.class, id(706)))
                .isEqualTo(1);
    }

    /** The clerk's preview of a police household file, with no mapping chosen. */
    private ImportPreview preview(String name, String csv) {
        return security.as(
                CLERK,
                () -> mappings.preview(
                        ExtractKind.POLICE_HOUSEHOLD,
                        name,
                        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                        ImportOptions.DEFAULT));
    }

    private JsonNode post(TestRestTemplate clerk, String csv, Map<String, String> fields) {
        var started = clerk.postForEntity("/api/imports", multipart(csv, fields), JsonNode.class);
        assertThat(started.getStatusCode().value())
                .as(String.valueOf(started.getBody()))
                .isEqualTo(202);
        long id = started.getBody().get("id").asLong();
        return await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> clerk.getForObject("/api/imports/" + id, JsonNode.class),
                        n -> n.get("status").asText().matches("SUCCEEDED|FAILED"));
    }

    private static HttpEntity<LinkedMultiValueMap<String, Object>> multipart(String csv, Map<String, String> fields) {
        var body = new LinkedMultiValueMap<String, Object>();
        body.add("kind", "police_household");
        fields.forEach(body::add);
        body.add("file", new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "mapped.csv";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return new HttpEntity<>(body, headers);
    }
}
