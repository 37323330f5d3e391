package cn.canbao.outreach.sheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import cn.canbao.base.pdf.PdfFonts;
import cn.canbao.outreach.OutreachStage;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The sheet's pages: numbered "page i of n" on every page, a household kept on one page when it fits one, a household
 * longer than a page carried over without losing a row, overdue visits marked.
 */
class VisitSheetPdfTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant PRINTED = Instant.parse("2026-12-06T01:00:00Z");

    @Test
    void householdsStayOnOnePageAndEveryPageIsNumbered() throws Exception {
        int[] sizes = {1, 3, 2, 1, 4, 1, 2, 1, 3, 1, 2, 1, 12, 2};
        List<VisitSheet.Household> households = new ArrayList<>();
        int n = 0;
        int overdue = 0;
        for (int h = 0; h < sizes.length; h++) {
            List<VisitSheet.Row> members = new ArrayList<>();
            for (int m = 0; m < sizes[h]; m++) {
                n++;
                // every third visit was due yesterday
                boolean late = n % 3 == 0;
                overdue += late ? 1 : 0;
                members.add(new VisitSheet.Row(
                        n,
                        "居民" + n,
                        masked(n),
                        n % 2 == 0 ? "139****" + String.format("%04d", n) : null,
                        m == 0 ? "户主" : "子",
                        OutreachStage.VISIT_DUE,
                        PRINTED.plusSeconds(late ? -86_400 : 86_400),
                        "https://canbao.example.cn/tasks/visit?taskId=task-" + h));
            }
            households.add(new VisitSheet.Household("H" + (100 + h), "甲街" + (h + 1) + "号", members));
        }
        VisitSheet sheet = new VisitSheet(
                "350593101001001",
                "戊一村第一网格",
                "催缴",
                LocalDate.of(2026, 12, 6),
                PRINTED,
                "测试",
                List.of("网格员甲"),
                households);

        byte[] pdf = VisitSheetPdf.write(sheet, chinese(), ZONE, font());

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int pages = doc.getNumberOfPages();
            assertThat(pages).isGreaterThanOrEqualTo(4);
            List<String> texts = new ArrayList<>();
            for (int p = 1; p <= pages; p++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                texts.add(stripper.getText(doc));
                assertThat(texts.get(p - 1)).contains("第 " + p + " 页 / 共 " + pages + " 页");
            }
            String all = String.join("\n", texts);
            assertThat(all).contains("待走访 " + sizes.length + " 户 " + n + " 人");
            for (int i = 1; i <= n; i++) {
                assertThat(all).as("resident %d listed once", i).containsOnlyOnce(masked(i));
            }
            assertThat(count(all, "已逾期")).isEqualTo(overdue);
            for (VisitSheet.Household h : households) {
                Set<Integer> on = new HashSet<>();
                for (VisitSheet.Row r : h.members()) {
                    for (int p = 0; p < pages; p++) {
                        if (texts.get(p).contains(r.maskedId())) {
                            on.add(p);
                        }
                    }
                }
                if (h.members().size() < 8) {
                    assertThat(on).as("household %s on one page", h.number()).hasSize(1);
                } else {
                    assertThat(on)
                            .as("household %s, longer than a page, carried over", h.number())
                            .hasSize(2);
                }
            }
        }
    }

    private static String masked(int n) {
        return "3505**********" + String.format("%04d", n);
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

    /** The Chinese bundle, as the view's getTranslation reads it. */
    private static SheetWords chinese() throws Exception {
        Properties zh = new Properties();
        try (var in = new InputStreamReader(
                VisitSheetPdfTest.class.getResourceAsStream("/i18n/messages.properties"), StandardCharsets.UTF_8)) {
            zh.load(in);
        }
        return (key, args) -> new MessageFormat(zh.getProperty(key, "!" + key), java.util.Locale.CHINA).format(args);
    }

    /** CI installs fonts-wqy-microhei (.ci/run), so this skips only on a machine without any CJK font. */
    private static Path font() {
        var found = PdfFonts.firstDefault();
        assumeThat(found).as("a CJK font (fonts-wqy-microhei)").isPresent();
        return found.get();
    }
}
