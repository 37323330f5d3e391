package cn.canbao.register;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.region.GridKind;
import cn.canbao.region.NewRegion;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.imports.ColumnMapping;
import cn.canbao.register.imports.RejectReason;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 17: every file of the corpus of broken extracts ({@code src/test/resources/extracts/broken/}, see
 * {@link BrokenExtractCorpus}) is imported through the real service, mapping step included (synonym headers, a header
 * row below two title rows), and every data line gets the verdict its {@code .expected} file gives: accepted lines are
 * in the register with their exact names (堃 喆 珺 赟 from GB18030 included), rejected, repeated and held lines have
 * their reason and column on the physical line they start on, and a file missing a required column is refused with
 * nothing written. One dynamic test per file.
 */
@CanbaoIntegrationTest
class BrokenExtractCorpusIT extends IntegrationTestBase {

    static final String CLERK = "clerk.corpus";

    @Autowired
    ImportService imports;

    /** One line of a {@code .expected} file. */
    record Verdict(long line, String verdict, String reason, String column, String id, String name) {}

    @TestFactory
    List<DynamicTest> everyLineOfEveryBrokenExtractGetsItsVerdict() {
        return BrokenExtractCorpus.files().stream()
                .map(file -> DynamicTest.dynamicTest(file.fileName(), () -> check(file)))
                .toList();
    }

    private void check(BrokenExtractCorpus.CorpusFile file) throws Exception {
        ownCounty();
        security.ensureUser(CLERK, BrokenExtractCorpus.COUNTY, Role.CLERK);
        if (file.kind() == ExtractKind.INSURANCE_STATUS) {
            // its persons are the accepted ones of id-numbers.csv
            importFile(BrokenExtractCorpus.files().get(0));
        }
        List<Verdict> verdicts = new ArrayList<>();
        String refusal = null;
        for (String line : Files.readAllLines(
                BrokenExtractCorpus.DIR.resolve(file.name() + ".expected"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f[0].equals("FILE")) {
                refusal = f[2];
                continue;
            }
            verdicts.add(new Verdict(Long.parseLong(f[0]), f[1], none(f[2]), none(f[3]), none(f[4]), none(f[5])));
        }
        assertThat(verdicts)
                .as("verdicts of " + file.fileName())
                .hasSize(file.lines().size());

        ImportRun run = importFile(file);
        if (refusal != null) {
            assertThat(run.status()).isEqualTo(ImportRun.Status.FAILED);
            assertThat(run.errorKey()).isEqualTo(refusal);
            assertThat(count("select count(*) from import_reject where import_id = ?", run.id()))
                    .isZero();
            for (BrokenExtractCorpus.Line line : file.lines()) {
                assertThat(count(
                                "select count(*) from person where id_number = ?",
                                line.cells().get(0)))
                        .as("nothing of a refused file is written")
                        .isZero();
            }
            return;
        }
        assertThat(run.status()).as(String.valueOf(run.errorKey())).isEqualTo(ImportRun.Status.SUCCEEDED);
        assertThat(run.rowsRead()).isEqualTo(verdicts.size());
        Map<Long, Map<String, Object>> rejects = new HashMap<>();
        jdbc.queryForList("select row_number, reason_key, column_name from import_reject where import_id = ?", run.id())
                .forEach(r -> rejects.put(((Number) r.get("row_number")).longValue(), r));
        for (Verdict v : verdicts) {
            String where = file.fileName() + " line " + v.line();
            if (v.verdict().equals("ACCEPTED")) {
                assertThat(rejects).as(where + " accepted").doesNotContainKey(v.line());
                if (file.kind() == ExtractKind.POLICE_HOUSEHOLD) {
                    assertThat(jdbc.queryForList("select name from person where id_number = ?", String.class, v.id()))
                            .as(where + " in the register, its name byte-exact")
                            .containsExactly(v.name());
                } else {
                    assertThat(count("select count(*) from enrollment where id_number = ? and year = 2071", v.id()))
                            .as(where + " enrolled")
                            .isEqualTo(1);
                }
            } else {
                assertThat(rejects).as(where + " " + v.verdict()).containsKey(v.line());
                Map<String, Object> reject = rejects.get(v.line());
                assertThat(reject.get("reason_key"))
                        .as(where + " reason")
                        .isEqualTo(RejectReason.valueOf(v.reason()).messageKey());
                assertThat(reject.get("column_name")).as(where + " column").isEqualTo(v.column());
                if (v.verdict().equals("HELD")) {
                    assertThat(count(
                                    "select count(*) from import_held_row where import_id = ? and row_number = ?",
                                    run.id(),
                                    v.line()))
                            .as(where + " held for a clerk")
                            .isEqualTo(1);
                }
            }
        }
        assertThat(rejects.keySet())
                .as("no verdict beyond the lines listed")
                .allSatisfy(line -> assertThat(verdicts).anyMatch(v -> v.line() == line));
        long repeats =
                verdicts.stream().filter(v -> v.verdict().equals("REPEAT")).count();
        long held = verdicts.stream().filter(v -> v.verdict().equals("HELD")).count();
        assertThat(run.rowsDuplicate()).isEqualTo((int) repeats);
        assertThat(run.rowsHeld()).isEqualTo((int) held);
    }

    private ImportRun importFile(BrokenExtractCorpus.CorpusFile file) throws Exception {
        byte[] bytes = Files.readAllBytes(BrokenExtractCorpus.DIR.resolve(file.fileName()));
        ImportOptions options = new ImportOptions(null, 0, file.headerRow(), ColumnMapping.none(), false);
        ImportRun queued = security.as(
                CLERK, () -> imports.start(file.kind(), file.fileName(), new ByteArrayInputStream(bytes), options));
        return importer.awaitFinished(CLERK, queued.id());
    }

    private int count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }

    private static String none(String field) {
        return field.equals("-") ? null : field;
    }

    private void ownCounty() {
        SystemAccess.run(() -> regions.createMissing(List.of(
                NewRegion.region(BrokenExtractCorpus.COUNTY, "样本测试县", RegionLevel.COUNTY, "350500000000", null, true),
                NewRegion.region(
                        BrokenExtractCorpus.TOWNSHIP,
                        "样本镇",
                        RegionLevel.TOWNSHIP,
                        BrokenExtractCorpus.COUNTY,
                        null,
                        true),
                NewRegion.region(
                        BrokenExtractCorpus.V1, "样本一村", RegionLevel.VILLAGE, BrokenExtractCorpus.TOWNSHIP, null, true),
                NewRegion.region(
                        BrokenExtractCorpus.V2, "样本二村", RegionLevel.VILLAGE, BrokenExtractCorpus.TOWNSHIP, null, true),
                NewRegion.grid(
                        BrokenExtractCorpus.G1,
                        "样本一村第一网格",
                        BrokenExtractCorpus.V1,
                        GridKind.COMMUNITY,
                        null,
                        null,
                        true),
                NewRegion.grid(
                        BrokenExtractCorpus.G2,
                        "样本二村第一网格",
                        BrokenExtractCorpus.V2,
                        GridKind.COMMUNITY,
                        null,
                        null,
                        true))));
    }
}
