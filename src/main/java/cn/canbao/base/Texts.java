package cn.canbao.base;

/**
 * What a form or a file leaves in an optional text: nothing (null) where it is blank, else the text without its
 * surrounding white space. Two flavours, as the callers were written: {@link #stripToNull} also drops Unicode
 * spaces (the ideographic space a Chinese keyboard types), {@link #trimToNull} only ASCII spaces and control
 * characters.
 */
public final class Texts {

    private Texts() {}

    /** Null for null or blank, else the text {@link String#strip() stripped}. */
    public static String stripToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Null for null or blank, else the text {@link String#trim() trimmed}. */
    public static String trimToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
