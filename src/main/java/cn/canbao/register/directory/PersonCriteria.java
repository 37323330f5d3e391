package cn.canbao.register.directory;

import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionScope;
import cn.canbao.register.person.MobileNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The WHERE clause of a person search over {@code person p}: the caller's scope and the criteria as
 * SQL with its arguments, so the page and the count run the same conditions. Each condition is one
 * an index of V4/V5 can serve (region prefixes, ID number, mobile, name prefix or characters).
 */
record PersonCriteria(String sql, List<Object> args) {

    private static final Pattern ID_SHAPE = Pattern.compile("^[0-9]{17}[0-9X]$");

    static PersonCriteria of(PersonSearch search, RegionScope scope, int currentYear) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (!scope.unrestricted()) {
            // grid workers' scope is a 15-digit grid code: only grid_code can lie under it
            String like = scope.codePrefix() + "%";
            where.add("(p.household_region like ? or p.residence_region like ? or p.grid_code like ?)");
            args.addAll(List.of(like, like, like));
        }
        text(search.trimmedText(), where, args);
        if (search.regionCode() != null && !search.regionCode().isBlank()) {
            String code = search.regionCode().strip();
            RegionLevel level = RegionLevel.ofCode(code)
                    .orElseThrow(() -> new IllegalArgumentException("malformed region code " + code));
            if (level == RegionLevel.GRID) {
                where.add("p.grid_code = ?");
                args.add(code);
            } else {
                String like = level.prefixOf(code) + "%";
                where.add("(p.household_region like ? or p.residence_region like ?)");
                args.addAll(List.of(like, like));
            }
        }
        if (search.status() != null) {
            where.add("p.status = ?");
            args.add(search.status().name());
        }
        if (search.group() != null) {
            where.add("exists (select 1 from person_group g where g.id_number = p.id_number and g.grp = ? "
                    + "and (g.until is null or g.until >= current_date))");
            args.add(search.group().name());
        }
        if (search.notEnrolledReason() != null) {
            where.add("p.not_enrolled_reason = ?");
            args.add(search.notEnrolledReason().name());
        }
        if (search.enrolledInYear() != null) {
            where.add((search.enrolledInYear() ? "" : "not ")
                    + "exists (select 1 from enrollment e where e.id_number = p.id_number and e.year = ?)");
            args.add(search.year() == null ? currentYear : search.year());
        }
        return new PersonCriteria(where.isEmpty() ? "true" : String.join(" and ", where), List.copyOf(args));
    }

    /** A full ID number, else a mobile number, else a name: a surname by prefix, more characters anywhere. */
    private static void text(String text, List<String> where, List<Object> args) {
        if (text == null) {
            return;
        }
        String upper = text.toUpperCase(Locale.ROOT);
        var mobile = MobileNumber.normalise(text);
        if (ID_SHAPE.matcher(upper).matches()) {
            where.add("p.id_number = ?");
            args.add(upper);
        } else if (mobile.isPresent()) {
            where.add("p.mobile = ?");
            args.add(mobile.get());
        } else if (text.codePointCount(0, text.length()) == 1) {
            where.add("p.name like ?");
            args.add(escapeLike(text) + "%");
        } else {
            // the character containment finds candidates in the GIN index, like checks their order
            where.add("string_to_array(p.name, null) @> string_to_array(?::text, null) and p.name like ?");
            args.add(text);
            args.add("%" + escapeLike(text) + "%");
        }
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    Object[] argArray() {
        return args.toArray();
    }
}
