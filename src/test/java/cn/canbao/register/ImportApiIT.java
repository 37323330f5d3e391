package cn.canbao.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.region.RegionLevel;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;

/** The import API for automation: multipart upload, status polling, rejects as CSV; Basic auth, roles. */
@CanbaoIntegrationTest
class ImportApiIT extends IntegrationTestBase {

    @Autowired
    TestRestTemplate http;

    @Test
    void aClerkUploadsAGbkFileAndReadsStatusAndRejects() {
        security.ensureUser("clerk.api", "350525000000", Role.CLERK);
        String village = firstBelow("350525103000", RegionLevel.VILLAGE);
        String good = TestIds.id("350525", LocalDate.of(1985, 8, 8), 17);
        String csv = ExtractHeaders.POLICE_BASIC
                + good + ",蔡文华,在册,2005-08-08," + village + "\n"
                + "110105194912310021,校验错,在册,2005-08-08," + village + "\n";
        var body = policeFile("公安户籍.csv", csv.getBytes(Charset.forName("GBK")));
        var clerk = http.withBasicAuth("clerk.api", SecurityTestSupport.PASSWORD);

        var started = clerk.postForEntity("/api/imports", body, JsonNode.class);
        assertThat(started.getStatusCode().value()).isEqualTo(202);
        long id = started.getBody().get("id").asLong();
        assertThat(started.getHeaders().getLocation()).hasToString("/api/imports/" + id);

        JsonNode done = awaitFinished(clerk, id);
        assertThat(done.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.get("format").asText()).isEqualTo("CSV_GBK");
        assertThat(done.get("rowsRead").asInt()).isEqualTo(2);
        assertThat(done.get("rowsAccepted").asInt()).isEqualTo(1);
        assertThat(done.get("rowsRejected").asInt()).isEqualTo(1);
        assertThat(done.get("fileName").asText()).isEqualTo("公安户籍.csv");
        assertThat(done.get("errorMessage").isNull()).isTrue();
        assertThat(done.get("summary").get(0).asText()).isEqualTo("读取 2 行，接收 1 行");

        var rejects = clerk.getForEntity("/api/imports/" + id + "/rejects", String.class);
        assertThat(rejects.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(rejects.getBody()).contains("3,", "校验位错误", "110105194912310021,校验错");
        // the same rows as a workbook: physical line, reason in Chinese, column, masked value, the row as read
        var workbook = clerk.getForEntity("/api/imports/" + id + "/rejects.xlsx", byte[].class);
        assertThat(workbook.getHeaders().getContentType().toString()).contains("spreadsheetml");
        try (var book =
                new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(workbook.getBody()))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("列");
            var row = sheet.getRow(1);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("3");
            assertThat(row.getCell(1).getStringCellValue()).contains("校验位错误");
            assertThat(row.getCell(2).getStringCellValue()).isEqualTo("身份证号");
            assertThat(row.getCell(3).getStringCellValue()).contains("*").doesNotContain("110105194912310021");
            assertThat(row.getCell(4).getStringCellValue()).contains("110105194912310021,校验错");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        assertThat(http.getForEntity("/api/imports/" + id, String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
        var unknown = clerk.getForEntity("/api/imports/999999", JsonNode.class);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        var wrongKind = new LinkedMultiValueMap<String, Object>(body.getBody());
        wrongKind.set("kind", "lottery");
        var refused =
                clerk.postForEntity("/api/imports", new HttpEntity<>(wrongKind, body.getHeaders()), JsonNode.class);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().get("detail").asText()).contains("lottery");
    }

    @Test
    void aVolunteerMayNotImport() {
        security.ensureUser("volunteer.api", "350525000000", Role.VOLUNTEER);
        var response = http.withBasicAuth("volunteer.api", SecurityTestSupport.PASSWORD)
                .postForEntity("/api/imports", policeFile("x.csv", "身份证号\n".getBytes()), String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(403);
    }

    /** A failed import answers with its message translated, not only its key (issue 17.9). */
    @Test
    void aFailedImportCarriesItsTranslatedMessage() {
        security.ensureUser("clerk.api", "350525000000", Role.CLERK);
        var body = policeFile("缺列.csv", "身份证号,姓名\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var clerk = http.withBasicAuth("clerk.api", SecurityTestSupport.PASSWORD);
        long id = clerk.postForEntity("/api/imports", body, JsonNode.class)
                .getBody()
                .get("id")
                .asLong();
        JsonNode failed = awaitFinished(clerk, id);
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("errorKey").asText()).isEqualTo("register.import.missingColumns");
        assertThat(failed.get("errorMessage").asText()).startsWith("文件缺少必需列：").contains("变动类型", "变动日期");
        assertThat(failed.get("summary").isEmpty()).isTrue();
    }

    /** A multipart upload of a police household file as the import API takes it. */
    private static HttpEntity<LinkedMultiValueMap<String, Object>> policeFile(String name, byte[] content) {
        var body = new LinkedMultiValueMap<String, Object>();
        body.add("kind", "police_household");
        body.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return new HttpEntity<>(body, headers);
    }

    /** Polls the import's status until it has succeeded or failed. */
    private static JsonNode awaitFinished(TestRestTemplate clerk, long id) {
        return await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> clerk.getForObject("/api/imports/" + id, JsonNode.class),
                        n -> n.get("status").asText().matches("SUCCEEDED|FAILED"));
    }
}
