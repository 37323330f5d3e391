package cn.canbao.outreach.sheet;

import cn.canbao.base.pdf.PdfFonts;
import cn.canbao.base.pdf.PdfPages;
import cn.canbao.base.pdf.PdfText;
import cn.canbao.outreach.VisitOutcome;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * A visit sheet as a print-ready A4 PDF: the header (grid, day, workers, counts), then per household a band with its
 * 户号 and address and a row per resident — name and relation, masked ID and mobile, stage and due day, a box per visit
 * outcome to tick by hand and a QR code (vector squares) that opens the resident's visit form —, page numbers below.
 * A household is never split across pages unless it alone is longer than a page.
 */
final class VisitSheetPdf {

    static final float MARGIN = 36;
    static final float ROW = 74;
    private static final float BAND = 18;
    private static final float HEAD = 16;
    private static final float QR = 70;
    /** Columns: resident, ID / mobile, stage / due, outcome boxes, QR code. */
    static final float[] WIDTHS = {84, 108, 72, 183, 76};

    private static final float WIDTH = PDRectangle.A4.getWidth();
    private static final float HEIGHT = PDRectangle.A4.getHeight();
    private static final Color BAND_FILL = new Color(0xE7E6E6);

    private final PDDocument doc;
    private final PdfText text;
    private final SheetWords words;
    private final DateTimeFormatter due;
    private final DateTimeFormatter printed;
    private final PdfPages pages;
    private PDPageContentStream out;
    private float y;
    /** When the sheet was made: a visit due before then is marked overdue. */
    private java.time.Instant printedAt;

    private VisitSheetPdf(PDDocument doc, PdfText text, SheetWords words, ZoneId zone) {
        this.doc = doc;
        this.pages = new PdfPages(doc);
        this.text = text;
        this.words = words;
        this.due = DateTimeFormatter.ofPattern("MM-dd").withZone(zone);
        this.printed = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
    }

    /** The sheet as PDF bytes, in the words given, with the TrueType font (.ttf, or the first font of a .ttc). */
    static byte[] write(VisitSheet sheet, SheetWords words, ZoneId zone, Path fontFile) {
        try (PDDocument doc = new PDDocument()) {
            List<Closeable> open = new ArrayList<>();
            try {
                VisitSheetPdf pdf =
                        new VisitSheetPdf(doc, new PdfText(PdfFonts.load(doc, fontFile, open)), words, zone);
                pdf.render(sheet);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                doc.save(bytes); // the subset is embedded on save, while the font file is still open
                return bytes.toByteArray();
            } finally {
                for (Closeable c : open) {
                    c.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void render(VisitSheet s) throws IOException {
        printedAt = s.printedAt();
        newPage();
        text.show(out, words.getTranslation("outreach.sheet.title", s.gridName()), MARGIN, y - 14, 15);
        y -= 32;
        String workers = s.workers().isEmpty()
                ? words.getTranslation("outreach.sheet.noWorker")
                : words.getTranslation("outreach.sheet.workers", String.join("、", s.workers()));
        line(words.getTranslation("outreach.sheet.day", s.day().toString()) + "　" + workers, 10);
        line(words.getTranslation("outreach.sheet.campaign", s.campaignName()), 10);
        line(words.getTranslation("outreach.sheet.counts", s.households().size(), s.residents()), 11);
        y -= 4;
        if (s.households().isEmpty()) {
            line(words.getTranslation("outreach.sheet.none"), 11);
        } else {
            columnHeads();
        }
        boolean fresh = true; // nothing drawn yet below the column heads of this page
        for (VisitSheet.Household h : s.households()) {
            // a household that does not fit the rest of the page starts the next one; longer than a page, it goes on
            // from there, its band repeated as continued
            if (y - BAND - ROW * h.members().size() < MARGIN + 20 && !fresh) {
                freshPage();
            }
            band(h, false);
            for (VisitSheet.Row r : h.members()) {
                if (y - ROW < MARGIN + 20) {
                    freshPage();
                    band(h, true);
                }
                row(r);
            }
            fresh = false;
        }
        footers(s);
    }

    private void line(String s, float size) throws IOException {
        for (String l : text.wrap(s, size, WIDTH - 2 * MARGIN)) {
            text.show(out, l, MARGIN, y - size, size);
            y -= size + 5;
        }
    }

    private void columnHeads() throws IOException {
        String[] heads = {
            words.getTranslation("outreach.sheet.col.resident"),
            words.getTranslation("outreach.sheet.col.id"),
            words.getTranslation("outreach.sheet.col.stage"),
            words.getTranslation("outreach.sheet.col.outcome"),
            words.getTranslation("outreach.sheet.col.qr")
        };
        float x = MARGIN;
        for (int c = 0; c < heads.length; c++) {
            box(x, y - HEAD, WIDTHS[c], HEAD, BAND_FILL);
            String v = text.fit(heads[c], WIDTHS[c] - 4, 8);
            text.show(out, v, x + (WIDTHS[c] - text.width(v, 8)) / 2, y - HEAD + 5, 8);
            x += WIDTHS[c];
        }
        y -= HEAD;
    }

    /** The household's band across the table: 户号, address, how many to visit. */
    private void freshPage() throws IOException {
        newPage();
        columnHeads();
    }

    private void band(VisitSheet.Household h, boolean continued) throws IOException {
        box(MARGIN, y - BAND, WIDTH - 2 * MARGIN, BAND, BAND_FILL);
        String label = (h.number() == null
                        ? words.getTranslation("outreach.sheet.noHousehold")
                        : words.getTranslation("outreach.sheet.household", h.number()))
                + "　"
                + words.getTranslation(
                        "outreach.sheet.address",
                        h.address() == null ? words.getTranslation("outreach.sheet.noAddress") : h.address())
                + "　"
                + words.getTranslation("outreach.sheet.members", h.members().size())
                + (continued ? "　" + words.getTranslation("outreach.sheet.continued") : "");
        text.show(out, text.fit(label, WIDTH - 2 * MARGIN - 8, 9), MARGIN + 4, y - BAND + 5.5f, 9);
        y -= BAND;
    }

    private void row(VisitSheet.Row r) throws IOException {
        float x = MARGIN;
        float top = y;
        for (float w : WIDTHS) {
            box(x, top - ROW, w, ROW, null);
            x += w;
        }
        x = MARGIN;
        cellLines(x, top, WIDTHS[0], r.name(), r.relation());
        x += WIDTHS[0];
        cellLines(
                x,
                top,
                WIDTHS[1],
                r.maskedId(),
                r.maskedMobile() == null ? words.getTranslation("outreach.noMobile") : r.maskedMobile());
        x += WIDTHS[1];
        cellLines(
                x,
                top,
                WIDTHS[2],
                words.getTranslation(r.stage().messageKey()),
                r.due() == null ? "" : words.getTranslation("outreach.sheet.due", due.format(r.due())));
        if (r.due() != null && r.due().isBefore(printedAt)) {
            text.show(out, words.getTranslation("outreach.sheet.overdue"), x + 3, top - 46, 8.5f);
        }
        x += WIDTHS[2];
        outcomes(x, top);
        x += WIDTHS[3];
        qr(r.visitUrl(), x + (WIDTHS[4] - QR) / 2, top - ROW + (ROW - QR) / 2);
        y -= ROW;
    }

    private void cellLines(float x, float top, float width, String first, String second) throws IOException {
        text.show(out, text.fit(first == null ? "" : first, width - 6, 10), x + 3, top - 16, 10);
        text.show(out, text.fit(second == null ? "" : second, width - 6, 8.5f), x + 3, top - 31, 8.5f);
    }

    /** A box per outcome, two columns, and a line for the note: ticked by hand, typed in later by the QR's form. */
    private void outcomes(float x, float top) throws IOException {
        VisitOutcome[] all = VisitOutcome.values();
        float colWidth = (WIDTHS[3] - 8) / 2;
        for (int i = 0; i < all.length; i++) {
            float bx = x + 5 + (i % 2) * colWidth;
            float by = top - 13 - (i / 2) * 14f;
            out.setLineWidth(0.6f);
            out.addRect(bx, by, 7, 7);
            out.stroke();
            String label = text.fit(words.getTranslation(all[i].messageKey()), colWidth - 12, 7.5f);
            text.show(out, label, bx + 10, by + 0.5f, 7.5f);
        }
        float noteY = top - 13 - 3 * 14f; // beside the last outcome
        String note = words.getTranslation("outreach.sheet.note");
        float nx = x + 5 + colWidth;
        text.show(out, note, nx, noteY + 0.5f, 7.5f);
        out.setLineWidth(0.4f);
        out.moveTo(nx + text.width(note, 7.5f) + 2, noteY);
        out.lineTo(x + WIDTHS[3] - 5, noteY);
        out.stroke();
    }

    /** The URL as a QR code of filled squares (medium error correction), a quiet zone of white around it. */
    private void qr(String url, float x, float y0) throws IOException {
        BitMatrix m;
        try {
            m = new QRCodeWriter()
                    .encode(
                            url,
                            com.google.zxing.BarcodeFormat.QR_CODE,
                            0,
                            0,
                            Map.of(EncodeHintType.MARGIN, 4, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
        } catch (WriterException e) {
            throw new IllegalArgumentException("no QR code for a URL this long: " + url.length(), e);
        }
        float module = QR / m.getWidth();
        out.setNonStrokingColor(Color.BLACK);
        for (int row = 0; row < m.getHeight(); row++) {
            // runs of dark modules as one rectangle each: a few hundred path operations per code instead of thousands
            int col = 0;
            while (col < m.getWidth()) {
                if (!m.get(col, row)) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < m.getWidth() && m.get(col, row)) {
                    col++;
                }
                out.addRect(x + start * module, y0 + QR - (row + 1) * module, (col - start) * module, module);
            }
        }
        out.fill();
    }

    private void box(float x, float bottom, float width, float height, Color fill) throws IOException {
        if (fill != null) {
            out.setNonStrokingColor(fill);
            out.addRect(x, bottom, width, height);
            out.fill();
            out.setNonStrokingColor(Color.BLACK);
        }
        out.setLineWidth(0.5f);
        out.addRect(x, bottom, width, height);
        out.stroke();
    }

    private void footers(VisitSheet s) throws IOException {
        String by = text.fit(
                words.getTranslation("outreach.sheet.printedBy", s.printedBy(), printed.format(s.printedAt())),
                (WIDTH - 2 * MARGIN) / 2 - 40,
                7);
        pages.eachPage((f, number, count) -> {
            String page = words.getTranslation("outreach.sheet.page", number, count);
            text.show(f, page, (WIDTH - text.width(page, 8)) / 2, MARGIN / 2, 8);
            text.show(f, by, MARGIN, MARGIN / 2, 7);
        });
    }

    private void newPage() throws IOException {
        out = pages.next();
        y = HEIGHT - MARGIN;
    }
}
