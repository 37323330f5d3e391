package cn.canbao.cadence.persistence;

import cn.canbao.base.database.Timestamps;
import cn.canbao.cadence.CadenceException;
import cn.canbao.cadence.ReportMatrix;
import cn.canbao.cadence.ReportState;
import cn.canbao.cadence.TownshipDispatch;
import cn.canbao.cadence.VillageReport;
import cn.canbao.cadence.VillageSummary;
import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.Region;
import cn.canbao.region.RegionService;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads of the cadence's rows for the task forms and the cadence page; callers check the region. Region names
 * are the region module's: asked once per read for all its rows.
 */
@Component
public class ReportQueries {

    private final JdbcClient jdbc;
    private final CurrentRegionScope scope;
    private final RegionService regions;
    private final Clock clock;

    ReportQueries(JdbcClient jdbc, CurrentRegionScope scope, RegionService regions, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.scope = scope;
        this.regions = regions;
    }

    public VillageSummary summary(long campaignId, Region village, LocalDate day) {
        Instant now = now();
        String villageCode = village.code();
        return report(
                "select s.* from village_summary s "
                        + "where s.campaign_id = ? and s.village_code = ? and s.report_date = ?",
                campaignId,
                villageCode,
                day,
                (rs, n) -> new VillageSummary(
                        campaignId,
                        villageCode,
                        village.name(),
                        rs.getString("township_code"),
                        day,
                        Timestamps.instant(rs, "since"),
                        Timestamps.instant(rs, "until"),
                        rs.getInt("new_enrollments"),
                        rs.getInt("new_payments"),
                        rs.getInt("reasons_recorded"),
                        rs.getInt("visits_made"),
                        rs.getInt("enrolled_to_date"),
                        rs.getInt("target"),
                        rs.getString("remarks"),
                        Timestamps.instant(rs, "due_at"),
                        Timestamps.instant(rs, "confirmed_at"),
                        rs.getString("confirmed_by"),
                        state(rs, now)));
    }

    public TownshipDispatch dispatch(long campaignId, Region township, LocalDate day) {
        Instant now = now();
        String townshipCode = township.code();
        return report(
                "select d.* from township_dispatch d "
                        + "where d.campaign_id = ? and d.township_code = ? and d.dispatch_date = ?",
                campaignId,
                townshipCode,
                day,
                (rs, n) -> new TownshipDispatch(
                        campaignId,
                        townshipCode,
                        township.name(),
                        day,
                        codes(rs.getArray("lagging_villages")),
                        rs.getString("instructions"),
                        Timestamps.instant(rs, "due_at"),
                        Timestamps.instant(rs, "confirmed_at"),
                        rs.getString("confirmed_by"),
                        state(rs, now)));
    }

    /** The day's numbers of each village of the township, and the state of its summary before that day. */
    public List<VillageReport> villageReports(
            long campaignId, String townshipCode, LocalDate day, Set<String> lagging) {
        Instant now = now();
        List<VillageReport> reports = jdbc.sql("""
                        select t.village_code, t.village_code, t.target, t.enrolled_to_date, p.report_date, p.due_at,
                               p.confirmed_at
                        from village_summary t
                        left join lateral (select report_date, due_at, confirmed_at from village_summary p
                            where p.campaign_id = t.campaign_id and p.village_code = t.village_code
                              and p.report_date < t.report_date order by p.report_date desc limit 1) p on true
                        where t.campaign_id = ? and t.township_code = ? and t.report_date = ?
                        order by t.village_code
                        """)
                .params(campaignId, townshipCode, day)
                .query((rs, n) -> new VillageReport(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getInt(4),
                        rs.getObject(5, LocalDate.class),
                        rs.getObject(5) == null ? null : state(rs, now),
                        lagging.contains(rs.getString(1))))
                .list();
        Map<String, String> names =
                regions.names(reports.stream().map(VillageReport::villageCode).toList());
        return reports.stream()
                .map(r -> new VillageReport(
                        r.villageCode(),
                        names.get(r.villageCode()),
                        r.target(),
                        r.enrolled(),
                        r.lastReport(),
                        r.lastState(),
                        r.lagging()))
                .toList();
    }

    /** The last {@code days} reporting days of the campaign × its villages under the caller's region. */
    public ReportMatrix matrix(long campaignId, int days) {
        List<LocalDate> recent = new ArrayList<>(jdbc.sql("select distinct report_date from village_summary "
                        + "where campaign_id = ? order by report_date desc limit ?")
                .params(campaignId, days)
                .query(LocalDate.class)
                .list());
        recent.sort(null);
        if (recent.isEmpty()) {
            return new ReportMatrix(List.of(), List.of());
        }
        Instant now = now();
        record Cell(String village, LocalDate day, ReportState state) {}
        List<Cell> cells = jdbc.sql("select s.village_code, s.report_date, s.due_at, s.confirmed_at "
                        + "from village_summary s where s.campaign_id = ? and s.report_date >= ? "
                        + "and s.village_code like ? order by s.township_code, s.village_code, s.report_date")
                .params(campaignId, recent.get(0), scope.get().codePrefix() + "%")
                .query((rs, n) -> new Cell(rs.getString(1), rs.getObject(2, LocalDate.class), state(rs, now)))
                .list();
        // a village and its township as the village's label names them (the township may lie above the caller)
        Map<String, RegionService.Label> labels =
                regions.labels(cells.stream().map(Cell::village).toList());
        Map<String, ReportMatrix.Row> rows = new LinkedHashMap<>();
        for (Cell c : cells) {
            RegionService.Label label = labels.get(c.village());
            rows.computeIfAbsent(
                            c.village(),
                            code -> new ReportMatrix.Row(
                                    code,
                                    label == null ? null : label.name(),
                                    label == null ? null : label.parentName(),
                                    new LinkedHashMap<>()))
                    .states()
                    .put(c.day(), c.state());
        }
        return new ReportMatrix(List.copyOf(recent), List.copyOf(rows.values()));
    }

    /** A region's one report of a day (a village's summary, a township's dispatch); refused when there is none. */
    private <T> T report(String sql, long campaignId, String regionCode, LocalDate day, RowMapper<T> mapper) {
        return jdbc.sql(sql)
                .params(campaignId, regionCode, day)
                .query(mapper)
                .optional()
                .orElseThrow(() -> new CadenceException("cadence.noReport", regionCode, day));
    }

    /** A report's state now, from its {@code due_at} and {@code confirmed_at}. */
    private static ReportState state(ResultSet rs, Instant now) throws SQLException {
        return ReportState.of(Timestamps.instant(rs, "due_at"), Timestamps.instant(rs, "confirmed_at"), now);
    }

    private Instant now() {
        return clock.instant();
    }

    private static List<String> codes(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
