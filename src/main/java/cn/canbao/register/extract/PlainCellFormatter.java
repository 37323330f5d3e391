package cn.canbao.register.extract;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * Formats numeric cells for reading, not for display: the plain number whatever the display format
 * (an ID number stored as a number shows as 3.50525E+17 in "General" but must keep its digits;
 * 400.0 is 400), and date-formatted numbers as yyyy-MM-dd.
 */
final class PlainCellFormatter extends DataFormatter {

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
        if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
            return DateUtil.getLocalDateTime(value, use1904Windowing)
                    .toLocalDate()
                    .toString();
        }
        return plain(value);
    }

    /**
     * The shortest decimal that reads back as the same double, without exponent or trailing zeros:
     * what the sheet holds (Excel stores 3.50525199001011E+17 for a typed ID number). Not
     * {@code BigDecimal.valueOf}: Java 17's Double.toString gives 3.5052519900101101E17 for that.
     */
    static String plain(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(value);
        // Up to 15 significant digits every decimal survives the trip through a double; 17 always suffice.
        for (int digits = 15; ; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (digits == 17 || rounded.doubleValue() == value) {
                return rounded.stripTrailingZeros().toPlainString();
            }
        }
    }
}
