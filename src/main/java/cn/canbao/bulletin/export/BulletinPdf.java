package cn.canbao.bulletin.export;

import cn.canbao.base.pdf.PdfFonts;
import cn.canbao.base.pdf.PdfPages;
import cn.canbao.base.pdf.PdfText;
import cn.canbao.bulletin.Bulletin;
import cn.canbao.bulletin.BulletinBand;
import cn.canbao.bulletin.BulletinRow;
import cn.canbao.quota.GroupCoverage;
import cn.canbao.register.person.PersonGroup;
import java.awt.Color;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A bulletin as a print-ready A4 PDF: title, the county leader's remarks, the ranked table with the
 * bands as cell colours (and their names, for grey-scale printers), a legend, page numbers. The font is
 * embedded (subset), so the file reads the same everywhere. Texts are the document's, in Chinese, whatever language
 * the downloading user chose: a bulletin is the county's official notice to its townships (通报), printed, filed
 * and forwarded as one document, so its words stay out of the UI's bundles (issue 19.4).
 */
final class BulletinPdf {

    static final float MARGIN = 40;
    private static final float ROW = 18;
    private static final float SIZE = 9;
    private static final String[] HEADERS = {"排名", "乡镇", "目标数", "已参保", "完成率%", "较上期", "参保率%", "按时/迟报/未报", "色标", "备注"};
    private static final float[] WIDTHS = {28, 80, 42, 42, 46, 48, 46, 70, 28, 85};
    private static final String[] GROUP_HEADERS = {"地区", "在册人数", "已参保", "参保率%", "距100%差"};
    private static final float[] GROUP_WIDTHS = {110, 70, 70, 70, 70};
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.CHINA);

    private final PDDocument doc;
    private final PDType0Font font;
    private final PdfText text;
    private final PdfPages pages;
    private PDPageContentStream out;
    private float y;

    private BulletinPdf(PDDocument doc, PDType0Font font) {
        this.doc = doc;
        this.pages = new PdfPages(doc);
        this.font = font;
        this.text = new PdfText(font);
    }

    /** Writes the bulletin with the given TrueType font (.ttf, or the first font of a .ttc). */
    static void write(
            Bulletin bulletin, List<BulletinRow> rows, List<GroupCoverage> groups, Path fontFile, OutputStream target) {
        try (PDDocument doc = new PDDocument()) {
            List<Closeable> open = new ArrayList<>();
            try {
                BulletinPdf pdf = new BulletinPdf(doc, PdfFonts.load(doc, fontFile, open));
                pdf.render(bulletin, rows, groups);
                doc.save(target); // the subset is embedded on save, while the font file is still open
            } finally {
                for (Closeable c : open) {
                    c.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void render(Bulletin b, List<BulletinRow> rows, List<GroupCoverage> groups) throws IOException {
        newPage();
        text(b.title(), MARGIN, y, 15);
        y -= 20;
        String expected = rows.isEmpty()
                ? ""
                : "　时序进度 " + rows.get(0).expectedCompletion().toPlainString() + "%";
        text("截至" + DAY.format(b.periodEnd()) + expected + (b.published() ? "" : "　（草稿，未发布）"), MARGIN, y, 10);
        y -= 18;
        if (b.remarks() != null) {
            for (String line : wrap("县领导意见：" + b.remarks(), 10, PDRectangle.A4.getWidth() - 2 * MARGIN)) {
                text(line, MARGIN, y, 10);
                y -= 14;
            }
            y -= 4;
        }
        header();
        for (BulletinRow row : rows) {
            if (y - ROW < MARGIN + 40) {
                newPage();
                header();
            }
            row(row);
        }
        for (PersonGroup group : List.of(PersonGroup.NEWBORN, PersonGroup.HARDSHIP)) {
            groupTable(group, groups.stream().filter(g -> g.group() == group).toList());
        }
        legend();
        footers();
    }

    private void header() throws IOException {
        cells(HEADERS, new Color(0xE7E6E6), null, true);
    }

    private void row(BulletinRow r) throws IOException {
        String mark = r.lagging() ? (r.escalationCaseId() != null ? "落后·约谈整改" : "落后") : "";
        String[] values = {
            Integer.toString(r.rank()),
            r.townshipName(),
            Integer.toString(r.target()),
            Integer.toString(r.enrolled()),
            r.completion().toPlainString(),
            r.changeText(),
            r.coverageRate().toPlainString(),
            r.reportsOnTime() + "/" + r.reportsLate() + "/" + r.reportsMissing(),
            bandName(r.band()),
            mark
        };
        cells(values, null, Color.decode(r.band().color()), false);
    }

    /** One table row: optional fill of the whole row, the band column (8) filled with its colour. */
    private void cells(String[] values, Color rowFill, Color bandFill, boolean header) throws IOException {
        float x = MARGIN;
        for (int c = 0; c < values.length; c++) {
            Color fill = c == 8 && bandFill != null ? bandFill : rowFill;
            box(x, WIDTHS[c], fill);
            float size = header ? SIZE - 1 : SIZE;
            String v = fit(values[c] == null ? "" : values[c], WIDTHS[c] - 4, size);
            float w = width(v, size);
            float tx = header || c == 0 || c == 8
                    ? x + (WIDTHS[c] - w) / 2 // centred: headers, rank, band
                    : c == 1 || c == 9 ? x + 2 : x + WIDTHS[c] - 2 - w; // names and marks left, numbers right
            text(v, tx, y - ROW + 5.5f, size);
            x += WIDTHS[c];
        }
        y -= ROW;
    }

    /** A cell's box on the current row: filled first when a fill is given, then outlined. */
    private void box(float x, float width, Color fill) throws IOException {
        if (fill != null) {
            out.setNonStrokingColor(fill);
            out.addRect(x, y - ROW, width, ROW);
            out.fill();
            out.setNonStrokingColor(Color.BLACK);
        }
        out.setLineWidth(0.5f);
        out.addRect(x, y - ROW, width, ROW);
        out.stroke();
    }

    /** A 100% target group (新生儿, 困难群体): the county and its townships, members, enrolled, what is missing. */
    private void groupTable(PersonGroup group, List<GroupCoverage> rows) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        if (y - 3 * ROW < MARGIN + 40) {
            newPage();
        }
        y -= 14;
        text(groupTitle(group), MARGIN, y, 11);
        y -= 6;
        plainCells(GROUP_HEADERS, new Color(0xE7E6E6), true);
        for (GroupCoverage g : rows) {
            if (y - ROW < MARGIN + 40) {
                newPage();
                plainCells(GROUP_HEADERS, new Color(0xE7E6E6), true);
            }
            plainCells(
                    new String[] {
                        g.regionName(),
                        Integer.toString(g.registered()),
                        Integer.toString(g.enrolled()),
                        g.coverageRate().toPlainString(),
                        Integer.toString(g.remaining())
                    },
                    null,
                    false);
        }
    }

    /** A row of a group table: the region left, numbers right, headers centred. */
    private void plainCells(String[] values, Color fill, boolean header) throws IOException {
        float x = MARGIN;
        for (int c = 0; c < values.length; c++) {
            box(x, GROUP_WIDTHS[c], fill);
            String v = fit(values[c], GROUP_WIDTHS[c] - 4, SIZE);
            float w = width(v, SIZE);
            float tx = header ? x + (GROUP_WIDTHS[c] - w) / 2 : c == 0 ? x + 2 : x + GROUP_WIDTHS[c] - 2 - w;
            text(v, tx, y - ROW + 5.5f, SIZE);
            x += GROUP_WIDTHS[c];
        }
        y -= ROW;
    }

    /** The printed title of a 100% target group, as in the plans: 新生儿（目标100%）. */
    static String groupTitle(PersonGroup group) {
        return (group == PersonGroup.NEWBORN ? "新生儿" : "困难群体") + "（目标100%）";
    }

    private void legend() throws IOException {
        y -= 14;
        String legend = "色标：绿＝完成率不低于时序进度；黄＝低于时序进度不足" + BulletinBand.YELLOW_POINTS
                + "个百分点；红＝低于" + BulletinBand.YELLOW_POINTS + "个百分点及以上。时序进度＝征缴期已过天数的占比。"
                + "报送：本期内村每日汇总与乡镇调度的按时、迟报、未报次数。较上期：与上一期已发布通报相比的完成率变化（百分点）。";
        for (String line : wrap(legend, 8, PDRectangle.A4.getWidth() - 2 * MARGIN)) {
            if (y < MARGIN + 30) {
                newPage();
            }
            text(line, MARGIN, y, 8);
            y -= 11;
        }
    }

    private void footers() throws IOException {
        pages.eachPage((s, number, count) -> {
            String page = "第 " + number + " 页 / 共 " + count + " 页";
            s.beginText();
            s.setFont(font, 8);
            s.newLineAtOffset((PDRectangle.A4.getWidth() - width(page, 8)) / 2, MARGIN / 2);
            s.showText(page);
            s.endText();
        });
    }

    private void newPage() throws IOException {
        out = pages.next();
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private void text(String s, float x, float baseline, float size) throws IOException {
        text.show(out, s, x, baseline, size);
    }

    private float width(String s, float size) throws IOException {
        return text.width(s, size);
    }

    private String fit(String s, float max, float size) throws IOException {
        return text.fit(s, max, size);
    }

    private List<String> wrap(String s, float size, float max) throws IOException {
        return text.wrap(s, size, max);
    }

    static String bandName(BulletinBand band) {
        return switch (band) {
            case GREEN -> "绿";
            case YELLOW -> "黄";
            case RED -> "红";
        };
    }
}
