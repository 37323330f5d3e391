package cn.canbao.escalation.persistence;

import cn.canbao.base.database.Timestamps;
import cn.canbao.escalation.EscalationCase;
import cn.canbao.escalation.EscalationEvent;
import cn.canbao.escalation.EscalationStatus;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.security.CurrentUser;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The case and event rows. Times are the engine's clock (the process moves by it, and so should the
 * history); every change of a case writes an event with the acting user or "system".
 */
@Repository
public class EscalationCases {

    private final JdbcClient jdbc;
    private final RegionService regions;
    private final Clock clock;

    EscalationCases(JdbcClient jdbc, RegionService regions, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.regions = regions;
    }

    public long open(long campaignId, String townshipCode, long bulletinId, String reason) {
        long id = jdbc.sql("insert into escalation_case (campaign_id, township_code, bulletin_id, reason, opened_at) "
                        + "values (?,?,?,?,?) returning id")
                .params(campaignId, townshipCode, bulletinId, reason, now())
                .query(Long.class)
                .single();
        event(id, "OPENED", reason);
        return id;
    }

    public void started(long caseId, String processInstanceId) {
        jdbc.sql("update escalation_case set process_instance_id = ? where id = ?")
                .params(processInstanceId, caseId)
                .update();
    }

    /** Open cases of the campaign: township code → case id. */
    public Map<String, Long> openByTownship(long campaignId) {
        return jdbc
                .sql("select township_code, id from escalation_case where campaign_id = ? and closed_at is null")
                .params(campaignId)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** A case, if its township starts with the prefix (the caller's scope; "" for everything). */
    public Optional<EscalationCase> find(long caseId, String codePrefix) {
        return named(jdbc.sql(SELECT + " where c.id = ? and c.township_code like ? || '%'")
                        .params(caseId, codePrefix)
                        .query(MAPPER)
                        .list())
                .stream()
                .findFirst();
    }

    public Optional<Long> idOfInstance(String processInstanceId) {
        return jdbc.sql("select id from escalation_case where process_instance_id = ?")
                .param(processInstanceId)
                .query(Long.class)
                .optional();
    }

    public List<EscalationCase> list(long campaignId, String codePrefix) {
        return named(jdbc.sql(SELECT + " where c.campaign_id = ? and c.township_code like ? || '%' "
                        + "order by c.opened_at desc, c.id desc")
                .params(campaignId, codePrefix)
                .query(MAPPER)
                .list());
    }

    /** The cases with their townships' names (one query); a case of an unknown township is left out, as a join would. */
    private List<EscalationCase> named(List<EscalationCase> cases) {
        Map<String, String> names =
                regions.names(cases.stream().map(EscalationCase::townshipCode).toList());
        return cases.stream()
                .filter(c -> names.containsKey(c.townshipCode()))
                .map(c -> c.withTownshipName(names.get(c.townshipCode())))
                .toList();
    }

    public List<EscalationEvent> history(long caseId) {
        return jdbc.sql("select * from escalation_event where case_id = ? order by id")
                .params(caseId)
                .query((rs, n) -> new EscalationEvent(
                        rs.getLong("id"),
                        rs.getLong("case_id"),
                        rs.getString("event"),
                        rs.getString("detail"),
                        rs.getString("actor"),
                        rs.getTimestamp("at").toInstant()))
                .list();
    }

    public void confirmed(long caseId) {
        jdbc.sql("update escalation_case set status = 'SUMMONS' where id = ?")
                .params(caseId)
                .update();
    }

    public void waived(long caseId, String reason) {
        jdbc.sql("update escalation_case set status = 'WAIVED', waive_reason = ?, closed_at = ? where id = ?")
                .params(reason, now(), caseId)
                .update();
    }

    public void postponed(long caseId, LocalDate until) {
        jdbc.sql("update escalation_case set status = 'POSTPONED', postponed_until = ? where id = ?")
                .params(until, caseId)
                .update();
    }

    public void proposedAgain(long caseId) {
        jdbc.sql("update escalation_case set status = 'PROPOSED' where id = ?")
                .params(caseId)
                .update();
    }

    /** Still lagging with no level above the county to report to: the case ends at the county. */
    public void unresolved(long caseId) {
        jdbc.sql("update escalation_case set status = 'UNRESOLVED', report_levels = '{}', closed_at = ? where id = ?")
                .params(now(), caseId)
                .update();
    }

    public void summoned(
            long caseId, LocalDate date, String attendees, String minutes, Instant planDue, LocalDate deadline) {
        jdbc.sql("update escalation_case set status = 'RECTIFYING', summons_date = ?, attendees = ?, minutes = ?, "
                        + "plan_due = ?, plan_deadline = ? where id = ?")
                .params(date, attendees, minutes, Timestamp.from(planDue), deadline, caseId)
                .update();
    }

    public void planSubmitted(long caseId, String plan) {
        jdbc.sql("update escalation_case set status = 'RECHECK', plan = ? where id = ?")
                .params(plan, caseId)
                .update();
    }

    public void rechecked(long caseId, BigDecimal completion, BigDecimal expected, boolean resolved) {
        jdbc.sql("update escalation_case set recheck_completion = ?, recheck_expected = ?, "
                        + "status = case when ? then 'RESOLVED' else status end, "
                        + "closed_at = case when ? then ? else closed_at end where id = ?")
                .params(completion, expected, resolved, resolved, now(), caseId)
                .update();
    }

    public void escalated(long caseId, int level, List<RegionLevel> to) {
        jdbc.sql(
                        "update escalation_case set status = 'ESCALATED', level = ?, report_levels = ?::varchar[] where id = ?")
                .params(level, to.stream().map(Enum::name).toArray(String[]::new), caseId)
                .update();
    }

    public void reported(long caseId, String report, String reportedTo) {
        jdbc.sql("update escalation_case set report = ?, reported_to = ?, closed_at = ? where id = ?")
                .params(report, reportedTo, now(), caseId)
                .update();
    }

    public void event(long caseId, String event, String detail) {
        jdbc.sql("insert into escalation_event (case_id, event, detail, actor, at) values (?,?,?,?,?)")
                .params(caseId, event, detail, CurrentUser.name(), now())
                .update();
    }

    private Timestamp now() {
        return new Timestamp(clock.millis());
    }

    /** Cases without their townships' names, which the region module gives ({@link #named}). */
    private static final String SELECT = "select c.* from escalation_case c";

    private static final RowMapper<EscalationCase> MAPPER = (rs, n) -> new EscalationCase(
            rs.getLong("id"),
            rs.getLong("campaign_id"),
            rs.getString("township_code"),
            null,
            rs.getLong("bulletin_id"),
            rs.getString("reason"),
            rs.getInt("level"),
            EscalationStatus.valueOf(rs.getString("status")),
            rs.getObject("summons_date", LocalDate.class),
            rs.getString("attendees"),
            rs.getString("minutes"),
            rs.getString("plan"),
            Timestamps.instant(rs.getTimestamp("plan_due")),
            rs.getObject("plan_deadline", LocalDate.class),
            rs.getBigDecimal("recheck_completion"),
            rs.getBigDecimal("recheck_expected"),
            rs.getString("report"),
            rs.getString("reported_to"),
            rs.getString("process_instance_id"),
            Timestamps.instant(rs.getTimestamp("opened_at")),
            Timestamps.instant(rs.getTimestamp("closed_at")),
            rs.getString("waive_reason"),
            rs.getObject("postponed_until", LocalDate.class),
            levels(rs.getArray("report_levels")));

    private static List<RegionLevel> levels(java.sql.Array array) throws java.sql.SQLException {
        return array == null
                ? null
                : java.util.Arrays.stream((String[]) array.getArray())
                        .map(RegionLevel::valueOf)
                        .toList();
    }
}
