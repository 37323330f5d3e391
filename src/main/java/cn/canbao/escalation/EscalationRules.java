package cn.canbao.escalation;

import cn.canbao.region.RegionLevel;
import cn.canbao.security.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/** The counties' rules (escalation_setting) with their change history; the deployment's defaults while none is stored. */
@Repository
class EscalationRules {

    private final JdbcClient jdbc;
    private final EscalationSettings settings;

    EscalationRules(JdbcClient jdbc, EscalationSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    EscalationRule of(String countyCode) {
        return jdbc.sql("select * from escalation_setting where county_code = ?").params(countyCode)
                .query((rs, n) -> new EscalationRule(rs.getString("county_code"), (Integer) rs.getObject("bottom_n"),
                        rs.getBigDecimal("below_line_points"), rs.getBigDecimal("coverage_below"),
                        EscalationRule.Combine.valueOf(rs.getString("combine")), rs.getInt("bulletins_running"),
                        rs.getInt("rectification_days"), rs.getInt("plan_days"), levels(rs.getArray("report_levels")),
                        rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant()))
                .optional().orElseGet(() -> settings.defaults().of(countyCode));
    }

    /** Stores the county's rule (the caller's right and the values were checked) and writes its history row. */
    EscalationRule save(EscalationRule r) {
        String[] levels = r.reportLevels().stream().map(Enum::name).toArray(String[]::new);
        jdbc.sql("insert into escalation_setting (county_code, bottom_n, below_line_points, coverage_below, combine, "
                        + "bulletins_running, rectification_days, plan_days, report_levels, updated_by) "
                        + "values (?,?,?,?,?,?,?,?,?::varchar[],?) on conflict (county_code) do update set "
                        + "bottom_n = excluded.bottom_n, below_line_points = excluded.below_line_points, "
                        + "coverage_below = excluded.coverage_below, combine = excluded.combine, "
                        + "bulletins_running = excluded.bulletins_running, rectification_days = excluded.rectification_days, "
                        + "plan_days = excluded.plan_days, report_levels = excluded.report_levels, "
                        + "updated_by = excluded.updated_by, updated_at = now()")
                .params(r.countyCode(), r.bottomN(), r.belowLinePoints(), r.coverageBelow(), r.combine().name(),
                        r.bulletinsRunning(), r.rectificationDays(), r.planDays(), levels, CurrentUser.name()).update();
        jdbc.sql("insert into escalation_setting_history (county_code, setting, changed_by) values (?,?,?)")
                .params(r.countyCode(), describe(r), CurrentUser.name()).update();
        return of(r.countyCode());
    }

    /** The county's changes, newest first: who, when, what. */
    List<EscalationRuleChange> history(String countyCode) {
        return jdbc.sql("select setting, changed_by, changed_at from escalation_setting_history where county_code = ? "
                        + "order by id desc limit 50").params(countyCode)
                .query((rs, n) -> new EscalationRuleChange(rs.getString(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant())).list();
    }

    /** The values as the history keeps them. */
    static String describe(EscalationRule r) {
        return "bottomN=" + r.bottomN() + "; belowLinePoints=" + r.belowLinePoints() + "; coverageBelow="
                + r.coverageBelow() + "; combine=" + r.combine() + "; bulletinsRunning=" + r.bulletinsRunning()
                + "; rectificationDays=" + r.rectificationDays() + "; planDays=" + r.planDays() + "; reportLevels="
                + r.reportLevels();
    }

    private static List<RegionLevel> levels(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((String[]) array.getArray()).map(RegionLevel::valueOf).toList();
    }
}
