package cn.canbao.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.cadence.ReportTimeliness;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignPhase;
import cn.canbao.quota.TargetProgress;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ranking, expected line and bands of a bulletin, without a database. */
class BulletinRankingTest {

    @Test
    void theExpectedLineIsTheShareOfTheCollectionPeriodElapsed() {
        LocalDate start = LocalDate.of(2048, 9, 1);
        LocalDate end = LocalDate.of(2048, 12, 30); // 121 days
        assertThat(campaign(start, end).expectedCompletion(LocalDate.of(2048, 8, 1)))
                .isEqualByComparingTo("0");
        assertThat(campaign(start, end).expectedCompletion(start)).isEqualByComparingTo("0.83");
        assertThat(campaign(start, LocalDate.of(2048, 9, 10)).expectedCompletion(LocalDate.of(2048, 9, 5)))
                .isEqualByComparingTo("50.00");
        assertThat(campaign(start, end).expectedCompletion(LocalDate.of(2049, 3, 1)))
                .isEqualByComparingTo("100.00");
    }

    /** The bulletin's expected line is the campaign's (Campaign.expectedCompletion), as the dispatch's and the dashboard's. */
    private static Campaign campaign(LocalDate start, LocalDate end) {
        return new Campaign(
                1,
                "测试",
                2049,
                "350525000000",
                "永春县",
                start,
                end,
                new BigDecimal("95"),
                3,
                2,
                CampaignPhase.IMPLEMENT,
                null,
                null,
                "test",
                null);
    }

    @Test
    void bandsAreGreenOnTheLineYellowWithinTenPointsRedBelow() {
        BigDecimal expected = new BigDecimal("50.00");
        assertThat(BulletinBand.of(new BigDecimal("50.00"), expected)).isEqualTo(BulletinBand.GREEN);
        assertThat(BulletinBand.of(new BigDecimal("40.00"), expected)).isEqualTo(BulletinBand.YELLOW);
        assertThat(BulletinBand.of(new BigDecimal("39.99"), expected)).isEqualTo(BulletinBand.RED);
    }

    @Test
    void townshipsRankByCompletionThenCoverageThenCode() {
        List<TargetProgress> progress = List.of(
                new TargetProgress("350525103000", "介福乡", 10, 100, 90, 5), // 50 %, coverage 90
                new TargetProgress("350525102000", "东平镇", 10, 100, 95, 5), // 50 %, coverage 95
                new TargetProgress("350525101000", "桃城镇", 4, 100, 95, 3), // 75 %
                new TargetProgress("350525104000", "五里街镇", 10, 100, 90, 5)); // 50 %, coverage 90, later code
        List<BulletinRow> rows = BulletinRanking.rank(
                progress,
                Map.of("350525102000", new ReportTimeliness("350525102000", 6, 1, 2)),
                Map.of("350525101000", new BigDecimal("60.00")),
                new BigDecimal("55.00"));
        assertThat(rows)
                .extracting(BulletinRow::townshipCode)
                .containsExactly("350525101000", "350525102000", "350525103000", "350525104000");
        assertThat(rows).extracting(BulletinRow::rank).containsExactly(1, 2, 3, 4);
        assertThat(rows)
                .extracting(BulletinRow::band)
                .containsExactly(BulletinBand.GREEN, BulletinBand.YELLOW, BulletinBand.YELLOW, BulletinBand.YELLOW);
        assertThat(rows.get(0).changeText()).isEqualTo("▲15.00");
        assertThat(rows.get(1).changeText()).isEqualTo("—");
        assertThat(rows.get(1).reportsOnTime()).isEqualTo(3);
        assertThat(rows.get(2).reportsDue()).isZero();
    }
}
