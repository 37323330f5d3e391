package cn.canbao.register.imports;

import cn.canbao.register.ExtractKind;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * 退役军人事务 extract: soldiers who left active service, the day they left, and the unemployed spouse who
 * accompanied them. The waiting period exempts "当年退出现役军人及其随军未就业配偶" (Heilongjiang mechanism, 二(三)):
 * the year comes from this day, not from a blanket veteran flag. The veteran must be in the register within
 * the importer's region; the spouse's membership is recorded when the spouse is in the register too (a spouse
 * not yet registered is named in no reject: the veteran's row is good).
 */
@Component
class VeteranImporter implements KindImporter {

    private static final List<Column> COLUMNS = List.of(
            Column.required("id_number", "身份证号"), Column.required("name", "姓名"),
            Column.required("discharged", "退出现役日期"), Column.optional("spouse_id_number", "随军未就业配偶身份证号"));

    @Override
    public ExtractKind kind() {
        return ExtractKind.VETERAN;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public String stageDdl() {
        return "id_number char(18), name text, discharged date, spouse_id_number char(18)";
    }

    @Override
    public String stageColumns() {
        return "id_number, name, discharged, spouse_id_number";
    }

    @Override
    public List<Object> convert(RowValues row) {
        return Arrays.asList(
                row.idNumber(), row.name(), row.requiredDate("discharged"), row.optionalIdNumber("spouse_id_number"));
    }

    @Override
    public void merge(MergeContext ctx) {
        ctx.rejectDuplicates("id_number");
        RegisterScope.rejectUnknownOrOutOfScope(ctx, RegisterScope.Basis.HOUSEHOLD);
        ctx.dropRejected();
        GroupMerge.merge(
                ctx,
                "select id_number, 'VETERAN'::varchar grp, ''::varchar detail, null::varchar organisation, "
                        + "null::varchar contact_mobile, discharged since, null::date until from import_stage");
        GroupMerge.merge(
                ctx,
                "select s.spouse_id_number id_number, 'MILITARY_SPOUSE'::varchar grp, ''::varchar detail, "
                        + "null::varchar organisation, null::varchar contact_mobile, max(s.discharged) since, null::date until "
                        + "from import_stage s join person p on p.id_number = s.spouse_id_number "
                        + "where s.spouse_id_number is not null group by s.spouse_id_number");
    }
}
