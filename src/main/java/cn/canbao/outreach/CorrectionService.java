package cn.canbao.outreach;

import cn.canbao.register.RegisterService;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;

/**
 * Data corrections (数据更正): a grid worker reports a resident moved, deceased or insured elsewhere, with
 * evidence; a county clerk verifies it in a {@code DataCorrection} task, and only an approval changes the register.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional
public class CorrectionService {

    private final JdbcClient jdbc;
    private final RuntimeService runtime;
    private final RegisterService register;

    CorrectionService(JdbcClient jdbc, RuntimeService runtime, RegisterService register) {
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.register = register;
    }

    /**
     * Files the request and starts its verification by the county's clerks; returns the request id. Only
     * {@link OutreachService#recordVisit}, which checked the visitor, files requests.
     */
    long request(String idNumber, Long campaignId, String countyCode, Long visitId, VisitReport report, String by) {
        CorrectionKind kind = CorrectionKind.of(report.outcome());
        long id = jdbc.sql("insert into correction_request (id_number, campaign_id, visit_id, kind, evidence, moved_to, "
                        + "event_date, insured_scheme, insured_where, requested_by, requested_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id")
                .params(idNumber, campaignId, visitId, kind.name(), report.evidence().strip(),
                        kind == CorrectionKind.MOVED ? blankToNull(report.movedTo()) : null,
                        kind == CorrectionKind.DECEASED ? report.eventDate() : null,
                        kind == CorrectionKind.INSURED_ELSEWHERE ? report.insuredScheme() : null,
                        kind == CorrectionKind.INSURED_ELSEWHERE ? blankToNull(report.insuredWhere()) : null,
                        by, new Timestamp(ClockUtil.getCurrentTime().getTime()))
                .query(Long.class).single();
        String instance = runtime.createProcessInstanceByKey(OutreachProcess.CORRECTION_KEY)
                .businessKey(Long.toString(id))
                .setVariables(Variables.createVariables()
                        .putValue(OutreachProcess.VAR_REQUEST_ID, id)
                        .putValue(OutreachProcess.VAR_CLERK_GROUP, Role.CLERK.groupAt(countyCode))
                        .putValue(OutreachProcess.VAR_REGION_NAME, kindLabel(kind)))
                .execute().getId();
        jdbc.sql("update correction_request set process_instance_id = ? where id = ?").params(instance, id).update();
        return id;
    }

    private static String kindLabel(CorrectionKind kind) {
        return switch (kind) {
            case MOVED -> "迁出/搬离";
            case DECEASED -> "死亡";
            case INSURED_ELSEWHERE -> "已在外地参保";
        };
    }

    /** The request as the clerk's form shows it. */
    @Transactional(readOnly = true)
    public CorrectionRequest get(long id) {
        CorrectionRequest r = find(id);
        CurrentUser.requireActing(r.regionCode(), READERS);
        return r;
    }

    private CorrectionRequest find(long id) {
        return jdbc.sql(CorrectionRequest.SELECT + " where r.id = ?").param(id).query(CorrectionRequest.MAPPER)
                .optional().orElseThrow(() -> new OutreachException("outreach.correction.notFound", id));
    }

    /** Who may read a request of their region: its reviewers, leaders, and the visitors who file them. */
    private static final Role[] READERS = {Role.CLERK, Role.ADMIN, Role.COUNTY_LEADER, Role.TOWNSHIP_LEADER,
            Role.VILLAGE_CADRE, Role.GRID_WORKER};

    /** The requests filed for a person, newest first. */
    @Transactional(readOnly = true)
    public List<CorrectionRequest> ofPerson(String idNumber) {
        List<CorrectionRequest> found = jdbc.sql(CorrectionRequest.SELECT + " where r.id_number = ? order by r.id desc")
                .param(idNumber).query(CorrectionRequest.MAPPER).list();
        found.forEach(r -> CurrentUser.requireActing(r.regionCode(), READERS));
        return found;
    }

    /**
     * The clerk's decision (once): an approval applies the correction to the register (logged as the clerk),
     * a rejection needs a note saying why.
     */
    public void decide(long id, boolean approved, String note, String by) {
        CorrectionRequest r = find(id);
        CurrentUser.requireActing(r.regionCode(), Role.CLERK);
        if (r.status() != CorrectionRequest.Status.PENDING) {
            throw new OutreachException("outreach.correction.decided", id);
        }
        if (!approved && blankToNull(note) == null) {
            throw new OutreachException("outreach.correction.noteRequired");
        }
        if (approved) {
            switch (r.kind()) {
                case DECEASED -> register.recordDeath(r.idNumber(), r.eventDate(), by);
                case MOVED -> register.recordMove(r.idNumber(), r.movedTo(), by);
                case INSURED_ELSEWHERE -> register.recordInsuredElsewhere(r.idNumber(), yearOf(r), r.insuredScheme(),
                        r.insuredWhere(), by);
            }
        }
        jdbc.sql("update correction_request set status = ?, decided_by = ?, decided_at = ?, decision_note = ? where id = ?")
                .params(approved ? "APPROVED" : "REJECTED", by, new Timestamp(ClockUtil.getCurrentTime().getTime()),
                        blankToNull(note), id).update();
    }

    private int yearOf(CorrectionRequest r) {
        if (r.campaignId() != null) {
            return jdbc.sql("select year from campaign where id = ?").param(r.campaignId()).query(Integer.class).single();
        }
        return LocalDate.now(cn.canbao.campaign.CampaignService.ZONE).getYear();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
