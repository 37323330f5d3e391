package cn.canbao.outreach.sheet;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.outreach.OutreachStage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a sheet groups its residents: by 户号 when outreach has the household, else by address, else alone; head first
 * within a household; households in the order of their addresses, so the sheet follows the streets.
 */
class VisitSheetTest {

    @Test
    void residentsGroupByHouseholdThenAddressAndHouseholdsFollowTheStreets() {
        List<VisitSheet.Household> households = VisitSheet.group(List.of(
                listed(5, "350593101001/H2", "H2", "乙街2号", 1),
                listed(1, "350593101001/H1", "H1", "甲街1号", 1),
                listed(7, null, null, "甲街9号", 0),
                listed(2, "350593101001/H1", "H1", "甲街1号", -1),
                listed(8, null, null, " 甲街9号 ", 0),
                listed(9, null, null, null, 0),
                listed(3, null, null, "", 0)));

        assertThat(households)
                .extracting(h -> h.number() + " " + h.address() + " "
                        + h.members().stream().map(r -> r.caseId()).toList())
                .containsExactly(
                        "H1 甲街1号 [2, 1]", // head (rank -1: the lead, nulls first) before the member of rank 1
                        "null 甲街9号 [7, 8]", // no 户号: one door, one household (spaces around the address aside)
                        "H2 乙街2号 [5]",
                        "null null [3]", // neither: each alone, after those with an address
                        "null null [9]");
    }

    @Test
    void aSheetCountsItsHouseholdsAndResidents() {
        VisitSheet sheet = new VisitSheet(
                "350593101001001",
                "戊一村第一网格",
                "催缴",
                java.time.LocalDate.of(2026, 12, 6),
                java.time.Instant.EPOCH,
                "测试",
                List.of(),
                VisitSheet.group(List.of(
                        listed(1, "k/H1", "H1", "甲街1号", 0),
                        listed(2, "k/H1", "H1", "甲街1号", 1),
                        listed(3, null, null, "乙街", 0))));
        assertThat(sheet.households()).hasSize(2);
        assertThat(sheet.residents()).isEqualTo(3);
    }

    private static VisitSheet.Listed listed(long caseId, String key, String number, String address, int rank) {
        return new VisitSheet.Listed(
                "id" + caseId,
                key,
                number,
                address,
                rank,
                new VisitSheet.Row(
                        caseId,
                        "居民" + caseId,
                        "3505**********000" + caseId,
                        null,
                        "户主",
                        OutreachStage.VISIT_DUE,
                        null,
                        "http://x/tasks/visit?taskId=" + caseId));
    }
}
