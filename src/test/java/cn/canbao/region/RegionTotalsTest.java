package cn.canbao.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Counts of villages and grids summed into every region above them by code, as the path joins summed them. */
class RegionTotalsTest {

    @Test
    void aRegionsTotalIsThatOfTheCodesBelowIt() {
        RegionTotals totals = new RegionTotals(2);
        totals.add("350525101001", 3, 1); // a village of 桃城镇
        totals.add("350525101002", 4, 0); // another one
        totals.add("350525102001", 5, 2); // a village of the next township
        totals.add("350526101001", 7, 7); // a village of another county
        totals.add("350525101001003", 1, 1); // a grid of the first village
        totals.add("not a code", 100, 100); // ignored

        assertThat(totals.of("350525101001")).containsExactly(4, 2);
        assertThat(totals.of("350525101001003")).containsExactly(1, 1);
        assertThat(totals.of("350525101000")).containsExactly(8, 2);
        assertThat(totals.of("350525000000")).containsExactly(13, 4);
        assertThat(totals.of("350500000000")).containsExactly(20, 11);
        assertThat(totals.of("350000000000")).containsExactly(20, 11);
        assertThat(totals.of("350525103000")).containsExactly(0, 0);
    }

    @Test
    void totalsAreCopiesAndCodesMustBeWellFormed() {
        RegionTotals totals = new RegionTotals(1);
        totals.add("350525101001", 2);
        totals.of("350525101001")[0] = 99;
        assertThat(totals.of("350525101001")).containsExactly(2);
        assertThatThrownBy(() -> totals.of("3505")).isInstanceOf(RegionException.class);
    }
}
