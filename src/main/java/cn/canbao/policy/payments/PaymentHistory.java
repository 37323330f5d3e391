package cn.canbao.policy.payments;

import cn.canbao.policy.LimitLedger;
import cn.canbao.policy.PolicyException;
import cn.canbao.policy.PolicyInputs;
import cn.canbao.policy.RuleSet;
import cn.canbao.register.RegisterHistories;
import cn.canbao.register.RegisterHistories.Enrollment;
import cn.canbao.register.RegisterHistories.Membership;
import cn.canbao.register.RegisterHistories.Payment;
import cn.canbao.register.person.HardshipCategory;
import cn.canbao.register.person.IdNumber;
import cn.canbao.register.person.PersonGroup;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
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
 * @param householdRegion the household village, whose county's collection period and place's rule set apply, or null
 */
public record PaymentHistory(
        String idNumber,
        String householdRegion,
        LocalDate birthDate,
        Set<PersonGroup> groups,
        List<Membership> memberships,
        List<Enrollment> enrollments,
        List<Payment> payments) {

    public static final String EMPLOYEE = "EMPLOYEE";

    public PaymentHistory {
        groups = Set.copyOf(groups);
        memberships = List.copyOf(memberships);
        enrollments = List.copyOf(enrollments);
        payments = List.copyOf(payments);
    }

    /** The history the register holds of the person {@code idNumber}. */
    public static PaymentHistory of(String idNumber, RegisterHistories.History register) {
        return new PaymentHistory(
                idNumber,
                register.householdRegion(),
                register.birthDate(),
                register.groups(),
                register.memberships(),
                register.enrollments(),
                register.payments());
    }

    /** The county (its 6-digit prefix) whose collection period applies, or null. */
    public String countyCode() {
        return householdRegion == null ? null : householdRegion.substring(0, 6);
    }

    /**
     * Refuses a history the rules cannot read: a year covered twice (two schemes or two places, or two
     * payments of one scheme) overlaps; a payment for a year without its enrollment leaves a gap in the
     * enrollment history. The reason names the first such year.
     */
    public void requireConsistent() {
        String masked = IdNumber.mask(idNumber);
        Map<Integer, List<Enrollment>> byYear = enrollments.stream()
                .collect(Collectors.groupingBy(Enrollment::year, TreeMap::new, Collectors.toList()));
        byYear.forEach((year, rows) -> {
            if (rows.size() > 1) {
                throw new PolicyException(
                        "policy.history.overlap",
                        masked,
                        year,
                        rows.stream()
                                .map(e -> e.scheme() + "/" + e.place())
                                .sorted()
                                .collect(Collectors.joining("、")));
            }
        });
        Map<String, List<Payment>> paid = payments.stream()
                .collect(Collectors.groupingBy(p -> p.year() + "/" + p.scheme(), TreeMap::new, Collectors.toList()));
        paid.forEach((key, rows) -> {
            if (rows.size() > 1) {
                throw new PolicyException(
                        "policy.history.paidTwice",
                        masked,
                        rows.get(0).year(),
                        rows.stream().map(Payment::receiptNo).sorted().collect(Collectors.joining("、")));
            }
        });
        payments.stream()
                .map(Payment::year)
                .filter(y -> !byYear.containsKey(y))
                .sorted()
                .findFirst()
                .ifPresent(year -> {
                    throw new PolicyException("policy.history.gap", masked, year);
                });
    }

    /** Years enrolled only by paying them back after the year was over (补缴). */
    Set<Integer> paidBackYears() {
        Map<Integer, LocalDate> firstPaid = payments.stream()
                .collect(Collectors.toMap(Payment::year, Payment::paidDate, (a, b) -> a.isBefore(b) ? a : b));
        return firstPaid.entrySet().stream()
                .filter(e -> e.getValue().getYear() > e.getKey())
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The inputs for enrolling for the rule set's scheme year on {@code asOf}. Years count from the year the
     * place adopted the mechanism ("连续参保年数自参加2025年度居民医保起计算", "断保年数自2025年起计算") and from the
     * person's birth: a year before either is neither continuity nor a break. Without the mechanism, nothing counts.
     *
     * @param inCollectionPeriod whether asOf lies in the collection period of that year
     * @param claims             per enrolled year what the claims data says (absent: unknown)
     */
    public PolicyInputs inputs(
            RuleSet rules, boolean inCollectionPeriod, LocalDate asOf, Map<Integer, LimitLedger.ClaimYear> claims) {
        int year = rules.schemeYear();
        Set<Integer> paidBack = paidBackYears();
        Set<Integer> covered = enrollments.stream()
                .map(Enrollment::year)
                .filter(y -> !paidBack.contains(y))
                .collect(Collectors.toCollection(TreeSet::new));
        boolean enrolled = enrollments.stream().anyMatch(e -> e.year() == year);
        Switch sw = schemeSwitch(year, inCollectionPeriod, asOf);
        boolean newborn = birthDate != null && birthDate.getYear() == year || groups.contains(PersonGroup.NEWBORN);
        // "医疗救助资助参保对象": a hardship member the rule set funds
        boolean assisted =
                hardshipCategories().stream().anyMatch(c -> rules.subsidyOf(c).isPresent());
        boolean leftService = memberships.stream()
                .anyMatch(m -> (m.group() == PersonGroup.VETERAN || m.group() == PersonGroup.MILITARY_SPOUSE)
                        && m.since() != null
                        && m.since().getYear() == year);
        Mechanism counts = rules.mechanismApplies()
                ? mechanism(rules.mechanismFrom(), year, enrolled, covered, paidBack, claims)
                : Mechanism.NONE;
        return new PolicyInputs(
                year,
                asOf,
                inCollectionPeriod,
                enrolled,
                counts.from(),
                counts.continuous(),
                counts.breaks(),
                counts.currentBreak(),
                counts.paidBackInBreak(),
                List.copyOf(paidBack),
                newborn,
                assisted,
                leftService,
                sw.switching(),
                sw.priorYears(),
                sw.gapMonths(),
                counts.ledger(),
                counts.ifSkipped());
    }

    /** What the mechanism counts for a year; {@link #NONE} where the place has not adopted it: nothing counts. */
    private record Mechanism(
            Integer from,
            int continuous,
            List<Integer> breaks,
            int currentBreak,
            int paidBackInBreak,
            LimitLedger ledger,
            LimitLedger ifSkipped) {
        static final Mechanism NONE = new Mechanism(null, 0, List.of(), 0, 0, null, null);
    }

    private Mechanism mechanism(
            int from,
            int year,
            boolean enrolled,
            Set<Integer> covered,
            Set<Integer> paidBack,
            Map<Integer, LimitLedger.ClaimYear> claims) {
        int first = Math.max(from, birthDate == null ? from : birthDate.getYear());
        List<Integer> breaks = new ArrayList<>();
        for (int y = first; y < year; y++) {
            if (!covered.contains(y)) {
                breaks.add(y);
            }
        }
        int continuous = 0;
        for (int y = enrolled ? year : year - 1; y >= first && (y == year || covered.contains(y)); y--) {
            continuous++;
        }
        int currentBreak = 0;
        while (year - 1 - currentBreak >= first && !covered.contains(year - 1 - currentBreak)) {
            currentBreak++;
        }
        int gapStart = year - currentBreak;
        int paidBackInBreak =
                (int) paidBack.stream().filter(y -> y >= gapStart && y < year).count();
        return new Mechanism(
                from,
                continuous,
                breaks,
                currentBreak,
                paidBackInBreak,
                LimitLedger.count(from, year, first, covered, claims),
                LimitLedger.count(from, year + 1, first, covered, claims));
    }

    /** The hardship categories the person belongs to today. */
    public Set<HardshipCategory> hardshipCategories() {
        return memberships.stream()
                .filter(m -> m.group() == PersonGroup.HARDSHIP)
                .map(m -> HardshipCategory.parse(m.detail()))
                .flatMap(java.util.Optional::stream)
                .collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(HardshipCategory.class)));
    }

    private record Switch(boolean switching, int priorYears, int gapMonths) {}

    /**
     * Switching from the employee scheme: "参保人员已连续2年以上（含2年）参加基本医保的，因就业等个人状态变化在职工医保和居民医保间
     * 切换参保关系的，且中断缴费3个月（含）以内参保缴费的，可按转入地规定办理基本医保费补缴手续，补缴后不设待遇等待期". The last
     * covered year before {@code year} was in the employee scheme; the prior years are the run of basic insurance
     * (either scheme) ending there; the gap is the months from the end of its coverage (31 December) to the
     * enrollment: none when enrolling in the collection period (cover starts on 1 January).
     */
    private Switch schemeSwitch(int year, boolean inCollectionPeriod, LocalDate asOf) {
        TreeMap<Integer, String> schemeByYear = enrollments.stream()
                .filter(e -> e.year() < year)
                .collect(Collectors.toMap(Enrollment::year, Enrollment::scheme, (a, b) -> a, TreeMap::new));
        if (schemeByYear.isEmpty()) {
            return new Switch(false, 0, 0);
        }
        int last = schemeByYear.lastKey();
        if (!EMPLOYEE.equals(schemeByYear.get(last))) {
            return new Switch(false, 0, 0);
        }
        int run = 0;
        for (int y = last; schemeByYear.containsKey(y); y--) {
            run++;
        }
        LocalDate coverEnded = LocalDate.of(last + 1, 1, 1);
        int gap = inCollectionPeriod || !asOf.isAfter(coverEnded)
                ? Math.max(0, year - last - 1) * 12
                : (int) Period.between(coverEnded, asOf).toTotalMonths();
        return new Switch(true, run, gap);
    }
}
