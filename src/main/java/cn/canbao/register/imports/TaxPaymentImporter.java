package cn.canbao.register.imports;

import cn.canbao.register.ExtractKind;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * 税务缴费: payments collected by the tax bureau. A payment is also a local enrollment of its year and
 * scheme, so a resident who pays leaves the outreach lists with the next import.
 */
@Component
class TaxPaymentImporter implements KindImporter {

    private static final LoggedUpsert PAYMENT = new LoggedUpsert(
            "payment",
            "payment",
            List.of("receipt_no"),
            List.of("id_number", "year", "scheme", "paid_date", "amount"),
            List.of("receipt_no", "year", "scheme", "paid_date", "amount"));

    private static final List<Column> COLUMNS = List.of(
            Column.required("id_number", "身份证号"),
            Column.required("name", "姓名"),
            Column.required("year", "缴费年度"),
            Column.required("scheme", "险种"),
            Column.required("paid_date", "缴费日期"),
            Column.required("amount", "缴费金额"),
            Column.required("receipt_no", "票据号"));

    @Override
    public ExtractKind kind() {
        return ExtractKind.TAX_PAYMENT;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public String stageDdl() {
        return "id_number char(18), name text, year smallint, scheme text, paid_date date, amount numeric, "
                + "receipt_no text";
    }

    @Override
    public String stageColumns() {
        return "id_number, name, year, scheme, paid_date, amount, receipt_no";
    }

    @Override
    public List<Object> convert(RowValues row) {
        String receipt = row.required("receipt_no");
        if (receipt.length() > 40) {
            throw row.tooLong("receipt_no", 40);
        }
        var amount = row.amount("amount");
        if (amount == null) {
            throw row.rejected(RejectReason.REQUIRED, "amount");
        }
        return Arrays.asList(
                row.idNumber(),
                row.name(),
                row.year("year"),
                row.code("scheme", InsuranceStatusImporter.Scheme.class, InsuranceStatusImporter.SCHEMES),
                row.requiredDate("paid_date"),
                amount,
                receipt);
    }

    @Override
    public void merge(MergeContext ctx) {
        ctx.rejectDuplicates("receipt_no");
        RegisterScope.rejectUnknownOrOutOfScope(ctx, RegisterScope.Basis.HOUSEHOLD_OR_RESIDENCE);
        ctx.reject(
                RejectReason.RECEIPT_OF_OTHER,
                "array[(select left(p.id_number, 4) || '**********' "
                        + "|| right(p.id_number, 4) from payment p "
                        + "where p.receipt_no = s.receipt_no)]::text[]",
                "exists (select 1 from payment p "
                        + "where p.receipt_no = s.receipt_no and p.id_number <> s.id_number)");
        ctx.dropRejected();
        PAYMENT.merge(ctx, "select * from import_stage");
        // only new enrollments: an existing one (from the insurance database) keeps its own details
        InsuranceStatusImporter.ENROLLMENT.insert(
                ctx,
                "select distinct on (id_number, year, scheme) id_number, "
                        + "year, scheme, 'LOCAL'::text place, null::text insured_region, paid_date, amount from import_stage "
                        + "order by id_number, year, scheme, paid_date desc");
    }
}
