package cn.canbao.bulletin;

import java.math.BigDecimal;

/** One township's line in a bulletin. Completion and the expected line are percentages. */
public record BulletinRow(
        long bulletinId,
        String townshipCode,
        String townshipName,
        int rank,
        int target,
        int enrolled,
        BigDecimal completion,
        BigDecimal previousCompletion,
        BigDecimal coverageRate,
        BigDecimal expectedCompletion,
        int reportsDue,
        int reportsLate,
        int reportsMissing,
        BulletinBand band,
        boolean lagging,
        String laggingReason,
        Long escalationCaseId) {

    /** The same row with its township's name. */
    public BulletinRow withTownshipName(String name) {
        return new BulletinRow(
                bulletinId,
                townshipCode,
                name,
                rank,
                target,
                enrolled,
                completion,
                previousCompletion,
                coverageRate,
                expectedCompletion,
                reportsDue,
                reportsLate,
                reportsMissing,
                band,
                lagging,
                laggingReason,
                escalationCaseId);
    }

    /** Percentage points since the previous published bulletin; null for a first bulletin. */
    public BigDecimal change() {
        return previousCompletion == null ? null : completion.subtract(previousCompletion);
    }

    public int reportsOnTime() {
        return reportsDue - reportsLate - reportsMissing;
    }

    /** The change as printed: ▲1.50 / ▼0.25 / — (first bulletin) / 0.00. */
    public String changeText() {
        BigDecimal c = change();
        if (c == null) {
            return "—";
        }
        return c.signum() > 0
                ? "▲" + c.toPlainString()
                : c.signum() < 0 ? "▼" + c.negate().toPlainString() : "0.00";
    }
}
