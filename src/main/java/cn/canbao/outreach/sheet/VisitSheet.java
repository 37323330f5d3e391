package cn.canbao.outreach.sheet;

import cn.canbao.outreach.OutreachStage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one grid's visit sheet lists on a day: its header (grid, day, workers, who printed it) and the residents with
 * an open visit task, by household.
 */
public record VisitSheet(
        String gridCode,
        String gridName,
        String campaignName,
        LocalDate day,
        Instant printedAt,
        String printedBy,
        List<String> workers,
        List<Household> households) {

    /** A household as the sheet shows it: its 户号 and address (either may be unknown) and the members to visit. */
    public record Household(String number, String address, List<Row> members) {}

    /**
     * One resident to visit: name, ID and mobile masked, relation to the head, where the case stands, the visit task's
     * due time, and the absolute URL of their visit form (the QR code's content).
     */
    public record Row(
            long caseId,
            String name,
            String maskedId,
            String maskedMobile,
            String relation,
            OutreachStage stage,
            Instant due,
            String visitUrl) {}

    /**
     * A resident before grouping: the household key outreach keeps ({@code region/户号}, null when the police extract
     * gave none), the 户号 and address of the register, and the case's order within its household; the full ID number
     * only for the access log, never printed.
     */
    record Listed(String idNumber, String householdKey, String householdNumber, String address, int rank, Row row) {}

    public int residents() {
        return households.stream().mapToInt(h -> h.members().size()).sum();
    }

    /**
     * Groups the listed residents by household — the 户号 key when the case has one, else the address (people at one
     * address are visited at one door), else the resident alone — members by their rank (head first) and case; the
     * households by address, then 户号, so the sheet follows the streets rather than the order of the cases.
     */
    static List<Household> group(List<Listed> listed) {
        Map<String, List<Listed>> byKey = new LinkedHashMap<>();
        for (Listed l : listed) {
            String key = l.householdKey() != null
                    ? "H:" + l.householdKey()
                    : l.address() != null && !l.address().isBlank()
                            ? "A:" + l.address().strip()
                            : "C:" + l.row().caseId();
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(l);
        }
        List<Household> households = new ArrayList<>();
        for (List<Listed> members : byKey.values()) {
            members.sort(Comparator.comparingInt(Listed::rank)
                    .thenComparingLong(l -> l.row().caseId()));
            households.add(new Household(
                    members.stream()
                            .map(Listed::householdNumber)
                            .filter(n -> n != null && !n.isBlank())
                            .findFirst()
                            .orElse(null),
                    members.stream()
                            .map(Listed::address)
                            .filter(a -> a != null && !a.isBlank())
                            .map(String::strip)
                            .findFirst()
                            .orElse(null),
                    members.stream().map(Listed::row).toList()));
        }
        // addresses as Chinese readers order them (by pinyin: 甲 before 乙), not by code point
        Comparator<Object> chinese = java.text.Collator.getInstance(java.util.Locale.CHINA);
        households.sort(Comparator.comparing(Household::address, Comparator.nullsLast(chinese))
                .thenComparing(Household::number, Comparator.nullsLast(Comparator.<String>naturalOrder()))
                .thenComparingLong(h -> h.members().get(0).caseId()));
        return households;
    }
}
