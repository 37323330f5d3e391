package cn.canbao.demo.synthetic;

import cn.canbao.register.person.IdNumber;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * Draws the registered residents of a village: valid unique ID numbers (mostly issued in Yongchun),
 * an ageing rural age pyramid, Minnan surnames, where they live (same village, another village of
 * the county, or away) and a mobile for most adults. County-wide uniqueness is kept across calls.
 */
final class SyntheticPeople {

    /** The date ages refer to: the end of the attachment's half-year. */
    static final LocalDate AS_OF = LocalDate.of(2023, 6, 30);

    static final String COUNTY = "350525";

    private static final double NEWBORN_SHARE = 0.0009;
    private static final double SAME_VILLAGE = 0.85;
    private static final double OTHER_VILLAGE = 0.08;
    private static final LocalDate FIRST_BIRTH_2023 = LocalDate.of(2023, 1, 1);
    private static final LocalDate LAST_MOVE_IN = LocalDate.of(2022, 12, 31);

    /** Share per five-year band 0–4 … 85–89, then 90–95 (six years); Yongchun ages like rural Fujian. */
    private static final double[] AGE_BANDS = CountyMap.cumulative(
            4.5, 5.8, 6.0, 5.5, 5.2, 5.8, 7.8, 6.8, 6.5, 7.8, 8.3, 7.5, 5.5, 5.5, 4.2, 2.8, 1.8, 0.9, 0.35);
    /** Epoch day of the earliest birth date giving each age at {@link #AS_OF}. */
    private static final long[] FIRST_BIRTH_DAY_AT_AGE = LongStream.rangeClosed(0, 96)
            .map(age -> AS_OF.minusYears(age + 1).plusDays(1).toEpochDay())
            .toArray();

    private static final List<String> BIRTH_REGIONS =
            List.of(COUNTY, "350583", "350524", "350526", "350521", "350582", "350503", "350102", "350203", "440300");
    private static final double[] BIRTH_REGION_WEIGHTS = CountyMap.cumulative(900, 25, 20, 15, 12, 10, 8, 4, 3, 3);

    private static final String SURNAMES = "陈林黄张李王吴刘蔡杨郑许谢洪郭邱曾廖赖周颜庄苏潘康余尤徐卢叶";
    private static final double[] SURNAME_WEIGHTS = CountyMap.cumulative(
            14, 12, 7, 5, 7, 4, 4, 4, 3, 3, 8, 3, 3, 2, 2, 1.5, 1.5, 1, 1, 4, 3, 2, 2, 1.5, 2.5, 1.5, 2, 1, 1, 1);
    private static final String MALE_GIVEN = "志国建明文华伟强荣辉福金水龙清俊杰鑫宇浩晨子祥德成永春海东山振兴聪斌鹏军平源泉锦忠";
    private static final String FEMALE_GIVEN = "秀美丽玉芳英燕红梅婷雅琳静娟霞萍惠珍雪月素丹晓欣怡涵悦琪思佳婉诗碧凤莉玲娜蓉慧宁";
    private static final int[] MOBILE_PREFIXES = {
        130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 150, 151, 152, 153, 155, 156, 157, 158, 159, 166, 176, 177,
        178, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 191, 198, 199
    };

    private final CountyMap map;
    private final SplittableRandom random;
    private final LongSet ids;
    private final LongSet mobiles = new LongSet();

    SyntheticPeople(CountyMap map, SplittableRandom random) {
        this(map, random, new LongSet());
    }

    /** With the ID numbers (first 17 digits) already taken, e.g. by the other counties of a synthetic province. */
    SyntheticPeople(CountyMap map, SplittableRandom random, LongSet ids) {
        this.map = map;
        this.random = random;
        this.ids = ids;
    }

    List<SyntheticPerson> of(CountyMap.Village village) {
        List<SyntheticPerson> people = new ArrayList<>(village.population());
        for (int i = 0; i < village.population(); i++) {
            people.add(person(village));
        }
        mothers(people);
        households(village, people);
        return people;
    }

    /**
     * Household sizes in turn, 2.625 persons on average: the seventh national census (2020) counts 2.62 persons per
     * family household (平均每个家庭户的人口为2.62人).
     */
    private static final int[] HOUSEHOLD_SIZES = {1, 2, 3, 4, 2, 3, 5, 1};

    /**
     * 户号 and 与户主关系 for the police extract: neighbours in the list living in the same place form households of the
     * sizes above; the eldest is the head (户主), the others are named by age against the head — spouse within 15 years,
     * 子/女 15 to 45 years younger, 孙子/孙女 more, 父亲/母亲 15 years older or more, else 兄弟姐妹. Drawn from the
     * list's order, not from the random stream, so the rest of the county stays as drawn.
     */
    private static void households(CountyMap.Village village, List<SyntheticPerson> people) {
        // a household lives together: the village's people by residence (in list order), cut into households
        Map<CountyMap.Village, List<SyntheticPerson>> byResidence = new java.util.LinkedHashMap<>();
        List<SyntheticPerson> away = new ArrayList<>();
        people.forEach(p ->
                (p.residence == null ? away : byResidence.computeIfAbsent(p.residence, r -> new ArrayList<>())).add(p));
        List<List<SyntheticPerson>> groups = new ArrayList<>(byResidence.values());
        groups.add(away);
        int number = 0;
        for (List<SyntheticPerson> group : groups) {
            int i = 0;
            while (i < group.size()) {
                int end = Math.min(group.size(), i + HOUSEHOLD_SIZES[number % HOUSEHOLD_SIZES.length]);
                List<SyntheticPerson> members = group.subList(i, end);
                SyntheticPerson head = members.stream()
                        .max(java.util.Comparator.comparingInt(p -> p.age))
                        .orElseThrow();
                String householdNumber = village.code().substring(6) + String.format("%04d", ++number);
                for (SyntheticPerson p : members) {
                    p.householdNumber = householdNumber;
                    p.householdRelation = p == head ? "户主" : relation(head, p);
                }
                i = end;
            }
        }
    }

    private static String relation(SyntheticPerson head, SyntheticPerson p) {
        boolean male = IdNumber.of(p.id).sex() == IdNumber.Sex.MALE;
        int younger = head.age - p.age;
        if (Math.abs(younger) < 15) {
            return younger == 0 && p.age < 18 ? "兄弟姐妹" : "配偶";
        }
        if (younger < 0) {
            return male ? "父亲" : "母亲";
        }
        if (younger <= 45) {
            return male ? "子" : "女";
        }
        return male ? "孙子" : "孙女";
    }

    /**
     * Every newborn gets a mother: a woman of 20 to 45 of the same village, chosen from the newborn's place in
     * the list (not from the random stream, so the rest of the county stays as drawn).
     */
    private static void mothers(List<SyntheticPerson> people) {
        for (int i = 0; i < people.size(); i++) {
            SyntheticPerson child = people.get(i);
            if (!child.newborn) {
                continue;
            }
            int start = (int) ((i * 7_919L) % people.size());
            for (int k = 0; k < people.size() && child.motherId == null; k++) {
                SyntheticPerson woman = people.get((start + k) % people.size());
                if (!woman.newborn
                        && woman.age >= 20
                        && woman.age <= 45
                        && IdNumber.of(woman.id).sex() == IdNumber.Sex.FEMALE) {
                    child.motherId = woman.id;
                }
            }
        }
    }

    /** A new mobile number no one else in the county has. */
    String mobile() {
        while (true) {
            long number = MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)] * 100_000_000L
                    + random.nextInt(100_000_000);
            if (mobiles.add(number)) {
                return Long.toString(number);
            }
        }
    }

    private SyntheticPerson person(CountyMap.Village household) {
        boolean newborn = random.nextDouble() < NEWBORN_SHARE;
        int age = newborn ? 0 : age();
        boolean male = random.nextInt(100) < 51;
        LocalDate birth = birthDate(newborn, age);
        String birthRegion = age == 0 ? COUNTY : CountyMap.choose(BIRTH_REGIONS, BIRTH_REGION_WEIGHTS, random);
        String id = id(birthRegion, birth, male);
        LocalDate registeredOn = birthRegion.equals(COUNTY) ? birth : between(birth.plusDays(30), LAST_MOVE_IN);
        CountyMap.Village residence = residence(household, newborn);
        String grid = residence == null ? null : CountyMap.grid(residence, random);
        CountyMap.Village addressed = residence == null ? household : residence;
        String address = "永春县" + addressed.township().name() + addressed.name() + (1 + random.nextInt(300)) + "号";
        String mobile = random.nextDouble() < mobileShare(age) ? mobile() : null;
        return new SyntheticPerson(
                id, name(male), birth, age, newborn, household, residence, grid, address, mobile, registeredOn);
    }

    private int age() {
        int band = CountyMap.pick(AGE_BANDS, random.nextDouble() * AGE_BANDS[AGE_BANDS.length - 1]);
        return band * 5 + random.nextInt(band == AGE_BANDS.length - 1 ? 6 : 5);
    }

    private LocalDate birthDate(boolean newborn, int age) {
        if (newborn) {
            return FIRST_BIRTH_2023.plusDays(random.nextInt(151));
        }
        if (age == 0) {
            return LocalDate.of(2022, 7, 1).plusDays(random.nextInt(184));
        }
        long earliest = FIRST_BIRTH_DAY_AT_AGE[age];
        return LocalDate.ofEpochDay(earliest + random.nextLong(FIRST_BIRTH_DAY_AT_AGE[age - 1] - earliest));
    }

    /** Region, birth date, a sequence whose last digit is odd for men, and the MOD 11-2 check character. */
    private String id(String region, LocalDate birth, boolean male) {
        long date = birth.getYear() * 10_000L + birth.getMonthValue() * 100L + birth.getDayOfMonth();
        while (true) {
            long first17 = Long.parseLong(region) * 100_000_000_000L
                    + date * 1_000L
                    + random.nextInt(500) * 2L
                    + (male ? 1 : 0);
            if (ids.add(first17)) {
                String digits = Long.toString(first17);
                return digits + IdNumber.checkCharacter(digits);
            }
        }
    }

    private CountyMap.Village residence(CountyMap.Village household, boolean newborn) {
        double u = random.nextDouble();
        if (newborn || u < SAME_VILLAGE) {
            return household;
        }
        return u < SAME_VILLAGE + OTHER_VILLAGE ? map.otherVillage(household, random) : null;
    }

    private static double mobileShare(int age) {
        if (age < 14) {
            return 0;
        }
        if (age < 18) {
            return 0.15;
        }
        return age < 75 ? 0.88 : 0.6;
    }

    private String name(boolean male) {
        String given = male ? MALE_GIVEN : FEMALE_GIVEN;
        StringBuilder name = new StringBuilder(3);
        name.append(SURNAMES.charAt(
                CountyMap.pick(SURNAME_WEIGHTS, random.nextDouble() * SURNAME_WEIGHTS[SURNAME_WEIGHTS.length - 1])));
        name.append(given.charAt(random.nextInt(given.length())));
        if (random.nextInt(10) < 7) {
            name.append(given.charAt(random.nextInt(given.length())));
        }
        return name.toString();
    }

    /** A day from first to last inclusive (first when last is earlier). */
    LocalDate between(LocalDate first, LocalDate last) {
        long days = ChronoUnit.DAYS.between(first, last);
        return days <= 0 ? first : first.plusDays(random.nextLong(days + 1));
    }
}
