package cn.canbao.register.imports;

import cn.canbao.register.ExtractKind;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * 司法数据: persons held in custody. The Yancheng pilot builds the uninsured list of a household region
 * together with the justice department ("初期与公安、司法等部门通过数据共享、对比，形成各地户籍区划内未参保人员数据",
 * seeds/yancheng-one-person-one-file-pilot.txt, 实施步骤 3): a person held (在押, 服刑) is not someone a grid worker can
 * enrol, so while held they leave the target's registered population and the outreach list (with the reason on
 * their file); a row with a release date (释放日期) brings them back from that day. Matched on the household
 * region, as the police rows are: the justice office reports persons by their household registration.
 */
@Component
class JusticeCustodyImporter implements KindImporter {

    enum Kind {
        DETAINED,
        SENTENCED
    }

    private static final Map<String, Kind> CHINESE =
            Map.of("在押", Kind.DETAINED, "羁押", Kind.DETAINED, "服刑", Kind.SENTENCED);

    private static final LoggedUpsert CUSTODY = new LoggedUpsert(
            "person_custody",
            "custody",
            List.of("id_number", "since"),
            List.of("kind", "until", "institution"),
            List.of("kind", "since", "until", "institution"));

    private static final List<Column> COLUMNS = List.of(
            Column.required("id_number", "身份证号"), Column.required("name", "姓名"),
            Column.required("kind", "羁押类型"), Column.required("since", "起始日期"),
            Column.optional("until", "释放日期"), Column.optional("institution", "监所名称"));

    @Override
    public ExtractKind kind() {
        return ExtractKind.JUSTICE_CUSTODY;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public String stageDdl() {
        return "id_number char(18), name text, kind text, since date, until date, institution text";
    }

    @Override
    public String stageColumns() {
        return "id_number, name, kind, since, until, institution";
    }

    @Override
    public List<Object> convert(RowValues row) {
        var since = row.requiredDate("since");
        var until = row.date("until");
        if (until != null && until.isBefore(since)) {
            throw RowRejected.cell(RejectReason.DATE_ORDER, row.column("until"), row.text("until"), "释放日期", "起始日期");
        }
        String institution = row.text("institution");
        if (institution != null && institution.length() > 100) {
            throw row.tooLong("institution", 100);
        }
        return Arrays.asList(
                row.idNumber(),
                row.name(),
                row.code("kind", Kind.class, CHINESE).name(),
                since,
                until,
                institution);
    }

    @Override
    public void merge(MergeContext ctx) {
        ctx.rejectDuplicates("id_number, since");
        RegisterScope.rejectUnknownOrOutOfScope(ctx, RegisterScope.Basis.HOUSEHOLD);
        ctx.dropRejected();
        // a release row often names no institution: the one on file stays
        String source = "select s.id_number, s.since, s.kind::varchar kind, s.until, "
                + "coalesce(s.institution, c.institution)::varchar institution from import_stage s "
                + "left join person_custody c using (id_number, since)";
        CUSTODY.merge(ctx, source);
    }
}
