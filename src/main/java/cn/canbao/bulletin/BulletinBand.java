package cn.canbao.bulletin;

import cn.canbao.base.Translatable;
import java.math.BigDecimal;

/**
 * The colour a township gets in the bulletin, against the expected progress line (the share of the
 * collection period elapsed): GREEN on or above it, YELLOW less than {@link #YELLOW_POINTS} points
 * below it, RED further below. The thresholds live here and nowhere else.
 */
public enum BulletinBand implements Translatable {
    GREEN,
    YELLOW,
    RED;

    /** How many percentage points below the expected line still count as YELLOW. */
    public static final BigDecimal YELLOW_POINTS = BigDecimal.TEN;

    /** The band of a completion (percent) against the expected completion (percent). */
    public static BulletinBand of(BigDecimal completion, BigDecimal expected) {
        if (completion.compareTo(expected) >= 0) {
            return GREEN;
        }
        return completion.compareTo(expected.subtract(YELLOW_POINTS)) >= 0 ? YELLOW : RED;
    }

    /** The fill colour in the view, the PDF and the workbook (RGB hex, light enough to print text on). */
    public String color() {
        return switch (this) {
            case GREEN -> "#c6efce";
            case YELLOW -> "#ffeb9c";
            case RED -> "#ffc7ce";
        };
    }

    @Override
    public String messageKey() {
        return "bulletin.band." + name();
    }
}
