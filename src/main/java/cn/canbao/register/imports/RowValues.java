package cn.canbao.register.imports;

import cn.canbao.register.IdNumber;
import cn.canbao.register.MobileNumber;
import cn.canbao.register.RegisterException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cells of one row by column key, with the parsers every layout shares. Each parser refuses
 * with the column's Chinese name in the reason, so the rejects file says what was wrong where.
 */
final class RowValues {

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

    private final List<Column> columns;
    private final int[] positions;
    /** Values of columns the file does not have (a police snapshot: 在册 on the day it lists), by key. */
    private final Map<String, String> absentValues;
    private List<String> cells = List.of();

    private RowValues(List<Column> columns, int[] positions, Map<String, String> absentValues) {
        this.columns = columns;
        this.positions = positions;
        this.absentValues = absentValues;
    }

    /**
     * Maps the layout's columns onto the header — the clerk's mapping, else by name and known synonyms
     * ({@link HeaderMatcher}); a missing required column refuses the whole file.
     */
    static RowValues forHeader(List<Column> columns, List<String> header) {
        return forHeader(columns, header, null);
    }

    static RowValues forHeader(List<Column> columns, List<String> header, cn.canbao.register.ColumnMapping mapping) {
        return forHeader(columns, header, mapping, Map.of());
    }

    /** Like the others; a column the file lacks takes its value from {@code absentValues} (and is not missing). */
    static RowValues forHeader(List<Column> columns, List<String> header, cn.canbao.register.ColumnMapping mapping,
                               Map<String, String> absentValues) {
        List<Column> needed = columns.stream().map(c -> absentValues.containsKey(c.key())
                ? Column.optional(c.key(), c.chinese()) : c).toList();
        return new RowValues(columns, HeaderMatcher.positions(needed, header, mapping), absentValues);
    }

    void set(List<String> cells) {
        this.cells = cells;
    }

    /** The trimmed text of a column, or null when the column is absent or the cell blank. */
    String text(String key) {
        int c = index(key);
        int at = positions[c];
        if (at < 0) {
            return absentValues.get(key);
        }
        if (at >= cells.size()) {
            return null;
        }
        String v = cells.get(at);
        return v == null || v.isBlank() ? null : v.strip();
    }

    String required(String key) {
        String v = text(key);
        if (v == null) {
            throw new RowRejected("register.reject.required", chinese(key));
        }
        return v;
    }

    String idNumber() {
        String v = text("id_number");
        var problem = IdNumber.problemOf(v);
        if (problem.isPresent()) {
            throw new RowRejected(problem.get().messageKey(), v == null ? "" : v);
        }
        return IdNumber.of(v).value();
    }

    /** An ID number in an optional column: null when empty, refused when not a valid number. */
    String optionalIdNumber(String key) {
        String v = text(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        var problem = IdNumber.problemOf(v);
        if (problem.isPresent()) {
            throw new RowRejected(problem.get().messageKey(), v);
        }
        return IdNumber.of(v).value();
    }

    String name() {
        String v = required("name");
        if (v.length() > 60) {
            throw new RowRejected("register.reject.tooLong", chinese("name"), 60);
        }
        return v;
    }

    LocalDate date(String key) {
        String v = text(key);
        if (v == null) {
            return null;
        }
        try {
            String s = v.replace('/', '-').replace('.', '-');
            if (s.length() >= 10 && s.charAt(4) == '-') {
                String[] p = s.substring(0, Math.min(s.length(), 10)).split("-");
                return LocalDate.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
            }
            return LocalDate.parse(s, COMPACT);
        } catch (NumberFormatException | java.time.DateTimeException
                 | ArrayIndexOutOfBoundsException e) {
            throw new RowRejected("register.reject.date", chinese(key), v);
        }
    }

    LocalDate requiredDate(String key) {
        required(key);
        return date(key);
    }

    int year(String key) {
        String v = required(key);
        try {
            int y = Integer.parseInt(v.endsWith("年") ? v.substring(0, v.length() - 1) : v);
            if (y < 1998 || y > 2100) {
                throw new NumberFormatException();
            }
            return y;
        } catch (NumberFormatException e) {
            throw new RowRejected("register.reject.year", chinese(key), v);
        }
    }

    BigDecimal amount(String key) {
        String v = text(key);
        if (v == null) {
            return null;
        }
        try {
            BigDecimal a = new BigDecimal(v.replace(",", "").replace("元", ""));
            if (a.signum() < 0 || a.compareTo(new BigDecimal("100000")) >= 0) {
                throw new NumberFormatException();
            }
            return a.setScale(2, java.math.RoundingMode.HALF_UP);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new RowRejected("register.reject.amount", chinese(key), v);
        }
    }

    String mobile(String key) {
        String v = text(key);
        if (v == null) {
            return null;
        }
        return MobileNumber.normalise(v).orElseThrow(() -> new RowRejected("register.reject.mobile", chinese(key), v));
    }

    /** A 12-digit village code (or 15-digit grid code when {@code grid}). */
    String regionCode(String key, boolean grid) {
        String v = text(key);
        if (v == null) {
            return null;
        }
        if (v.length() != (grid ? 15 : 12) || !allDigits(v)) {
            throw new RowRejected("register.reject.regionCode", chinese(key), v);
        }
        return v;
    }

    static boolean allDigits(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A coded value given by its key ({@code RESIDENT}) or its Chinese name ({@code 居民}). */
    <E extends Enum<E>> E code(String key, Class<E> type, Map<String, E> chineseNames) {
        String v = required(key);
        E byChinese = chineseNames.get(v);
        if (byChinese != null) {
            return byChinese;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RowRejected("register.reject.code", chinese(key), v);
        }
    }

    /** The row as CSV, for the rejects file. */
    String raw() {
        return RawRow.join(cells);
    }

    private int index(String key) {
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).key().equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no column " + key);
    }

    private String chinese(String key) {
        return columns.get(index(key)).chinese();
    }
}
