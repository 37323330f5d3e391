package cn.canbao.outreach.field;

import cn.canbao.base.DomainException;
import cn.canbao.base.ProcessRecord;
import cn.canbao.outreach.OutreachCase;
import cn.canbao.outreach.OutreachException;
import cn.canbao.outreach.OutreachQueries;
import cn.canbao.outreach.process.OutreachProcess;
import cn.canbao.security.CanbaoUser;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import cn.canbao.task.InboxTask;
import cn.canbao.task.TaskFilter;
import cn.canbao.task.TaskInbox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Visits recorded from the field page (issue 20): the worker's open visit tasks as the phone keeps them, and a
 * filled form submitted once — the phone's key (a UUID per filled form) makes a repeat answer with the first result
 * instead of recording again; the same key with another form, or somebody else's key, is refused. The visit itself
 * is recorded by completing the task, so the task listener's checks (the visitor's role and region, a complete
 * report) are the same as for the Vaadin form. A photo of the receipt or notice is stored with the visit and shown
 * to whoever may read the visit's region, each look logged.
 */
// the service is the door: visitors record, the readers of a visit's region look at its photo
@PreAuthorize("isAuthenticated()")
@Service
@Transactional
@EnableConfigurationProperties(FieldSettings.class)
public class FieldVisitService {

    /** Who records visits (as the outreach service has it). */
    private static final Role[] VISITORS = {Role.GRID_WORKER, Role.VILLAGE_CADRE};

    /** Who may look at a visit's photo: the clerk who verifies, and the visitors of the region. */
    private static final Role[] PHOTO_READERS = {Role.CLERK, Role.ADMIN, Role.GRID_WORKER, Role.VILLAGE_CADRE};

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final JdbcClient jdbc;
    private final TaskInbox inbox;
    private final OutreachQueries queries;
    private final FieldSettings settings;
    private final Clock clock;

    FieldVisitService(JdbcClient jdbc, TaskInbox inbox, OutreachQueries queries, FieldSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.queries = queries;
        this.settings = settings;
        this.clock = clock;
    }

    /** One open visit of the worker's list: the task to complete and the resident as the worklist shows them. */
    public record FieldTask(
            String taskId,
            long caseId,
            String name,
            String maskedId,
            String maskedMobile,
            String kind,
            String regionName,
            Instant due,
            boolean overdue,
            List<Member> members) {}

    /**
     * A member of a household visit (issue 16), when the visit covers several: each may get an outcome of their own
     * ({@link FieldVisitForm#memberOutcomes()}), else the household's is theirs.
     */
    public record Member(long caseId, String relation, String name, String maskedId) {}

    /** What a submission recorded: the first visit row; {@code replayed} when the key had recorded it before. */
    public record FieldSubmission(UUID key, long visitId, Long photoId, boolean replayed) {}

    /** A stored photo as it is streamed. */
    public record VisitPhoto(long id, String contentType, byte[] bytes) {}

    /** The caller's open visit tasks (their own and their groups'), earliest due first. */
    @PreAuthorize("hasAnyRole('GRID_WORKER', 'VILLAGE_CADRE')")
    @Transactional(readOnly = true)
    public List<FieldTask> openVisits() {
        List<InboxTask> visits = inbox.open(TaskFilter.ALL).stream()
                .filter(t -> OutreachProcess.TASK_VISIT.equals(t.taskDefinitionKey()))
                .toList();
        List<Long> caseIds =
                visits.stream().map(t -> ProcessRecord.id(t.businessKey())).toList();
        Map<Long, OutreachCase> cases =
                queries.casesOf(caseIds).stream().collect(Collectors.toMap(OutreachCase::id, Function.identity()));
        Map<Long, List<OutreachQueries.HouseholdMember>> households = queries.households(caseIds);
        return visits.stream()
                .filter(t -> cases.containsKey(ProcessRecord.id(t.businessKey())))
                .map(t -> {
                    OutreachCase c = cases.get(ProcessRecord.id(t.businessKey()));
                    return new FieldTask(
                            t.id(),
                            c.id(),
                            c.name(),
                            c.maskedId(),
                            c.maskedMobile(),
                            c.kind(),
                            c.regionName(),
                            t.due(),
                            t.overdue(),
                            members(households.getOrDefault(c.id(), List.of())));
                })
                .toList();
    }

    private static List<Member> members(List<OutreachQueries.HouseholdMember> household) {
        return household.size() < 2
                ? List.of()
                : household.stream()
                        .map(m -> new Member(
                                m.caseId(),
                                m.relation(),
                                m.shown().name(),
                                m.shown().maskedId()))
                        .toList();
    }

    /**
     * Records the visit of the task from the field page's form, once per key: a key seen before answers with its
     * first result when it is the same user's same form (the phone did not hear the answer and sent again), and is
     * refused otherwise ({@code outreach.field.keyReused}), nothing recorded. A task completed already (by another
     * key, the Vaadin form, a colleague) is refused as gone. {@code photo} may be null.
     */
    @PreAuthorize("hasAnyRole('GRID_WORKER', 'VILLAGE_CADRE')")
    public FieldSubmission submit(String taskId, UUID key, FieldVisitForm form, byte[] photo) {
        CanbaoUser user = CurrentUser.require();
        if (key == null) {
            throw new OutreachException("outreach.field.keyMissing");
        }
        String photoType = photo == null || photo.length == 0 ? null : photoType(photo);
        String hash = hash(taskId, form, photoType == null ? null : photo);
        Optional<FieldSubmission> earlier = earlier(key, user.getUsername(), hash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        InboxTask task;
        try {
            task = inbox.get(taskId);
        } catch (DomainException gone) {
            // a twin of this submission may have completed the task since the look above: then its answer is ours
            return earlier(key, user.getUsername(), hash).orElseThrow(() -> gone);
        }
        if (!OutreachProcess.TASK_VISIT.equals(task.taskDefinitionKey())) {
            throw new OutreachException("outreach.field.notAVisit");
        }
        long caseId = ProcessRecord.id(task.businessKey());
        OutreachCase shown = queries.caseOf(caseId); // in the caller's region, or not found
        Timestamp now = new Timestamp(clock.millis());
        int claimed = jdbc.sql("insert into field_submission (idempotency_key, username, task_id, case_id, body_hash, "
                        + "submitted_at) values (?, ?, ?, ?, ?, ?) on conflict (idempotency_key) do nothing")
                .params(key, user.getUsername(), taskId, shown.id(), hash, now)
                .update();
        if (claimed == 0) {
            // a twin of this submission committed while this one ran: its answer is this one's
            return earlier(key, user.getUsername(), hash).orElseThrow();
        }
        long before = jdbc.sql("select coalesce(max(v.id), 0) from visit v join outreach_case oc on oc.id = v.case_id "
                        + "where oc.id = ? or oc.lead_case_id = ?")
                .params(caseId, caseId)
                .query(Long.class)
                .single();
        inbox.complete(taskId, form.variables());
        List<Long> recorded = jdbc.sql("select v.id from visit v join outreach_case oc on oc.id = v.case_id "
                        + "where (oc.id = ? or oc.lead_case_id = ?) and v.id > ? order by v.id")
                .params(caseId, caseId, before)
                .query(Long.class)
                .list();
        if (recorded.isEmpty()) {
            throw new IllegalStateException("task " + taskId + " completed without recording a visit");
        }
        Long photoId = null;
        if (photoType != null) {
            photoId = jdbc.sql("insert into visit_photo (content_type, bytes, size_bytes, uploaded_by, uploaded_at) "
                            + "values (?, ?, ?, ?, ?) returning id")
                    .params(photoType, photo, photo.length, user.getUsername(), now)
                    .query(Long.class)
                    .single();
            jdbc.sql("insert into visit_photo_link (visit_id, photo_id) select unnest(?::bigint[]), ?")
                    .params(recorded.toArray(Long[]::new), photoId)
                    .update();
        }
        jdbc.sql("update field_submission set visit_id = ? where idempotency_key = ?")
                .params(recorded.get(0), key)
                .update();
        return new FieldSubmission(key, recorded.get(0), photoId, false);
    }

    /** The first result of a key already used: only for the same user's same form. */
    private Optional<FieldSubmission> earlier(UUID key, String username, String hash) {
        return jdbc.sql("select s.username, s.body_hash, s.visit_id, "
                        + "(select min(l.photo_id) from visit_photo_link l where l.visit_id = s.visit_id) "
                        + "from field_submission s where s.idempotency_key = ?")
                .param(key)
                .query((rs, n) -> {
                    if (!rs.getString(1).equals(username) || !rs.getString(2).equals(hash)) {
                        throw new OutreachException("outreach.field.keyReused");
                    }
                    return new FieldSubmission(key, rs.getLong(3), (Long) rs.getObject(4), true);
                })
                .optional();
    }

    /** The photos of a visit, for whoever may read its region (the clerk verifying the correction it raised). */
    @Transactional(readOnly = true)
    public List<Long> photosOf(long visitId) {
        String region = jdbc.sql("select coalesce(grid_code, village_code) from visit where id = ?")
                .param(visitId)
                .query(String.class)
                .optional()
                .orElseThrow(() -> new OutreachException("outreach.field.visitNotFound", visitId));
        CurrentUser.requireActing(region, PHOTO_READERS);
        return jdbc.sql("select photo_id from visit_photo_link where visit_id = ? order by photo_id")
                .param(visitId)
                .query(Long.class)
                .list();
    }

    /** A photo for whoever may read the region of its visit; every look is logged with its purpose. */
    public VisitPhoto photo(long photoId, String purpose) {
        String region = jdbc.sql("select coalesce(v.grid_code, v.village_code) from visit_photo_link l "
                        + "join visit v on v.id = l.visit_id where l.photo_id = ? order by v.id limit 1")
                .param(photoId)
                .query(String.class)
                .optional()
                .orElseThrow(() -> new OutreachException("outreach.field.photoNotFound", photoId));
        CurrentUser.requireActing(region, PHOTO_READERS);
        jdbc.sql("insert into visit_photo_access (photo_id, username, opened_at, purpose) values (?, ?, ?, ?)")
                .params(photoId, CurrentUser.name(), new Timestamp(clock.millis()), purpose)
                .update();
        return jdbc.sql("select id, content_type, bytes from visit_photo where id = ?")
                .param(photoId)
                .query((rs, n) -> new VisitPhoto(rs.getLong(1), rs.getString(2), rs.getBytes(3)))
                .single();
    }

    /** JPEG or PNG by the file's first bytes (not its name or the client's word), within the size setting. */
    private String photoType(byte[] photo) {
        long max = settings.photoMaxSize().toBytes();
        if (photo.length > max) {
            throw new OutreachException("outreach.field.photoTooLarge", Math.max(1, max / (1024 * 1024)));
        }
        if (startsWith(photo, JPEG)) {
            return "image/jpeg";
        }
        if (startsWith(photo, PNG)) {
            return "image/png";
        }
        throw new OutreachException("outreach.field.photoType");
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String hash(String taskId, FieldVisitForm form, byte[] photo) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((taskId + '\u001e' + form.canonical()).getBytes(StandardCharsets.UTF_8));
            if (photo != null) {
                sha.update((byte) 0x1e);
                sha.update(photo);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
