package cn.canbao.sms;

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
 */
public final class SmsText {

    /** The variables a reminder template may use. */
    public static final Set<String> VARIABLES = Set.of("name", "amount", "deadline", "channels", "consequence");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final Pattern URL = Pattern.compile("(?i)(https?://|www\\.|\\b[a-z0-9-]+(\\.[a-z0-9-]+)*"
            + "\\.(com|cn|net|org|gov|edu|io|info|top|xyz|me|cc|co|tv|app|link|site|vip|shop)\\b)");
    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENDED = "^{}\\[~]|€\f";

    private SmsText() {
    }

    /** Characters and segments of a text, and whether it goes as GSM-7 or UCS-2. */
    public record Count(int characters, int segments, boolean unicode) {
    }

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
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(template == null ? "" : template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Refuses an empty template, one with a link, or one naming an unknown variable. */
    static void checkTemplate(String template) {
        if (template == null || template.isBlank()) {
            throw new SmsException("sms.template.empty");
        }
        if (containsUrl(template)) {
            throw new SmsException("sms.template.url");
        }
        for (String name : placeholders(template)) {
            if (!VARIABLES.contains(name)) {
                throw new SmsException("sms.template.unknownVariable", name);
            }
        }
    }

    /** The template with every placeholder filled; a missing variable or a link in the result is refused. */
    static String render(String template, Map<String, String> variables) {
        Matcher m = PLACEHOLDER.matcher(template);
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
        return body;
    }
}
