package cn.canbao.demo.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.demo.DemoCountyHierarchy;
import cn.canbao.demo.YongchunSeed;
import cn.canbao.region.GridKind;
import cn.canbao.region.NewRegion;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.person.IdNumber;
import cn.canbao.register.person.MobileNumber;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One full generation of the county, read back from the files as an importer would. */
class SyntheticCountyTest {

    private static final long SEED = 20230603L;
    private static final LocalDate AS_OF = LocalDate.of(2023, 6, 30);
    private static final String THIS_YEAR = "2023";
    private static final String LAST_YEAR = "2022";

    @TempDir
    static Path dir;

    private static SyntheticCounty.Summary summary;
    /** ID → household village code, from the REGISTERED and BIRTH rows. */
    private static final Map<String, String> householdById = new HashMap<>();

    private static final Set<String> born = new HashSet<>();
    private static final Set<String> died = new HashSet<>();

    @BeforeAll
    static void generateAndReadTheRegister() throws IOException {
        summary = SyntheticCounty.write(dir.resolve("county"), SEED);
        Map<String, String> codes = new HashMap<>();
        read("police_household", row -> {
            switch (row[2]) {
                case "REGISTERED" -> householdById.put(row[0], codes.computeIfAbsent(row[4], c -> c));
                case "BIRTH" -> {
                    householdById.put(row[0], codes.computeIfAbsent(row[4], c -> c));
                    born.add(row[0]);
                    // every birth names a mother: a woman of the county's register, as the import requires
                    if (row.length < 10
                            || IdNumber.problemOf(row[9]).isPresent()
                            || IdNumber.of(row[9]).sex() != IdNumber.Sex.FEMALE) {
                        throw new AssertionError("birth without a valid mother: " + String.join(",", row));
                    }
                }
                case "DEATH" -> died.add(row[0]);
                default -> throw new AssertionError("unexpected event " + row[2]);
            }
        });
    }

    @Test
    void summaryHasTheAttachmentsNumbersForEveryTownship() {
        assertThat(summary.byTownship().keySet())
                .containsExactlyElementsOf(YongchunSeed.TOWNSHIPS.stream()
                        .map(YongchunSeed.Township::code)
                        .toList());
        for (YongchunSeed.Township t : YongchunSeed.TOWNSHIPS) {
            SyntheticCounty.TownshipCounts c = summary.byTownship().get(t.code());
            assertThat(List.of(c.registered(), c.insuredLocal(), c.insuredElsewhere(), c.uninsured()))
                    .as(t.name())
                    .containsExactly(t.registered(), t.insuredLocal(), t.insuredElsewhere(), t.uninsured());
            assertThat(c.registered()).as(t.name()).isEqualTo(c.insuredLocal() + c.insuredElsewhere() + c.uninsured());
            assertThat(c.lapsed()).as(t.name()).isEqualTo((int) Math.round(t.uninsured() * 0.4));
        }
        assertThat(total(SyntheticCounty.TownshipCounts::registered)).isEqualTo(578_096);
        assertThat(total(SyntheticCounty.TownshipCounts::insuredLocal)).isEqualTo(503_478);
        assertThat(total(SyntheticCounty.TownshipCounts::insuredElsewhere)).isEqualTo(39_148);
        assertThat(total(SyntheticCounty.TownshipCounts::uninsured)).isEqualTo(35_470);
        assertThat(summary.persons()).isEqualTo(578_096);
        assertThat(summary.files().keySet())
                .containsExactly("police_household", "insurance_status", "hardship", "student", "tax_payment");
        summary.files().forEach((kind, file) -> assertThat(file.getFileName()).hasToString(kind + ".csv"));
    }

    @Test
    void filesGiveTheSameCountsPerTownship() {
        Map<String, int[]> byTownship = new LinkedHashMap<>();
        householdById.values().forEach(v -> counts(byTownship, v)[0]++);
        Set<String> insuredThisYear = new HashSet<>();
        Set<String> paidLastYear = new HashSet<>();
        read("insurance_status", row -> {
            check(householdById.containsKey(row[0]), "registered", row);
            if (row[2].equals(THIS_YEAR)) {
                check(insuredThisYear.add(row[0]), "one 2023 row per person", row);
                counts(byTownship, householdById.get(row[0]))[row[4].equals("LOCAL") ? 1 : 2]++;
            } else {
                assertThat(row[2]).isEqualTo(LAST_YEAR);
                paidLastYear.add(row[0]);
            }
        });
        paidLastYear.stream()
                .filter(id -> !insuredThisYear.contains(id))
                .forEach(id -> counts(byTownship, householdById.get(id))[3]++);
        for (YongchunSeed.Township t : YongchunSeed.TOWNSHIPS) {
            int[] c = byTownship.get(t.code());
            SyntheticCounty.TownshipCounts expected = summary.byTownship().get(t.code());
            assertThat(c)
                    .as(t.name())
                    .containsExactly(t.registered(), t.insuredLocal(), t.insuredElsewhere(), expected.lapsed());
        }
        assertThat(householdById).hasSize(578_096);
        assertThat(died.stream().filter(insuredThisYear::contains))
                .as("dead and insured")
                .isEmpty();
    }

    @Test
    void everyIdIsValidAndUniqueAndEveryMobileValid() {
        assertThat(householdById.keySet().stream().filter(id -> !IdNumber.isValid(id)))
                .as("invalid IDs")
                .isEmpty();
        Set<String> ids = new HashSet<>();
        Set<String> mobiles = new HashSet<>();
        int[] adults = new int[2];
        read("police_household", row -> {
            if (!row[2].equals("DEATH")) {
                check(ids.add(row[0]), "unique ID", row);
                if (!row[8].isEmpty()) {
                    check(MobileNumber.isValid(row[8]), "valid mobile", row);
                    check(mobiles.add(row[8]), "unique mobile", row);
                }
                if (age(row[0]) >= 18) {
                    adults[0]++;
                    adults[1] += row[8].isEmpty() ? 0 : 1;
                }
            }
        });
        read("student", row -> check(row[5].isEmpty() || MobileNumber.isValid(row[5]), "valid guardian mobile", row));
        assertThat((double) adults[1] / adults[0]).isBetween(0.80, 0.90);
        assertThat(ids.stream().filter(id -> !id.startsWith("350525")).count()).isBetween(30_000L, 80_000L);
    }

    @Test
    void everyoneHasAHouseholdWithOneHeadOfAboutTheCensusSize() {
        Map<String, Integer> sizes = new HashMap<>();
        Map<String, Integer> heads = new HashMap<>();
        read("police_household", row -> {
            if (row[2].equals("DEATH")) {
                return;
            }
            check(row.length == 12 && row[10].matches("[0-9]{10}") && !row[11].isEmpty(), "户号 and 与户主关系", row);
            String household = row[4] + "/" + row[10];
            sizes.merge(household, 1, Integer::sum);
            heads.merge(household, row[11].equals("户主") ? 1 : 0, Integer::sum);
        });
        assertThat(heads.values()).containsOnly(1);
        // the census's 2.62 per family household, a little less where neighbours live apart (人户分离)
        assertThat(sizes.values().stream().mapToInt(Integer::intValue).average().orElseThrow())
                .isBetween(2.4, 2.7);
    }

    @Test
    void residencesAreVillagesAndGridsLieInTheResidenceVillage() {
        Set<String> villages = codes(r -> r.level() == RegionLevel.VILLAGE);
        Set<String> grids = codes(r -> r.level() == RegionLevel.GRID && r.gridKind() == GridKind.COMMUNITY);
        int[] where = new int[3];
        read("police_household", row -> {
            check(villages.contains(row[4]), "household in a village", row);
            if (row[2].equals("DEATH")) {
                return;
            }
            if (row[5].isEmpty()) {
                check(row[6].isEmpty(), "no grid when living away", row);
                where[2]++;
            } else {
                check(villages.contains(row[5]), "residence in a village", row);
                check(grids.contains(row[6]), "a community grid", row);
                check(row[6].length() == 15 && row[6].startsWith(row[5]), "grid of the residence village", row);
                where[row[5].equals(row[4]) ? 0 : 1]++;
            }
            check(row[7].startsWith("永春县") && row[7].endsWith("号"), "an address in the county", row);
        });
        assertThat(where[0] / 578_096.0).isBetween(0.83, 0.87);
        assertThat(where[1] / 578_096.0).isBetween(0.07, 0.09);
        assertThat(where[2] / 578_096.0).isBetween(0.06, 0.08);
    }

    @Test
    void aFewHundredBirthsAndAboutThreeInAThousandDeathsThisYear() {
        assertThat(born)
                .hasSizeBetween(300, 900)
                .allSatisfy(
                        id -> assertThat(IdNumber.of(id).birthDate().getYear()).isEqualTo(2023));
        assertThat(died)
                .hasSizeBetween(1_600, 1_900)
                .allSatisfy(id -> assertThat(householdById).containsKey(id));
        assertThat(died.stream().filter(id -> age(id) >= 60).count()).isGreaterThan(died.size() * 8L / 10);
    }

    @Test
    void ageingPyramidFromNewbornsToNinetyFive() {
        Map<Integer, Long> byDecade = householdById.keySet().stream()
                .collect(Collectors.groupingBy(id -> Math.min(age(id) / 10, 9), Collectors.counting()));
        assertThat(householdById.keySet().stream()
                        .mapToInt(SyntheticCountyTest::age)
                        .max()
                        .orElseThrow())
                .isEqualTo(95);
        assertThat(byDecade.get(5)).isGreaterThan(byDecade.get(2));
        assertThat(byDecade.get(9)).isLessThan(byDecade.get(8));
    }

    @Test
    void hardshipGroupsAreInsuredLocallyAsResidents() {
        Map<String, String> thisYear = new HashMap<>();
        read("insurance_status", row -> {
            if (row[2].equals(THIS_YEAR)) {
                thisYear.put(row[0], row[3] + "/" + row[4]);
            }
        });
        List<String> hardship = new ArrayList<>();
        read("hardship", row -> {
            hardship.add(row[0]);
            assertThat(row[2]).isIn("DIBAO", "TEKUN", "ORPHAN", "SEVERE_DISABILITY", "MONITORED");
            assertThat(thisYear.get(row[0])).as(row[0]).isEqualTo("RESIDENT/LOCAL");
            assertThat(LocalDate.parse(row[3]))
                    .isAfterOrEqualTo(IdNumber.of(row[0]).birthDate());
            if (row[2].equals("ORPHAN")) {
                assertThat(age(row[0])).isLessThan(18);
            }
        });
        assertThat(hardship).doesNotHaveDuplicates();
        assertThat(hardship.size() / 578_096.0).isBetween(0.024, 0.026);
    }

    @Test
    void studentsHaveTheStageOfTheirAge() {
        Map<String, Integer> perStage = new HashMap<>();
        read("student", row -> {
            int age = age(row[0]);
            assertThat(householdById).containsKey(row[0]);
            assertThat(row[2]).isNotBlank();
            assertThat(row[4]).isEqualTo(THIS_YEAR);
            assertThat(age)
                    .as(row[3])
                    .isBetween(
                            switch (row[3]) {
                                case "PRESCHOOL" -> 3;
                                case "PRIMARY" -> 6;
                                case "JUNIOR" -> 12;
                                case "SENIOR", "VOCATIONAL" -> 15;
                                default -> 18;
                            },
                            switch (row[3]) {
                                case "PRESCHOOL" -> 5;
                                case "PRIMARY" -> 11;
                                case "JUNIOR" -> 14;
                                case "SENIOR" -> 17;
                                default -> 22;
                            });
            perStage.merge(row[3], 1, Integer::sum);
        });
        long schoolAge = householdById.keySet().stream()
                .filter(id -> age(id) >= 6 && age(id) <= 17)
                .count();
        int compulsoryAndSenior = perStage.get("PRIMARY") + perStage.get("JUNIOR") + perStage.get("SENIOR");
        assertThat(compulsoryAndSenior).isLessThan((int) schoolAge);
        assertThat(perStage).containsKeys("PRESCHOOL", "PRIMARY", "JUNIOR", "SENIOR", "VOCATIONAL", "HIGHER");
    }

    @Test
    void taxPaymentsAreTheLocalResidentPaymentsOfTheYear() {
        Map<String, String> payments = new HashMap<>();
        read("insurance_status", row -> {
            if (row[4].equals("ELSEWHERE")) {
                check(row[5].length() == 6 && !row[5].startsWith("350525"), "insured outside the county", row);
            } else if (row[3].equals("EMPLOYEE")) {
                check(row[7].isEmpty(), "no amount for employees", row);
            } else {
                check(row[7].equals(row[2].equals(THIS_YEAR) ? "380.00" : "350.00"), "the year's contribution", row);
            }
            if (!row[6].isEmpty()) {
                LocalDate paid = LocalDate.parse(row[6]);
                int year = Integer.parseInt(row[2]);
                check(
                        !paid.isBefore(LocalDate.of(year - 1, 9, 1)) && !paid.isAfter(LocalDate.of(year, 6, 30)),
                        "paid in the collection season",
                        row);
            }
            if (row[2].equals(THIS_YEAR) && row[3].equals("RESIDENT") && row[4].equals("LOCAL")) {
                payments.put(row[0], row[6] + "/" + row[7]);
            }
        });
        Set<String> receipts = new HashSet<>();
        Map<String, String> taxed = new HashMap<>();
        read("tax_payment", row -> {
            check(row[2].equals(THIS_YEAR) && row[3].equals("RESIDENT"), "a resident payment of 2023", row);
            check(
                    row[6].length() == 14 && row[6].startsWith("YC2023") && receipts.add(row[6]),
                    "a unique receipt",
                    row);
            taxed.put(row[0], row[4] + "/" + row[5]);
        });
        assertThat(taxed).isEqualTo(payments);
    }

    @Test
    void filesHaveTheLayoutsHeadersWithoutBomOrCarriageReturns() throws IOException {
        Map<String, String> headers = Map.of(
                "police_household", "身份证号,姓名,变动类型,变动日期,户籍地区划,常住地区划,网格编码,住址,手机号,母亲身份证号,户号,与户主关系",
                "insurance_status", "身份证号,姓名,参保年度,险种,参保地,参保地区划,缴费日期,缴费金额",
                "hardship", "身份证号,姓名,类别,认定日期,退出日期",
                "student", "身份证号,姓名,学校,学段,学年,监护人手机",
                "tax_payment", "身份证号,姓名,缴费年度,险种,缴费日期,缴费金额,票据号");
        for (Map.Entry<String, Path> file : summary.files().entrySet()) {
            byte[] start = new byte[3];
            try (InputStream in = Files.newInputStream(file.getValue())) {
                assertThat(in.read(start)).isEqualTo(3);
            }
            assertThat(start).isNotEqualTo(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            try (BufferedReader reader = Files.newBufferedReader(file.getValue(), StandardCharsets.UTF_8)) {
                assertThat(reader.readLine()).isEqualTo(headers.get(file.getKey()));
            }
            int columns = headers.get(file.getKey()).split(",").length;
            read(
                    file.getKey(),
                    row -> check(
                            row.length == columns && !row[columns - 1].endsWith("\r"),
                            columns + " columns, no CR",
                            row));
        }
    }

    @Test
    void sameSeedSameBytesAndAnotherSeedOthers() throws IOException {
        SyntheticCounty.Summary again = SyntheticCounty.write(dir.resolve("again"), SEED);
        SyntheticCounty.Summary other = SyntheticCounty.write(dir.resolve("other"), SEED + 1);
        for (String kind : summary.files().keySet()) {
            String first = sha256(summary.files().get(kind));
            assertThat(sha256(again.files().get(kind))).as(kind).isEqualTo(first);
            assertThat(sha256(other.files().get(kind))).as(kind).isNotEqualTo(first);
        }
        assertThat(other.byTownship().values().stream()
                        .mapToInt(SyntheticCounty.TownshipCounts::uninsured)
                        .sum())
                .isEqualTo(35_470);
    }

    private static int total(ToIntFunction<SyntheticCounty.TownshipCounts> count) {
        return summary.byTownship().values().stream().mapToInt(count).sum();
    }

    private static int[] counts(Map<String, int[]> byTownship, String villageCode) {
        return byTownship.computeIfAbsent(villageCode.substring(0, 9) + "000", k -> new int[4]);
    }

    private static int age(String id) {
        return Period.between(IdNumber.of(id).birthDate(), AS_OF).getYears();
    }

    private static Set<String> codes(Predicate<NewRegion> which) {
        return DemoCountyHierarchy.generate().stream()
                .filter(which)
                .map(NewRegion::code)
                .collect(Collectors.toSet());
    }

    /** Each data row of the kind's file, split on ',' (the generator never quotes). */
    private static void read(String kind, Consumer<String[]> row) {
        try (BufferedReader reader = Files.newBufferedReader(summary.files().get(kind), StandardCharsets.UTF_8)) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                row.accept(line.split(",", -1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For the many rows of a file: a plain check, an AssertionError naming the row. */
    private static void check(boolean ok, String what, String[] row) {
        if (!ok) {
            throw new AssertionError(what + ": " + String.join(",", row));
        }
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in =
                new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
