package cn.canbao.sms.templates;

import cn.canbao.sms.SmsException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text rules of an SMS: {@code {variable}} placeholders, no links (Chinese carriers and Twilio block
 * them in reminders; residents are taught not to trust them), and the segment count the provider bills:
 * GSM-7 for texts of the GSM alphabet only (160 characters in one segment, 153 per part), else UCS-2
 * (70 in one, 67 per part) — any Chinese character makes the whole text UCS-2.
 * <p>
 * Texts carry nothing that identifies the resident (issue 16: "Texts carry no names or ID numbers"; SPEC §6 —
 * a text passes through the provider and the carriers and lies on a phone a family may share): no placeholder for
 * a name, ID number or phone, no ID number written into a template or rendered into a text, and never the
 * resident's own mobile or ID number ({@link #checkNotAbout}). A county's hotline or a collector's phone in a template
 * or in the payment channels is not the resident's and may stand.
 */
public final class SmsText {

    /**
     * The variables a reminder template may use; {@code members} is who in the household is still to pay, by relation
     * (户主、配偶共2人; 本人 for a resident reminded alone).
     */
    public static final Set<String> VARIABLES = Set.of("amount", "deadline", "channels", "consequence", "members");
    /** Placeholders that would put the resident's identity into a text: refused as such, not just as unknown. */
    static final Set<String> PERSONAL = Set.of(
            "name",
            "fullname",
            "surname",
            "idnumber",
            "idno",
            "idcard",
            "id",
            "mobile",
            "phone",
            "phonenumber",
            "xingming",
            "sfz",
            "shenfenzheng");
    /** An 18-digit (or old 15-digit) ID number, not part of a longer number. */
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])([0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9Xx])");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern URL = Pattern.compile("(?i)(https?://|www\\.|\\b[a-z0-9-]+(\\.[a-z0-9-]+)*"
            + "\\.(com|cn|net|org|gov|edu|io|info|top|xyz|me|cc|co|tv|app|link|site|vip|shop)\\b)");
    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENDED = "^{}\\[~]|€\f";

    private SmsText() {}

    /** Characters and segments of a text, and whether it goes as GSM-7 or UCS-2. */
    public record Count(int characters, int segments, boolean unicode) {}

    public static Count count(String text) {
        String t = text == null ? "" : text;
        int gsmLength = 0;
        boolean gsm = true;
        for (int i = 0; i < t.length() && gsm; i++) {
            char c = t.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                gsmLength++;
            } else if (GSM_EXTENDED.indexOf(c) >= 0) {
                gsmLength += 2;
            } else {
                gsm = false;
            }
        }
        if (gsm) {
            return new Count(gsmLength, gsmLength == 0 ? 0 : gsmLength <= 160 ? 1 : (gsmLength + 152) / 153, false);
        }
        // UCS-2 code units: a character outside the BMP counts two, as Java's length does
        int n = t.length();
        return new Count(n, n <= 70 ? 1 : (n + 66) / 67, true);
    }

    /** Whether the text holds something a phone would show as a link. */
    public static boolean containsUrl(String text) {
        return text != null && URL.matcher(text).find();
    }

    /** The placeholders a template uses, in order of first use. */
    public static Set<String> placeholders(String template) {
        return placeholders(template, PLACEHOLDER);
    }

    static Set<String> placeholders(String template, Pattern placeholder) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = placeholder.matcher(template == null ? "" : template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Whether the text holds something shaped like an ID number (18 or 15 digits; masked ones pass). */
    public static boolean containsIdNumber(String text) {
        return text != null && ID_NUMBER.matcher(text).find();
    }

    /** Refuses a text that carries the resident's own ID number or mobile, whole or with the +86 prefix removed. */
    public static void checkNotAbout(String text, String idNumber, String mobile) {
        if (text == null) {
            return;
        }
        if ((idNumber != null
                        && !idNumber.isBlank()
                        && text.toUpperCase(java.util.Locale.ROOT)
                                .contains(idNumber.trim().toUpperCase(java.util.Locale.ROOT)))
                || (mobile != null
                        && mobile.trim().length() >= 11
                        && text.replace(" ", "")
                                .replace("-", "")
                                .contains(mobile.trim().substring(mobile.trim().length() - 11)))) {
            throw new SmsException("sms.template.personalNumber");
        }
    }

    /** Whether the placeholder would name, number or reach the resident. */
    public static boolean personal(String placeholder) {
        return placeholder != null
                && PERSONAL.contains(
                        placeholder.toLowerCase(java.util.Locale.ROOT).replace("_", ""));
    }

    /**
     * Refuses an empty template, one with a link, one with a placeholder for the resident's name, ID number or phone
     * or with an ID number written in, or one naming an unknown variable.
     */
    public static void checkTemplate(String template) {
        if (template == null || template.isBlank()) {
            throw new SmsException("sms.template.empty");
        }
        if (containsUrl(template)) {
            throw new SmsException("sms.template.url");
        }
        if (containsIdNumber(template)) {
            throw new SmsException("sms.template.personalNumber");
        }
        for (String name : placeholders(template)) {
            if (personal(name)) {
                throw new SmsException("sms.template.personalVariable", name);
            }
            if (!VARIABLES.contains(name)) {
                throw new SmsException("sms.template.unknownVariable", name);
            }
        }
    }

    /**
     * The template with every placeholder filled; a missing variable, a link or an ID number in the result is
     * refused.
     */
    public static String render(String template, Map<String, String> variables) {
        return render(template, PLACEHOLDER, variables);
    }

    /** Like {@link #render(String, Map)}, with another placeholder syntax (the provider's ${x}); group 1 is the name. */
    public static String render(String template, Pattern placeholder, Map<String, String> variables) {
        Matcher m = placeholder.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables == null ? null : variables.get(m.group(1));
            if (value == null || value.isBlank()) {
                throw new SmsException("sms.template.missingVariable", m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.trim()));
        }
        m.appendTail(out);
        String body = out.toString().trim();
        if (containsUrl(body)) {
            throw new SmsException("sms.template.url");
        }
        if (containsIdNumber(body)) {
            throw new SmsException("sms.template.personalNumber");
        }
        return body;
    }
}
