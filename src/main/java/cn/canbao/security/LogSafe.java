package cn.canbao.security;

/**
 * Text a user controls, made safe for a log line: line breaks and other control characters become
 * {@code _}, so a crafted username or file name cannot forge a second log entry; long text is cut.
 */
public final class LogSafe {

    private LogSafe() {
    }

    public static String of(Object value) {
        return of(value, 500);
    }

    public static String of(Object value, int max) {
        if (value == null) {
            return null;
        }
        String s = value.toString();
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '_' : c);
        }
        if (s.length() > max) {
            sb.append('…');
        }
        return sb.toString();
    }
}
