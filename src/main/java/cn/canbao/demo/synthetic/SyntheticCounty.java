package cn.canbao.demo.synthetic;

import cn.canbao.demo.DemoCountyHierarchy;
import cn.canbao.demo.YongchunSeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The synthetic register of Yongchun as the five department extracts: one person per registered
 * resident of every generated village, enrolled so each township's insured-locally, insured-elsewhere
 * and uninsured numbers are exactly those of the 2023 attachment. Seeded: same seed, same bytes;
 * township after township, so memory holds one township at a time.
 */
public final class SyntheticCounty {

    /** The year of the Yongchun attachment. */
    public static final int ENROLLMENT_YEAR = 2023;

    /** What was written: counts per township code (in attachment order), kind → file, and persons. */
    public record Summary(Map<String, TownshipCounts> byTownship, Map<String, Path> files, int persons) {}

    /** A township's people; lapsed are those who paid last year but are uninsured this year. */
    public record TownshipCounts(int registered, int insuredLocal, int insuredElsewhere, int uninsured, int lapsed) {}

    private static final int GUARDIAN_MIN_AGE = 22;
    private static final int GUARDIAN_MAX_AGE = 60;

    private SyntheticCounty() {}

    /** Writes the five extract files (UTF-8, no BOM, CSV, '\n' line ends) into dir and returns what it wrote. */
    public static Summary write(Path dir, long seed) throws IOException {
        return write(dir, seed, new LongSet());
    }

    /** {@link #write(Path, long)} with ID numbers (first 17 digits) others took already: they are not drawn again. */
    static Summary write(Path dir, long seed, LongSet takenIds) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(seed);
        CountyMap map = new CountyMap();
        SyntheticPeople people = new SyntheticPeople(map, random, takenIds);
        TownshipEnrollment enrollment = new TownshipEnrollment(random, people);
        SyntheticSchools schools = new SyntheticSchools(random, people);
        Map<String, TownshipCounts> counts = new LinkedHashMap<>();
        int persons = 0;
        Map<String, Path> files;
        try (ExtractFiles out = new ExtractFiles(dir, random.nextLong(100_000_000))) {
            for (YongchunSeed.Township township : YongchunSeed.TOWNSHIPS) {
                List<List<SyntheticPerson>> villages = new ArrayList<>();
                List<SyntheticPerson> all = new ArrayList<>(township.registered());
                for (CountyMap.Village village : map.villagesOf(township)) {
                    villages.add(people.of(village));
                    all.addAll(villages.get(villages.size() - 1));
                }
                counts.put(township.code(), enrollment.enroll(township, all));
                for (List<SyntheticPerson> village : villages) {
                    List<String> guardians = guardians(village);
                    for (SyntheticPerson p : village) {
                        out.write(p, schools.student(p, guardians));
                    }
                }
                persons += all.size();
            }
            files = out.files();
        }
        return new Summary(Collections.unmodifiableMap(counts), files, persons);
    }

    /** args: outDir [seed]; prints the summary (file sizes, counts). */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: SyntheticCounty outDir [seed]");
            System.exit(2);
        }
        long seed = args.length == 2 ? Long.parseLong(args[1]) : DemoCountyHierarchy.SEED;
        long started = System.nanoTime();
        Summary summary = write(Path.of(args[0]), seed);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(
                "Synthetic %s register, seed %d: %,d persons in %,d ms%n",
                YongchunSeed.COUNTY_NAME, seed, summary.persons(), millis);
        for (Map.Entry<String, Path> file : summary.files().entrySet()) {
            System.out.printf(
                    "  %-17s %s  %,d bytes  %,d rows%n",
                    file.getKey(), file.getValue(), Files.size(file.getValue()), rows(file.getValue()));
        }
        System.out.println("  township      code          registered  local  elsewhere  uninsured  lapsed");
        TownshipCounts total = new TownshipCounts(0, 0, 0, 0, 0);
        for (YongchunSeed.Township t : YongchunSeed.TOWNSHIPS) {
            TownshipCounts c = summary.byTownship().get(t.code());
            System.out.println(line(t.name(), t.code(), c));
            total = new TownshipCounts(
                    total.registered() + c.registered(),
                    total.insuredLocal() + c.insuredLocal(),
                    total.insuredElsewhere() + c.insuredElsewhere(),
                    total.uninsured() + c.uninsured(),
                    total.lapsed() + c.lapsed());
        }
        System.out.println(line(YongchunSeed.COUNTY_NAME, YongchunSeed.COUNTY_CODE, total));
    }

    /** Mobiles of the village's adults of parent age, to stand as students' guardians. */
    private static List<String> guardians(List<SyntheticPerson> village) {
        List<String> mobiles = new ArrayList<>();
        for (SyntheticPerson p : village) {
            if (p.mobile != null && p.diedOn == null && p.age >= GUARDIAN_MIN_AGE && p.age <= GUARDIAN_MAX_AGE) {
                mobiles.add(p.mobile);
            }
        }
        return mobiles;
    }

    private static String line(String name, String code, TownshipCounts c) {
        return String.format(
                "  %-6s\t%s  %,9d  %,7d  %,7d  %,7d  %,7d",
                name, code, c.registered(), c.insuredLocal(), c.insuredElsewhere(), c.uninsured(), c.lapsed());
    }

    private static long rows(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return lines.count() - 1;
        }
    }
}
