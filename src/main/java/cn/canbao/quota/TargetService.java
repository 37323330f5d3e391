package cn.canbao.quota;

import cn.canbao.base.Texts;
import cn.canbao.base.database.Timestamps;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignService;
import cn.canbao.quota.persistence.TargetProposals;
import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cascading targets (目标任务): proposed from the register, published by the county to its townships,
 * split by each township over its villages and by each village over its grids. Children must add up
 * to their parent's target unless the leader justifies the difference (the county reads it). Every
 * decision is kept in the target's history. Reads and decisions are scoped to the caller's region.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class TargetService {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TargetProposals proposals;
    private final CampaignService campaigns;
    private final RegionService regions;
    private final BaselineService baseline;
    private final CurrentRegionScope scope;
    private final Clock clock;

    TargetService(
            JdbcClient jdbc,
            JdbcTemplate template,
            TargetProposals proposals,
            CampaignService campaigns,
            RegionService regions,
            BaselineService baseline,
            CurrentRegionScope scope,
            Clock clock) {
        this.clock = clock;
        this.scope = scope;
        this.jdbc = jdbc;
        this.template = template;
        this.proposals = proposals;
        this.campaigns = campaigns;
        this.regions = regions;
        this.baseline = baseline;
    }

    /** Proposes every township's target (and the county's total); returns the township codes. */
    @Transactional
    public List<String> proposeTownships(long campaignId) {
        Campaign c = campaigns.get(campaignId);
        if (baseline.years().stream().noneMatch(y -> y == c.year())) {
            baseline.refresh(c.year());
        }
        proposals.write(
                campaignId,
                c.countyCode(),
                TargetLevel.TOWNSHIP,
                proposals.fromBaseline(c.countyCode(), RegionLevel.TOWNSHIP, c.year()),
                null);
        proposals.writeCounty(campaignId, c.countyCode());
        return childCodes(campaignId, c.countyCode());
    }

    /** The townships that have a target in the campaign (the breakdowns the county's publication starts). */
    public List<String> proposedTownships(long campaignId) {
        return childCodes(campaignId, campaigns.get(campaignId).countyCode());
    }

    /**
     * Proposes the children of a township (its villages) or a village (its grids), apportioned to the
     * region's assigned target; returns the child codes.
     */
    @Transactional
    public List<String> proposeChildren(long campaignId, String regionCode) {
        Campaign c = campaigns.get(campaignId);
        TargetRow row = row(campaignId, regionCode);
        if (row.level() == TargetLevel.TOWNSHIP) {
            proposals.write(
                    campaignId,
                    regionCode,
                    TargetLevel.VILLAGE,
                    proposals.fromBaseline(regionCode, RegionLevel.VILLAGE, c.year()),
                    row.target());
        } else if (row.level() == TargetLevel.VILLAGE) {
            proposals.write(
                    campaignId, regionCode, TargetLevel.GRID, proposals.grids(regionCode, c.year()), row.target());
        } else {
            throw new TargetException("targets.noChildren", row.regionName());
        }
        return childCodes(campaignId, regionCode);
    }

    /**
     * Prepares the breakdown task of a township or village: proposes its children's targets and says who
     * confirms (the region's leader group), who hears of it when overdue (the level above) and by when.
     */
    @Transactional
    public BreakdownPlan prepareBreakdown(long campaignId, String regionCode, String processInstanceId) {
        Campaign c = campaigns.get(campaignId);
        TargetRow row = row(campaignId, regionCode);
        CurrentUser.requireActing(regionCode); // the breakdown's first step: the system only
        // the breakdown claims its row: its tasks find their region through the instance, not a variable
        jdbc.sql("update target set breakdown_instance_id = ? where campaign_id = ? and region_code = ?")
                .params(processInstanceId, campaignId, regionCode)
                .update();
        List<String> children = proposeChildren(campaignId, regionCode);
        Date due = CampaignService.daysFromNow(clock, c.breakdownDays());
        Date escalate = Date.from(due.toInstant().plus(Duration.ofDays(c.escalationDays())));
        boolean township = row.level() == TargetLevel.TOWNSHIP;
        return new BreakdownPlan(
                c.name(),
                row.regionName(),
                row.level(),
                (township ? Role.TOWNSHIP_LEADER : Role.VILLAGE_CADRE).groupAt(regionCode),
                township
                        ? Role.COUNTY_LEADER.groupAt(row.parentCode())
                        : Role.TOWNSHIP_LEADER.groupAt(row.parentCode()),
                due,
                escalate,
                township ? children : List.of());
    }

    /** The county leader publishes the townships' targets (参考建议数调整后下达). */
    @Transactional
    public void publish(long campaignId, Map<String, Integer> targets, String comment) {
        Campaign c = campaigns.get(campaignId);
        CurrentUser.requireActing(c.countyCode(), Role.COUNTY_LEADER);
        assign(campaignId, c.countyCode(), targets, comment, "PUBLISHED", false);
        jdbc.sql("update target set target = (select coalesce(sum(target), 0) from target where campaign_id = ? "
                        + "and parent_code = ?), status = 'ASSIGNED' where campaign_id = ? and region_code = ?")
                .params(campaignId, c.countyCode(), campaignId, c.countyCode())
                .update();
    }

    /**
     * A township or village leader confirms their target and splits it over their children. The
     * children must add up to the target, or the comment must say why they do not.
     */
    @Transactional
    public void split(long campaignId, String regionCode, Map<String, Integer> targets, String comment) {
        TargetRow row = row(campaignId, regionCode);
        CurrentUser.requireActing(
                regionCode, row.level() == TargetLevel.TOWNSHIP ? Role.TOWNSHIP_LEADER : Role.VILLAGE_CADRE);
        if (!row.assigned()) {
            throw new TargetException("targets.notAssigned", row.regionName());
        }
        assign(campaignId, regionCode, targets, comment, "SPLIT", true);
    }

    private void assign(
            long campaignId,
            String parentCode,
            Map<String, Integer> targets,
            String comment,
            String event,
            boolean mustAddUp) {
        TargetRow parent = row(campaignId, parentCode);
        List<TargetRow> children = children(campaignId, parentCode);
        Set<String> expected =
                new TreeSet<>(children.stream().map(TargetRow::regionCode).toList());
        if (targets == null || !expected.equals(new TreeSet<>(targets.keySet()))) {
            throw new TargetException("targets.wrongRegions", parent.regionName());
        }
        targets.forEach((code, value) -> {
            if (value == null || value < 0) {
                throw new TargetException("targets.negative", code);
            }
        });
        int sum = targets.values().stream().mapToInt(Integer::intValue).sum();
        String justification = Texts.trimToNull(comment);
        if (mustAddUp && sum != parent.target() && justification == null) {
            throw new TargetException("targets.sumMismatch", sum, parent.target(), parent.regionName());
        }
        String actor = CurrentUser.name();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> history = new ArrayList<>();
        for (TargetRow child : children) {
            int value = targets.get(child.regionCode());
            updates.add(new Object[] {value, actor, campaignId, child.regionCode()});
            history.add(
                    new Object[] {campaignId, child.regionCode(), event, child.target(), value, justification, actor});
        }
        template.batchUpdate(
                "update target set target = ?, status = 'ASSIGNED', updated_by = ?, updated_at = now() "
                        + "where campaign_id = ? and region_code = ?",
                updates);
        history.add(new Object[] {campaignId, parentCode, "CONFIRMED", parent.target(), sum, justification, actor});
        template.batchUpdate(
                "insert into target_history (campaign_id, region_code, event, old_target, new_target, "
                        + "comment, actor) values (?,?,?,?,?,?,?)",
                history);
        jdbc.sql("update target set split_comment = ?, confirmed_by = ?, confirmed_at = now() "
                        + "where campaign_id = ? and region_code = ?")
                .params(justification, actor, campaignId, parentCode)
                .update();
    }

    /** Records an escalation (the split is overdue past its second deadline) or the chase that answered it. */
    @Transactional
    public void recordChase(long campaignId, String regionCode, boolean escalated, String note) {
        TargetRow row = row(campaignId, regionCode);
        if (escalated) {
            CurrentUser.requireActing(regionCode); // the escalation timer's: the system only
        } else {
            CurrentUser.requireActing(
                    row.parentCode(), row.level() == TargetLevel.TOWNSHIP ? Role.COUNTY_LEADER : Role.TOWNSHIP_LEADER);
        }
        jdbc.sql("insert into target_history (campaign_id, region_code, event, comment, actor) values (?,?,?,?,?)")
                .params(
                        campaignId,
                        regionCode,
                        escalated ? "ESCALATED" : "CHASED",
                        Texts.trimToNull(note),
                        CurrentUser.name())
                .update();
    }

    /**
     * The townships (of the caller's subtree) whose leader has confirmed their own split of the campaign's target
     * over their villages: from then on that township works its residents, whatever the other townships do.
     */
    public List<String> confirmedTownships(long campaignId) {
        campaigns.get(campaignId);
        return jdbc.sql("select region_code from target where campaign_id = ? and level = 'TOWNSHIP' "
                        + "and confirmed_at is not null and region_code like ? || '%' order by region_code")
                .params(campaignId, scope.get().codePrefix())
                .query(String.class)
                .list();
    }

    /** The campaign and region a target breakdown instance claimed in its first step. */
    public record Breakdown(long campaignId, String regionCode) {}

    /** The breakdown of a process instance (its tasks' region), if the caller may see the region. */
    public Breakdown breakdownOf(String processInstanceId) {
        Breakdown b = jdbc.sql("select campaign_id, region_code from target where breakdown_instance_id = ?")
                .param(processInstanceId)
                .query((rs, n) -> new Breakdown(rs.getLong(1), rs.getString(2)))
                .optional()
                .orElseThrow(() -> new TargetException("targets.noBreakdown", processInstanceId));
        regions.get(b.regionCode());
        return b;
    }

    /** The county's row and its townships', for the campaign's publication. */
    public TargetTable countyTable(long campaignId) {
        return table(campaignId, campaigns.get(campaignId).countyCode());
    }

    /** A region's row and its children's, if the caller may see the region. */
    public TargetTable table(long campaignId, String regionCode) {
        Campaign c = campaigns.get(campaignId);
        return new TargetTable(
                campaignId, c.name(), c.year(), row(campaignId, regionCode), children(campaignId, regionCode));
    }

    /**
     * The progress of a region's children (townships or villages) towards their targets, in one
     * statement over the baseline; the caller must be allowed to see the region.
     */
    public List<TargetProgress> progress(long campaignId, String parentCode) {
        Campaign c = campaigns.get(campaignId);
        regions.get(parentCode);
        List<TargetProgress> rows = jdbc.sql("select t.region_code, t.target, coalesce(b.registered, 0), "
                        + "coalesce(b.insured_local + b.insured_elsewhere, 0), "
                        + "greatest(coalesce(b.insured_local + b.insured_elsewhere, 0) - coalesce(t.insured_at_start, 0), 0) "
                        + "from target t left join baseline b on b.region_code = t.region_code and b.year = ? "
                        + "where t.campaign_id = ? and t.parent_code = ? order by t.region_code")
                .params(c.year(), campaignId, parentCode)
                .query((rs, n) -> new TargetProgress(
                        rs.getString(1), null, rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)))
                .list();
        Map<String, String> names =
                regions.names(rows.stream().map(TargetProgress::regionCode).toList());
        return rows.stream()
                .filter(p -> names.containsKey(p.regionCode()))
                .map(p -> new TargetProgress(
                        p.regionCode(),
                        names.get(p.regionCode()),
                        p.target(),
                        p.registered(),
                        p.insuredNow(),
                        p.enrolled()))
                .toList();
    }

    /** The history of a region's target and its children's, newest first. */
    public List<TargetHistoryEntry> history(long campaignId, String regionCode) {
        row(campaignId, regionCode);
        List<TargetHistoryEntry> entries = jdbc.sql("select h.region_code, h.event, h.old_target, h.new_target, "
                        + "h.comment, h.actor, h.at from target_history h join target t on t.campaign_id = h.campaign_id "
                        + "and t.region_code = h.region_code where h.campaign_id = ? "
                        + "and (h.region_code = ? or t.parent_code = ?) order by h.at desc, h.id desc limit 500")
                .params(campaignId, regionCode, regionCode)
                .query((rs, n) -> new TargetHistoryEntry(
                        rs.getString(1),
                        null,
                        rs.getString(2),
                        (Integer) rs.getObject(3),
                        (Integer) rs.getObject(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getTimestamp(7).toInstant()))
                .list();
        Map<String, String> names = regions.names(
                entries.stream().map(TargetHistoryEntry::regionCode).toList());
        return entries.stream()
                .filter(e -> names.containsKey(e.regionCode()))
                .map(e -> new TargetHistoryEntry(
                        e.regionCode(),
                        names.get(e.regionCode()),
                        e.event(),
                        e.oldTarget(),
                        e.newTarget(),
                        e.comment(),
                        e.actor(),
                        e.at()))
                .toList();
    }

    /** One region's row; the region must be in the caller's scope and have a target in the campaign. */
    public TargetRow row(long campaignId, String regionCode) {
        Region region = regions.get(regionCode);
        return jdbc.sql(SELECT + " where t.campaign_id = ? and t.region_code = ?")
                .params(campaignId, region.code())
                .query(MAPPER)
                .optional()
                .map(t -> t.named(region.name()))
                .orElseThrow(() -> new TargetException("targets.noTarget", region.name()));
    }

    private List<TargetRow> children(long campaignId, String parentCode) {
        List<TargetRow> rows = jdbc.sql(
                        SELECT + " where t.campaign_id = ? and t.parent_code = ? order by t.region_code")
                .params(campaignId, parentCode)
                .query(MAPPER)
                .list();
        Map<String, String> names =
                regions.names(rows.stream().map(TargetRow::regionCode).toList());
        return rows.stream()
                .filter(r -> names.containsKey(r.regionCode()))
                .map(r -> r.named(names.get(r.regionCode())))
                .toList();
    }

    private List<String> childCodes(long campaignId, String parentCode) {
        return jdbc.sql("select region_code from target where campaign_id = ? and parent_code = ? order by region_code")
                .params(campaignId, parentCode)
                .query(String.class)
                .list();
    }

    /** Rows without their regions' names, which the region module gives. */
    private static final String SELECT = "select t.*, (select sum(c.target) from target c "
            + "where c.campaign_id = t.campaign_id and c.parent_code = t.region_code and t.confirmed_at is not null) "
            + "children_total from target t";

    private static final RowMapper<TargetRow> MAPPER = (rs, n) -> new TargetRow(
            rs.getString("region_code"),
            null,
            TargetLevel.valueOf(rs.getString("level")),
            rs.getString("parent_code"),
            rs.getInt("uninsured"),
            rs.getInt("lapsed"),
            rs.getInt("target"),
            "ASSIGNED".equals(rs.getString("status")),
            rs.getString("split_comment"),
            rs.getString("confirmed_by"),
            Timestamps.instant(rs.getTimestamp("confirmed_at")),
            rs.getObject("children_total") == null ? null : ((Number) rs.getObject("children_total")).intValue());

    /** A region's target in a campaign and the insured when it was proposed (null for grids). */
    public record CampaignTarget(String regionCode, int target, Integer insuredAtStart) {}

    /**
     * Every target of a campaign (county, townships, villages, grids) in one query, for figures that cover the
     * county; a user gets those of their region's subtree of a campaign they see.
     */
    public List<CampaignTarget> campaignTargets(long campaignId) {
        campaigns.get(campaignId);
        return jdbc.sql("select region_code, target, insured_at_start from target where campaign_id = ? "
                        + "and region_code like ? || '%'")
                .params(campaignId, scope.get().codePrefix())
                .query((rs, n) -> new CampaignTarget(rs.getString(1), rs.getInt(2), (Integer) rs.getObject(3)))
                .list();
    }
}
