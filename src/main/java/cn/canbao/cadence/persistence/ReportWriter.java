package cn.canbao.cadence.persistence;

import cn.canbao.outreach.OutreachCounts;
import cn.canbao.register.RegisterHistories;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a reporting day's rows set-based: every village summary of the day pre-filled in one INSERT over
 * arrays — its window from the village's previous summary, what the register recorded and the visits made in
 * it each asked of their module once for all villages — and every township dispatch with its lagging villages
 * in another. Rows that exist already are left alone (primary keys).
 */
@Component
public class ReportWriter {

    /** One village of the day with its target and enrolled to date (from the target progress). */
    public record VillageLine(String villageCode, String townshipCode, int target, int enrolled) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final RegisterHistories register;
    private final OutreachCounts outreach;

    ReportWriter(JdbcClient jdbc, JdbcTemplate template, RegisterHistories register, OutreachCounts outreach) {
        this.jdbc = jdbc;
        this.template = template;
        this.register = register;
        this.outreach = outreach;
    }

    /**
     * Inserts the day's summaries; returns the village codes inserted now. A village's window runs from its
     * previous summary's end (else the campaign's start) to {@code until}. New enrolments and payments are rows
     * an import finished in the window added; reasons are changes of the not-enrolled reason in it; persons count
     * by their household village (the register's {@link RegisterHistories#villageActivity}); visits are
     * outreach's ({@link OutreachCounts#visitsPerVillage}).
     */
    public List<String> insertSummaries(
            long campaignId,
            int year,
            String countyCode,
            LocalDate day,
            Instant campaignStart,
            Instant until,
            Instant dueAt,
            List<VillageLine> villages) {
        Map<String, Instant> since = new HashMap<>();
        jdbc.sql(
                        "select v.code, coalesce(p.until, ?) from unnest(?::varchar[]) v(code) left join (select village_code, "
                                + "max(until) until from village_summary where campaign_id = ? group by village_code) p "
                                + "on p.village_code = v.code")
                .params(
                        Timestamp.from(campaignStart),
                        villages.stream().map(VillageLine::villageCode).toArray(String[]::new),
                        campaignId)
                .query(rs -> {
                    since.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                });
        Map<String, RegisterHistories.VillageActivity> recorded = register.villageActivity(
                countyCode,
                year,
                villages.stream()
                        .map(v -> new RegisterHistories.VillageWindow(v.villageCode(), since.get(v.villageCode())))
                        .toList(),
                until);
        Map<String, Integer> visits = outreach.visitsPerVillage(
                villages.stream()
                        .map(v -> new OutreachCounts.VillageWindow(v.villageCode(), since.get(v.villageCode())))
                        .toList(),
                until);
        RegisterHistories.VillageActivity none = new RegisterHistories.VillageActivity(0, 0, 0);
        Timestamp untilTs = Timestamp.from(until);
        return jdbc.sql("""
                        insert into village_summary (campaign_id, village_code, township_code, report_date, since, until,
                            new_enrollments, new_payments, reasons_recorded, visits_made, enrolled_to_date, target, due_at)
                        select ?, w.code, w.township, ?, w.since::timestamptz, ?, w.enrollments, w.payments, w.reasons, w.visits,
                               w.enrolled, w.target, ?
                        from unnest(?::varchar[], ?::varchar[], ?::text[], ?::int[], ?::int[], ?::int[], ?::int[],
                                    ?::int[], ?::int[])
                             w(code, township, since, enrollments, payments, reasons, visits, enrolled, target)
                        on conflict do nothing returning village_code
                        """)
                .params(
                        campaignId,
                        day,
                        untilTs,
                        Timestamp.from(dueAt),
                        villages.stream().map(VillageLine::villageCode).toArray(String[]::new),
                        villages.stream().map(VillageLine::townshipCode).toArray(String[]::new),
                        villages.stream()
                                .map(v -> since.get(v.villageCode()).toString())
                                .toArray(String[]::new),
                        villages.stream()
                                .map(v -> recorded.getOrDefault(v.villageCode(), none)
                                        .newEnrollments())
                                .toArray(Integer[]::new),
                        villages.stream()
                                .map(v -> recorded.getOrDefault(v.villageCode(), none)
                                        .newPayments())
                                .toArray(Integer[]::new),
                        villages.stream()
                                .map(v -> recorded.getOrDefault(v.villageCode(), none)
                                        .reasonsRecorded())
                                .toArray(Integer[]::new),
                        villages.stream()
                                .map(v -> visits.getOrDefault(v.villageCode(), 0))
                                .toArray(Integer[]::new),
                        villages.stream().map(VillageLine::enrolled).toArray(Integer[]::new),
                        villages.stream().map(VillageLine::target).toArray(Integer[]::new))
                .query(String.class)
                .list();
    }

    /**
     * Inserts the day's township dispatches; returns the township codes inserted now. A village lags when
     * its completion (today's summary) is below the expected line, or a summary of the last
     * {@code periodDays} days is missing (its window closed unconfirmed).
     */
    public List<String> insertDispatches(
            long campaignId,
            LocalDate day,
            List<String> townships,
            BigDecimal expected,
            int periodDays,
            Instant now,
            Instant dueAt) {
        return jdbc.sql("""
                        insert into township_dispatch (campaign_id, township_code, dispatch_date, lagging_villages, due_at)
                        select ?, t.code, ?, coalesce((select array_agg(s.village_code order by s.village_code)
                            from village_summary s where s.campaign_id = ? and s.township_code = t.code and s.report_date = ?
                            and ((case when s.target = 0 then 100 else s.enrolled_to_date * 100.0 / s.target end) < ?
                                 or exists (select 1 from village_summary m where m.campaign_id = s.campaign_id
                                            and m.village_code = s.village_code and m.report_date > ?
                                            and m.confirmed_at is null and m.due_at <= ?))), '{}'), ?
                        from unnest(?::varchar[]) t(code)
                        on conflict do nothing returning township_code
                        """)
                .params(
                        campaignId,
                        day,
                        campaignId,
                        day,
                        expected,
                        day.minusDays(periodDays),
                        Timestamp.from(now),
                        Timestamp.from(dueAt),
                        townships.toArray(String[]::new))
                .query(String.class)
                .list();
    }

    /** Takes the day for the campaign; false when it was taken already (a re-fired trigger). */
    public boolean takeDay(long campaignId, LocalDate day, int reportingDay) {
        return jdbc.sql("insert into cadence_tick (campaign_id, report_date, reporting_day) values (?, ?, ?) "
                                + "on conflict do nothing")
                        .params(campaignId, day, reportingDay)
                        .update()
                == 1;
    }

    /** Records the process instance of each summary started (one batch). */
    public void summaryInstances(long campaignId, LocalDate day, Map<String, String> instanceByVillage) {
        batch(
                "update village_summary set process_instance_id = ? where campaign_id = ? and village_code = ? "
                        + "and report_date = ?",
                campaignId,
                day,
                instanceByVillage);
    }

    /** Records the process instance of each dispatch started (one batch). */
    public void dispatchInstances(long campaignId, LocalDate day, Map<String, String> instanceByTownship) {
        batch(
                "update township_dispatch set process_instance_id = ? where campaign_id = ? and township_code = ? "
                        + "and dispatch_date = ?",
                campaignId,
                day,
                instanceByTownship);
    }

    private void batch(String sql, long campaignId, LocalDate day, Map<String, String> instanceByRegion) {
        List<Object[]> rows = new ArrayList<>();
        instanceByRegion.forEach((code, instance) -> rows.add(new Object[] {instance, campaignId, code, day}));
        template.batchUpdate(sql, rows);
    }
}
