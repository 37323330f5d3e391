package cn.canbao.notify;

import java.util.Arrays;
import java.util.List;

/**
 * A notice to one user: the message key of its text and the text's arguments (counts and links only — never a
 * resident's name, ID number or phone), and a key that makes it idempotent (the same key is queued once). The text is
 * written in the language the user chose when it is queued ({@code notify.text.*} in the message bundles).
 */
public record StaffNotice(String username, NoticeKind kind, String messageKey, List<String> args, String dedupKey) {

    public StaffNotice {
        args = List.copyOf(args);
    }

    /** A notice whose text is the message {@code messageKey} filled with the arguments, each as its text. */
    public static StaffNotice of(String username, NoticeKind kind, String dedupKey, String messageKey, Object... args) {
        return new StaffNotice(
                username,
                kind,
                messageKey,
                Arrays.stream(args).map(String::valueOf).toList(),
                dedupKey);
    }
}
