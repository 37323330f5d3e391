package cn.canbao.sms.templates;

import cn.canbao.sms.SmsException;
import cn.canbao.sms.SmsSettings;
import cn.canbao.sms.SmsTemplates;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts a domestic provider approved (Alibaba Cloud SMS: "approved signature and template ids", SPEC §6). Such a
 * provider sends only a template it approved, filled with named parameters, behind the approved signature; so with
 * it the text of each message kind is that template, not the county's editable one, and the outbox stores exactly
 * what the provider will make of it — 【signature】 and the filled template — so what the resident reads is what
 * Canbao shows. Empty for the local and Twilio gateways, which send the county's text as it is.
 */
public final class ApprovedTemplates {

    /**
     * A parameter of an approved text: {@code ${name}} as the provider writes it, or {@code {name}} — in Spring's
     * configuration files {@code ${…}} is Spring's own placeholder, so the settings may write the braces alone.
     */
    public static final Pattern PROVIDER_PLACEHOLDER = Pattern.compile("\\$?\\{([A-Za-z0-9_]+)}");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The optional template of a notice to staff (issue 20: {@code canbao.sms.aliyun.templates.staff-notice}). A staff
     * notice's own text carries a link and counts, which no approved template takes as it is; so with such a provider
     * a staff SMS is this template, e.g. "您有新的${kind}，请登录参保系统查看。", and without it staff SMS are refused
     * ({@code sms.staff.templatesOnly}) and staff are told through a work group instead.
     */
    public static final String STAFF_NOTICE = "STAFF_NOTICE";

    /** What a staff notice template may name: {@code kind}, the notice's kind in words (新增待办, 今日待办 …). */
    public static final Set<String> STAFF_VARIABLES = Set.of("kind");

    /** One message rendered for the provider: our stored text, the template code and its parameters as JSON. */
    public record Rendered(String body, String templateCode, String paramsJson) {}

    private final String signName;
    private final Map<String, SmsSettings.ApprovedTemplate> byKey;

    private ApprovedTemplates(String signName, Map<String, SmsSettings.ApprovedTemplate> byKey) {
        this.signName = signName;
        this.byKey = byKey;
    }

    public static ApprovedTemplates none() {
        return new ApprovedTemplates(null, Map.of());
    }

    /**
     * The approved templates of the settings, checked at start: a sign name, one template for each of our message
     * kinds with its code, a text that passes {@link SmsText#checkTemplate} (no link, no name, ID or phone), and
     * every parameter of the text mapped to one of our variables.
     */
    public static ApprovedTemplates of(SmsSettings.Aliyun aliyun) {
        if (blank(aliyun.signName())) {
            throw new IllegalStateException(
                    "canbao.sms.gateway=aliyun needs canbao.sms.aliyun.sign-name (the approved 签名)");
        }
        Map<String, SmsSettings.ApprovedTemplate> configured = new LinkedHashMap<>();
        (aliyun.templates() == null ? Map.<String, SmsSettings.ApprovedTemplate>of() : aliyun.templates())
                .forEach((k, t) ->
                        configured.put(k.trim().toUpperCase(Locale.ROOT).replace('-', '_'), t));
        for (String key : SmsTemplates.DEFAULTS.keySet()) {
            SmsSettings.ApprovedTemplate t = configured.get(key);
            String setting = "canbao.sms.aliyun.templates."
                    + key.toLowerCase(Locale.ROOT).replace('_', '-');
            if (t == null || blank(t.code()) || blank(t.text())) {
                throw new IllegalStateException("canbao.sms.gateway=aliyun needs " + setting + ".code and .text "
                        + "(the template the provider approved for this message kind)");
            }
            try {
                SmsText.checkTemplate(ours(t));
            } catch (SmsException e) {
                throw new IllegalStateException(setting + ".text is refused (" + e.getMessage() + "): " + t.text());
            }
        }
        SmsSettings.ApprovedTemplate staff = configured.get(STAFF_NOTICE);
        if (staff != null) {
            checkStaffTemplate(staff);
        }
        return new ApprovedTemplates(aliyun.signName().trim(), Map.copyOf(configured));
    }

    /** The staff notice template: a code, a text with no link and no ID number, parameters filled by {@code kind}. */
    private static void checkStaffTemplate(SmsSettings.ApprovedTemplate t) {
        String setting = "canbao.sms.aliyun.templates.staff-notice";
        if (blank(t.code()) || blank(t.text())) {
            throw new IllegalStateException(setting + " needs .code and .text (the template the provider approved)");
        }
        String text = ours(t);
        if (SmsText.containsUrl(text) || SmsText.containsIdNumber(text)) {
            throw new IllegalStateException(setting + ".text is refused (a link or an ID number): " + t.text());
        }
        for (String name : SmsText.placeholders(text)) {
            if (!STAFF_VARIABLES.contains(name)) {
                throw new IllegalStateException(
                        setting + ".text is refused (" + name + ": only " + STAFF_VARIABLES + " fill it): " + t.text());
            }
        }
    }

    /** A staff notice as the approved staff template, filled with the notice's kind; empty when none is approved. */
    public Optional<Rendered> staffNotice(String kindLabel) {
        return byKey.containsKey(STAFF_NOTICE)
                ? Optional.of(render(STAFF_NOTICE, Map.of("kind", kindLabel)))
                : Optional.empty();
    }

    public boolean active() {
        return !byKey.isEmpty();
    }

    /** The template of the kind as the resident will read it, in our placeholder syntax (for the SMS view). */
    public Optional<String> shown(String templateKey) {
        return Optional.ofNullable(byKey.get(templateKey)).map(t -> signature() + ours(t));
    }

    /** The message of the kind with our variables: what the provider will deliver, and what it needs to. */
    public Rendered render(String templateKey, Map<String, String> variables) {
        SmsSettings.ApprovedTemplate t = byKey.get(templateKey);
        if (t == null) {
            throw new SmsException("sms.template.unknown", templateKey);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String param : SmsText.placeholders(t.text(), PROVIDER_PLACEHOLDER)) {
            String value = variables == null ? null : variables.get(variableOf(t, param));
            if (value == null || value.isBlank()) {
                throw new SmsException("sms.template.missingVariable", variableOf(t, param));
            }
            params.put(param, value.trim());
        }
        String body = signature() + SmsText.render(t.text(), PROVIDER_PLACEHOLDER, params);
        try {
            return new Rendered(body, t.code().trim(), JSON.writeValueAsString(params));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String signature() {
        return "【" + signName + "】";
    }

    /** The approved text with each ${param} written as the {variable} it is filled with, for our checks and view. */
    private static String ours(SmsSettings.ApprovedTemplate t) {
        Matcher m = PROVIDER_PLACEHOLDER.matcher(t.text());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("{" + variableOf(t, m.group(1)) + "}"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The variable of ours that fills the parameter: as mapped, else the parameter's own name. */
    private static String variableOf(SmsSettings.ApprovedTemplate t, String param) {
        String mapped = t.params() == null ? null : t.params().get(param);
        return blank(mapped) ? param : mapped.trim();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
