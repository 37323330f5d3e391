package cn.canbao.quota;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One row of the baseline table (参保扩面基数表) for a region and enrollment year, with the derived
 * columns of the campaign plans: insured total, coverage rate, uninsured and uninsured rate.
 */
public record Baseline(
        String regionCode,
        String regionName,
        int year,
        int registered,
        int insuredLocal,
        int insuredElsewhere,
        int lapsed) {

    /** The same row with its region's name. */
    public Baseline named(String name) {
        return new Baseline(regionCode, name, year, registered, insuredLocal, insuredElsewhere, lapsed);
    }

    public int insuredTotal() {
        return insuredLocal + insuredElsewhere;
    }

    public int uninsured() {
        return registered - insuredTotal();
    }

    /** Coverage in percent with two decimals, as the plans print it (93.86). */
    public BigDecimal coverageRate() {
        return percent(insuredTotal());
    }

    public BigDecimal uninsuredRate() {
        return percent(uninsured());
    }

    private BigDecimal percent(int part) {
        if (registered == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(registered), 2, RoundingMode.HALF_UP);
    }
}
