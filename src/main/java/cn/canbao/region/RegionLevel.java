package cn.canbao.region;

import cn.canbao.base.Translatable;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The levels of the five-level network (五级网络) plus province and city above the county.
 * {@code significantDigits} is how much of the 12-digit statistical code a level fixes: the rest is
 * zeros, and every descendant's code starts with those digits.
 */
public enum RegionLevel implements Translatable {
    PROVINCE(2, "^[1-9][0-9]0{10}$"),
    CITY(4, "^[0-9]{2}(?!00)[0-9]{2}0{8}$"),
    COUNTY(6, "^[0-9]{4}(?!00)[0-9]{2}0{6}$"),
    TOWNSHIP(9, "^[0-9]{6}(?!000)[0-9]{3}000$"),
    VILLAGE(12, "^[0-9]{9}(?!000)[0-9]{3}$"),
    GRID(15, "^[0-9]{12}(?!000)[0-9]{3}$");

    private final int significantDigits;
    private final Pattern pattern;

    RegionLevel(int significantDigits, String pattern) {
        this.significantDigits = significantDigits;
        this.pattern = Pattern.compile(pattern);
    }

    /** Whether {@code code} is a well-formed code of this level. */
    public boolean accepts(String code) {
        return code != null && pattern.matcher(code).matches();
    }

    /** The pattern of this level's codes, for SQL over tables keyed by region code ({@code ~}; PostgreSQL reads it alike). */
    public String codePattern() {
        return pattern.pattern();
    }

    /** The digits every descendant's code starts with. */
    public String prefixOf(String code) {
        return code.substring(0, significantDigits);
    }

    public Optional<RegionLevel> childLevel() {
        return ordinal() + 1 < values().length ? Optional.of(values()[ordinal() + 1]) : Optional.empty();
    }

    public Optional<RegionLevel> parentLevel() {
        return ordinal() > 0 ? Optional.of(values()[ordinal() - 1]) : Optional.empty();
    }

    /** The level a well-formed code belongs to, judged by its trailing zeros. */
    public static Optional<RegionLevel> ofCode(String code) {
        for (int i = values().length - 1; i >= 0; i--) {
            if (values()[i].accepts(code)) {
                return Optional.of(values()[i]);
            }
        }
        return Optional.empty();
    }

    @Override
    public String messageKey() {
        return "region.level." + name();
    }
}
