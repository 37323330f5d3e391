package cn.canbao.base.pdf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * The A4 pages of a document written top to bottom (the bulletin, the visit sheet): starting a page closes the one
 * before, and once all are written each page can be appended to with its number and the count (the footers).
 */
public final class PdfPages {

    /** Writes on one page, knowing its number (from 1) and how many there are. */
    @FunctionalInterface
    public interface PageWriter {
        void write(PDPageContentStream page, int number, int count) throws IOException;
    }

    private final PDDocument doc;
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream current;

    public PdfPages(PDDocument doc) {
        this.doc = doc;
    }

    /** Closes the page being written, if any, and starts a new A4 page: its content stream. */
    public PDPageContentStream next() throws IOException {
        finish();
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        pages.add(page);
        current = new PDPageContentStream(doc, page);
        return current;
    }

    /** Closes the page being written, if any. */
    public void finish() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    /** Closes the page being written, then appends to every page in turn (e.g. "page n of m"). */
    public void eachPage(PageWriter writer) throws IOException {
        finish();
        for (int i = 0; i < pages.size(); i++) {
            try (PDPageContentStream s =
                    new PDPageContentStream(doc, pages.get(i), PDPageContentStream.AppendMode.APPEND, true)) {
                writer.write(s, i + 1, pages.size());
            }
        }
    }
}
