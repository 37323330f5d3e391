package cn.canbao.sms;

import cn.canbao.register.RegisterService;
import cn.canbao.register.person.MobileNumber;
import cn.canbao.sms.dispatch.SmsDispatcher;
import cn.canbao.sms.templates.ApprovedTemplates;
import cn.canbao.sms.templates.SmsText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox processes write to. Nothing here talks to a provider: the row commits (or rolls back) with
 * the caller's transaction — a BPMN step — and {@link SmsDispatcher} sends it later, within the rules.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
public class SmsOutbox {

    private final JdbcTemplate jdbc;
    private final SmsTemplates templates;
    private final RegisterService register;
    private final ApprovedTemplates approved;

    SmsOutbox(JdbcTemplate jdbc, SmsTemplates templates, RegisterService register, ApprovedTemplates approved) {
        this.jdbc = jdbc;
        this.templates = templates;
        this.register = register;
        this.approved = approved;
    }

    /**
     * Renders the county's template for the request's key with its variables (with a provider of approved
     * templates: that template behind its signature, as the resident will read it) and writes one outbox row in
     * the caller's transaction. Returns the message id, or empty when the dedupKey was already enqueued or
     * the person opted out / has no valid mobile (then a SKIPPED row with the reason is still recorded).
     */
    @Transactional
    public Optional<Long> enqueue(SmsRequest request) {
        return enqueueAll(List.of(request)).get(0);
    }

    /**
     * {@link #enqueue} of several requests in the caller's transaction, in two statements whatever their number (one
     * read of the opt-outs, one insert): an outreach start's batch queues its reminders together. Each result in the
     * order of the requests, as {@link #enqueue} would return it; a key repeated in the list is queued once.
     */
    @Transactional
    public List<Optional<Long>> enqueueAll(List<SmsRequest> requests) {
        List<Row> rows = requests.stream().map(this::row).toList();
        Set<String> optedOut = register.smsOptedOut(rows.stream()
                .filter(r -> r.mobile() != null)
                .map(r -> r.request().idNumber())
                .distinct()
                .toList());
        int n = rows.size();
        String[] keys = new String[n];
        String[] ids = new String[n];
        String[] mobiles = new String[n];
        String[] regions = new String[n];
        Long[] campaigns = new Long[n];
        String[] templateKeys = new String[n];
        String[] bodies = new String[n];
        Integer[] segments = new Integer[n];
        String[] providerTemplates = new String[n];
        String[] params = new String[n];
        String[] skips = new String[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            SkipReason skip = r.mobile() == null
                    ? SkipReason.NO_MOBILE
                    : optedOut.contains(r.request().idNumber()) ? SkipReason.OPTED_OUT : null;
            keys[i] = r.dedupKey();
            ids[i] = r.request().idNumber();
            mobiles[i] = r.mobile();
            regions[i] = r.request().regionCode();
            campaigns[i] = r.request().campaignId();
            templateKeys[i] = r.request().templateKey();
            bodies[i] = r.rendered().body();
            segments[i] = SmsText.count(r.rendered().body()).segments();
            providerTemplates[i] = r.rendered().templateCode();
            params[i] = r.rendered().paramsJson();
            skips[i] = skip == null ? null : skip.name();
        }
        // a concurrent enqueue of the same key (two nodes, a retried job) loses quietly on the unique key
        Map<String, Long> queued = new HashMap<>();
        jdbc.query(
                "insert into sms_message (dedup_key, id_number, mobile, region_code, campaign_id, template_key, body, "
                        + "segments, provider_template, template_params, status, skip_reason, status_at) "
                        + "select r.dedup_key, r.id_number, r.mobile, r.region_code, r.campaign_id, r.template_key, r.body, "
                        + "r.segments, r.provider_template, r.template_params, case when r.skip_reason is null then '"
                        + SmsStatus.QUEUED.name() + "' else '" + SmsStatus.SKIPPED.name() + "' end, r.skip_reason, "
                        + "case when r.skip_reason is not null then now() end "
                        + "from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[], "
                        + "?::text[], ?::int[], ?::varchar[], ?::text[], ?::varchar[]) with ordinality "
                        + "r(dedup_key, id_number, mobile, region_code, campaign_id, template_key, body, segments, "
                        + "provider_template, template_params, skip_reason, n) order by r.n "
                        + "on conflict (dedup_key) do nothing returning dedup_key, id, skip_reason is null",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                    if (rs.getBoolean(3)) {
                        queued.put(rs.getString(1), rs.getLong(2));
                    }
                },
                keys,
                ids,
                mobiles,
                regions,
                campaigns,
                templateKeys,
                bodies,
                segments,
                providerTemplates,
                params,
                skips);
        List<Optional<Long>> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            // the first of a repeated key is the one queued
            result.add(Optional.ofNullable(queued.remove(keys[i])));
        }
        return result;
    }

    /**
     * A notice to a member of staff (issue 20), not to a resident: {@code username} is theirs, {@code mobile} their own
     * phone ({@code app_user.phone}), {@code text} the whole text (counts and links only, no resident's name or ID),
     * {@code kind} what it is about in words (新增待办 …), all a provider's approved staff template says of it.
     */
    public record StaffRequest(String username, String mobile, String text, String kind, String dedupKey) {}

    /**
     * Writes a staff notice to the outbox in the caller's transaction, marked STAFF: the dispatcher sends it through the
     * gateway like any message, but it names no resident and no region, so the residents' per-person cap, their
     * reports and tallies never count it. Returns the message id, or empty when the key was queued already or the
     * phone is not a valid mobile (then a SKIPPED row is recorded). The Alibaba Cloud gateway sends approved templates
     * only: there the message is the approved staff template ({@link ApprovedTemplates#STAFF_NOTICE}) filled with the
     * notice's kind, and without one it is refused ({@code sms.staff.templatesOnly}).
     */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public Optional<Long> enqueueStaff(StaffRequest request) {
        if (request.dedupKey() == null
                || request.dedupKey().isBlank()
                || request.dedupKey().length() > 200) {
            throw new SmsException("sms.request.badDedupKey");
        }
        ApprovedTemplates.Rendered rendered = approved.active()
                ? approved.staffNotice(request.kind()).orElseThrow(() -> new SmsException("sms.staff.templatesOnly"))
                : new ApprovedTemplates.Rendered(request.text(), null, null);
        String mobile = MobileNumber.normalise(request.mobile()).orElse(null);
        String body = rendered.body();
        List<Long> ids = jdbc.queryForList(
                "insert into sms_message (dedup_key, audience, staff_user, mobile, template_key, body, segments, "
                        + "provider_template, template_params, status, skip_reason, status_at) "
                        + "values (?, 'STAFF', ?, ?, 'staff-notice', ?, ?, ?, ?, ?, ?, "
                        + "case when ? then now() end) on conflict (dedup_key) do nothing returning id",
                Long.class,
                "staff:" + request.dedupKey().trim(),
                request.username(),
                mobile,
                body,
                SmsText.count(body).segments(),
                rendered.templateCode(),
                rendered.paramsJson(),
                mobile == null ? SmsStatus.SKIPPED.name() : SmsStatus.QUEUED.name(),
                mobile == null ? SkipReason.NO_MOBILE.name() : null,
                mobile == null);
        return mobile == null || ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0));
    }

    /** A request checked and rendered, its key trimmed and its mobile normalised (null: none valid). */
    private record Row(SmsRequest request, String dedupKey, ApprovedTemplates.Rendered rendered, String mobile) {}

    private Row row(SmsRequest request) {
        if (request.dedupKey() == null
                || request.dedupKey().isBlank()
                || request.dedupKey().length() > 200) {
            throw new SmsException("sms.request.badDedupKey");
        }
        if (request.idNumber() == null || !request.idNumber().matches("[0-9]{17}[0-9X]")) {
            throw new SmsException("sms.request.badIdNumber");
        }
        // a key already queued is not queued again: the insert does nothing on it (no read before)
        String county = SmsTemplates.countyOf(request.regionCode());
        ApprovedTemplates.Rendered rendered = approved.active()
                ? approved.render(request.templateKey(), request.variables())
                : new ApprovedTemplates.Rendered(
                        SmsText.render(templates.body(county, request.templateKey()), request.variables()), null, null);
        // whatever a caller passed as a variable: never the resident's own number in the text (issue 16)
        SmsText.checkNotAbout(rendered.body(), request.idNumber(), request.mobile());
        return new Row(
                request,
                request.dedupKey().trim(),
                rendered,
                MobileNumber.normalise(request.mobile()).orElse(null));
    }
}
