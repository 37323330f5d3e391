package cn.canbao.cadence;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a reporting day's rows set-based: every village summary of the day pre-filled in one
 * INSERT … SELECT over the imports finished since each village's previous summary, and every township
 * dispatch with its lagging villages in another. Rows that exist already are left alone (primary keys).
 */
@Component
class ReportWriter {

    /** One village of the day with its target and enrolled to date (from the target progress). */
    record VillageLine(String villageCode, String townshipCode, int target, int enrolled) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ReportWriter(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * Inserts the day's summaries; returns the village codes inserted now. New enrolments and payments are
     * rows an import added (change log: no old value) from imports finished in (since, until]; reasons are
     * changes of person.not_enrolled_reason in that window; persons count by their household village.
     */
    List<String> insertSummaries(long campaignId, int year, String countyPrefix, LocalDate day, Instant campaignStart,
                                 Instant until, Instant dueAt, List<VillageLine> villages) {
        Timestamp untilTs = Timestamp.from(until);
        return jdbc.sql("""
                        with v(code, township, target, enrolled) as (
                            select * from unnest(?::varchar[], ?::varchar[], ?::int[], ?::int[])),
                        prev as (select village_code, max(until) until from village_summary
                                 where campaign_id = ? group by village_code),
                        win as (select v.*, coalesce(p.until, ?) since from v left join prev p on p.village_code = v.code),
                        lo as (select min(since) since from win),
                        imports as (select i.id, i.finished_at from import_run i, lo
                                    where i.finished_at > lo.since and i.finished_at <= ?),
                        added as (select c.id, c.field, c.id_number, c.import_id, i.finished_at, p.household_region village
                                  from imports i join person_change c on c.import_id = i.id
                                  join person p on p.id_number = c.id_number
                                  where c.field in ('enrollment', 'payment') and c.old_value is null
                                    and p.household_region like ?),
                        enrolled as (select a.village, a.id_number, a.finished_at from added a where a.field = 'enrollment'
                                     and exists (select 1 from enrollment e where e.id_number = a.id_number
                                                 and e.year = ? and e.import_id = a.import_id)),
                        paid as (select a.village, a.id, a.finished_at from added a where a.field = 'payment'
                                 and exists (select 1 from payment y where y.id_number = a.id_number
                                             and y.year = ? and y.import_id = a.import_id)),
                        reasons as (select p.household_region village, c.changed_at from lo, person_change c
                                    join person p on p.id_number = c.id_number
                                    where c.field = 'not_enrolled_reason' and c.changed_at > lo.since
                                      and c.changed_at <= ? and p.household_region like ?),
                        visits as (select v.village_code village, v.visited_at from lo, visit v
                                   where v.visited_at > lo.since and v.visited_at <= ? and v.village_code like ?),
                        n_visits as (select w.code, count(*) n from win w
                                     join visits v on v.village = w.code and v.visited_at > w.since group by w.code),
                        n_enr as (select w.code, count(distinct e.id_number) n from win w
                                  join enrolled e on e.village = w.code and e.finished_at > w.since group by w.code),
                        n_paid as (select w.code, count(*) n from win w
                                   join paid y on y.village = w.code and y.finished_at > w.since group by w.code),
                        n_reasons as (select w.code, count(*) n from win w
                                      join reasons r on r.village = w.code and r.changed_at > w.since group by w.code)
                        insert into village_summary (campaign_id, village_code, township_code, report_date, since, until,
                            new_enrollments, new_payments, reasons_recorded, visits_made, enrolled_to_date, target, due_at)
                        select ?, w.code, w.township, ?, w.since, ?, coalesce(e.n, 0), coalesce(y.n, 0), coalesce(r.n, 0),
                               coalesce(vm.n, 0), w.enrolled, w.target, ?
                        from win w left join n_enr e on e.code = w.code left join n_paid y on y.code = w.code
                        left join n_reasons r on r.code = w.code left join n_visits vm on vm.code = w.code
                        on conflict do nothing returning village_code
                        """)
                .params(villages.stream().map(VillageLine::villageCode).toArray(String[]::new),
                        villages.stream().map(VillageLine::townshipCode).toArray(String[]::new),
                        villages.stream().map(VillageLine::target).toArray(Integer[]::new),
                        villages.stream().map(VillageLine::enrolled).toArray(Integer[]::new),
                        campaignId, Timestamp.from(campaignStart), untilTs, countyPrefix + "%", year, year,
                        untilTs, countyPrefix + "%", untilTs, countyPrefix + "%", campaignId, day, untilTs,
                        Timestamp.from(dueAt))
                .query(String.class).list();
    }

    /**
     * Inserts the day's township dispatches; returns the township codes inserted now. A village lags when
     * its completion (today's summary) is below the expected line, or a summary of the last
     * {@code periodDays} days is missing (its window closed unconfirmed).
     */
    List<String> insertDispatches(long campaignId, LocalDate day, List<String> townships, BigDecimal expected,
                                  int periodDays, Instant now, Instant dueAt) {
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
                .params(campaignId, day, campaignId, day, expected, day.minusDays(periodDays), Timestamp.from(now),
                        Timestamp.from(dueAt), townships.toArray(String[]::new))
                .query(String.class).list();
    }

    /** Takes the day for the campaign; false when it was taken already (a re-fired trigger). */
    boolean takeDay(long campaignId, LocalDate day, int reportingDay) {
        return jdbc.sql("insert into cadence_tick (campaign_id, report_date, reporting_day) values (?, ?, ?) "
                + "on conflict do nothing").params(campaignId, day, reportingDay).update() == 1;
    }

    /** Records the process instance of each summary started (one batch). */
    void summaryInstances(long campaignId, LocalDate day, Map<String, String> instanceByVillage) {
        batch("update village_summary set process_instance_id = ? where campaign_id = ? and village_code = ? "
                + "and report_date = ?", campaignId, day, instanceByVillage);
    }

    /** Records the process instance of each dispatch started (one batch). */
    void dispatchInstances(long campaignId, LocalDate day, Map<String, String> instanceByTownship) {
        batch("update township_dispatch set process_instance_id = ? where campaign_id = ? and township_code = ? "
                + "and dispatch_date = ?", campaignId, day, instanceByTownship);
    }

    private void batch(String sql, long campaignId, LocalDate day, Map<String, String> instanceByRegion) {
        List<Object[]> rows = new ArrayList<>();
        instanceByRegion.forEach((code, instance) -> rows.add(new Object[] {instance, campaignId, code, day}));
        template.batchUpdate(sql, rows);
    }
}
