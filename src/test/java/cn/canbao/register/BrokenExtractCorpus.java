package cn.canbao.register;

import cn.canbao.register.person.IdNumber;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The corpus of broken extracts (issue 17, "Tests"): one file per defect class under
 * {@code src/test/resources/extracts/broken/}, GBK, GB18030 and UTF-8 (with and without BOM), CSV and XLSX, with header
 * variants, each beside a {@code .expected} file giving the verdict of every data line. This class is their single
 * definition: {@code BrokenExtractCorpusTest} checks the committed files are what it writes, and
 * {@code ./mvnw test -Dtest=BrokenExtractCorpusTest -Dcorpus.write=true} writes them again after a change here.
 * {@link BrokenExtractCorpusIT} imports each file and checks every line's verdict.
 */
public final class BrokenExtractCorpus {

    /** Where the files live, from the project root. */
    public static final Path DIR = Path.of("src", "test", "resources", "extracts", "broken");

    /** The corpus's own county (nobody else's residents), a township, two villages with a grid each. */
    public static final String COUNTY = "350590000000";

    public static final String TOWNSHIP = "350590101000";
    public static final String V1 = "350590101001";
    public static final String V2 = "350590101002";
    public static final String G1 = V1 + "001";
    public static final String G2 = V2 + "001";

    static final List<String> POLICE = List.of("身份证号", "姓名", "变动类型", "变动日期", "户籍地区划", "常住地区划", "网格编码", "住址", "手机号");

    enum Encoding {
        UTF8(StandardCharsets.UTF_8, false),
        UTF8_BOM(StandardCharsets.UTF_8, true),
        GBK(Charset.forName("GBK"), false),
        GB18030(Charset.forName("GB18030"), false),
        XLSX(null, false);

        final Charset charset;
        final boolean bom;

        Encoding(Charset charset, boolean bom) {
            this.charset = charset;
            this.bom = bom;
        }
    }

    /**
     * A data line and its verdict: ACCEPTED (then {@code id} and {@code name} are what the register must hold),
     * REJECTED, REPEAT (an exact repeat, counted apart) or HELD (for a clerk), with its reason and column.
     */
    record Line(List<String> cells, String verdict, String reason, String column, String id, String name) {}

    /** A file of the corpus; {@code refusal} is the error key when the whole file is refused before anything is written. */
    record CorpusFile(
            String name,
            ExtractKind kind,
            Encoding encoding,
            List<String> titleRows,
            List<String> header,
            List<Line> lines,
            String refusal,
            String note) {

        String fileName() {
            return name + (encoding == Encoding.XLSX ? ".xlsx" : ".csv");
        }

        /** The header row's number (1-based): after the title rows. */
        int headerRow() {
            return titleRows.size() + 1;
        }
    }

    private BrokenExtractCorpus() {}

    /** Every file of the corpus, in the order of the defect classes. */
    public static List<CorpusFile> files() {
        List<CorpusFile> files = new ArrayList<>();
        files.add(idNumbers());
        files.add(nonAsciiDigits());
        files.add(sexAndBirthDate());
        files.add(regions());
        files.add(mobiles());
        files.add(repeats());
        files.add(synonymHeaders());
        files.add(quotedLines());
        files.add(normalised());
        files.add(missingColumn());
        files.add(insurance());
        return files;
    }

    // ---- the defect classes -------------------------------------------------------------------------------------

    /** A police household extract with the standard header, no title rows, that the import accepts as a file. */
    private static CorpusFile policeFile(String name, Encoding encoding, List<Line> lines, String note) {
        return new CorpusFile(name, ExtractKind.POLICE_HOUSEHOLD, encoding, List.of(), POLICE, lines, null, note);
    }

    private static CorpusFile idNumbers() {
        List<Line> lines = new ArrayList<>();
        String ok = id(1, 1);
        lines.add(accepted(police(ok, "林志远", V1, V1, G1, "13905951001"), ok, "林志远"));
        String bad = ok.substring(0, 17) + (ok.charAt(17) == '1' ? '2' : '1');
        lines.add(rejected(police(bad, "校验错", V1, V1, G1, ""), "ID_CHECK_CHARACTER", "身份证号"));
        String x = idEndingInX(1);
        lines.add(accepted(police(x.substring(0, 17) + "x", "小写叉", V1, V1, G1, ""), x, "小写叉"));
        lines.add(rejected(police("350482800101123", "十五位", V1, V1, G1, ""), "ID_OLD_15_DIGITS", "身份证号"));
        lines.add(rejected(police(ok.substring(0, 17), "少一位", V1, V1, G1, ""), "ID_LENGTH", "身份证号"));
        lines.add(rejected(police("35048219800101A23" + "4", "有字母", V1, V1, G1, ""), "ID_CHARACTERS", "身份证号"));
        String first17 = "350482" + "19900230" + "123";
        lines.add(rejected(
                police(first17 + IdNumber.checkCharacter(first17), "二月三十", V1, V1, G1, ""), "ID_BIRTH_DATE", "身份证号"));
        lines.add(rejected(police("", "无证号", V1, V1, G1, ""), "REQUIRED", "身份证号"));
        return policeFile(
                "id-numbers",
                Encoding.UTF8,
                lines,
                "ID numbers: check character, lower-case x, 15 digits, length, letters, calendar date, empty");
    }

    private static CorpusFile nonAsciiDigits() {
        List<Line> lines = new ArrayList<>();
        String ok = id(2, 1);
        lines.add(accepted(police(ok, "郑国庆", V1, V1, G1, "13905951002"), ok, "郑国庆"));
        String wide = fullWidth(id(2, 2));
        lines.add(rejected(police(wide, "全角号", V1, V1, G1, ""), "NON_ASCII_DIGITS", "身份证号"));
        lines.add(rejected(police(id(2, 3), "全角机", V1, V1, G1, fullWidth("13905951003")), "NON_ASCII_DIGITS", "手机号"));
        lines.add(rejected(police(id(2, 4), "全角区", fullWidth(V1), V1, G1, ""), "NON_ASCII_DIGITS", "户籍地区划"));
        return policeFile(
                "non-ascii-digits",
                Encoding.GBK,
                lines,
                "full-width digits in the ID, the phone and a region code (GBK)");
    }

    private static CorpusFile sexAndBirthDate() {
        List<String> header = new ArrayList<>(POLICE);
        header.add("性别");
        header.add("出生日期");
        List<Line> lines = new ArrayList<>();
        String man = id(3, 1); // odd 17th digit: a man
        String woman = id(3, 2);
        lines.add(accepted(plus(police(man, "男一", V1, V1, G1, ""), "男", birth(man)), man, "男一"));
        lines.add(accepted(
                plus(police(woman, "女二", V1, V1, G1, ""), "2", birth(woman).replace('-', '/')), woman, "女二"));
        lines.add(accepted(plus(police(id(3, 3), "未说明", V1, V1, G1, ""), "9", ""), id(3, 3), "未说明"));
        lines.add(rejected(plus(police(id(3, 5), "性别错", V1, V1, G1, ""), "女", ""), "SEX_MISMATCH", "性别"));
        lines.add(rejected(plus(police(id(3, 7), "看不懂", V1, V1, G1, ""), "X", ""), "SEX_UNREADABLE", "性别"));
        lines.add(rejected(
                plus(police(id(3, 9), "生日错", V1, V1, G1, ""), "", "1961-01-01"), "BIRTH_DATE_MISMATCH", "出生日期"));
        lines.add(rejected(plus(police(id(3, 11), "没日期", V1, V1, G1, ""), "", "1960-02-30"), "DATE_INVALID", "出生日期"));
        return new CorpusFile(
                "sex-and-birth-date",
                ExtractKind.POLICE_HOUSEHOLD,
                Encoding.UTF8_BOM,
                List.of(),
                header,
                lines,
                null,
                "性别 and 出生日期 against the ID number (UTF-8 with BOM)");
    }

    private static CorpusFile regions() {
        List<Line> lines = new ArrayList<>();
        // names outside GB2312 that GB18030 (and GBK) hold: they must arrive byte-exact
        String[] names = {"王堃", "李喆", "陈珺", "张赟"};
        for (int i = 0; i < names.length; i++) {
            String id = id(4, i + 1);
            lines.add(accepted(
                    police(id, names[i], i % 2 == 0 ? V1 : V2, i % 2 == 0 ? V1 : V2, i % 2 == 0 ? G1 : G2, ""),
                    id,
                    names[i]));
        }
        lines.add(rejected(police(id(4, 11), "户籍错", "350590101099", V1, G1, ""), "UNKNOWN_HOUSEHOLD_REGION", "户籍地区划"));
        lines.add(rejected(police(id(4, 12), "常住错", V1, "350590101098", "", ""), "UNKNOWN_RESIDENCE_REGION", "常住地区划"));
        lines.add(rejected(police(id(4, 13), "网格错", V1, V1, V1 + "099", ""), "UNKNOWN_GRID", "网格编码"));
        lines.add(rejected(police(id(4, 14), "网格外", V1, V1, G2, ""), "GRID_NOT_IN_RESIDENCE", "网格编码"));
        lines.add(rejected(police(id(4, 15), "位数错", "3505901010", V1, G1, ""), "REGION_CODE_FORMAT", "户籍地区划"));
        lines.add(rejected(police(id(4, 16), "乡镇码", TOWNSHIP, V1, G1, ""), "UNKNOWN_HOUSEHOLD_REGION", "户籍地区划"));
        return policeFile(
                "regions-gb18030",
                Encoding.GB18030,
                lines,
                "household, residence and grid codes, each its own reason; names 堃 喆 珺 赟 byte-exact (GB18030)");
    }

    private static CorpusFile mobiles() {
        List<Line> lines = new ArrayList<>();
        lines.add(accepted(police(id(5, 1), "手机好", V1, V1, G1, "13905951005"), id(5, 1), "手机好"));
        lines.add(accepted(police(id(5, 2), "带区号", V1, V1, G1, "+86 139-0595-1006"), id(5, 2), "带区号"));
        lines.add(rejected(police(id(5, 3), "座机号", V1, V1, G1, "0595-23881234"), "MOBILE_INVALID", "手机号"));
        lines.add(rejected(police(id(5, 4), "少一位", V1, V1, G1, "1390595100"), "MOBILE_INVALID", "手机号"));
        lines.add(rejected(police(id(5, 5), "十开头", V1, V1, G1, "10905951007"), "MOBILE_INVALID", "手机号"));
        return policeFile(
                "mobiles",
                Encoding.XLSX,
                lines,
                "mobile numbers: normalised +86 and dashes, landline, short, bad prefix (XLSX)");
    }

    private static CorpusFile repeats() {
        List<Line> lines = new ArrayList<>();
        String a = id(6, 1);
        List<String> row = police(a, "黄一", V1, V1, G1, "13905951011");
        lines.add(accepted(row, a, "黄一"));
        lines.add(new Line(row, "REPEAT", "DUPLICATE_EXACT", null, null, null));
        String b = id(6, 2);
        lines.add(new Line(police(b, "黄二", V1, V1, G1, ""), "HELD", "CONFLICT_HELD", "姓名", null, null));
        lines.add(new Line(police(b, "黄贰", V1, V1, G1, ""), "HELD", "CONFLICT_HELD", "姓名", null, null));
        String c = id(6, 3);
        List<String> earlier = police(c, "黄三", V1, V1, G1, "");
        earlier.set(7, "旧地址1号");
        List<String> later = police(c, "黄三", V1, V1, G1, "");
        later.set(7, "新地址2号");
        lines.add(rejected(earlier, "DUPLICATE_ROW", null));
        lines.add(accepted(later, c, "黄三"));
        return policeFile(
                "repeats-gbk",
                Encoding.GBK,
                lines,
                "an exact repeat, one ID under two names (held), one event of one day twice (the later row wins)");
    }

    private static CorpusFile synonymHeaders() {
        List<String> header =
                List.of("公民身份号码", "姓名（必填）", "变动原因", "办理日期", "户籍地区划代码", "居住地区划代码", "所属网格编码", "家庭住址", "联系电话");
        List<Line> lines = new ArrayList<>();
        lines.add(accepted(police(id(7, 1), "许同义", V1, V1, G1, "13905951021"), id(7, 1), "许同义"));
        lines.add(accepted(police(id(7, 2), "许近义", V2, V2, G2, ""), id(7, 2), "许近义"));
        lines.add(rejected(police(id(7, 3), "许错码", V1, V1, G1, "12345"), "MOBILE_INVALID", "手机号"));
        return new CorpusFile(
                "synonym-headers",
                ExtractKind.POLICE_HOUSEHOLD,
                Encoding.XLSX,
                List.of("永春县公安局户籍变动数据", "导出日期：2026-11-30"),
                header,
                lines,
                null,
                "headers as another department writes them, below two title rows, and a second sheet (XLSX)");
    }

    private static CorpusFile quotedLines() {
        List<Line> lines = new ArrayList<>();
        List<String> quoted = police(id(8, 1), "吴引号", V1, V1, G1, "");
        quoted.set(7, "桃城镇\"东门\"路1号,2幢\n3单元");
        lines.add(accepted(quoted, id(8, 1), "吴引号"));
        lines.add(rejected(police(id(8, 2), "吴手机", V1, V1, G1, "123"), "MOBILE_INVALID", "手机号"));
        List<String> comma = police(id(8, 3), "吴逗号", V1, V1, G1, "");
        comma.set(7, "留安村,5号");
        lines.add(accepted(comma, id(8, 3), "吴逗号"));
        lines.add(rejected(police(id(8, 4), "吴网格", V1, V1, V1 + "077", ""), "UNKNOWN_GRID", "网格编码"));
        return policeFile(
                "quoted-lines",
                Encoding.UTF8,
                lines,
                "quotes, commas and a line break inside cells: verdicts on the physical line each record starts on");
    }

    private static CorpusFile normalised() {
        List<Line> lines = new ArrayList<>();
        List<String> spaced = police("  " + id(9, 1) + " ", "\u3000蔡空格 ", " " + V1, V1 + "  ", G1, " 13905951031 ");
        lines.add(accepted(spaced, id(9, 1), "蔡空格"));
        List<String> slashes = police(id(9, 2), "蔡斜杠", V1, V1, G1, "");
        slashes.set(3, "2001/02/03");
        lines.add(accepted(slashes, id(9, 2), "蔡斜杠"));
        List<String> compact = police(id(9, 3), "蔡紧凑", V1, V1, G1, "");
        compact.set(3, "20010203");
        lines.add(accepted(compact, id(9, 3), "蔡紧凑"));
        List<String> badDate = police(id(9, 4), "蔡坏日", V1, V1, G1, "");
        badDate.set(3, "2001-13-45");
        lines.add(rejected(badDate, "DATE_INVALID", "变动日期"));
        List<String> badEvent = police(id(9, 5), "蔡坏类", V1, V1, G1, "");
        badEvent.set(2, "搬家");
        lines.add(rejected(badEvent, "CODE_UNKNOWN", "变动类型"));
        return policeFile(
                "normalised-utf8",
                Encoding.UTF8,
                lines,
                "what is normalised (spaces, full-width spaces, date forms) next to what is not (UTF-8, no BOM)");
    }

    private static CorpusFile missingColumn() {
        List<String> header = List.of("身份证号", "姓名", "户籍地区划");
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(List.of(id(10, 1), "缺列甲", V1), "UNREAD", null, null, null, null));
        lines.add(new Line(List.of(id(10, 2), "缺列乙", V1), "UNREAD", null, null, null, null));
        return new CorpusFile(
                "missing-column-gbk",
                ExtractKind.POLICE_HOUSEHOLD,
                Encoding.GBK,
                List.of(),
                header,
                lines,
                "register.import.missingColumns",
                "变动类型 and 变动日期 missing: the whole file is refused, nothing written");
    }

    private static CorpusFile insurance() {
        List<String> header = List.of("身份证号", "姓名", "参保年度", "险种", "参保地", "缴费日期", "缴费金额");
        List<Line> lines = new ArrayList<>();
        // the persons are the accepted ones of id-numbers.csv (the IT imports that file first)
        String known = id(1, 1);
        lines.add(accepted(List.of(known, "林志远", "2071", "居民", "本地", "2070-11-02", "380"), known, "林志远"));
        lines.add(rejected(List.of(known, "林志远", "20X1", "居民", "本地", "", ""), "YEAR_INVALID", "参保年度"));
        lines.add(rejected(List.of(known, "林志远", "2072", "商业", "本地", "", ""), "CODE_UNKNOWN", "险种"));
        lines.add(rejected(List.of(known, "林志远", "2073", "居民", "本地", "2072-11-02", "三百八"), "AMOUNT_INVALID", "缴费金额"));
        lines.add(rejected(List.of(id(11, 9), "查无人", "2071", "居民", "本地", "", ""), "UNKNOWN_PERSON", null));
        return new CorpusFile(
                "insurance-utf8",
                ExtractKind.INSURANCE_STATUS,
                Encoding.UTF8,
                List.of(),
                header,
                lines,
                null,
                "insurance status: year, scheme code, amount, a person the register does not know");
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** A valid ID number of the corpus: born on day {@code file} of 1960 plus {@code n} months, sequence by file. */
    static String id(int file, int n) {
        return cn.canbao.register.TestIds.id(
                "350482", LocalDate.of(1960, 1, 1).plusDays(file * 40L + n), 100 + file * 10 + (n % 10));
    }

    private static String idEndingInX(int file) {
        for (int seq = 500; ; seq++) {
            String first17 =
                    "350482" + "19700101".replace("01", String.format("%02d", file)) + String.format("%03d", seq);
            if (IdNumber.checkCharacter(first17) == 'X') {
                return first17 + 'X';
            }
        }
    }

    private static String birth(String id) {
        return id.substring(6, 10) + "-" + id.substring(10, 12) + "-" + id.substring(12, 14);
    }

    private static String fullWidth(String digits) {
        StringBuilder out = new StringBuilder();
        for (char c : digits.toCharArray()) {
            out.append(c >= '0' && c <= '9' ? (char) ('０' + (c - '0')) : c);
        }
        return out.toString();
    }

    private static List<String> police(
            String id, String name, String household, String residence, String grid, String mobile) {
        return new ArrayList<>(Arrays.asList(id, name, "在册", "2001-02-03", household, residence, grid, "", mobile));
    }

    private static List<String> plus(List<String> cells, String... more) {
        List<String> all = new ArrayList<>(cells);
        all.addAll(Arrays.asList(more));
        return all;
    }

    private static Line accepted(List<String> cells, String id, String name) {
        return new Line(cells, "ACCEPTED", null, null, id, name);
    }

    private static Line rejected(List<String> cells, String reason, String column) {
        return new Line(cells, "REJECTED", reason, column, null, null);
    }

    // ---- writing --------------------------------------------------------------------------------------------------

    /** The file's bytes as the corpus holds them. */
    static byte[] bytes(CorpusFile file) throws IOException {
        if (file.encoding() == Encoding.XLSX) {
            return xlsx(file);
        }
        StringBuilder csv = new StringBuilder();
        file.titleRows().forEach(t -> csv.append(csvLine(List.of(t))).append("\r\n"));
        csv.append(csvLine(file.header())).append("\r\n");
        file.lines().forEach(l -> csv.append(csvLine(l.cells())).append("\r\n"));
        byte[] body = csv.toString().getBytes(file.encoding().charset);
        if (!file.encoding().bom) {
            return body;
        }
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        return withBom;
    }

    private static String csvLine(List<String> cells) {
        return cells.stream()
                .map(c -> c.contains(",") || c.contains("\"") || c.contains("\n")
                        ? "\"" + c.replace("\"", "\"\"") + "\""
                        : c)
                .collect(Collectors.joining(","));
    }

    private static byte[] xlsx(CorpusFile file) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("数据");
            int r = 0;
            for (String title : file.titleRows()) {
                sheet.createRow(r++).createCell(0).setCellValue(title);
            }
            write(sheet.createRow(r++), file.header());
            for (Line line : file.lines()) {
                write(sheet.createRow(r++), line.cells());
            }
            workbook.createSheet("说明").createRow(0).createCell(0).setCellValue("本表由户籍系统导出，请勿修改表头");
            // fixed document properties: the same definition gives the same file
            workbook.getProperties().getCoreProperties().setCreated(java.util.Optional.of(new java.util.Date(0L)));
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static void write(Row row, List<String> cells) {
        for (int c = 0; c < cells.size(); c++) {
            if (!cells.get(c).isEmpty()) {
                row.createCell(c).setCellValue(cells.get(c));
            }
        }
    }

    /**
     * The verdicts, one line per data line: {@code <physical line>\t<VERDICT>\t<reason>\t<column>\t<id>\t<name>} ("-" for
     * none); a refused file starts with {@code FILE\tREFUSED\t<error key>}.
     */
    static String expected(CorpusFile file) {
        StringBuilder out = new StringBuilder("# ")
                .append(file.fileName())
                .append(": ")
                .append(file.note())
                .append('\n')
                .append("# line\tverdict\treason\tcolumn\tid\tname  (written by BrokenExtractCorpus)\n");
        if (file.refusal() != null) {
            out.append("FILE\tREFUSED\t").append(file.refusal()).append('\n');
        }
        long line = file.encoding() == Encoding.XLSX
                ? file.headerRow() + 1
                : physicalLines(file.header()) + file.titleRows().size() + 1;
        for (Line l : file.lines()) {
            out.append(line)
                    .append('\t')
                    .append(l.verdict())
                    .append('\t')
                    .append(dash(l.reason()))
                    .append('\t')
                    .append(dash(l.column()))
                    .append('\t')
                    .append(dash(l.id()))
                    .append('\t')
                    .append(dash(l.name()))
                    .append('\n');
            line += file.encoding() == Encoding.XLSX ? 1 : physicalLines(l.cells());
        }
        return out.toString();
    }

    private static long physicalLines(List<String> cells) {
        return 1
                + cells.stream()
                        .mapToLong(c -> c.chars().filter(ch -> ch == '\n').count())
                        .sum();
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    /** Writes the corpus (files, verdicts, README) under {@link #DIR}. */
    static void writeAll(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (CorpusFile file : files()) {
            Files.write(dir.resolve(file.fileName()), bytes(file));
            Files.writeString(dir.resolve(file.name() + ".expected"), expected(file), StandardCharsets.UTF_8);
        }
    }

    static void write(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
    }
}
