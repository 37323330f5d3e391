package cn.canbao.demo.synthetic;

import cn.canbao.demo.YongchunSeed;
import cn.canbao.demo.synthetic.SyntheticPerson.Coverage;
import cn.canbao.demo.synthetic.SyntheticPerson.Hardship;
import cn.canbao.demo.synthetic.SyntheticPerson.Place;
import cn.canbao.demo.synthetic.SyntheticPerson.Scheme;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Decides the 2023 enrollment of a township's residents so the attachment's numbers hold exactly:
 * deaths of the year (uninsured), then exactly insuredElsewhere people insured elsewhere (mostly
 * those living away), exactly the uninsured (the dead, people away, newborns, young adults first)
 * and the rest insured locally; then hardship groups among the locally insured, schemes, payment
 * dates, and last year's payers — nearly all of this year's insured and 40% of the uninsured (lapsed).
 */
final class TownshipEnrollment {

    static final String RESIDENT_AMOUNT = "380.00";
    static final String RESIDENT_AMOUNT_LAST_YEAR = "350.00";

    private static final double DEATH_SHARE = 0.003;
    private static final double HARDSHIP_SHARE = 0.025;
    private static final double LAPSED_SHARE_OF_UNINSURED = 0.40;
    private static final double PAID_LAST_YEAR = 0.96;
    private static final LocalDate FIRST_DEATH = LocalDate.of(SyntheticCounty.ENROLLMENT_YEAR, 1, 1);
    private static final LocalDate LAST_DEATH = LocalDate.of(2023, 6, 15);
    private static final LocalDate LAST_BIRTH_BEFORE_LAST_YEARS_CLOSE = LocalDate.of(2022, 6, 1);
    private static final LocalDate FIRST_HARDSHIP = LocalDate.of(2015, 1, 1);
    private static final LocalDate LAST_HARDSHIP = LocalDate.of(2023, 5, 31);
    private static final List<String> ELSEWHERE = List.of(
            "350583", "350582", "350581", "350503", "350203", "350102", "350526", "440300", "440100", "441900",
            "330100", "310115");
    private static final double[] ELSEWHERE_WEIGHTS = CountyMap.cumulative(22, 18, 8, 10, 8, 5, 4, 10, 5, 6, 2, 2);

    private final SplittableRandom random;
    private final SyntheticPeople people;

    TownshipEnrollment(SplittableRandom random, SyntheticPeople people) {
        this.random = random;
        this.people = people;
    }

    /** Sets death, coverage and hardship on every person; returns the township's counts. */
    SyntheticCounty.TownshipCounts enroll(YongchunSeed.Township township, List<SyntheticPerson> persons) {
        if (persons.size() != township.registered()) {
            throw new IllegalStateException(township.name() + ": " + persons.size() + " people drawn for "
                    + township.registered() + " registered");
        }
        for (SyntheticPerson p : pick(persons, Math.round(township.registered() * DEATH_SHARE), this::mortality)) {
            p.diedOn = people.between(FIRST_DEATH, LAST_DEATH);
        }
        for (SyntheticPerson p : pick(persons, township.insuredElsewhere(), this::elsewhereWeight)) {
            boolean employee = p.workingAge() && random.nextInt(10) < 7;
            p.thisYear = new Coverage(
                    Place.ELSEWHERE, employee ? Scheme.EMPLOYEE : Scheme.RESIDENT, elsewhere(), null, null);
        }
        List<SyntheticPerson> uninsured =
                new ArrayList<>(persons.stream().filter(p -> p.diedOn != null).toList());
        uninsured.addAll(pick(persons, township.uninsured() - uninsured.size(), this::uninsuredWeight));
        Set<SyntheticPerson> notInsured = Collections.newSetFromMap(new IdentityHashMap<>());
        notInsured.addAll(uninsured);
        List<SyntheticPerson> local = persons.stream()
                .filter(p -> p.thisYear == null && !notInsured.contains(p))
                .toList();
        enrollLocally(persons, local, township);
        lastYear(persons, uninsured, township);
        return count(township, persons);
    }

    private void enrollLocally(
            List<SyntheticPerson> persons, List<SyntheticPerson> local, YongchunSeed.Township township) {
        long hardship = Math.round(township.registered() * HARDSHIP_SHARE);
        for (SyntheticPerson p : pick(local, hardship, this::hardshipWeight)) {
            p.hardship = new Hardship(category(p), people.between(later(FIRST_HARDSHIP, p.birthDate), LAST_HARDSHIP));
        }
        int year = SyntheticCounty.ENROLLMENT_YEAR;
        for (SyntheticPerson p : local) {
            boolean employee =
                    p.hardship == null && random.nextDouble() < (p.workingAge() ? 0.25 : p.age >= 60 ? 0.12 : 0);
            p.thisYear = employee
                    ? new Coverage(Place.LOCAL, Scheme.EMPLOYEE, null, paidOn(p, year), null)
                    : new Coverage(Place.LOCAL, Scheme.RESIDENT, null, paidOn(p, year), RESIDENT_AMOUNT);
        }
        if (local.size() != township.insuredLocal()) {
            throw new IllegalStateException(township.name() + ": " + local.size() + " insured locally, expected "
                    + township.insuredLocal() + " (" + persons.size() + " registered)");
        }
    }

    /** Last year: most of this year's insured paid as now; a share of this year's uninsured paid and lapsed. */
    private void lastYear(
            List<SyntheticPerson> persons, List<SyntheticPerson> uninsured, YongchunSeed.Township township) {
        for (SyntheticPerson p : persons) {
            if (p.thisYear != null && bornByLastYearsClose(p) && random.nextDouble() < PAID_LAST_YEAR) {
                p.lastYear = lastYears(p, p.thisYear.place(), p.thisYear.scheme(), p.thisYear.insuredRegion());
            }
        }
        List<SyntheticPerson> candidates = uninsured.stream()
                .filter(p -> p.diedOn == null && bornByLastYearsClose(p))
                .toList();
        long lapsed = Math.min(candidates.size(), Math.round(township.uninsured() * LAPSED_SHARE_OF_UNINSURED));
        for (SyntheticPerson p : pick(candidates, lapsed, p -> p.away() ? 1.5 : 1)) {
            int u = random.nextInt(100);
            if (u < 5) {
                p.lastYear =
                        lastYears(p, Place.ELSEWHERE, p.workingAge() ? Scheme.EMPLOYEE : Scheme.RESIDENT, elsewhere());
            } else {
                p.lastYear =
                        lastYears(p, Place.LOCAL, u < 15 && p.workingAge() ? Scheme.EMPLOYEE : Scheme.RESIDENT, null);
            }
        }
    }

    private Coverage lastYears(SyntheticPerson p, Place place, Scheme scheme, String region) {
        if (place == Place.ELSEWHERE) {
            return new Coverage(place, scheme, region, null, null);
        }
        return new Coverage(
                place,
                scheme,
                null,
                paidOn(p, SyntheticCounty.ENROLLMENT_YEAR - 1),
                scheme == Scheme.RESIDENT ? RESIDENT_AMOUNT_LAST_YEAR : null);
    }

    /** The collection season for a year: September to June, most paying before the new year. */
    private LocalDate paidOn(SyntheticPerson p, int year) {
        LocalDate open = LocalDate.of(year - 1, 9, 1);
        LocalDate close = LocalDate.of(year, 6, 30);
        LocalDate day = random.nextInt(10) < 8
                ? people.between(open, LocalDate.of(year - 1, 12, 31))
                : people.between(LocalDate.of(year, 1, 1), close);
        // newborns enrol after birth: within the weeks after, still inside the season
        return day.isAfter(p.birthDate)
                ? day
                : people.between(p.birthDate.plusDays(1), earlier(p.birthDate.plusDays(60), close));
    }

    private static boolean bornByLastYearsClose(SyntheticPerson p) {
        return !p.birthDate.isAfter(LAST_BIRTH_BEFORE_LAST_YEARS_CLOSE);
    }

    private String category(SyntheticPerson p) {
        int u = random.nextInt(100);
        if (p.age < 18) {
            return u < 8 ? "ORPHAN" : u < 58 ? "DIBAO" : u < 75 ? "SEVERE_DISABILITY" : "MONITORED";
        }
        if (p.age >= 60 && u < 15) {
            return "TEKUN";
        }
        return u < 50 ? "DIBAO" : u < 75 ? "SEVERE_DISABILITY" : "MONITORED";
    }

    private String elsewhere() {
        return CountyMap.choose(ELSEWHERE, ELSEWHERE_WEIGHTS, random);
    }

    private double mortality(SyntheticPerson p) {
        if (p.newborn) {
            return 0;
        }
        return p.age < 40 ? 0.02 : Math.exp((p.age - 60) / 9.0);
    }

    private double elsewhereWeight(SyntheticPerson p) {
        if (p.diedOn != null) {
            return 0;
        }
        double where = p.away() ? 10 : p.separated() ? 1.2 : 0.3;
        double who = p.newborn ? 0.05 : p.workingAge() ? 1.5 : p.age < 18 ? 0.8 : 0.4;
        return where * who;
    }

    private double uninsuredWeight(SyntheticPerson p) {
        if (p.diedOn != null || p.thisYear != null) {
            return 0;
        }
        double where = p.away() ? 4 : p.separated() ? 1.5 : 1;
        double who = p.newborn ? 8 : p.age >= 18 && p.age < 45 ? 1.8 : p.age >= 60 ? 0.6 : 1;
        return where * who;
    }

    private double hardshipWeight(SyntheticPerson p) {
        return p.age >= 60 ? 2 : 1;
    }

    private SyntheticCounty.TownshipCounts count(YongchunSeed.Township township, List<SyntheticPerson> persons) {
        int local = 0;
        int elsewhere = 0;
        int lapsed = 0;
        for (SyntheticPerson p : persons) {
            if (p.thisYear == null) {
                lapsed += p.lastYear != null ? 1 : 0;
            } else if (p.thisYear.place() == Place.LOCAL) {
                local++;
            } else {
                elsewhere++;
            }
        }
        return new SyntheticCounty.TownshipCounts(
                persons.size(), local, elsewhere, persons.size() - local - elsewhere, lapsed);
    }

    /**
     * Exactly n of the people, drawn without replacement with probability growing with weight
     * (Efraimidis–Spirakis keys); people of weight 0 are never drawn.
     */
    private <T> List<T> pick(List<T> from, long n, ToDoubleFunction<T> weight) {
        // key in the high half (positive float bits sort like the floats), index in the low half
        long[] keyed = new long[from.size()];
        int eligible = 0;
        for (int i = 0; i < keyed.length; i++) {
            double w = weight.applyAsDouble(from.get(i));
            float key = w > 0 ? (float) Math.abs(Math.log(1 - random.nextDouble()) / w) : Float.POSITIVE_INFINITY;
            keyed[i] = (long) Float.floatToIntBits(key) << 32 | i;
            eligible += w > 0 ? 1 : 0;
        }
        if (n > eligible) {
            throw new IllegalStateException("cannot draw " + n + " of " + eligible + " eligible");
        }
        Arrays.sort(keyed);
        List<T> picked = new ArrayList<>((int) n);
        for (int i = 0; i < n; i++) {
            picked.add(from.get((int) keyed[i]));
        }
        return picked;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
