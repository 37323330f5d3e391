package cn.canbao.outreach;

import cn.canbao.base.database.Timestamps;
import cn.canbao.outreach.process.OutreachProcess;
import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.RegionScope;
import cn.canbao.region.RegionService;
import cn.canbao.register.RegisterCandidates;
import cn.canbao.register.person.IdNumber;
import cn.canbao.register.person.MobileNumber;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import cn.canbao.sms.LatestSms;
import cn.canbao.sms.SmsService;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What people see of outreach, always within their own region: worklists, stage counts, a case's visits. */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class OutreachQueries {

    private final JdbcClient jdbc;
    private final CurrentRegionScope scope;
    private final TaskService tasks;
    private final SmsService smsStatus;
    private final RegisterCandidates register;
    private final RegionService regions;

    OutreachQueries(
            JdbcClient jdbc,
            CurrentRegionScope scope,
            TaskService tasks,
            SmsService smsStatus,
            RegisterCandidates register,
            RegionService regions) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.tasks = tasks;
        this.smsStatus = smsStatus;
        this.register = register;
        this.regions = regions;
    }

    /** A case as outreach keeps it, as {@link #CASE} reads it; {@link #named} adds its resident and region names. */
    // a household member's process is its lead's (issue 16: one visit per household)
    private static final String SELECT_CASE = "select oc.id, oc.campaign_id, oc.id_number, oc.kind, oc.village_code, "
            + "oc.grid_code, oc.stage, oc.end_reason, oc.next_action_at, oc.last_contact_at, "
            + "coalesce(oc.process_instance_id, lc.process_instance_id) process_instance_id "
            + "from outreach_case oc left join outreach_case lc on lc.id = oc.lead_case_id";

    private static final String IN_SCOPE = "(oc.grid_code like :prefix or oc.village_code like :prefix)";

    /** Who may look at residents in outreach: leaders, clerks and the visitors; not volunteers nor operators. */
    static final Role[] READERS = {
        Role.COUNTY_LEADER, Role.TOWNSHIP_LEADER, Role.VILLAGE_CADRE, Role.GRID_WORKER, Role.CLERK, Role.ADMIN
    };

    private String prefix() {
        RegionScope s = scope.get();
        if (!s.unrestricted()) {
            CurrentUser.requireActing(s.rootCode(), READERS);
        }
        return s.codePrefix() + "%";
    }

    /**
     * The cases of a campaign in the caller's region, live ones first by their next action (overdue visits on
     * top), then ended ones; with the open visit task of each, if any.
     */
    public List<OutreachCase> worklist(long campaignId, boolean liveOnly, int offset, int limit) {
        List<CaseRow> rows = jdbc.sql(SELECT_CASE + " where oc.campaign_id = :campaign and " + IN_SCOPE
                        // live only: in the order of the live cases' index (outreach_case_live_order)
                        + (liveOnly
                                ? " and oc.ended_at is null order by oc.next_action_at nulls last, oc.id "
                                : " order by oc.ended_at is not null, oc.next_action_at nulls last, oc.id ")
                        + "offset :offset limit :limit")
                .param("campaign", campaignId)
                .param("prefix", prefix())
                .param("offset", offset)
                .param("limit", limit)
                .query(CASE)
                .list();
        String[] instances = rows.stream()
                .map(CaseRow::instance)
                .filter(java.util.Objects::nonNull)
                .toArray(String[]::new);
        Map<String, Task> visitTasks = OutreachProcess.openVisits(tasks, instances);
        Map<String, LatestSms> sms =
                smsStatus.latest(rows.stream().map(CaseRow::idNumber).toList());
        List<OutreachCase> named = named(rows);
        List<OutreachCase> cases = new java.util.ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            CaseRow r = rows.get(i);
            cases.add(named.get(i)
                    .withLinks(
                            sms.containsKey(r.idNumber())
                                    ? sms.get(r.idNumber()).status().messageKey()
                                    : null,
                            r.instance() == null || !visitTasks.containsKey(r.instance())
                                    ? null
                                    : visitTasks.get(r.instance()).getId()));
        }
        return cases;
    }

    /** A case row of outreach's own table: the resident and the regions still to be named. */
    private record CaseRow(
            long id,
            long campaignId,
            String idNumber,
            String kind,
            String villageCode,
            String gridCode,
            OutreachStage stage,
            String endReason,
            Instant nextActionAt,
            Instant lastContactAt,
            String instance) {}

    private static final org.springframework.jdbc.core.RowMapper<CaseRow> CASE = (rs, n) -> new CaseRow(
            rs.getLong("id"),
            rs.getLong("campaign_id"),
            rs.getString("id_number"),
            rs.getString("kind"),
            rs.getString("village_code"),
            rs.getString("grid_code"),
            OutreachStage.valueOf(rs.getString("stage")),
            rs.getString("end_reason"),
            Timestamps.instant(rs.getTimestamp("next_action_at")),
            Timestamps.instant(rs.getTimestamp("last_contact_at")),
            rs.getString("process_instance_id"));

    /**
     * The rows as people see them: the resident's name and masked mobile from the register (one call for the page;
     * a resident it does not show the caller stays unnamed), the region's name (grid, else village) from the regions
     * (one call), the ID number masked.
     */
    private List<OutreachCase> named(List<CaseRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, RegisterCandidates.Resident> residents =
                register.residents(rows.stream().map(CaseRow::idNumber).toList());
        List<String> codes = new java.util.ArrayList<>();
        rows.forEach(r -> {
            codes.add(r.villageCode());
            codes.add(r.gridCode());
        });
        Map<String, String> names = regions.names(codes);
        return rows.stream()
                .map(r -> {
                    RegisterCandidates.Resident p = residents.get(r.idNumber());
                    String regionName = r.gridCode() != null && names.containsKey(r.gridCode())
                            ? names.get(r.gridCode())
                            : names.getOrDefault(r.villageCode(), "");
                    return new OutreachCase(
                            r.id(),
                            r.campaignId(),
                            p == null ? "" : p.name(),
                            IdNumber.mask(r.idNumber()),
                            p == null ? null : MobileNumber.mask(p.mobile()),
                            r.kind(),
                            r.gridCode(),
                            regionName,
                            r.stage(),
                            r.endReason(),
                            r.nextActionAt(),
                            r.lastContactAt(),
                            null,
                            null);
                })
                .toList();
    }

    /** How many cases of the campaign in the caller's region stand at each stage. */
    public Map<OutreachStage, Integer> stageCounts(long campaignId) {
        Map<OutreachStage, Integer> counts = new EnumMap<>(OutreachStage.class);
        for (OutreachStage s : OutreachStage.values()) {
            counts.put(s, 0);
        }
        jdbc.sql("select oc.stage, count(*) from outreach_case oc where oc.campaign_id = :campaign and " + IN_SCOPE
                        + " group by oc.stage")
                .param("campaign", campaignId)
                .param("prefix", prefix())
                .query((rs, n) -> counts.put(OutreachStage.valueOf(rs.getString(1)), rs.getInt(2)))
                .list();
        return counts;
    }

    /** How the cases of the campaign in the caller's region ended, by reason (PAYMENT_RECEIVED or a visit outcome). */
    public Map<String, Integer> endReasons(long campaignId) {
        return jdbc
                .sql("select oc.end_reason, count(*) from outreach_case oc where oc.campaign_id = :campaign and "
                        + IN_SCOPE + " and oc.ended_at is not null group by oc.end_reason order by 2 desc")
                .param("campaign", campaignId)
                .param("prefix", prefix())
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    /** One visit as the case history shows it. */
    public record Visit(
            Instant at,
            String by,
            ContactMethod method,
            VisitOutcome outcome,
            String reason,
            java.time.LocalDate promisedDate,
            String note) {}

    /** The visits of a case in the caller's region, newest first. */
    public List<Visit> visits(long caseId) {
        return jdbc.sql("select v.visited_at, v.visited_by, v.method, v.outcome, v.reason, v.promised_date, v.note "
                        + "from visit v join outreach_case oc on oc.id = v.case_id where v.case_id = :case and "
                        + IN_SCOPE + " order by v.visited_at desc, v.id desc")
                .param("case", caseId)
                .param("prefix", prefix())
                .query((rs, n) -> new Visit(
                        Timestamps.instant(rs.getTimestamp(1)),
                        rs.getString(2),
                        ContactMethod.valueOf(rs.getString(3)),
                        VisitOutcome.valueOf(rs.getString(4)),
                        rs.getString(5),
                        rs.getObject(6, java.time.LocalDate.class),
                        rs.getString(7)))
                .list();
    }

    /** The case behind a visit task's process, in the caller's region (the visit form's header). */
    public OutreachCase caseOf(long caseId) {
        CaseRow row = jdbc.sql(SELECT_CASE + " where oc.id = :case and " + IN_SCOPE)
                .param("case", caseId)
                .param("prefix", prefix())
                .query(CASE)
                .optional()
                .orElseThrow(() -> new OutreachException("outreach.error.caseNotFound", caseId));
        return named(List.of(row)).get(0);
    }

    /**
     * The cases of these ids in the caller's region, in one read (the field page's worklist of visit tasks); ids of
     * cases elsewhere are left out.
     */
    public List<OutreachCase> casesOf(java.util.Collection<Long> caseIds) {
        if (caseIds.isEmpty()) {
            return List.of();
        }
        List<CaseRow> rows = jdbc.sql(SELECT_CASE + " where oc.id = any(:cases) and " + IN_SCOPE + " order by oc.id")
                .param("cases", caseIds.toArray(Long[]::new))
                .param("prefix", prefix())
                .query(CASE)
                .list();
        return named(rows);
    }

    /** A member of a household visit: their case, relation to the head, and the case as the worklist shows it. */
    public record HouseholdMember(long caseId, String relation, OutreachCase shown) {}

    /**
     * The open cases one visit of this case covers, head first — the case and the members it leads, in the caller's
     * region — with each member's relation to the household's head (issue 16: "one visit covers all uninsured members").
     */
    public List<HouseholdMember> household(long caseId) {
        return households(List.of(caseId)).getOrDefault(caseId, List.of());
    }

    /**
     * {@link #household} of several cases in one read (the field page's worklist): case id → its open members, head
     * first; a case with none open in the caller's region is left out.
     */
    public Map<Long, List<HouseholdMember>> households(java.util.Collection<Long> caseIds) {
        if (caseIds.isEmpty()) {
            return Map.of();
        }
        Long[] ids = caseIds.toArray(Long[]::new);
        List<Long> visitOf = new java.util.ArrayList<>();
        List<CaseRow> rows = jdbc.sql(
                        "select case when oc.id = any(:cases) then oc.id else oc.lead_case_id end visit_of, "
                                + SELECT_CASE.substring("select ".length())
                                + " where (oc.id = any(:cases) or oc.lead_case_id = any(:cases)) "
                                + "and oc.ended_at is null and " + IN_SCOPE
                                + " order by visit_of, oc.household_rank nulls first, oc.id")
                .param("cases", ids)
                .param("prefix", prefix())
                .query((rs, n) -> {
                    visitOf.add(rs.getLong("visit_of"));
                    return CASE.mapRow(rs, n);
                })
                .list();
        Map<String, RegisterCandidates.Resident> residents =
                register.residents(rows.stream().map(CaseRow::idNumber).toList());
        List<OutreachCase> named = named(rows);
        Map<Long, List<HouseholdMember>> households = new java.util.LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            RegisterCandidates.Resident r = residents.get(rows.get(i).idNumber());
            households
                    .computeIfAbsent(visitOf.get(i), k -> new java.util.ArrayList<>())
                    .add(new HouseholdMember(
                            rows.get(i).id(),
                            cn.canbao.register.person.HouseholdRelation.said(r == null ? null : r.householdRelation()),
                            named.get(i)));
        }
        return households;
    }

    /** Visits recorded in a region's subtree in a time window (the village daily summary counts them). */
    public int visitsIn(String regionCode, Instant since, Instant until) {
        CurrentUser.requireActing(regionCode, READERS);
        return jdbc.sql("select count(*) from visit where (grid_code like :prefix or village_code like :prefix) "
                        + "and visited_at > :since and visited_at <= :until")
                .param("prefix", regionCode + "%")
                .param("since", Timestamp.from(since))
                .param("until", Timestamp.from(until))
                .query(Integer.class)
                .single();
    }

    /**
     * Promised payments falling due on a day (from its start to the next day's start), per region code (a grid or a village, its cases exactly): the households
     * whose promised day it is and whose case is still open. Counts only, for the system's morning digests (issue 20).
     */
    @PreAuthorize("hasRole('SYSTEM')")
    public Map<String, Integer> promisesDue(
            Instant dayStart, Instant nextDayStart, java.util.Collection<String> regionCodes) {
        Map<String, Integer> out = new java.util.HashMap<>();
        jdbc.sql(
                        "select r.code, count(distinct coalesce(c.household_key, c.id_number)) from unnest(?::varchar[]) r(code) "
                                + "join outreach_case c on (c.grid_code = r.code or c.village_code = r.code) "
                                + "where c.ended_at is null and c.stage = 'PROMISED' and c.next_action_at >= ? "
                                + "and c.next_action_at <= ? group by r.code")
                .params(regionCodes.toArray(String[]::new), Timestamp.from(dayStart), Timestamp.from(nextDayStart))
                .query(rs -> {
                    out.put(rs.getString(1), rs.getInt(2));
                });
        return out;
    }
}
