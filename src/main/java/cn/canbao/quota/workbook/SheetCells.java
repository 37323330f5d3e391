package cn.canbao.quota.workbook;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.CellValue;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.xssf.usermodel.XSSFCell;

/**
 * Cell values as leaders' spreadsheets hold them: numbers typed as text, formulas, codes that Excel
 * turned into numbers, full-width spaces.
 */
final class SheetCells {

    private static final Pattern SPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u200B\\u202F\\u3000\\uFEFF]+");
    private static final BigDecimal MAX_INT = BigDecimal.valueOf(Integer.MAX_VALUE);

    private SheetCells() {}

    /** What a cell of a whole number column holds: nothing, a whole non-negative number, or something else. */
    record WholeNumber(boolean blank, Integer number, String shown) {

        static final WholeNumber BLANK = new WholeNumber(true, null, "");

        static WholeNumber bad(String shown) {
            return new WholeNumber(false, null, shown);
        }
    }

    /** The text a cell shows, numbers without exponent or grouping; "" for an empty or missing cell. */
    static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC -> plain(BigDecimal.valueOf(cell.getNumericCellValue()));
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue()).toUpperCase(Locale.ROOT);
            case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
            default -> "";
        };
    }

    /** The text without any whitespace, Chinese full-width spaces included. */
    static String compact(String text) {
        return SPACE.matcher(text).replaceAll("");
    }

    static WholeNumber wholeNumber(Cell cell) {
        if (cell == null) {
            return WholeNumber.BLANK;
        }
        return switch (cell.getCellType()) {
            case NUMERIC -> wholeNumber(BigDecimal.valueOf(cell.getNumericCellValue()));
            case STRING -> wholeNumber(cell.getStringCellValue());
            case FORMULA -> hasCachedValue(cell) ? cachedWholeNumber(cell) : evaluatedWholeNumber(cell);
            case BLANK -> WholeNumber.BLANK;
            default -> WholeNumber.bad(text(cell));
        };
    }

    private static WholeNumber cachedWholeNumber(Cell cell) {
        return switch (cell.getCachedFormulaResultType()) {
            case NUMERIC -> wholeNumber(BigDecimal.valueOf(cell.getNumericCellValue()));
            case STRING -> wholeNumber(cell.getStringCellValue());
            default -> WholeNumber.bad(text(cell));
        };
    }

    /** A formula saved by a program that does not calculate (no cached result): calculated here. */
    private static WholeNumber evaluatedWholeNumber(Cell cell) {
        CellValue value;
        try {
            value = cell.getSheet()
                    .getWorkbook()
                    .getCreationHelper()
                    .createFormulaEvaluator()
                    .evaluate(cell);
        } catch (RuntimeException e) {
            // Unsupported functions, references to other files …: the leader sees the formula.
            return WholeNumber.bad("=" + cell.getCellFormula());
        }
        return switch (value.getCellType()) {
            case NUMERIC -> wholeNumber(BigDecimal.valueOf(value.getNumberValue()));
            case STRING -> wholeNumber(value.getStringValue());
            default -> WholeNumber.bad("=" + cell.getCellFormula());
        };
    }

    private static boolean hasCachedValue(Cell cell) {
        return !(cell instanceof XSSFCell xssf) || xssf.getCTCell().isSetV();
    }

    private static WholeNumber wholeNumber(String text) {
        String trimmed = compact(text);
        if (trimmed.isEmpty()) {
            return WholeNumber.BLANK;
        }
        try {
            // BigDecimal also takes full-width digits (１２０) as a Chinese input method may type them.
            return wholeNumber(new BigDecimal(trimmed), text.strip());
        } catch (NumberFormatException e) {
            return WholeNumber.bad(text.strip());
        }
    }

    private static WholeNumber wholeNumber(BigDecimal value) {
        return wholeNumber(value, plain(value));
    }

    private static WholeNumber wholeNumber(BigDecimal value, String shown) {
        boolean whole = value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
        if (value.signum() < 0 || !whole || value.compareTo(MAX_INT) > 0) {
            return WholeNumber.bad(shown);
        }
        return new WholeNumber(false, value.intValueExact(), shown);
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
