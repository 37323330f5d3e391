package cn.canbao.register.person;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * An 18-digit resident ID number (GB 11643): 6-digit region of first registration, birth date
 * (yyyyMMdd), 3-digit sequence whose parity gives the sex, and an ISO 7064 MOD 11-2 check character
 * (0–9 or X). The old 15-digit numbers are refused: every living resident has been issued an 18-digit one.
 */
public record IdNumber(String value) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final LocalDate EARLIEST = LocalDate.of(1880, 1, 1);

    public enum Sex {
        MALE,
        FEMALE
    }

    /**
     * Why a text is not a valid ID number; each has a message key {@code register.id.<name>}. Full-width or other
     * non-ASCII digits (１２３, ١٢٣) are their own problem: {@link Character#isDigit} accepts them, the register's
     * ASCII-only key does not, and they mean the number was retyped, not exported.
     */
    public enum Problem {
        EMPTY,
        NON_ASCII_DIGITS,
        OLD_15_DIGITS,
        LENGTH,
        CHARACTERS,
        BIRTH_DATE,
        CHECK_DIGIT;

        public String messageKey() {
            return "register.id." + name();
        }
    }

    public IdNumber {
        Optional<Problem> problem = problemOf(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get().messageKey() + ": " + value);
        }
        value = normalise(value);
    }

    /** Parses a text as typed or exported (spaces trimmed, lower-case x accepted). */
    public static IdNumber of(String text) {
        return new IdNumber(text);
    }

    /**
     * Empty when the text is a well-formed number, else the first problem found. The birth date must be a real day
     * from 1880 on; whether it lies in the future is {@link #problemOf(String, LocalDate)}'s check (a value has no
     * clock: its caller knows today).
     */
    public static Optional<Problem> problemOf(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(Problem.EMPTY);
        }
        String v = normalise(text);
        if (hasNonAsciiDigits(v)) {
            return Optional.of(Problem.NON_ASCII_DIGITS);
        }
        if (v.length() == 15 && v.chars().allMatch(IdNumber::isAsciiDigit)) {
            return Optional.of(Problem.OLD_15_DIGITS);
        }
        if (v.length() != 18) {
            return Optional.of(Problem.LENGTH);
        }
        for (int i = 0; i < 17; i++) {
            if (!isAsciiDigit(v.charAt(i))) {
                return Optional.of(Problem.CHARACTERS);
            }
        }
        char last = v.charAt(17);
        if (!isAsciiDigit(last) && last != 'X') {
            return Optional.of(Problem.CHARACTERS);
        }
        if (birthDateOf(v).isEmpty()) {
            return Optional.of(Problem.BIRTH_DATE);
        }
        if (checkCharacter(v) != last) {
            return Optional.of(Problem.CHECK_DIGIT);
        }
        return Optional.empty();
    }

    /** As {@link #problemOf(String)}, and a birth date after tomorrow ({@code today} the caller's) is implausible. */
    public static Optional<Problem> problemOf(String text, LocalDate today) {
        Optional<Problem> problem = problemOf(text);
        if (problem.isEmpty() && birthDateOf(normalise(text)).orElseThrow().isAfter(today.plusDays(1))) {
            return Optional.of(Problem.BIRTH_DATE);
        }
        return problem;
    }

    /**
     * Whether the text holds a digit other than ASCII 0–9 (full-width １, Arabic-Indic ١ …) or a full-width
     * letter or sign (Ｘ, －): what an input method types, never what a register exports.
     */
    public static boolean hasNonAsciiDigits(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((Character.isDigit(c) && !isAsciiDigit(c)) || (c >= '\uFF01' && c <= '\uFF5E')) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    public static boolean isValid(String text) {
        return problemOf(text).isEmpty();
    }

    /** The check character for the first 17 digits. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    public LocalDate birthDate() {
        return birthDateOf(value).orElseThrow();
    }

    public Sex sex() {
        return (value.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
    }

    /** The region code of first registration (6 digits). */
    public String issuingRegion() {
        return value.substring(0, 6);
    }

    /** For lists: the first 4 and last 4 characters, e.g. 3505**********1234. */
    public String masked() {
        return mask(value);
    }

    public static String mask(String id) {
        if (id == null || id.length() < 8) {
            return id;
        }
        return id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(id.length() - 4);
    }

    @Override
    public String toString() {
        return masked();
    }

    private static String normalise(String text) {
        return text.strip().toUpperCase(Locale.ROOT);
    }

    private static Optional<LocalDate> birthDateOf(String v) {
        try {
            LocalDate date = LocalDate.of(
                    Integer.parseInt(v.substring(6, 10)),
                    Integer.parseInt(v.substring(10, 12)),
                    Integer.parseInt(v.substring(12, 14)));
            return date.isBefore(EARLIEST) ? Optional.empty() : Optional.of(date);
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
