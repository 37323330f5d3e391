package cn.canbao.register.imports;

import cn.canbao.register.ExtractKind;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * 医保参保状态 from the national insurance database: who is insured in which year, scheme and place.
 * A person may hold two enrollments in one year (two places, or both schemes): those are the
 * duplicate enrollments the clerk resolves. Only persons of the register are matched.
 */
@Component
class InsuranceStatusImporter implements KindImporter {

    enum Scheme {
        EMPLOYEE,
        RESIDENT
    }

    enum Place {
        LOCAL,
        ELSEWHERE
    }

    static final Map<String, Scheme> SCHEMES =
            Map.of("职工", Scheme.EMPLOYEE, "职工医保", Scheme.EMPLOYEE, "居民", Scheme.RESIDENT, "居民医保", Scheme.RESIDENT);
    private static final Map<String, Place> PLACES = Map.of("本地", Place.LOCAL, "异地", Place.ELSEWHERE);

    /** Enrollments, shared with the tax payments (a payment is a local enrollment of its year). */
    static final LoggedUpsert ENROLLMENT = new LoggedUpsert(
            "enrollment",
            "enrollment",
            List.of("id_number", "year", "scheme", "place"),
            List.of("insured_region", "paid_date", "amount"),
            List.of("year", "scheme", "place", "insured_region", "paid_date", "amount"));

    private static final List<Column> COLUMNS = List.of(
            Column.required("id_number", "身份证号"),
            Column.required("name", "姓名"),
            Column.required("year", "参保年度"),
            Column.required("scheme", "险种"),
            Column.required("place", "参保地"),
            Column.optional("insured_region", "参保地区划"),
            Column.optional("paid_date", "缴费日期"),
            Column.optional("amount", "缴费金额"));

    @Override
    public ExtractKind kind() {
        return ExtractKind.INSURANCE_STATUS;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public String stageDdl() {
        return "id_number char(18), name text, year smallint, scheme text, place text, insured_region text, "
                + "paid_date date, amount numeric";
    }

    @Override
    public String stageColumns() {
        return "id_number, name, year, scheme, place, insured_region, paid_date, amount";
    }

    @Override
    public List<Object> convert(RowValues row) {
        String region = row.text("insured_region");
        if (region != null) {
            row.refuseNonAsciiDigits("insured_region", region);
        }
        if (region != null && ((region.length() != 6 && region.length() != 12) || !RowValues.allDigits(region))) {
            throw row.rejected(RejectReason.REGION_CODE_FORMAT, "insured_region");
        }
        return Arrays.asList(
                row.idNumber(),
                row.name(),
                row.year("year"),
                row.code("scheme", Scheme.class, SCHEMES),
                row.code("place", Place.class, PLACES),
                region,
                row.date("paid_date"),
                row.amount("amount"));
    }

    @Override
    public List<String> afterBulkLoad() {
        return List.of("vacuum (analyze) enrollment", "analyze person_change");
    }

    @Override
    public void merge(MergeContext ctx) {
        ctx.rejectDuplicates("id_number, year, scheme, place");
        RegisterScope.rejectUnknownOrOutOfScope(ctx, RegisterScope.Basis.HOUSEHOLD_OR_RESIDENCE);
        ctx.dropRejected();
        Long incoming = ctx.jdbc().queryForObject("select count(*) from import_stage", Long.class);
        ENROLLMENT.merge(
                ctx,
                "select * from import_stage",
                insert -> BulkLoad.insert(
                        ctx.jdbc(), List.of("enrollment", "person_change"), incoming == null ? 0 : incoming, insert));
    }
}
