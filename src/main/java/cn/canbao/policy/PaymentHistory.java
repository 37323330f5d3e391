package cn.canbao.policy;

import cn.canbao.register.EnrollmentContinuity;
import cn.canbao.register.IdNumber;
import cn.canbao.register.PersonGroup;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A person's enrollment and payment history as the register holds it, and the inputs of the policy
 * decisions derived from it. Only facts are derived here (which years were covered, which were paid
 * back, how long the current break is); every month, threshold and amount is in the DMN tables.
 *
 * @param countyCode the county whose collection period applies (from the household region), or null
 */
record PaymentHistory(String idNumber, String countyCode, Set<PersonGroup> groups, List<Enrollment> enrollments,
                      List<Payment> payments) {

    static final String EMPLOYEE = "EMPLOYEE";

    PaymentHistory {
        groups = Set.copyOf(groups);
        enrollments = List.copyOf(enrollments);
        payments = List.copyOf(payments);
    }

    record Enrollment(int year, String scheme, String place) {
    }

    record Payment(String receiptNo, int year, String scheme, LocalDate paidDate) {
    }

    /**
     * Refuses a history the rules cannot read: a year covered twice (two schemes or two places, or two
     * payments of one scheme) overlaps; a payment for a year without its enrollment leaves a gap in the
     * enrollment history. The reason names the first such year.
     */
    void requireConsistent() {
        String masked = IdNumber.mask(idNumber);
        Map<Integer, List<Enrollment>> byYear = enrollments.stream()
                .collect(Collectors.groupingBy(Enrollment::year, TreeMap::new, Collectors.toList()));
        byYear.forEach((year, rows) -> {
            if (rows.size() > 1) {
                throw new PolicyException("policy.history.overlap", masked, year, rows.stream()
                        .map(e -> e.scheme() + "/" + e.place()).sorted().collect(Collectors.joining("、")));
            }
        });
        Map<String, List<Payment>> paid = payments.stream().collect(Collectors.groupingBy(
                p -> p.year() + "/" + p.scheme(), TreeMap::new, Collectors.toList()));
        paid.forEach((key, rows) -> {
            if (rows.size() > 1) {
                throw new PolicyException("policy.history.paidTwice", masked, rows.get(0).year(), rows.stream()
                        .map(Payment::receiptNo).sorted().collect(Collectors.joining("、")));
            }
        });
        payments.stream().map(Payment::year).filter(y -> !byYear.containsKey(y)).sorted().findFirst()
                .ifPresent(year -> {
                    throw new PolicyException("policy.history.gap", masked, year);
                });
    }

    /** Years enrolled only by paying them back after the year was over (补缴). */
    Set<Integer> paidBackYears() {
        Map<Integer, LocalDate> firstPaid = payments.stream().collect(Collectors.toMap(Payment::year,
                Payment::paidDate, (a, b) -> a.isBefore(b) ? a : b));
        return firstPaid.entrySet().stream().filter(e -> e.getValue().getYear() > e.getKey()).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The inputs for enrolling for {@code year} on {@code asOf}.
     *
     * @param inCollectionPeriod whether asOf lies in the collection period of that year
     */
    PolicyInputs inputs(int year, boolean inCollectionPeriod, LocalDate asOf) {
        Set<Integer> paidBack = paidBackYears();
        List<Integer> covered = enrollments.stream().map(Enrollment::year).filter(y -> !paidBack.contains(y)).toList();
        EnrollmentContinuity continuity = EnrollmentContinuity.of(covered, year);
        boolean enrolled = enrollments.stream().anyMatch(e -> e.year() == year);
        int currentBreak = 0;
        while (continuity.breakYears().contains(year - 1 - currentBreak)) {
            currentBreak++;
        }
        int gapStart = year - currentBreak;
        int paidBackInBreak = (int) paidBack.stream().filter(y -> y >= gapStart && y < year).count();
        Switch sw = schemeSwitch(year, inCollectionPeriod, asOf);
        // the cap of the year counts the year itself as enrolled: that is what paying would give
        int capContinuous = continuity.currentYearEnrolled() ? continuity.continuousYears()
                : continuity.continuousYears() + 1;
        return new PolicyInputs(year, asOf, inCollectionPeriod, enrolled, continuity.firstYear(),
                continuity.continuousYears(), continuity.breakYears(), currentBreak, paidBackInBreak,
                List.copyOf(paidBack), groups.contains(PersonGroup.NEWBORN), groups.contains(PersonGroup.HARDSHIP),
                groups.contains(PersonGroup.VETERAN), sw.switching(), sw.priorYears(), sw.gapMonths(), capContinuous,
                0);
    }

    private record Switch(boolean switching, int priorYears, int gapMonths) {
    }

    /**
     * Switching from the employee scheme: the last covered year before {@code year} was in the employee
     * scheme. Its run of employee years, and the months from the end of its coverage (31 December) to the
     * enrollment: none when enrolling in the collection period (cover starts on 1 January).
     */
    private Switch schemeSwitch(int year, boolean inCollectionPeriod, LocalDate asOf) {
        Map<Integer, String> schemeByYear = enrollments.stream().filter(e -> e.year() < year)
                .collect(Collectors.toMap(Enrollment::year, Enrollment::scheme, (a, b) -> a, TreeMap::new));
        if (schemeByYear.isEmpty()) {
            return new Switch(false, 0, 0);
        }
        int last = ((TreeMap<Integer, String>) schemeByYear).lastKey();
        if (!EMPLOYEE.equals(schemeByYear.get(last))) {
            return new Switch(false, 0, 0);
        }
        int run = 0;
        for (int y = last; EMPLOYEE.equals(schemeByYear.get(y)); y--) {
            run++;
        }
        LocalDate coverEnded = LocalDate.of(last + 1, 1, 1);
        int gap = inCollectionPeriod || !asOf.isAfter(coverEnded) ? Math.max(0, year - last - 1) * 12
                : (int) Period.between(coverEnded, asOf).toTotalMonths();
        return new Switch(true, run, gap);
    }
}
