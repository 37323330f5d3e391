package cn.canbao.escalation.persistence;

import cn.canbao.escalation.EscalationRule;
import cn.canbao.escalation.EscalationSettings;
import cn.canbao.region.RegionLevel;
import cn.canbao.security.CurrentUser;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The counties' rules (escalation_setting) with every change kept (escalation_setting_history); the deployment's defaults while none is stored. */
@Repository
public class EscalationRules {

    private final JdbcClient jdbc;
    private final EscalationSettings settings;
    private final Clock clock;

    EscalationRules(JdbcClient jdbc, EscalationSettings settings, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    public EscalationRule of(String countyCode) {
        return jdbc.sql("select * from escalation_setting where county_code = ?")
                .params(countyCode)
                .query(EscalationRules::map)
                .optional()
                .orElseGet(() -> settings.defaults().of(countyCode));
    }

    /** Stores the county's rule (the caller's right and the values were checked) and copies it into its history. */
    public EscalationRule save(EscalationRule r) {
        String[] levels = r.reportLevels().stream().map(Enum::name).toArray(String[]::new);
        jdbc.sql("insert into escalation_setting (county_code, bottom_n, below_line_points, coverage_below, combine, "
                        + "bulletins_running, rectification_days, plan_days, report_levels, updated_by, updated_at) "
                        + "values (?,?,?,?,?,?,?,?,?::varchar[],?,?) on conflict (county_code) do update set "
                        + "bottom_n = excluded.bottom_n, below_line_points = excluded.below_line_points, "
                        + "coverage_below = excluded.coverage_below, combine = excluded.combine, "
                        + "bulletins_running = excluded.bulletins_running, rectification_days = excluded.rectification_days, "
                        + "plan_days = excluded.plan_days, report_levels = excluded.report_levels, "
                        + "updated_by = excluded.updated_by, updated_at = excluded.updated_at")
                .params(
                        r.countyCode(),
                        r.bottomN(),
                        r.belowLinePoints(),
                        r.coverageBelow(),
                        r.combine().name(),
                        r.bulletinsRunning(),
                        r.rectificationDays(),
                        r.planDays(),
                        levels,
                        CurrentUser.name(),
                        new Timestamp(clock.millis()))
                .update();
        jdbc.sql("insert into escalation_setting_history (county_code, bottom_n, below_line_points, coverage_below, "
                        + "combine, bulletins_running, rectification_days, plan_days, report_levels, updated_by, updated_at) "
                        + "select county_code, bottom_n, below_line_points, coverage_below, combine, bulletins_running, "
                        + "rectification_days, plan_days, report_levels, updated_by, updated_at from escalation_setting "
                        + "where county_code = ?")
                .params(r.countyCode())
                .update();
        return of(r.countyCode());
    }

    /** The county's rules as each change saved them (who: {@code updatedBy}, when: {@code updatedAt}), newest first. */
    public List<EscalationRule> history(String countyCode) {
        return jdbc.sql("select * from escalation_setting_history where county_code = ? order by id desc limit 50")
                .params(countyCode)
                .query(EscalationRules::map)
                .list();
    }

    private static EscalationRule map(ResultSet rs, int n) throws SQLException {
        return new EscalationRule(
                rs.getString("county_code"),
                (Integer) rs.getObject("bottom_n"),
                rs.getBigDecimal("below_line_points"),
                rs.getBigDecimal("coverage_below"),
                EscalationRule.Combine.valueOf(rs.getString("combine")),
                rs.getInt("bulletins_running"),
                rs.getInt("rectification_days"),
                rs.getInt("plan_days"),
                levels(rs.getArray("report_levels")),
                rs.getString("updated_by"),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static List<RegionLevel> levels(Array array) throws SQLException {
        return array == null
                ? List.of()
                : Arrays.stream((String[]) array.getArray())
                        .map(RegionLevel::valueOf)
                        .toList();
    }
}
