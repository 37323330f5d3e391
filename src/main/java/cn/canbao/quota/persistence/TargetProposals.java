package cn.canbao.quota.persistence;

import cn.canbao.quota.Apportionment;
import cn.canbao.quota.TargetLevel;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.region.RegionSummary;
import cn.canbao.register.RegisterFigures;
import cn.canbao.security.CurrentUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Proposals from the register: townships and villages from the pre-aggregated baseline of the
 * campaign's year, grids from the persons living in them (grids are not in the baseline). Each row's
 * suggested target is its parent's target apportioned by the proposals, so a suggestion adds up.
 */
@Component
public class TargetProposals {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final RegionService regions;
    private final RegisterFigures register;

    TargetProposals(JdbcClient jdbc, JdbcTemplate template, RegionService regions, RegisterFigures register) {
        this.jdbc = jdbc;
        this.template = template;
        this.regions = regions;
        this.register = register;
    }

    record Proposal(String code, int uninsured, int lapsed, Integer insured) {
        int total() {
            return uninsured + lapsed;
        }
    }

    /** The live townships or villages below a region, from the baseline of the year (zeros where it has no row). */
    public List<Proposal> fromBaseline(String parentCode, RegionLevel childLevel, int year) {
        List<String> children = regions.children(parentCode).stream()
                .map(RegionSummary::region)
                .filter(r -> r.level() == childLevel)
                .map(Region::code)
                .toList();
        Map<String, Proposal> baseline = new HashMap<>();
        jdbc.sql("select region_code, greatest(registered - insured_local - insured_elsewhere - lapsed, 0), lapsed, "
                        + "insured_local + insured_elsewhere from baseline where year = ? and region_code = any(?)")
                .params(year, children.toArray(String[]::new))
                .query((rs, n) -> new Proposal(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
                .list()
                .forEach(p -> baseline.put(p.code(), p));
        return children.stream()
                .map(code -> baseline.getOrDefault(code, new Proposal(code, 0, 0, 0)))
                .toList();
    }

    /** The live grids of a village, counted from the persons assigned to them (one statement in the register). */
    public List<Proposal> grids(String villageCode, int year) {
        Map<String, RegisterFigures.GridCount> counts = new HashMap<>();
        register.byGrid(villageCode, year).forEach(g -> counts.put(g.gridCode(), g));
        return regions.children(villageCode).stream()
                .map(RegionSummary::region)
                .filter(r -> r.level() == RegionLevel.GRID)
                .map(Region::code)
                .map(code -> {
                    RegisterFigures.GridCount g = counts.get(code);
                    return new Proposal(code, g == null ? 0 : g.uninsured(), g == null ? 0 : g.lapsed(), null);
                })
                .toList();
    }

    /** Writes proposed rows under a parent (existing rows are kept), suggested targets apportioned to parentTarget. */
    public void write(
            long campaignId, String parentCode, TargetLevel level, List<Proposal> proposals, Integer parentTarget) {
        int[] suggested = parentTarget == null
                ? proposals.stream().mapToInt(Proposal::total).toArray()
                : Apportionment.split(
                        parentTarget,
                        proposals.stream().mapToInt(Proposal::total).toArray());
        String actor = CurrentUser.name();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < proposals.size(); i++) {
            Proposal p = proposals.get(i);
            rows.add(new Object[] {
                campaignId,
                p.code(),
                parentCode,
                level.name(),
                p.uninsured(),
                p.lapsed(),
                suggested[i],
                p.insured(),
                actor
            });
        }
        batch(
                "insert into target (campaign_id, region_code, parent_code, level, uninsured, lapsed, target, "
                        + "insured_at_start, updated_by) values (?,?,?,?,?,?,?,?,?) on conflict (campaign_id, region_code) do nothing",
                rows);
        jdbc.sql("insert into target_history (campaign_id, region_code, event, new_target, actor) "
                        + "select campaign_id, region_code, 'PROPOSED', target, ? from target t where campaign_id = ? "
                        + "and parent_code = ? and not exists (select 1 from target_history h where h.campaign_id = t.campaign_id "
                        + "and h.region_code = t.region_code)")
                .params(actor, campaignId, parentCode)
                .update();
    }

    /** The county's own row: the total of its townships' proposals. */
    public void writeCounty(long campaignId, String countyCode) {
        jdbc.sql("insert into target (campaign_id, region_code, parent_code, level, uninsured, lapsed, target, "
                        + "insured_at_start, updated_by) select ?, ?, null, 'COUNTY', coalesce(sum(uninsured), 0), "
                        + "coalesce(sum(lapsed), 0), coalesce(sum(uninsured + lapsed), 0), coalesce(sum(insured_at_start), 0), ? from target where campaign_id = ? and parent_code = ? "
                        + "on conflict (campaign_id, region_code) do nothing")
                .params(campaignId, countyCode, CurrentUser.name(), campaignId, countyCode)
                .update();
    }

    private void batch(String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            template.batchUpdate(sql, rows);
        }
    }
}
