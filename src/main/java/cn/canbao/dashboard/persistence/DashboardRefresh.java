package cn.canbao.dashboard.persistence;

import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignService;
import cn.canbao.outreach.OutreachFigures;
import cn.canbao.quota.Baseline;
import cn.canbao.quota.BaselineService;
import cn.canbao.quota.TargetService;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.region.RegionTotals;
import cn.canbao.register.RegisterFigures;
import cn.canbao.security.SystemAccess;
import cn.canbao.sms.SmsCounts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the dashboard's figures of a campaign's county from what each module counts of it, set-based in its
 * own tables (the register per household village, grid and reason; the baseline and targets per region; the
 * outreach funnel per village and grid; the outbox per region and day): summed here into every region of the
 * county by code and written with one insert per table — no query per region.
 */
@Component
public class DashboardRefresh {

    private static final Logger log = LoggerFactory.getLogger(DashboardRefresh.class);
    private static final Set<RegionLevel> LEVELS =
            EnumSet.of(RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE, RegionLevel.GRID);

    private final JdbcClient jdbc;
    private final CampaignService campaigns;
    private final RegionService regions;
    private final RegisterFigures register;
    private final BaselineService baseline;
    private final TargetService targets;
    private final OutreachFigures outreach;
    private final SmsCounts sms;

    DashboardRefresh(
            JdbcClient jdbc,
            CampaignService campaigns,
            RegionService regions,
            RegisterFigures register,
            BaselineService baseline,
            TargetService targets,
            OutreachFigures outreach,
            SmsCounts sms) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.regions = regions;
        this.register = register;
        this.baseline = baseline;
        this.targets = targets;
        this.outreach = outreach;
        this.sms = sms;
    }

    /**
     * Refreshes a campaign's figures for a day in its own transaction (whatever the caller's): the figures, the
     * reasons and the SMS counts. System work, whoever triggers it (an import, a tick, a leader who sees the
     * county): it covers the whole county, and the dashboard's readers are scoped. Refreshes run one at a time
     * across the cluster: two would race on the same rows.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int campaign(long campaignId, LocalDate day) {
        return SystemAccess.call(() -> {
            long started = System.nanoTime();
            jdbc.sql("select pg_advisory_xact_lock(hashtext('canbao-dashboard-refresh'))")
                    .query()
                    .listOfRows();
            Optional<Campaign> campaign = campaigns.find(campaignId);
            if (campaign.isEmpty()) {
                return 0;
            }
            County county = county(campaign.get());
            int rows = figures(campaignId, county, day);
            reasons(campaignId, county);
            sms(RegionLevel.COUNTY.prefixOf(campaign.get().countyCode()));
            log.info(
                    "Dashboard of campaign {} refreshed for {}: {} regions in {} ms",
                    campaignId,
                    day,
                    rows,
                    (System.nanoTime() - started) / 1_000_000);
            return rows;
        });
    }

    /** What the modules count of a campaign's county, each in one call. */
    private record County(
            Campaign campaign,
            List<Region> regions,
            Set<String> villages,
            Set<String> grids,
            List<RegisterFigures.Headcount> people,
            Map<String, Baseline> baseline,
            Map<String, TargetService.CampaignTarget> targets,
            List<OutreachFigures.Funnel> funnel) {}

    private County county(Campaign c) {
        List<Region> live = regions.subtree(c.countyCode(), LEVELS);
        return new County(
                c,
                live,
                codesAt(live, RegionLevel.VILLAGE),
                codesAt(live, RegionLevel.GRID),
                register.countyHeadcount(c.countyCode(), c.year()),
                baseline.subtree(c.countyCode(), c.year()).stream()
                        .collect(Collectors.toMap(Baseline::regionCode, b -> b)),
                targets.campaignTargets(c.id()).stream()
                        .collect(Collectors.toMap(TargetService.CampaignTarget::regionCode, t -> t)),
                outreach.funnel(c.id()));
    }

    private static Set<String> codesAt(List<Region> regions, RegionLevel level) {
        return regions.stream()
                .filter(r -> r.level() == level)
                .map(Region::code)
                .collect(Collectors.toSet());
    }

    /**
     * One row per live region of the campaign's county for the day: the baseline's figures (grids: their
     * persons), the target and what was enrolled since it was proposed, and the outreach funnel — by the case's
     * village summed into every region above it, and by its grid for grids.
     */
    int figures(long campaignId, County county, LocalDate day) {
        RegionTotals gridPeople = new RegionTotals(3);
        county.people().stream()
                .filter(p -> county.grids().contains(p.gridCode()))
                .forEach(p -> gridPeople.add(p.gridCode(), p.registered(), p.insured(), p.lapsed()));
        RegionTotals villageCases = new RegionTotals(5);
        RegionTotals gridCases = new RegionTotals(5);
        for (OutreachFigures.Funnel f : county.funnel()) {
            int[] counts = {f.outreach(), f.reminded(), f.visited(), f.promised(), f.paid()};
            if (county.villages().contains(f.villageCode())) {
                villageCases.add(f.villageCode(), counts);
            }
            if (county.grids().contains(f.gridCode())) {
                gridCases.add(f.gridCode(), counts);
            }
        }
        Map<String, Integer> firstInsuredAtStart = firstInsuredAtStart(campaignId);
        FigureColumns rows = new FigureColumns(county.regions().size());
        for (Region r : county.regions()) {
            boolean grid = r.level() == RegionLevel.GRID;
            int[] people;
            if (grid) {
                people = gridPeople.of(r.code());
            } else {
                Baseline b = county.baseline().get(r.code());
                people = b == null ? new int[3] : new int[] {b.registered(), b.insuredTotal(), b.lapsed()};
            }
            TargetService.CampaignTarget t = county.targets().get(r.code());
            Integer atStart = t == null ? null : t.insuredAtStart();
            if (atStart == null) {
                atStart = firstInsuredAtStart.getOrDefault(r.code(), people[1]);
            }
            rows.add(r, people, t == null ? 0 : t.target(), atStart, (grid ? gridCases : villageCases).of(r.code()));
        }
        return rows.size() == 0
                ? 0
                : jdbc.sql("""
                        insert into dashboard_figure (campaign_id, region_code, day, parent_code, level, registered, insured,
                            lapsed, target, insured_at_start, enrolled, outreach, reminded, visited, promised, paid)
                        select ?, f.code, ?, f.parent_code, f.level, f.registered, f.insured, f.lapsed, f.target,
                               f.at_start, greatest(f.insured - f.at_start, 0), f.outreach, f.reminded, f.visited,
                               f.promised, f.paid
                        from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::int[], ?::int[], ?::int[], ?::int[],
                                    ?::int[], ?::int[], ?::int[], ?::int[], ?::int[], ?::int[])
                             f(code, parent_code, level, registered, insured, lapsed, target, at_start, outreach,
                               reminded, visited, promised, paid)
                        on conflict (campaign_id, region_code, day) do update set parent_code = excluded.parent_code,
                            registered = excluded.registered, insured = excluded.insured, lapsed = excluded.lapsed,
                            target = excluded.target, insured_at_start = excluded.insured_at_start,
                            enrolled = excluded.enrolled, outreach = excluded.outreach, reminded = excluded.reminded,
                            visited = excluded.visited, promised = excluded.promised, paid = excluded.paid,
                            refreshed_at = now()
                        """).params(rows.parameters(campaignId, day)).update();
    }

    /** Each region's insured at its first refresh in the campaign (for regions without a target's). */
    private Map<String, Integer> firstInsuredAtStart(long campaignId) {
        Map<String, Integer> first = new HashMap<>();
        jdbc.sql("select distinct on (region_code) region_code, insured_at_start from dashboard_figure "
                        + "where campaign_id = ? order by region_code, day")
                .param(campaignId)
                .query(rs -> {
                    first.put(rs.getString(1), rs.getInt(2));
                });
        return first;
    }

    /**
     * Why the registered not insured in the campaign's year are not enrolled, per region: by household village
     * for the county, townships and villages (they add up to the baseline's uninsured), by grid for grids.
     */
    void reasons(long campaignId, County county) {
        Map<String, RegionTotals> byVillage = new TreeMap<>();
        Map<String, RegionTotals> byGrid = new TreeMap<>();
        for (RegisterFigures.Headcount p : county.people()) {
            if (p.reason() == null) {
                continue;
            }
            if (county.villages().contains(p.householdRegion())) {
                byVillage
                        .computeIfAbsent(p.reason(), k -> new RegionTotals(1))
                        .add(p.householdRegion(), p.registered());
            }
            if (county.grids().contains(p.gridCode())) {
                byGrid.computeIfAbsent(p.reason(), k -> new RegionTotals(1)).add(p.gridCode(), p.registered());
            }
        }
        ReasonColumns rows = new ReasonColumns();
        for (Region r : county.regions()) {
            Map<String, RegionTotals> totals = r.level() == RegionLevel.GRID ? byGrid : byVillage;
            totals.forEach((reason, t) -> {
                int persons = t.of(r.code())[0];
                if (persons > 0) {
                    rows.add(r.code(), reason, persons);
                }
            });
        }
        jdbc.sql("delete from dashboard_reason where campaign_id = ?")
                .param(campaignId)
                .update();
        if (rows.size() > 0) {
            jdbc.sql("insert into dashboard_reason (campaign_id, region_code, reason, persons) "
                            + "select ?, * from unnest(?::varchar[], ?::varchar[], ?::int[])")
                    .params(campaignId, rows.codes(), rows.reasons(), rows.persons())
                    .update();
        }
    }

    /** Text messages per region of the county and local day, counted as the SMS page counts them (all campaigns). */
    void sms(String countyPrefix) {
        // the campaign's county only: rebuilding the whole province's on every county's refresh grew with the province
        List<SmsCounts.RegionDay> days = sms.byRegionAndDayUnder(countyPrefix);
        jdbc.sql("delete from dashboard_sms where region_code like ?")
                .param(countyPrefix + "%")
                .update();
        if (!days.isEmpty()) {
            jdbc.sql("insert into dashboard_sms (region_code, day, sent, delivered, failed, skipped) "
                            + "select * from unnest(?::varchar[], ?::date[], ?::int[], ?::int[], ?::int[], ?::int[])")
                    .params(
                            days.stream().map(SmsCounts.RegionDay::regionCode).toArray(String[]::new),
                            days.stream().map(d -> d.day().toString()).toArray(String[]::new),
                            days.stream().map(SmsCounts.RegionDay::sent).toArray(Integer[]::new),
                            days.stream().map(SmsCounts.RegionDay::delivered).toArray(Integer[]::new),
                            days.stream().map(SmsCounts.RegionDay::failed).toArray(Integer[]::new),
                            days.stream().map(SmsCounts.RegionDay::skipped).toArray(Integer[]::new))
                    .update();
        }
    }

    /** The figures' rows as columns, for one insert over unnest(…). */
    private static final class FigureColumns {

        private final List<Region> regions;
        private final List<int[]> values;

        FigureColumns(int capacity) {
            regions = new ArrayList<>(capacity);
            values = new ArrayList<>(capacity);
        }

        /** people: registered, insured, lapsed; cases: outreach, reminded, visited, promised, paid. */
        void add(Region region, int[] people, int target, int insuredAtStart, int[] cases) {
            regions.add(region);
            values.add(new int[] {
                people[0],
                people[1],
                people[2],
                target,
                insuredAtStart,
                cases[0],
                cases[1],
                cases[2],
                cases[3],
                cases[4]
            });
        }

        int size() {
            return regions.size();
        }

        Object[] parameters(long campaignId, LocalDate day) {
            Object[] p = new Object[15];
            p[0] = campaignId;
            p[1] = day;
            p[2] = regions.stream().map(Region::code).toArray(String[]::new);
            p[3] = regions.stream().map(Region::parentCode).toArray(String[]::new);
            p[4] = regions.stream().map(r -> r.level().name()).toArray(String[]::new);
            for (int column = 0; column < 10; column++) {
                int c = column;
                p[5 + column] = values.stream().map(v -> v[c]).toArray(Integer[]::new);
            }
            return p;
        }
    }

    /** The reasons' rows as columns. */
    private static final class ReasonColumns {

        private final List<String> codes = new ArrayList<>();
        private final List<String> reasons = new ArrayList<>();
        private final List<Integer> persons = new ArrayList<>();

        void add(String code, String reason, int count) {
            codes.add(code);
            reasons.add(reason);
            persons.add(count);
        }

        int size() {
            return codes.size();
        }

        String[] codes() {
            return codes.toArray(String[]::new);
        }

        String[] reasons() {
            return reasons.toArray(String[]::new);
        }

        Integer[] persons() {
            return persons.toArray(Integer[]::new);
        }
    }
}
