package cn.canbao.outreach.correction;

import cn.canbao.base.StoredMessage;
import cn.canbao.base.Texts;
import cn.canbao.campaign.CampaignService;
import cn.canbao.outreach.OutreachException;
import cn.canbao.outreach.OutreachService;
import cn.canbao.outreach.VisitReport;
import cn.canbao.outreach.process.OutreachProcess;
import cn.canbao.region.Region;
import cn.canbao.region.RegionService;
import cn.canbao.register.RegisterCandidates;
import cn.canbao.register.RegisterService;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
    private final RegisterCandidates persons;
    private final CampaignService campaigns;
    private final RegionService regions;
    private final Clock clock;

    CorrectionService(
            JdbcClient jdbc,
            RuntimeService runtime,
            RegisterService register,
            RegisterCandidates persons,
            CampaignService campaigns,
            RegionService regions,
            Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.register = register;
        this.persons = persons;
        this.campaigns = campaigns;
        this.regions = regions;
    }

    /**
     * Files the request and starts its verification by the county's clerks; returns the request id. Only
     * {@link OutreachService#recordVisit}, which checked the visitor, files requests.
     */
    public long request(
            String idNumber, Long campaignId, String countyCode, Long visitId, VisitReport report, String by) {
        CorrectionKind kind = CorrectionKind.of(report.outcome());
        long id = jdbc.sql(
                        "insert into correction_request (id_number, campaign_id, visit_id, kind, evidence, moved_to, "
                                + "event_date, insured_scheme, insured_where, requested_by, requested_at) "
                                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id")
                .params(
                        idNumber,
                        campaignId,
                        visitId,
                        kind.name(),
                        report.evidence().strip(),
                        kind == CorrectionKind.MOVED ? Texts.stripToNull(report.movedTo()) : null,
                        kind == CorrectionKind.DECEASED ? report.eventDate() : null,
                        kind == CorrectionKind.INSURED_ELSEWHERE ? report.insuredScheme() : null,
                        kind == CorrectionKind.INSURED_ELSEWHERE ? Texts.stripToNull(report.insuredWhere()) : null,
                        by,
                        new Timestamp(clock.millis()))
                .query(Long.class)
                .single();
        String instance = runtime.createProcessInstanceByKey(OutreachProcess.CORRECTION_KEY)
                .businessKey(Long.toString(id))
                .setVariables(Variables.createVariables()
                        .putValue(OutreachProcess.VAR_REQUEST_ID, id)
                        .putValue(OutreachProcess.VAR_CLERK_GROUP, Role.CLERK.groupAt(countyCode))
                        .putValue(OutreachProcess.VAR_REGION_NAME, kindLabel(kind)))
                .execute()
                .getId();
        jdbc.sql("update correction_request set process_instance_id = ? where id = ?")
                .params(instance, id)
                .update();
        return id;
    }

    /** What the clerk's task card says the request is about, in the clerk's language (a stored message). */
    private static String kindLabel(CorrectionKind kind) {
        return StoredMessage.of("outreach.correction.task." + kind.name());
    }

    /** The request as the clerk's form shows it. */
    @Transactional(readOnly = true)
    public CorrectionRequest get(long id) {
        CorrectionRequest r = find(id);
        CurrentUser.requireActing(r.regionCode(), READERS);
        return r;
    }

    private CorrectionRequest find(long id) {
        CorrectionRequest r = jdbc.sql(CorrectionRequest.SELECT + " where r.id = ?")
                .param(id)
                .query(CorrectionRequest.MAPPER)
                .optional()
                .orElseThrow(() -> new OutreachException("outreach.correction.notFound", id));
        return completed(List.of(r)).get(0);
    }

    /**
     * The requests with their resident's name and, where no visit placed them, the resident's region (one register
     * call, as the caller may see them), and the name of the region moved to (any region: the visitor could name any).
     */
    private List<CorrectionRequest> completed(List<CorrectionRequest> requests) {
        if (requests.isEmpty()) {
            return requests;
        }
        Map<String, RegisterCandidates.Resident> residents = persons.residents(
                requests.stream().map(CorrectionRequest::idNumber).toList());
        Map<String, String> movedTo = new HashMap<>();
        requests.stream()
                .map(CorrectionRequest::movedTo)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .forEach(code ->
                        regions.findUnscoped(code).map(Region::name).ifPresent(name -> movedTo.put(code, name)));
        return requests.stream()
                .map(r -> {
                    RegisterCandidates.Resident p = residents.get(r.idNumber());
                    String region = r.regionCode() != null || p == null
                            ? r.regionCode()
                            : p.residenceRegion() != null ? p.residenceRegion() : p.householdRegion();
                    return r.with(
                            p == null ? null : p.name(), region, r.movedTo() == null ? null : movedTo.get(r.movedTo()));
                })
                .toList();
    }

    /** Who may read a request of their region: its reviewers, leaders, and the visitors who file them. */
    private static final Role[] READERS = {
        Role.CLERK, Role.ADMIN, Role.COUNTY_LEADER, Role.TOWNSHIP_LEADER, Role.VILLAGE_CADRE, Role.GRID_WORKER
    };

    /** The requests filed for a person, newest first. */
    @Transactional(readOnly = true)
    public List<CorrectionRequest> ofPerson(String idNumber) {
        List<CorrectionRequest> found =
                completed(jdbc.sql(CorrectionRequest.SELECT + " where r.id_number = ? order by r.id desc")
                        .param(idNumber)
                        .query(CorrectionRequest.MAPPER)
                        .list());
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
        if (!approved && Texts.stripToNull(note) == null) {
            throw new OutreachException("outreach.correction.noteRequired");
        }
        if (approved) {
            switch (r.kind()) {
                case DECEASED -> register.recordDeath(r.idNumber(), r.eventDate(), by);
                case MOVED -> register.recordMove(r.idNumber(), r.movedTo(), by);
                case INSURED_ELSEWHERE ->
                    register.recordInsuredElsewhere(r.idNumber(), yearOf(r), r.insuredScheme(), r.insuredWhere(), by);
            }
        }
        jdbc.sql(
                        "update correction_request set status = ?, decided_by = ?, decided_at = ?, decision_note = ? where id = ?")
                .params(
                        approved ? "APPROVED" : "REJECTED",
                        by,
                        new Timestamp(clock.millis()),
                        Texts.stripToNull(note),
                        id)
                .update();
    }

    private int yearOf(CorrectionRequest r) {
        if (r.campaignId() != null) {
            return campaigns.get(r.campaignId()).year();
        }
        return LocalDate.now(clock).getYear();
    }
}
