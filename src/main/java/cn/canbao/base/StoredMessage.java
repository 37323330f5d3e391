package cn.canbao.base;

import java.util.Arrays;
import java.util.Optional;

/**
 * A text that is stored before anyone reads it (a process variable, a database column) and must be shown in the
 * reader's language: the message key and its arguments, written {@code i18n:key␟arg␟arg} (␟ = U+001F). Text
 * stored without the prefix — data, or what older releases wrote — is shown as it is, so old rows still read.
 */
public record StoredMessage(String key, Object[] args) implements Translatable {

    static final String PREFIX = "i18n:";
    static final char SEPARATOR = '\u001f';

    /** The stored form of a message: arguments are kept as their text. */
    public static String of(String key, Object... args) {
        StringBuilder sb = new StringBuilder(PREFIX).append(key);
        for (Object a : args) {
            sb.append(SEPARATOR).append(a);
        }
        return sb.toString();
    }

    /** The stored form of a translatable word (a role, a kind …). */
    public static String of(Translatable word) {
        return of(word.messageKey());
    }

    /** The message a stored text names; empty for text that is shown as it is. */
    public static Optional<StoredMessage> parse(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = stored.substring(PREFIX.length()).split(String.valueOf(SEPARATOR), -1);
        return Optional.of(new StoredMessage(parts[0], Arrays.copyOfRange(parts, 1, parts.length, Object[].class)));
    }

    @Override
    public String messageKey() {
        return key;
    }

    @Override
    public Object[] args() {
        return args.clone();
    }
}
