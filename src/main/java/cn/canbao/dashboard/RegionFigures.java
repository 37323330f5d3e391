package cn.canbao.dashboard;

import cn.canbao.bulletin.BulletinBand;
import cn.canbao.region.RegionLevel;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A region's figures on the dashboard as of the last refresh: the baseline's registered, insured and lapsed,
 * the campaign's target and the enrolled since it was proposed, the outreach funnel, and the colour band of
 * its completion against the expected progress line (the bulletin's rule).
 */
public record RegionFigures(
        String regionCode,
        String regionName,
        RegionLevel level,
        int registered,
        int insured,
        int lapsed,
        int target,
        int enrolled,
        int outreach,
        int reminded,
        int visited,
        int promised,
        int paid,
        BulletinBand band) {

    /** The same figures with the region's name. */
    public RegionFigures named(String name) {
        return new RegionFigures(
                regionCode,
                name,
                level,
                registered,
                insured,
                lapsed,
                target,
                enrolled,
                outreach,
                reminded,
                visited,
                promised,
                paid,
                band);
    }

    public int uninsured() {
        return Math.max(0, registered - insured);
    }

    /** insured / registered in percent, two decimals. */
    public BigDecimal coverageRate() {
        return percent(insured, registered, BigDecimal.ZERO.setScale(2));
    }

    /** enrolled / target in percent, two decimals (100.00 for a target of 0, as the bulletin counts it). */
    public BigDecimal completion() {
        return percent(enrolled, target, new BigDecimal("100.00"));
    }

    static BigDecimal percent(int part, int whole, BigDecimal whenZero) {
        if (whole == 0) {
            return whenZero;
        }
        return BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }
}
