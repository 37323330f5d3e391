package cn.canbao.register.extract;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How to read an extract when the clerk says so in the preview (issue 17): the encoding of a CSV (null: detected over
 * the whole file), the sheet of an XLSX (0: the first), and which non-blank row is the header (1: the first; the rows
 * above it, a title or a note, are skipped).
 */
public record ReadOptions(String encoding, int sheet, int headerRow) {

    public static final ReadOptions DEFAULT = new ReadOptions(null, 0, 1);

    public ReadOptions {
        encoding = encoding == null || encoding.isBlank() ? null : canonical(encoding);
        if (sheet < 0 || headerRow < 1 || headerRow > 50) {
            throw new ExtractFileException("extract.file.badOptions", String.valueOf(sheet), String.valueOf(headerRow));
        }
    }

    /** UTF-8, or GB18030 for GBK, GB2312 and GB18030 (GB18030 contains the others byte for byte). */
    private static String canonical(String encoding) {
        String e = encoding.strip().toUpperCase(Locale.ROOT).replace("_", "-");
        return switch (e) {
            case "UTF-8", "UTF8" -> "UTF-8";
            case "GBK", "GB2312", "GB18030", "CP936" -> "GB18030";
            default -> throw new ExtractFileException("extract.file.badEncoding", encoding);
        };
    }

    Charset charset() {
        return encoding == null ? null : encoding.equals("UTF-8") ? StandardCharsets.UTF_8 : Charset.forName("GB18030");
    }
}
