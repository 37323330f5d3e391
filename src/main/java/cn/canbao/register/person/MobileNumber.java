package cn.canbao.register.person;

import java.util.Optional;
import java.util.regex.Pattern;

/** A mainland mobile number: 11 digits starting 13x–19x; +86 / 0086 prefixes, spaces and dashes tolerated. */
public final class MobileNumber {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-()]");
    private static final Pattern VALID = Pattern.compile("^1[3-9][0-9]{9}$");

    private MobileNumber() {}

    /** The 11-digit number, or empty when the text is not a mainland mobile number. */
    public static Optional<String> normalise(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String digits = SEPARATORS.matcher(text).replaceAll("");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        }
        return VALID.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
    }

    public static boolean isValid(String text) {
        return normalise(text).isPresent();
    }

    /** For lists: 138****5678. */
    public static String mask(String number) {
        if (number == null || number.length() != 11) {
            return number;
        }
        return number.substring(0, 3) + "****" + number.substring(7);
    }
}
