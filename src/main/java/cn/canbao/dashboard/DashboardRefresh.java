package cn.canbao.dashboard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The set-based statements that write the dashboard's figures: one per table, each over the whole county of a
 * campaign (persons → villages or grids → every region above through the ltree paths), none per region.
 */
@Component
class DashboardRefresh {

    private static final Logger log = LoggerFactory.getLogger(DashboardRefresh.class);

    /** The campaign's county and its live regions from the county down to the grids. */
    private static final String REGIONS = """
            county as (select r.path from campaign c join region r on r.code = c.county_code where c.id = :campaign),
            regions as (select r.code, r.parent_code, r.level, r.path from region r, county
                        where r.path <@ county.path and r.deleted_at is null
                          and r.level in ('COUNTY', 'TOWNSHIP', 'VILLAGE', 'GRID')),
            villages as (select code, path from regions where level = 'VILLAGE'),
            grids as (select code from regions where level = 'GRID')
            """;

    private final JdbcClient jdbc;
    private final ZoneId smsZone;

    DashboardRefresh(JdbcClient jdbc, @Value("${canbao.sms.zone:Asia/Shanghai}") ZoneId smsZone) {
        this.jdbc = jdbc;
        this.smsZone = smsZone;
    }

    /**
     * Refreshes a campaign's figures for a day in its own transaction (whatever the caller's): the figures, the
     * reasons and the SMS counts. Refreshes run one at a time across the cluster: two would race on the same rows.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int campaign(long campaignId, LocalDate day) {
        long started = System.nanoTime();
        jdbc.sql("select pg_advisory_xact_lock(hashtext('canbao-dashboard-refresh'))").query().listOfRows();
        Integer year = jdbc.sql("select year from campaign where id = ?").param(campaignId).query(Integer.class)
                .optional().orElse(null);
        if (year == null) {
            return 0;
        }
        people(campaignId, year);
        int rows = figures(campaignId, year, day);
        reasons(campaignId);
        sms();
        log.info("Dashboard of campaign {} refreshed for {}: {} regions in {} ms", campaignId, day, rows,
                (System.nanoTime() - started) / 1_000_000);
        return rows;
    }

    /**
     * One row per region of the campaign's county for the day: the baseline's figures (grids: their persons),
     * the target and what was enrolled since it was proposed, and the outreach funnel. A case counts as paid when
     * it ended by a payment (or a visit that found one) or its resident is now enrolled for the year — whichever
     * of the import's listeners ran first.
     */
    int figures(long campaignId, int year, LocalDate day) {
        return jdbc.sql("with " + REGIONS + """
                        , grid_people as (
                            select grid_code code, sum(registered) registered, sum(insured) insured, sum(lapsed) lapsed
                            from dashboard_people where grid_code in (select code from grids) group by grid_code),
                        texted as (select distinct id_number from sms_message
                                   where campaign_id = :campaign and status <> 'SKIPPED'),
                        visits as (select case_id, bool_or(outcome = 'PROMISED') promised from visit
                                   where campaign_id = :campaign group by case_id),
                        cases as (
                            select oc.village_code, oc.grid_code, count(*) outreach,
                                   count(*) filter (where t.id_number is not null) reminded,
                                   count(*) filter (where v.case_id is not null) visited,
                                   count(*) filter (where v.promised) promised,
                                   count(*) filter (where oc.end_reason in ('PAYMENT_RECEIVED', 'PAID')
                                       or exists (select 1 from enrollment e where e.id_number = oc.id_number
                                                  and e.year = :year)) paid
                            from outreach_case oc left join texted t on t.id_number = oc.id_number
                            left join visits v on v.case_id = oc.id
                            where oc.campaign_id = :campaign group by oc.village_code, oc.grid_code),
                        village_cases as (
                            select v.path, sum(c.outreach) outreach, sum(c.reminded) reminded, sum(c.visited) visited,
                                   sum(c.promised) promised, sum(c.paid) paid
                            from cases c join villages v on v.code = c.village_code group by v.path),
                        region_cases as (
                            select r.code, sum(c.outreach) outreach, sum(c.reminded) reminded, sum(c.visited) visited,
                                   sum(c.promised) promised, sum(c.paid) paid
                            from regions r join village_cases c on c.path <@ r.path where r.level <> 'GRID' group by r.code
                            union all
                            select c.grid_code, sum(c.outreach), sum(c.reminded), sum(c.visited), sum(c.promised), sum(c.paid)
                            from cases c where c.grid_code in (select code from grids) group by c.grid_code),
                        figures as (
                            select r.code, r.parent_code, r.level,
                                   case when r.level = 'GRID' then coalesce(g.registered, 0) else coalesce(b.registered, 0) end registered,
                                   case when r.level = 'GRID' then coalesce(g.insured, 0)
                                        else coalesce(b.insured_local + b.insured_elsewhere, 0) end insured,
                                   case when r.level = 'GRID' then coalesce(g.lapsed, 0) else coalesce(b.lapsed, 0) end lapsed,
                                   coalesce(t.target, 0) target, t.insured_at_start,
                                   coalesce(c.outreach, 0) outreach, coalesce(c.reminded, 0) reminded,
                                   coalesce(c.visited, 0) visited, coalesce(c.promised, 0) promised, coalesce(c.paid, 0) paid
                            from regions r
                            left join baseline b on b.region_code = r.code and b.year = :year
                            left join grid_people g on g.code = r.code
                            left join target t on t.campaign_id = :campaign and t.region_code = r.code
                            left join region_cases c on c.code = r.code)
                        insert into dashboard_figure (campaign_id, region_code, day, parent_code, level, registered, insured,
                            lapsed, target, insured_at_start, enrolled, outreach, reminded, visited, promised, paid)
                        select :campaign, f.code, :day, f.parent_code, f.level, f.registered, f.insured, f.lapsed, f.target,
                               s.at_start, greatest(f.insured - s.at_start, 0), f.outreach, f.reminded, f.visited,
                               f.promised, f.paid
                        from figures f
                        cross join lateral (select coalesce(f.insured_at_start,
                            (select d.insured_at_start from dashboard_figure d where d.campaign_id = :campaign
                               and d.region_code = f.code order by d.day limit 1), f.insured) at_start) s
                        on conflict (campaign_id, region_code, day) do update set parent_code = excluded.parent_code,
                            registered = excluded.registered, insured = excluded.insured, lapsed = excluded.lapsed,
                            target = excluded.target, insured_at_start = excluded.insured_at_start,
                            enrolled = excluded.enrolled, outreach = excluded.outreach, reminded = excluded.reminded,
                            visited = excluded.visited, promised = excluded.promised, paid = excluded.paid,
                            refreshed_at = now()
                        """)
                .param("campaign", campaignId).param("year", year).param("day", day).update();
    }

    /**
     * One pass over the county's register for everything the figures and reasons need: per household village,
     * grid and (for the uninsured) reason, the registered, insured and lapsed of the year — into a temporary
     * table dropped when the refresh commits. Counted as the baseline counts (files not cancelled).
     */
    void people(long campaignId, int year) {
        jdbc.sql("create temporary table dashboard_people (household_region varchar(12), grid_code varchar(15), "
                + "reason varchar(24), registered integer, insured integer, lapsed integer) on commit drop").update();
        jdbc.sql("""
                        insert into dashboard_people
                        with paid as (select id_number, bool_or(year = :year) insured, bool_or(year = :year - 1) last_year
                                      from enrollment where year in (:year, :year - 1) group by id_number)
                        select p.household_region, p.grid_code,
                               case when coalesce(e.insured, false) then null
                                    else coalesce(p.not_enrolled_reason, 'UNRECORDED') end reason,
                               count(*) registered, count(*) filter (where e.insured) insured,
                               count(*) filter (where e.last_year and not coalesce(e.insured, false)) lapsed
                        from person p left join paid e on e.id_number = p.id_number
                        where p.status <> 'CANCELLED' and (p.household_region like :prefix or p.grid_code like :prefix)
                        group by 1, 2, 3
                        """)
                .param("year", year).param("prefix", countyPrefix(campaignId) + "%").update();
    }

    private String countyPrefix(long campaignId) {
        return jdbc.sql("select left(county_code, 6) from campaign where id = ?").param(campaignId).query(String.class)
                .single();
    }

    /**
     * Why the registered not insured in the campaign's year are not enrolled, per region: by household village
     * for the county, townships and villages (they add up to the baseline's uninsured), by grid for grids.
     */
    void reasons(long campaignId) {
        jdbc.sql("delete from dashboard_reason where campaign_id = ?").param(campaignId).update();
        jdbc.sql("with " + REGIONS + """
                        , village_reasons as (
                            select v.path, pe.reason, sum(pe.registered) n from dashboard_people pe
                            join villages v on v.code = pe.household_region where pe.reason is not null
                            group by v.path, pe.reason)
                        insert into dashboard_reason (campaign_id, region_code, reason, persons)
                        select :campaign, r.code, vr.reason, sum(vr.n) from regions r join village_reasons vr on vr.path <@ r.path
                        where r.level <> 'GRID' group by r.code, vr.reason
                        union all
                        select :campaign, pe.grid_code, pe.reason, sum(pe.registered) from dashboard_people pe
                        where pe.reason is not null and pe.grid_code in (select code from grids) group by pe.grid_code, pe.reason
                        """)
                .param("campaign", campaignId).update();
    }

    /** Text messages per region and local day, counted as the SMS page counts them (all campaigns). */
    void sms() {
        jdbc.sql("delete from dashboard_sms").update();
        jdbc.sql("""
                        insert into dashboard_sms (region_code, day, sent, delivered, failed, skipped)
                        select region_code, (coalesce(accepted_at, status_at, created_at) at time zone :zone)::date,
                               count(*) filter (where status in ('ACCEPTED', 'SENT', 'DELIVERED', 'UNDELIVERED')),
                               count(*) filter (where status = 'DELIVERED'),
                               count(*) filter (where status in ('FAILED', 'UNDELIVERED')),
                               count(*) filter (where status = 'SKIPPED')
                        from sms_message where region_code is not null group by 1, 2
                        """)
                .param("zone", smsZone.getId()).update();
    }
}
