package cn.canbao.demo.synthetic;

import cn.canbao.demo.DemoCountyHierarchy;
import cn.canbao.demo.YongchunSeed;
import cn.canbao.region.NewRegion;
import cn.canbao.region.RegionLevel;
import cn.canbao.register.person.IdNumber;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic province for issue 18's province bench: the first county is Yongchun as {@link SyntheticCounty} writes
 * it (the demo county), the others have Yongchun's townships, villages and grids under a code of their own
 * (350561, 350562, …) and registers of their own (a seed each; no ID number is drawn twice in the province), so each
 * has Yongchun's shares of insured and uninsured residents. Two things only a province has, at shares given as
 * parameters (the seeds say nothing of them):
 * <ul>
 * <li>人户分离 across counties: residents registered in one county who live in another (their 常住地区划 and 网格编码
 * moved to the same village and grid of another county);</li>
 * <li>a second file in another county: residents whom another county's police extract also names, with the same name,
 * birth date and sex under another ID number — what the duplicate check must find.</li>
 * </ul>
 * Each county's five extracts go to a folder of their own, named after its code.
 */
public final class SyntheticProvince {

    /** The code of the first synthetic county after Yongchun; the i-th county (i ≥ 1) is this + i - 1. */
    static final int FIRST_SYNTHETIC_COUNTY = 350561;

    private static final String YONGCHUN = SyntheticPeople.COUNTY;
    private static final String[] NUMBERS = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

    /** Residents who live in another county, and residents with a second file in another county, as shares. */
    public record Shares(double livingInAnotherCounty, double fileInAnotherCounty) {

        public Shares {
            if (livingInAnotherCounty < 0
                    || livingInAnotherCounty > 1
                    || fileInAnotherCounty < 0
                    || fileInAnotherCounty > 1) {
                throw new IllegalArgumentException("shares lie between 0 and 1");
            }
        }
    }

    /** What was written for one county: its code (12 digits), name, kind → file, files, and the province's two shares. */
    public record County(
            String code,
            String name,
            Map<String, Path> files,
            int persons,
            int livingInAnotherCounty,
            int secondFilesHere) {}

    /** The counties written, in order. */
    public record Summary(List<County> counties) {

        public int persons() {
            return counties.stream().mapToInt(County::persons).sum();
        }
    }

    private SyntheticProvince() {}

    /** The 6-digit code of the i-th county (0: Yongchun). */
    static String countyCode(int index) {
        return index == 0 ? YONGCHUN : Integer.toString(FIRST_SYNTHETIC_COUNTY + index - 1);
    }

    /** The name of the i-th county (0: 永春县; then 合成一县, 合成二县, …). */
    static String countyName(int index) {
        return index == 0 ? YongchunSeed.COUNTY_NAME : "合成" + number(index) + "县";
    }

    /** The regions of a province of {@code counties} counties: Fujian, Quanzhou, and each county's whole tree. */
    public static List<NewRegion> regions(int counties) {
        List<NewRegion> yongchun = DemoCountyHierarchy.generate();
        List<NewRegion> all = new ArrayList<>(yongchun);
        for (int i = 1; i < counties; i++) {
            String code = countyCode(i);
            for (NewRegion r : yongchun) {
                if (r.level() == RegionLevel.PROVINCE || r.level() == RegionLevel.CITY) {
                    continue;
                }
                String name = r.level() == RegionLevel.COUNTY ? countyName(i) : r.name();
                all.add(new NewRegion(
                        moved(r.code(), code),
                        name,
                        r.level(),
                        r.level() == RegionLevel.COUNTY ? r.parentCode() : moved(r.parentCode(), code),
                        r.gridKind(),
                        r.sector(),
                        r.householdPopulation(),
                        true));
            }
        }
        return all;
    }

    /** Writes the counties' extracts into {@code dir}/{code6}/ and returns what it wrote. */
    public static Summary write(Path dir, int counties, long seed, Shares shares) throws IOException {
        if (counties < 1 || counties > 30) {
            throw new IllegalArgumentException("1 to 30 counties");
        }
        LongSet taken = new LongSet();
        List<Map<String, Path>> files = new ArrayList<>();
        List<Integer> persons = new ArrayList<>();
        for (int i = 0; i < counties; i++) {
            SyntheticCounty.Summary county = SyntheticCounty.write(dir.resolve(countyCode(i)), seed + i, taken);
            files.add(county.files());
            persons.add(county.persons());
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EED_F00DL);
        int[] moved = new int[counties];
        List<List<String[]>> secondFiles = new ArrayList<>();
        for (int i = 0; i < counties; i++) {
            secondFiles.add(new ArrayList<>());
        }
        for (int i = 0; i < counties; i++) {
            Rewrite rewrite = new Rewrite(i, counties, shares, random, taken, secondFiles);
            for (Map.Entry<String, Path> file : files.get(i).entrySet()) {
                rewrite.file(file.getKey(), file.getValue());
            }
            moved[i] = rewrite.moved;
        }
        List<County> written = new ArrayList<>();
        for (int i = 0; i < counties; i++) {
            Path police = files.get(i).get("police_household");
            try (OutputStream out = Files.newOutputStream(police, StandardOpenOption.APPEND);
                    Csv csv = new Csv(out)) {
                for (String[] row : secondFiles.get(i)) {
                    csv.row(row);
                }
            }
            written.add(new County(
                    countyCode(i) + "000000",
                    countyName(i),
                    Collections.unmodifiableMap(files.get(i)),
                    persons.get(i) + secondFiles.get(i).size(),
                    moved[i],
                    secondFiles.get(i).size()));
        }
        return new Summary(List.copyOf(written));
    }

    /** One county's files rewritten to its code, with its residents living in another county and its second files. */
    private static final class Rewrite {

        private final int index;
        private final int counties;
        private final String code;
        private final Shares shares;
        private final SplittableRandom random;
        private final LongSet taken;
        private final List<List<String[]>> secondFiles;
        int moved;

        Rewrite(
                int index,
                int counties,
                Shares shares,
                SplittableRandom random,
                LongSet taken,
                List<List<String[]>> secondFiles) {
            this.index = index;
            this.counties = counties;
            this.code = countyCode(index);
            this.shares = shares;
            this.random = random;
            this.taken = taken;
            this.secondFiles = secondFiles;
        }

        void file(String kind, Path file) throws IOException {
            Path rewritten = file.resolveSibling(file.getFileName() + ".tmp");
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                    Csv out = new Csv(Files.newOutputStream(rewritten))) {
                List<String> header = Arrays.asList(in.readLine().split(",", -1));
                out.row(header.toArray(String[]::new));
                Columns c = new Columns(header);
                String line;
                while ((line = in.readLine()) != null) {
                    String[] row = line.split(",", -1);
                    out.row(row(kind, c, row));
                }
            }
            Files.move(rewritten, file, StandardCopyOption.REPLACE_EXISTING);
        }

        private String[] row(String kind, Columns c, String[] row) {
            for (int column : new int[] {c.id, c.mother}) {
                if (column >= 0 && !row[column].isEmpty()) {
                    row[column] = id(row[column]);
                }
            }
            for (int column : new int[] {c.household, c.residence, c.grid, c.insuredRegion}) {
                if (column >= 0 && !row[column].isEmpty()) {
                    row[column] = moved(row[column], code);
                }
            }
            if (c.address >= 0 && row[c.address].startsWith(YongchunSeed.COUNTY_NAME)) {
                row[c.address] = countyName(index) + row[c.address].substring(YongchunSeed.COUNTY_NAME.length());
            }
            if (c.receipt >= 0 && index > 0) {
                row[c.receipt] = code + row[c.receipt].substring(2);
            }
            if (kind.equals("police_household") && row[c.event].equals("REGISTERED") && counties > 1) {
                if (random.nextDouble() < shares.livingInAnotherCounty()) {
                    liveElsewhere(c, row);
                }
                if (random.nextDouble() < shares.fileInAnotherCounty()) {
                    secondFile(c, row);
                }
            }
            return row;
        }

        /** The resident lives in the same village and grid of another county (人户分离 across counties). */
        private void liveElsewhere(Columns c, String[] row) {
            String other = countyCode(otherCounty());
            String living = row[c.residence].isEmpty() ? row[c.household] : row[c.residence];
            row[c.residence] = relocated(living, code, other);
            if (!row[c.grid].isEmpty()) {
                row[c.grid] = relocated(row[c.grid], code, other);
            }
            moved++;
        }

        /** Another county's police extract names the resident too: same name, birth date and sex, another number. */
        private void secondFile(Columns c, String[] row) {
            int other = otherCounty();
            String otherCode = countyCode(other);
            String id = row[c.id];
            String birth = id.substring(6, 14);
            int sexParity = (id.charAt(16) - '0') % 2;
            String first17;
            do {
                first17 = otherCode + birth + String.format("%03d", random.nextInt(500) * 2 + sexParity);
            } while (!taken.add(Long.parseLong(first17)));
            String[] second = new String[row.length];
            Arrays.fill(second, "");
            second[c.id] = first17 + IdNumber.checkCharacter(first17);
            second[c.name] = row[c.name];
            second[c.event] = "REGISTERED";
            second[c.date] = row[c.date];
            second[c.household] = relocated(row[c.household], code, otherCode);
            secondFiles.get(other).add(second);
        }

        private int otherCounty() {
            int other = random.nextInt(counties - 1);
            return other >= index ? other + 1 : other;
        }

        /** The county's number for an ID number registered in Yongchun, with its check character; others as they are. */
        private String id(String id) {
            if (index == 0 || !id.startsWith(YONGCHUN)) {
                return id;
            }
            String first17 = code + id.substring(6, 17);
            taken.add(Long.parseLong(first17));
            return first17 + IdNumber.checkCharacter(first17);
        }
    }

    /** Where a file's columns are (-1: not in this file). */
    private static final class Columns {

        final int id;
        final int name;
        final int event;
        final int date;
        final int household;
        final int residence;
        final int grid;
        final int address;
        final int mother;
        final int insuredRegion;
        final int receipt;

        Columns(List<String> header) {
            id = header.indexOf("身份证号");
            name = header.indexOf("姓名");
            event = header.indexOf("变动类型");
            date = header.indexOf("变动日期");
            household = header.indexOf("户籍地区划");
            residence = header.indexOf("常住地区划");
            grid = header.indexOf("网格编码");
            address = header.indexOf("住址");
            mother = header.indexOf("母亲身份证号");
            insuredRegion = header.indexOf("参保地区划");
            receipt = header.indexOf("票据号");
        }
    }

    /** A region code of Yongchun's moved to the county of {@code code6}; codes of elsewhere stay. */
    private static String moved(String regionCode, String code6) {
        return relocated(regionCode, YONGCHUN, code6);
    }

    /** A region code of the county {@code from6} as the same region of the county {@code to6}; others stay. */
    private static String relocated(String regionCode, String from6, String to6) {
        return regionCode != null && regionCode.startsWith(from6) ? to6 + regionCode.substring(6) : regionCode;
    }

    private static String number(int n) {
        if (n <= 10) {
            return NUMBERS[n - 1];
        }
        return (n < 20 ? "十" : NUMBERS[n / 10 - 1] + "十") + (n % 10 == 0 ? "" : NUMBERS[n % 10 - 1]);
    }

    /** args: outDir [counties] [seed]; prints what it wrote. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: SyntheticProvince outDir [counties (10)] [seed]");
            System.exit(2);
        }
        int counties = args.length >= 2 ? Integer.parseInt(args[1]) : 10;
        long seed = args.length == 3 ? Long.parseLong(args[2]) : DemoCountyHierarchy.SEED;
        long started = System.nanoTime();
        Summary summary = write(Path.of(args[0]), counties, seed, new Shares(0.02, 0.001));
        System.out.printf(
                "Synthetic province of %d counties, seed %d: %,d files in %,d ms%n",
                counties, seed, summary.persons(), (System.nanoTime() - started) / 1_000_000);
        Map<String, String> lines = new LinkedHashMap<>();
        for (County c : summary.counties()) {
            lines.put(
                    c.code(),
                    String.format(
                            "  %s %s  %,9d files, %,6d living in another county, %,5d second files",
                            c.code(), c.name(), c.persons(), c.livingInAnotherCounty(), c.secondFilesHere()));
        }
        lines.values().forEach(System.out::println);
    }
}
