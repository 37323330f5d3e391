package cn.canbao.base.pdf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Text in a PDF of an embedded font: measured, cut to a cell, wrapped, and with characters the font lacks (emoji in a
 * remark, a rare character in a name) printed as '?' rather than failing the whole document.
 */
public final class PdfText {

    private final PDType0Font font;

    public PdfText(PDType0Font font) {
        this.font = font;
    }

    public PDType0Font font() {
        return font;
    }

    /** Shows the text with its baseline starting at (x, baseline). */
    public void show(PDPageContentStream out, String s, float x, float baseline, float size) throws IOException {
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(x, baseline);
        out.showText(printable(s));
        out.endText();
    }

    /** The text with characters the font lacks replaced by '?', which it has. */
    public String printable(String s) {
        try {
            font.encode(s);
            return s;
        } catch (IOException | IllegalArgumentException missing) {
            StringBuilder b = new StringBuilder();
            s.codePoints().forEach(cp -> {
                String c = new String(Character.toChars(cp));
                try {
                    font.encode(c);
                    b.append(c);
                } catch (IOException | IllegalArgumentException e) {
                    b.append('?');
                }
            });
            return b.toString();
        }
    }

    public float width(String s, float size) throws IOException {
        return font.getStringWidth(printable(s)) / 1000 * size;
    }

    /** Cuts a text that does not fit its cell (long names), with an ellipsis. */
    public String fit(String s, float max, float size) throws IOException {
        if (width(s, size) <= max) {
            return s;
        }
        String cut = s;
        while (cut.length() > 1 && width(cut + "…", size) > max) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    /** Breaks a text into lines of at most {@code max} points; Chinese breaks between any two characters. */
    public List<String> wrap(String text, float size, float max) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\\R")) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < paragraph.length(); ) {
                int cp = paragraph.codePointAt(i);
                String next = line + new String(Character.toChars(cp));
                if (width(next, size) > max && !line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
