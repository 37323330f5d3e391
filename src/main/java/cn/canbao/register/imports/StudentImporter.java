package cn.canbao.register.imports;

import cn.canbao.register.ExtractKind;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * 教育学籍: students (pre-school children separately) with their school and the guardian's phone,
 * through which schools reach parents. The roll of the latest school year wins.
 */
@Component
class StudentImporter implements KindImporter {

    enum Stage {
        PRESCHOOL,
        PRIMARY,
        JUNIOR,
        SENIOR,
        VOCATIONAL,
        HIGHER
    }

    private static final Map<String, Stage> CHINESE = Map.of(
            "学前",
            Stage.PRESCHOOL,
            "幼儿园",
            Stage.PRESCHOOL,
            "小学",
            Stage.PRIMARY,
            "初中",
            Stage.JUNIOR,
            "高中",
            Stage.SENIOR,
            "中职",
            Stage.VOCATIONAL,
            "高校",
            Stage.HIGHER,
            "大学",
            Stage.HIGHER);

    private static final List<Column> COLUMNS = List.of(
            Column.required("id_number", "身份证号"),
            Column.required("name", "姓名"),
            Column.required("school", "学校"),
            Column.required("stage", "学段"),
            Column.required("school_year", "学年"),
            Column.optional("guardian_mobile", "监护人手机"));

    @Override
    public ExtractKind kind() {
        return ExtractKind.STUDENT;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public String stageDdl() {
        return "id_number char(18), name text, school text, stage text, school_year smallint, guardian_mobile text";
    }

    @Override
    public String stageColumns() {
        return "id_number, name, school, stage, school_year, guardian_mobile";
    }

    @Override
    public List<Object> convert(RowValues row) {
        String school = row.required("school");
        if (school.length() > 80) {
            throw row.tooLong("school", 80);
        }
        return Arrays.asList(
                row.idNumber(),
                row.name(),
                school,
                row.code("stage", Stage.class, CHINESE),
                row.year("school_year"),
                row.mobile("guardian_mobile"));
    }

    @Override
    public void merge(MergeContext ctx) {
        ctx.rejectDuplicates("id_number, school_year");
        RegisterScope.rejectUnknownOrOutOfScope(ctx, RegisterScope.Basis.HOUSEHOLD_OR_RESIDENCE);
        ctx.dropRejected();
        GroupMerge.merge(
                ctx,
                "select distinct on (id_number) id_number, case stage when 'PRESCHOOL' then 'PRESCHOOL' "
                        + "else 'STUDENT' end::varchar grp, ''::varchar detail, (school || ' ' || stage)::varchar organisation, "
                        + "guardian_mobile::varchar contact_mobile, make_date(school_year, 9, 1) since, null::date until "
                        + "from import_stage order by id_number, school_year desc, row_number desc");
    }
}
