package cn.canbao.base;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.helpers.MessageFormatter;

/**
 * The {@code %m} of every log line (logback-spring.xml): the arguments of a parameterised message — usernames,
 * file names, search texts, anything a user typed — have their line breaks and other control characters
 * replaced by {@code _}, so no input can forge a second log entry. The message pattern itself (our code's text,
 * e.g. the demo logins printed on several lines) stays as written.
 */
public class SafeLogMessage extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        Object[] args = event.getArgumentArray();
        if (args == null || args.length == 0) {
            return event.getFormattedMessage();
        }
        Object[] safe = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            safe[i] = args[i] instanceof Throwable ? args[i] : neutralise(args[i]);
        }
        return MessageFormatter.arrayFormat(event.getMessage(), safe).getMessage();
    }

    /** The value's text with control characters (CR, LF, tab, the Unicode line separators …) as {@code _}. */
    public static String neutralise(Object value) {
        if (value == null) {
            return null;
        }
        String s = value instanceof Object[] array ? java.util.Arrays.toString(array) : value.toString();
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                if (sb == null) {
                    sb = new StringBuilder(s.length()).append(s, 0, i);
                }
                sb.append('_');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
