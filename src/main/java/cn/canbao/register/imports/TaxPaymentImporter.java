package cn.canbao.register.imports;

import cn.canbao.register.ExtractKind;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;

/**
 * 税务缴费: payments collected by the tax bureau. A payment is also a local enrollment of its year and
 * scheme, so a resident who pays leaves the outreach lists with the next import.
 */
@Component
class TaxPaymentImporter implements KindImporter {

    private static final List<Column> COLUMNS = List.of(
            Column.required("id_number", "身份证号"), Column.required("name", "姓名"),
            Column.required("year", "缴费年度"), Column.required("scheme", "险种"),
            Column.required("paid_date", "缴费日期"), Column.required("amount", "缴费金额"),
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
            throw new RowRejected("register.reject.tooLong", "票据号", 40);
        }
        var amount = row.amount("amount");
        if (amount == null) {
            throw new RowRejected("register.reject.required", "缴费金额");
        }
        return Arrays.asList(row.idNumber(), row.name(), row.year("year"),
                row.code("scheme", InsuranceStatusImporter.Scheme.class, InsuranceStatusImporter.SCHEMES),
                row.requiredDate("paid_date"), amount, receipt);
    }

    @Override
    public void merge(MergeContext ctx) {
        ctx.rejectDuplicates("receipt_no");
        RegisterScope.rejectUnknownOrOutOfScope(ctx);
        ctx.reject("register.reject.receiptOfOther", "array[(select left(p.id_number, 4) || '**********' "
                + "|| right(p.id_number, 4) from payment p "
                + "where p.receipt_no = s.receipt_no)]::text[]", "exists (select 1 from payment p "
                + "where p.receipt_no = s.receipt_no and p.id_number <> s.id_number)");
        ctx.dropRejected();
        var jdbc = ctx.jdbc();
        String text = "concat_ws(' ', %1$s.receipt_no, %1$s.year, %1$s.scheme, %1$s.paid_date, %1$s.amount)";
        // changes first, then additions: on a first import the join with existing rows is empty
        jdbc.update("with src as (select s.*, " + String.format(text, "p") + " old_text from import_stage s "
                + "join payment p using (receipt_no) where (p.year, p.scheme, p.paid_date, p.amount) is distinct from "
                + "(s.year, s.scheme, s.paid_date, s.amount)), updated as (update payment p set year = s.year, "
                + "scheme = s.scheme, paid_date = s.paid_date, amount = s.amount, import_id = ? from src s "
                + "where p.receipt_no = s.receipt_no returning s.*) "
                + "insert into person_change (id_number, import_id, field, old_value, new_value, changed_by) "
                + "select u.id_number, ?, 'payment', u.old_text, " + String.format(text, "u") + ", ? from updated u",
                ctx.importId(), ctx.importId(), ctx.user());
        jdbc.update("with added as (insert into payment (receipt_no, id_number, year, scheme, paid_date, amount, "
                + "import_id) select receipt_no, id_number, year, scheme, paid_date, amount, ? from import_stage "
                + "on conflict do nothing returning *) "
                + "insert into person_change (id_number, import_id, field, old_value, new_value, changed_by) "
                + "select a.id_number, ?, 'payment', null, " + String.format(text, "a") + ", ? from added a",
                ctx.importId(), ctx.importId(), ctx.user());
        jdbc.update("with added as (insert into enrollment (id_number, year, scheme, place, paid_date, amount, import_id) "
                + "select distinct on (id_number, year, scheme) id_number, year, scheme, 'LOCAL', paid_date, amount, ? "
                + "from import_stage order by id_number, year, scheme, paid_date desc on conflict do nothing returning *) "
                + "insert into person_change (id_number, import_id, field, old_value, new_value, changed_by) "
                + "select a.id_number, ?, 'enrollment', null, " + RegisterScope.enrollmentText("a") + ", ? from added a",
                ctx.importId(), ctx.importId(), ctx.user());
    }
}
