package cn.canbao.register.imports;

import cn.canbao.register.ExtractKind;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * 职工中止参保人员: employees whose employee insurance stopped (停保), from the employee-insurance records. The
 * Yancheng pilot adds them to the data it compares ("新增“职工中止参保人员”超3月、省内户籍转换数据",
 * seeds/yancheng-one-person-one-file-pilot.txt, 实施步骤 3): more than 3 months after the stop, with no resumption,
 * they are outreach candidates for resident insurance even though an employee enrollment of the year exists
 * ({@code cn.canbao.register.RegisterCandidates#unenrolledResidents}). Matched where one is registered or lives,
 * as the insurance rows are.
 */
@Component
class EmployeeSuspensionImporter implements KindImporter {

    private static final LoggedUpsert SUSPENSIONS = new LoggedUpsert(
            "employee_suspension",
            "employeeSuspension",
            List.of("id_number", "suspended_on"),
            List.of("resumed_on", "employer"),
            List.of("suspended_on", "resumed_on", "employer"));

    private static final List<Column> COLUMNS = List.of(
            Column.required("id_number", "身份证号"),
            Column.required("name", "姓名"),
            Column.required("suspended_on", "中止参保日期"),
            Column.optional("resumed_on", "恢复参保日期"),
            Column.optional("employer", "单位名称"));

    @Override
    public ExtractKind kind() {
        return ExtractKind.EMPLOYEE_SUSPENSION;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public String stageDdl() {
        return "id_number char(18), name text, suspended_on date, resumed_on date, employer text";
    }

    @Override
    public String stageColumns() {
        return "id_number, name, suspended_on, resumed_on, employer";
    }

    @Override
    public List<Object> convert(RowValues row) {
        var suspended = row.requiredDate("suspended_on");
        var resumed = row.date("resumed_on");
        if (resumed != null && resumed.isBefore(suspended)) {
            throw RowRejected.cell(
                    RejectReason.DATE_ORDER, row.column("resumed_on"), row.text("resumed_on"), "恢复参保日期", "中止参保日期");
        }
        String employer = row.text("employer");
        if (employer != null && employer.length() > 100) {
            throw row.tooLong("employer", 100);
        }
        return Arrays.asList(row.idNumber(), row.name(), suspended, resumed, employer);
    }

    @Override
    public void merge(MergeContext ctx) {
        ctx.rejectDuplicates("id_number, suspended_on");
        RegisterScope.rejectUnknownOrOutOfScope(ctx, RegisterScope.Basis.HOUSEHOLD_OR_RESIDENCE);
        ctx.dropRejected();
        String source = "select id_number, suspended_on, resumed_on, employer::varchar employer from import_stage";
        SUSPENSIONS.merge(ctx, source);
    }
}
