package cn.canbao.target;

import cn.canbao.security.CurrentUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Proposals from the register: townships and villages from the pre-aggregated baseline of the
 * campaign's year, grids from the persons living in them (grids are not in the baseline). Each row's
 * suggested target is its parent's target apportioned by the proposals, so a suggestion adds up.
 */
@Component
class TargetProposals {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    TargetProposals(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    record Proposal(String code, int uninsured, int lapsed, Integer insured) {
        int total() {
            return uninsured + lapsed;
        }
    }

    /** Townships or villages below a region, from the baseline of the year (zeros where it has no row). */
    List<Proposal> fromBaseline(String parentCode, String childLevel, int year) {
        return jdbc.sql("select r.code, coalesce(greatest(b.registered - b.insured_local - b.insured_elsewhere - b.lapsed, 0), 0), "
                        + "coalesce(b.lapsed, 0), coalesce(b.insured_local + b.insured_elsewhere, 0) from region r left join baseline b on b.region_code = r.code and b.year = ? "
                        + "where r.parent_code = ? and r.level = ? and r.deleted_at is null order by r.code")
                .params(year, parentCode, childLevel)
                .query((rs, n) -> new Proposal(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4))).list();
    }

    /** The grids of a village, counted from the persons assigned to them (set-based, one statement). */
    List<Proposal> grids(String villageCode, int year) {
        return jdbc.sql("with people as (select p.grid_code, "
                        + "exists (select 1 from enrollment e where e.id_number = p.id_number and e.year = ?) insured, "
                        + "exists (select 1 from enrollment e where e.id_number = p.id_number and e.year = ? - 1) paid_last_year "
                        + "from person p where p.grid_code between ? and ? and p.status = 'ACTIVE') "
                        + "select g.code, count(pe.grid_code) filter (where not pe.insured and not pe.paid_last_year), "
                        + "count(pe.grid_code) filter (where not pe.insured and pe.paid_last_year) "
                        + "from region g left join people pe on pe.grid_code = g.code "
                        + "where g.parent_code = ? and g.level = 'GRID' and g.deleted_at is null group by g.code order by g.code")
                .params(year, year, villageCode + "000", villageCode + "999", villageCode)
                .query((rs, n) -> new Proposal(rs.getString(1), rs.getInt(2), rs.getInt(3), null)).list();
    }

    /** Writes proposed rows under a parent (existing rows are kept), suggested targets apportioned to parentTarget. */
    void write(long campaignId, String parentCode, TargetLevel level, List<Proposal> proposals, Integer parentTarget) {
        int[] suggested = parentTarget == null
                ? proposals.stream().mapToInt(Proposal::total).toArray()
                : Apportionment.split(parentTarget, proposals.stream().mapToInt(Proposal::total).toArray());
        String actor = CurrentUser.name();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < proposals.size(); i++) {
            Proposal p = proposals.get(i);
            rows.add(new Object[]{campaignId, p.code(), parentCode, level.name(), p.uninsured(), p.lapsed(), suggested[i],
                    p.insured(), actor});
        }
        batch("insert into target (campaign_id, region_code, parent_code, level, uninsured, lapsed, target, "
                + "insured_at_start, updated_by) values (?,?,?,?,?,?,?,?,?) on conflict (campaign_id, region_code) do nothing", rows);
        jdbc.sql("insert into target_history (campaign_id, region_code, event, new_target, actor) "
                        + "select campaign_id, region_code, 'PROPOSED', target, ? from target t where campaign_id = ? "
                        + "and parent_code = ? and not exists (select 1 from target_history h where h.campaign_id = t.campaign_id "
                        + "and h.region_code = t.region_code)")
                .params(actor, campaignId, parentCode).update();
    }

    /** The county's own row: the total of its townships' proposals. */
    void writeCounty(long campaignId, String countyCode) {
        jdbc.sql("insert into target (campaign_id, region_code, parent_code, level, uninsured, lapsed, target, "
                        + "insured_at_start, updated_by) select ?, ?, null, 'COUNTY', coalesce(sum(uninsured), 0), "
                        + "coalesce(sum(lapsed), 0), coalesce(sum(uninsured + lapsed), 0), coalesce(sum(insured_at_start), 0), ? from target where campaign_id = ? and parent_code = ? "
                        + "on conflict (campaign_id, region_code) do nothing")
                .params(campaignId, countyCode, CurrentUser.name(), campaignId, countyCode).update();
    }

    private void batch(String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            template.batchUpdate(sql, rows);
        }
    }
}
