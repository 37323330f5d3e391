package cn.canbao.register.person;

import java.util.Map;
import java.util.Optional;

/**
 * 与户主关系 as the police extract gives it: the words (户主, 配偶, 长子 …) kept as written, or a code of GB/T 4761
 * 《家庭关系代码》 read by its first digit, the standard's category (0 本人/户主, 1 配偶, 2 子, 3 女, 4 孙子女, 5 父母,
 * 6 祖父母, 7 兄弟姐妹, 8–9 其他) — only the categories are named, never a guess at a finer code. A household's head
 * comes first; a reminder lists the members by these words, never by name.
 */
public final class HouseholdRelation {

    /** The head of the household: the visit and the text go to them first. */
    public static final String HEAD = "户主";
    /** Said of a member whose relation the extract does not give. */
    public static final String UNKNOWN = "家庭成员";

    private static final Map<Character, String> CATEGORIES = Map.of(
            '1', "配偶", '2', "子", '3', "女", '4', "孙子女", '5', "父母", '6', "祖父母", '7', "兄弟姐妹", '8', "其他亲属", '9', "其他");

    private HouseholdRelation() {}

    private static boolean asciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The relation to store: the words trimmed, a two-digit code by its category; empty when blank. */
    public static Optional<String> normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String v = raw.strip();
        if (v.length() == 2 && asciiDigit(v.charAt(0)) && asciiDigit(v.charAt(1))) {
            return Optional.of(v.charAt(0) == '0' ? (v.equals("01") ? "本人" : HEAD) : CATEGORIES.get(v.charAt(0)));
        }
        return Optional.of(v);
    }

    /** Where the member stands in the household's list: the head (or 本人) first, then the others. */
    public static int rank(String relation) {
        return relation != null && (relation.equals(HEAD) || relation.equals("本人")) ? 0 : 1;
    }

    /** The words a reminder uses for the member. */
    public static String said(String relation) {
        return relation == null || relation.isBlank() ? UNKNOWN : relation;
    }
}
