package cn.canbao.register.imports;

import cn.canbao.register.person.IdNumber;
import cn.canbao.register.person.MobileNumber;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cells of the rejects download and the rejects grid, made safe for where they go.
 * <p>
 * For the CSV (opened in Excel or WPS by clerks): a cell starting with {@code = + - @}, a tab or a carriage
 * return would be read as a formula ("CSV injection", OWASP), so such a cell gets a leading single quote
 * {@code '} and is shown as text. This includes a legitimate negative number such as {@code -2}: it comes out
 * as {@code '-2}, which Excel shows as the text -2 — rejected rows are for reading, not for sums. Every cell is
 * neutralised: row number, reason (its arguments may quote the file, e.g. its header) and the raw row.
 * <p>
 * For the screen: ID numbers (any run of 15 or more digits, with an optional trailing X: 18-digit numbers,
 * 15-digit old numbers, mistyped ones) and mobile numbers (11 digits starting with 1) are masked; the
 * download keeps the raw row, since correcting it is its purpose.
 */
public final class RejectsCsv {

    private static final Pattern ID_LIKE = Pattern.compile("(?<![0-9A-Za-z])[0-9]{14,}[0-9Xx](?![0-9A-Za-z])");
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])1[3-9][0-9]{9}(?![0-9])");

    private RejectsCsv() {}

    /** One CSV line of the given cells, each neutralised and quoted where needed. */
    public static String line(Object... cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells[i] == null ? null : cells[i].toString()));
        }
        return sb.toString();
    }

    /** One cell: neutralised against formulas, then quoted if it holds a comma, quote or line break. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = neutralise(value);
        boolean quote =
                safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    /** The value with a leading {@code '} when a spreadsheet would take it for a formula. */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
    }

    /** The row with ID numbers and mobile numbers masked, for on-screen lists. */
    public static String masked(String raw) {
        if (raw == null) {
            return null;
        }
        String ids = replace(ID_LIKE.matcher(raw), IdNumber::mask);
        return replace(MOBILE.matcher(ids), MobileNumber::mask);
    }

    private static String replace(Matcher m, java.util.function.UnaryOperator<String> mask) {
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(mask.apply(m.group())));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
