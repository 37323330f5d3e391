package cn.canbao.register.transfers;

import cn.canbao.base.Texts;
import cn.canbao.base.database.Timestamps;
import cn.canbao.region.CurrentRegionScope;
import cn.canbao.region.RegionScope;
import cn.canbao.region.RegionService;
import cn.canbao.register.RegisterException;
import cn.canbao.register.RegisterService;
import cn.canbao.register.person.IdNumber;
import cn.canbao.security.CanbaoUser;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.LogSafe;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityAudit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deciding transfer requests (户籍迁移审核). An import never moves a person's household across the edge of
 * its region: such a row waits here. Both sides see the request; the side the import did not cover decides —
 * a clerk whose region covers that village (its township's clerk, or the county clerk above both), never
 * the requester. Approval moves the person through the register's move logic with change-log rows; a
 * rejection leaves the file as it was. Every decision, and every refused attempt, is in the security audit.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class HouseholdTransferService {

    private static final Logger log = LoggerFactory.getLogger(HouseholdTransferService.class);
    public static final int NOTE_LENGTH = 500;
    private static final String AUDIT_ACTION = "TRANSFER_DECIDED";
    // the region names are the region module's: rows carry codes, named per list in one call (named())
    private static final String SELECT = "select h.id, h.id_number, h.name, h.from_region, h.to_region, "
            + "h.to_residence, h.to_grid, h.event, h.event_date, h.approver_region, h.import_id, h.requested_by, "
            + "h.requested_at, h.status, h.decided_by, h.decided_at, h.note from household_transfer h ";

    private final JdbcTemplate jdbc;
    private final CurrentRegionScope scope;
    private final RegisterService register;
    private final SecurityAudit audit;
    private final RegionService regions;

    HouseholdTransferService(
            JdbcTemplate jdbc,
            CurrentRegionScope scope,
            RegisterService register,
            SecurityAudit audit,
            RegionService regions) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.scope = scope;
        this.register = register;
        this.audit = audit;
    }

    /** The requests of the caller's region (either side in it), newest first; all statuses when null. */
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
    public List<HouseholdTransfer> list(HouseholdTransfer.Status status, int limit) {
        String like = scope.get().codePrefix() + "%";
        String wanted = status == null ? null : status.name();
        return named(jdbc.query(
                SELECT + "where (h.from_region like ? or h.to_region like ?) "
                        + "and (?::text is null or h.status = ?) order by h.requested_at desc, h.id desc limit ?",
                (rs, n) -> map(rs),
                like,
                like,
                wanted,
                wanted,
                Math.max(1, Math.min(limit, 1000))));
    }

    /** One request of the caller's region. */
    @PreAuthorize("hasAnyRole('ADMIN', 'CLERK')")
    public HouseholdTransfer get(long id) {
        return visible(id, false);
    }

    /** Approves: the person's household (residence, grid, address) becomes the requested one. */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public HouseholdTransfer approve(long id, String note) {
        HouseholdTransfer request = decidable(id, "APPROVE");
        String person = jdbc.queryForObject("select id_number from household_transfer where id = ?", String.class, id);
        List<String> current = jdbc.queryForList(
                "select coalesce(household_region, '') from person " + "where id_number = ? for update",
                String.class,
                person);
        if (current.isEmpty() || !current.get(0).equals(request.fromRegion())) {
            throw new RegisterException(
                    "register.transfer.stale",
                    request.maskedId(),
                    current.isEmpty()
                            ? "—"
                            : labels(List.of(current.get(0))).getOrDefault(current.get(0), current.get(0)));
        }
        String by = CurrentUser.name();
        register.recordHouseholdMove(
                person,
                request.toRegion(),
                request.toResidence(),
                request.toGrid(),
                jdbc.queryForObject("select to_address from household_transfer where id = ?", String.class, id),
                by);
        return decide(request, HouseholdTransfer.Status.APPROVED, note);
    }

    /** Rejects with a reason: the person's file stays as it is. */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public HouseholdTransfer reject(long id, String note) {
        if (note == null || note.isBlank()) {
            throw new RegisterException("register.transfer.noteRequired");
        }
        return decide(decidable(id, "REJECT"), HouseholdTransfer.Status.REJECTED, note);
    }

    private HouseholdTransfer decide(HouseholdTransfer request, HouseholdTransfer.Status outcome, String note) {
        String text = Texts.stripToNull(note);
        if (text != null && text.length() > NOTE_LENGTH) {
            throw new RegisterException("register.transfer.noteTooLong", NOTE_LENGTH);
        }
        jdbc.update(
                "update household_transfer set status = ?, decided_by = ?, decided_at = now(), note = ? "
                        + "where id = ? and status = 'PENDING'",
                outcome.name(),
                CurrentUser.name(),
                text,
                request.id());
        audit.record(
                AUDIT_ACTION,
                "transfer " + request.id(),
                SecurityAudit.Outcome.ALLOWED,
                outcome + " " + request.fromRegion() + " -> " + request.toRegion());
        log.info(
                "Transfer {} of {} {} by {}",
                request.id(),
                request.maskedId(),
                outcome,
                LogSafe.of(CurrentUser.name()));
        return visible(request.id(), false);
    }

    /** The pending request, locked, if the caller may decide it; else refused (and audited). */
    private HouseholdTransfer decidable(long id, String act) {
        HouseholdTransfer request = visible(id, true);
        if (request.status() != HouseholdTransfer.Status.PENDING) {
            throw new RegisterException("register.transfer.decided", id, request.decidedBy());
        }
        if (!request.decidable()) {
            audit.record(
                    AUDIT_ACTION,
                    "transfer " + id,
                    SecurityAudit.Outcome.REFUSED,
                    act + " refused: " + "the requester, or not covering " + request.approverRegion());
            throw new RegisterException("register.transfer.outOfScope", request.approverName());
        }
        return request;
    }

    private HouseholdTransfer visible(long id, boolean lock) {
        String like = scope.get().codePrefix() + "%";
        List<HouseholdTransfer> found = jdbc.query(
                SELECT + "where h.id = ? and (h.from_region like ? " + "or h.to_region like ?)"
                        + (lock ? " for update of h" : ""),
                (rs, n) -> map(rs),
                id,
                like,
                like);
        if (found.isEmpty()) {
            throw new RegisterException("register.transfer.notFound", id);
        }
        return named(found).get(0);
    }

    /**
     * The requests with the names (township and village) of their regions, asked of the region module in one
     * call; a code without a region keeps the code. Both sides are named, inside the caller's region or not:
     * the request is about both.
     */
    private List<HouseholdTransfer> named(List<HouseholdTransfer> found) {
        Set<String> codes = new HashSet<>();
        found.forEach(t -> Stream.of(t.fromRegion(), t.toRegion(), t.approverRegion())
                .filter(Objects::nonNull)
                .forEach(codes::add));
        Map<String, String> labels = labels(codes);
        return found.stream()
                .map(t -> new HouseholdTransfer(
                        t.id(),
                        t.maskedId(),
                        t.name(),
                        t.fromRegion(),
                        labels.getOrDefault(t.fromRegion(), t.fromRegion()),
                        t.toRegion(),
                        labels.getOrDefault(t.toRegion(), t.toRegion()),
                        t.toResidence(),
                        t.toGrid(),
                        t.event(),
                        t.eventDate(),
                        t.approverRegion(),
                        labels.getOrDefault(t.approverRegion(), t.approverRegion()),
                        t.importId(),
                        t.requestedBy(),
                        t.requestedAt(),
                        t.status(),
                        t.decidedBy(),
                        t.decidedAt(),
                        t.note(),
                        t.decidable()))
                .toList();
    }

    private Map<String, String> labels(Collection<String> codes) {
        Map<String, String> labels = new HashMap<>();
        if (!codes.isEmpty()) {
            regions.labels(codes).forEach((code, label) -> labels.put(code, label.full()));
        }
        return labels;
    }

    /**
     * Whether the caller decides this request: a clerk (not the requester) whose region covers the side the
     * requesting import did not cover. A county clerk covers both sides, so the level above can always decide.
     */
    private boolean mayDecide(String status, String approverRegion, String requestedBy) {
        if (!"PENDING".equals(status)) {
            return false;
        }
        CanbaoUser user = CurrentUser.get().orElse(null);
        if (user == null || !user.hasRole(Role.CLERK) || user.getUsername().equals(requestedBy)) {
            return false;
        }
        RegionScope s = scope.get();
        return s.unrestricted() || approverRegion.startsWith(s.codePrefix());
    }

    private HouseholdTransfer map(ResultSet rs) throws SQLException {
        return new HouseholdTransfer(
                rs.getLong("id"),
                IdNumber.mask(rs.getString("id_number")),
                rs.getString("name"),
                rs.getString("from_region"),
                null,
                rs.getString("to_region"),
                null,
                rs.getString("to_residence"),
                rs.getString("to_grid"),
                rs.getString("event"),
                rs.getObject("event_date", LocalDate.class),
                rs.getString("approver_region"),
                null,
                rs.getLong("import_id"),
                rs.getString("requested_by"),
                Timestamps.instant(rs.getTimestamp("requested_at")),
                HouseholdTransfer.Status.valueOf(rs.getString("status")),
                rs.getString("decided_by"),
                Timestamps.instant(rs.getTimestamp("decided_at")),
                rs.getString("note"),
                mayDecide(rs.getString("status"), rs.getString("approver_region"), rs.getString("requested_by")));
    }
}
