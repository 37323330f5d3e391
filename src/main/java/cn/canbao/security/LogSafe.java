package cn.canbao.security;

/**
 * Text a user controls, made safe for a log line: line breaks and other control characters become
 * {@code _}, so a crafted username or file name cannot forge a second log entry; long text is cut.
 */
public final class LogSafe {

    private LogSafe() {}

    public static String of(Object value) {
        return of(value, 500);
    }

    public static String of(Object value, int max) {
        if (value == null) {
            return null;
        }
        String s = value.toString();
        String safe = cn.canbao.base.SafeLogMessage.neutralise(s.length() > max ? s.substring(0, max) : s);
        return s.length() > max ? safe + "…" : safe;
    }
}
