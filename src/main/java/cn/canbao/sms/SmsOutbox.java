package cn.canbao.sms;

import cn.canbao.register.MobileNumber;
import cn.canbao.register.RegisterService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

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
        if (request.dedupKey() == null || request.dedupKey().isBlank() || request.dedupKey().length() > 200) {
            throw new SmsException("sms.request.badDedupKey");
        }
        if (request.idNumber() == null || !request.idNumber().matches("[0-9]{17}[0-9X]")) {
            throw new SmsException("sms.request.badIdNumber");
        }
        String dedupKey = request.dedupKey().trim();
        // a key already queued is not queued again: the insert below does nothing on it (no read before, one statement
        // fewer for each of an outreach start's tens of thousands of reminders)
        String county = SmsTemplates.countyOf(request.regionCode());
        ApprovedTemplates.Rendered rendered = approved.active()
                ? approved.render(request.templateKey(), request.variables())
                : new ApprovedTemplates.Rendered(SmsText.render(templates.body(county, request.templateKey()),
                        request.variables()), null, null);
        String body = rendered.body();
        // whatever a caller passed as a variable: never the resident's own number in the text (issue 16)
        SmsText.checkNotAbout(body, request.idNumber(), request.mobile());
        Optional<String> mobile = MobileNumber.normalise(request.mobile());
        SkipReason skip = mobile.isEmpty() ? SkipReason.NO_MOBILE
                : register.smsOptedOut(request.idNumber()) ? SkipReason.OPTED_OUT : null;
        // a concurrent enqueue of the same key (two nodes, a retried job) loses quietly on the unique key
        List<Long> id = jdbc.queryForList("insert into sms_message (dedup_key, id_number, mobile, region_code, "
                        + "campaign_id, template_key, body, segments, provider_template, template_params, status, skip_reason, "
                        + "status_at) values (?,?,?,?,?,?,?,?,?,?,?,?, case when ? then now() end) "
                        + "on conflict (dedup_key) do nothing returning id",
                Long.class, dedupKey, request.idNumber(), mobile.orElse(null), request.regionCode(), request.campaignId(),
                request.templateKey(), body, SmsText.count(body).segments(), rendered.templateCode(),
                rendered.paramsJson(),
                skip == null ? SmsStatus.QUEUED.name() : SmsStatus.SKIPPED.name(), skip == null ? null : skip.name(),
                skip != null);
        return skip == null && !id.isEmpty() ? Optional.of(id.get(0)) : Optional.empty();
    }
}
