package cn.canbao.register.imports;

import cn.canbao.register.ExtractKind;
import cn.canbao.register.person.HardshipCategory;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/** 民政困难群体: hardship categories whose enrollment is subsidised (target 100%). */
@Component
class HardshipImporter implements KindImporter {

    private static final List<Column> COLUMNS = List.of(
            Column.required("id_number", "身份证号"),
            Column.required("name", "姓名"),
            Column.required("category", "类别"),
            Column.required("since", "认定日期"),
            Column.optional("until", "退出日期"));

    @Override
    public ExtractKind kind() {
        return ExtractKind.HARDSHIP;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public String stageDdl() {
        return "id_number char(18), name text, category text, since date, until date";
    }

    @Override
    public String stageColumns() {
        return "id_number, name, category, since, until";
    }

    @Override
    public List<Object> convert(RowValues row) {
        var since = row.requiredDate("since");
        var until = row.date("until");
        if (until != null && until.isBefore(since)) {
            throw RowRejected.cell(RejectReason.DATE_ORDER, row.column("until"), row.text("until"), "退出日期", "认定日期");
        }
        return Arrays.asList(
                row.idNumber(),
                row.name(),
                row.code("category", HardshipCategory.class, HardshipCategory.CHINESE),
                since,
                until);
    }

    @Override
    public void merge(MergeContext ctx) {
        ctx.rejectDuplicates("id_number, category");
        RegisterScope.rejectUnknownOrOutOfScope(ctx, RegisterScope.Basis.HOUSEHOLD);
        ctx.dropRejected();
        GroupMerge.merge(
                ctx,
                "select id_number, 'HARDSHIP'::varchar grp, category::varchar detail, null::varchar "
                        + "organisation, null::varchar contact_mobile, since, until from import_stage");
    }
}
