package cn.canbao.demo.synthetic;

import cn.canbao.demo.synthetic.SyntheticPerson.Coverage;
import cn.canbao.demo.synthetic.SyntheticPerson.Place;
import cn.canbao.demo.synthetic.SyntheticPerson.Scheme;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five extract files as the departments would send them (docs/extract-layouts.md): UTF-8
 * without BOM, Chinese headers, values as keys, '\n' line ends and no quoting — so no value may
 * hold a comma, quote or line break.
 */
final class ExtractFiles implements Closeable {

    /** A student-roll entry of a person. */
    record Student(String school, String stage, String guardianMobile) {}

    private static final String THIS_YEAR = Integer.toString(SyntheticCounty.ENROLLMENT_YEAR);
    private static final String LAST_YEAR = Integer.toString(SyntheticCounty.ENROLLMENT_YEAR - 1);
    private static final long RECEIPT_STRIDE = 7_919;
    private static final long RECEIPT_SPACE = 100_000_000;
    private static final LocalDate FIRST_DAY = LocalDate.of(1920, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(2025, 12, 31);

    private final Map<String, Path> files = new LinkedHashMap<>();
    private final List<Csv> csvs = new ArrayList<>();
    private final Csv police;
    private final Csv insurance;
    private final Csv hardship;
    private final Csv student;
    private final Csv tax;
    private final String[] dates = new String[(int) (LAST_DAY.toEpochDay() - FIRST_DAY.toEpochDay() + 1)];
    private final long receiptOffset;
    private long receipts;

    ExtractFiles(Path dir, long receiptOffset) throws IOException {
        this.receiptOffset = receiptOffset;
        police = open(dir, "police_household", "身份证号,姓名,变动类型,变动日期,户籍地区划,常住地区划,网格编码,住址,手机号,母亲身份证号,户号,与户主关系");
        insurance = open(dir, "insurance_status", "身份证号,姓名,参保年度,险种,参保地,参保地区划,缴费日期,缴费金额");
        hardship = open(dir, "hardship", "身份证号,姓名,类别,认定日期,退出日期");
        student = open(dir, "student", "身份证号,姓名,学校,学段,学年,监护人手机");
        tax = open(dir, "tax_payment", "身份证号,姓名,缴费年度,险种,缴费日期,缴费金额,票据号");
    }

    /** Kind → file, in the order of the layouts. */
    Map<String, Path> files() {
        return Collections.unmodifiableMap(files);
    }

    void write(SyntheticPerson p, Student studying) throws IOException {
        String household = p.household.code();
        String residence = p.residence == null ? null : p.residence.code();
        if (p.newborn) {
            police.row(
                    p.id,
                    p.name,
                    "BIRTH",
                    date(p.birthDate),
                    household,
                    residence,
                    p.gridCode,
                    p.address,
                    p.mobile,
                    p.motherId,
                    p.householdNumber,
                    p.householdRelation);
        } else {
            police.row(
                    p.id,
                    p.name,
                    "REGISTERED",
                    date(p.registeredOn),
                    household,
                    residence,
                    p.gridCode,
                    p.address,
                    p.mobile,
                    null,
                    p.householdNumber,
                    p.householdRelation);
        }
        if (p.diedOn != null) {
            police.row(p.id, p.name, "DEATH", date(p.diedOn), household, null, null, null, null, null, null, null);
        }
        coverage(p, LAST_YEAR, p.lastYear);
        coverage(p, THIS_YEAR, p.thisYear);
        if (p.hardship != null) {
            hardship.row(p.id, p.name, p.hardship.category(), date(p.hardship.since()), null);
        }
        if (studying != null) {
            student.row(p.id, p.name, studying.school(), studying.stage(), THIS_YEAR, studying.guardianMobile());
        }
        Coverage now = p.thisYear;
        if (now != null && now.place() == Place.LOCAL && now.scheme() == Scheme.RESIDENT) {
            tax.row(p.id, p.name, THIS_YEAR, now.scheme().name(), date(now.paidOn()), now.amount(), receipt());
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Csv csv : csvs) {
            try {
                csv.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void coverage(SyntheticPerson p, String year, Coverage c) throws IOException {
        if (c != null) {
            insurance.row(
                    p.id,
                    p.name,
                    year,
                    c.scheme().name(),
                    c.place().name(),
                    c.insuredRegion(),
                    date(c.paidOn()),
                    c.amount());
        }
    }

    /** Unique per payment: a stride coprime to 10^8 walks all eight-digit numbers without repeating. */
    private String receipt() {
        long n = (receiptOffset + receipts++ * RECEIPT_STRIDE) % RECEIPT_SPACE;
        String digits = Long.toString(n);
        return "YC" + SyntheticCounty.ENROLLMENT_YEAR + "0".repeat(8 - digits.length()) + digits;
    }

    private Csv open(Path dir, String kind, String header) throws IOException {
        Path file = dir.resolve(kind + ".csv");
        Csv csv = new Csv(Files.newOutputStream(file));
        csvs.add(csv);
        files.put(kind, file);
        csv.row(header.split(","));
        return csv;
    }

    /** yyyy-MM-dd, each day formatted once. */
    private String date(LocalDate d) {
        if (d == null) {
            return null;
        }
        int i = (int) (d.toEpochDay() - FIRST_DAY.toEpochDay());
        if (i < 0 || i >= dates.length) {
            return d.toString();
        }
        if (dates[i] == null) {
            dates[i] = d.toString();
        }
        return dates[i];
    }
}
