package cn.canbao.register.imports;

import cn.canbao.base.Texts;
import cn.canbao.register.person.IdNumber;
import cn.canbao.register.person.MobileNumber;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cells of one row by column key, with the parsers every layout shares. Each parser refuses with the
 * column and the value ({@link RowRejected#at}), so the rejects say what was wrong where. When a file carries
 * 性别 or 出生日期 and its layout does not use them, they are checked against the ID number, which encodes both
 * ({@link CrossChecks}).
 */
final class RowValues {

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;
    /** Columns any layout with an ID number may carry: checked against it, not stored. */
    private static final List<Column> CROSS_CHECKED =
            List.of(Column.optional(CrossChecks.SEX, "性别"), Column.optional(CrossChecks.BIRTH_DATE, "出生日期"));

    private final List<Column> columns;
    private final int[] positions;
    /** Values of columns the file does not have (a police snapshot: 在册 on the day it lists), by key. */
    private final Map<String, String> absentValues;
    /** The import's day (the application clock's): an ID number born after it is refused. */
    private final LocalDate today;

    private List<String> cells = List.of();

    private RowValues(List<Column> columns, int[] positions, Map<String, String> absentValues, LocalDate today) {
        this.columns = columns;
        this.positions = positions;
        this.absentValues = absentValues;
        this.today = today;
    }

    /**
     * Maps the layout's columns onto the header — the clerk's mapping, else by name and known synonyms
     * ({@link HeaderMatcher}); a missing required column refuses the whole file. A layout with 身份证号 also reads the
     * columns checked against it (性别, 出生日期) when the file has them.
     */
    static RowValues forHeader(List<Column> columns, List<String> header, LocalDate today) {
        return forHeader(columns, header, null, Map.of(), today);
    }

    /** Like the other; a column the file lacks takes its value from {@code absentValues} (and is not missing). */
    static RowValues forHeader(
            List<Column> layout,
            List<String> header,
            cn.canbao.register.imports.ColumnMapping mapping,
            Map<String, String> absentValues,
            LocalDate today) {
        List<Column> columns = new ArrayList<>(layout);
        if (layout.stream().anyMatch(c -> c.key().equals("id_number"))) {
            CROSS_CHECKED.stream()
                    .filter(x -> layout.stream().noneMatch(c -> c.key().equals(x.key())))
                    .forEach(columns::add);
        }
        List<Column> needed = columns.stream()
                .map(c -> absentValues.containsKey(c.key()) ? Column.optional(c.key(), c.chinese()) : c)
                .toList();
        return new RowValues(columns, HeaderMatcher.positions(needed, header, mapping), absentValues, today);
    }

    /** The import's day, for checks of the importers that read ID numbers themselves. */
    LocalDate today() {
        return today;
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
        return Texts.stripToNull(v);
    }

    String required(String key) {
        String v = text(key);
        if (v == null) {
            throw RowRejected.at(RejectReason.REQUIRED, column(key), null);
        }
        return v;
    }

    /**
     * The row's 身份证号: trimmed and a lower-case check character upper-cased, else refused with the ID's own
     * reason; then 性别 and 出生日期, when the file has them, must say what the number says.
     */
    String idNumber() {
        required("id_number");
        IdNumber id = IdNumber.of(validId("id_number"));
        CrossChecks.check(id, this);
        return id.value();
    }

    /** An ID number in an optional column: null when empty, refused when not a valid number. */
    String optionalIdNumber(String key) {
        return text(key) == null ? null : IdNumber.of(validId(key)).value();
    }

    /** The ID number of the column, refused with the reason of its first problem. */
    private String validId(String key) {
        String v = text(key);
        var problem = IdNumber.problemOf(v, today);
        if (problem.isPresent()) {
            throw RowRejected.at(RejectReason.of(problem.get()), column(key), v);
        }
        return v;
    }

    String name() {
        String v = required("name");
        if (v.length() > 60) {
            throw tooLong("name", 60);
        }
        return v;
    }

    /** The cell refused as longer than {@code max} characters. */
    RowRejected tooLong(String key, int max) {
        return RowRejected.cell(
                RejectReason.TOO_LONG, column(key), text(key), column(key).chinese(), max);
    }

    /** A refusal of the column's value for that reason, with {@code more} arguments after column and value. */
    RowRejected rejected(RejectReason reason, String key, Object... more) {
        return RowRejected.at(reason, column(key), text(key), more);
    }

    LocalDate date(String key) {
        String v = text(key);
        if (v == null) {
            return null;
        }
        refuseNonAsciiDigits(key, v);
        try {
            String s = v.replace('/', '-').replace('.', '-');
            if (s.length() >= 10 && s.charAt(4) == '-') {
                String[] p = s.substring(0, Math.min(s.length(), 10)).split("-");
                return LocalDate.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
            }
            return LocalDate.parse(s, COMPACT);
        } catch (NumberFormatException | java.time.DateTimeException | ArrayIndexOutOfBoundsException e) {
            throw RowRejected.at(RejectReason.DATE_INVALID, column(key), v);
        }
    }

    LocalDate requiredDate(String key) {
        required(key);
        return date(key);
    }

    int year(String key) {
        String v = required(key);
        refuseNonAsciiDigits(key, v);
        try {
            int y = Integer.parseInt(v.endsWith("年") ? v.substring(0, v.length() - 1) : v);
            if (y < 1998 || y > 2100) {
                throw new NumberFormatException();
            }
            return y;
        } catch (NumberFormatException e) {
            throw RowRejected.at(RejectReason.YEAR_INVALID, column(key), v);
        }
    }

    BigDecimal amount(String key) {
        String v = text(key);
        if (v == null) {
            return null;
        }
        refuseNonAsciiDigits(key, v);
        try {
            BigDecimal a = new BigDecimal(v.replace(",", "").replace("元", ""));
            if (a.signum() < 0 || a.compareTo(new BigDecimal("100000")) >= 0) {
                throw new NumberFormatException();
            }
            return a.setScale(2, java.math.RoundingMode.HALF_UP);
        } catch (NumberFormatException | ArithmeticException e) {
            throw RowRejected.at(RejectReason.AMOUNT_INVALID, column(key), v);
        }
    }

    String mobile(String key) {
        String v = text(key);
        if (v == null) {
            return null;
        }
        refuseNonAsciiDigits(key, v);
        return MobileNumber.normalise(v).orElseThrow(() -> RowRejected.at(RejectReason.MOBILE_INVALID, column(key), v));
    }

    /** A 12-digit village code (or 15-digit grid code when {@code grid}). */
    String regionCode(String key, boolean grid) {
        String v = text(key);
        if (v == null) {
            return null;
        }
        refuseNonAsciiDigits(key, v);
        if (v.length() != (grid ? 15 : 12) || !allDigits(v)) {
            throw RowRejected.at(RejectReason.REGION_CODE_FORMAT, column(key), v);
        }
        return v;
    }

    /** The row's grid ({@code grid_code}) must lie in its residence village: a grid without one lies nowhere. */
    void requireGridInResidence(String grid, String residence) {
        if (grid != null && (residence == null || !grid.startsWith(residence))) {
            throw RowRejected.cell(
                    RejectReason.GRID_NOT_IN_RESIDENCE,
                    column("grid_code"),
                    grid,
                    grid,
                    residence == null ? "" : residence);
        }
    }

    /**
     * Codes, numbers and dates must be written in ASCII digits: Java's parsers read full-width １２ as 12, so
     * without this check a retyped value would pass unseen (docs/extract-layouts.md says why it is refused).
     */
    void refuseNonAsciiDigits(String key, String v) {
        if (IdNumber.hasNonAsciiDigits(v)) {
            throw RowRejected.at(RejectReason.NON_ASCII_DIGITS, column(key), v);
        }
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
            throw RowRejected.at(RejectReason.CODE_UNKNOWN, column(key), v);
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

    /** Whether the file has that column (a layout's optional column, or a cross-checked one). */
    boolean has(String key) {
        return columns.stream().anyMatch(c -> c.key().equals(key)) && positions[index(key)] >= 0;
    }

    Column column(String key) {
        return columns.get(index(key));
    }
}
