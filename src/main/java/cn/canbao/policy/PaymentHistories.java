package cn.canbao.policy;

import cn.canbao.register.PersonGroup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads persons' enrollment and payment histories from the register's tables, for any number of persons
 * in four statements (the outreach batches ask for thousands at once), and the collection periods of
 * the counties' campaigns.
 */
@Component
class PaymentHistories {

    private final JdbcTemplate jdbc;

    PaymentHistories(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The histories of the persons found, by ID number; unknown numbers are absent. */
    Map<String, PaymentHistory> read(Collection<String> idNumbers) {
        if (idNumbers.isEmpty()) {
            return Map.of();
        }
        // one array parameter, not spread over varargs
        Object[] ids = {idNumbers.toArray(String[]::new)};
        Map<String, String> counties = new LinkedHashMap<>();
        jdbc.query("select id_number, household_region from person where id_number = any(?::char(18)[])", rs -> {
            String region = rs.getString("household_region");
            counties.put(rs.getString("id_number"), region == null ? null : region.substring(0, 6));
        }, ids);
        Map<String, Set<PersonGroup>> groups = new HashMap<>();
        jdbc.query("select distinct id_number, grp from person_group where id_number = any(?::char(18)[]) "
                + "and (until is null or until >= current_date)", rs -> {
            groups.computeIfAbsent(rs.getString(1), k -> new java.util.HashSet<>())
                    .add(PersonGroup.valueOf(rs.getString(2)));
        }, ids);
        Map<String, List<PaymentHistory.Enrollment>> enrollments = new HashMap<>();
        jdbc.query("select id_number, year, scheme, place from enrollment where id_number = any(?::char(18)[])", rs -> {
            enrollments.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(
                    new PaymentHistory.Enrollment(rs.getInt(2), rs.getString(3), rs.getString(4)));
        }, ids);
        Map<String, List<PaymentHistory.Payment>> payments = new HashMap<>();
        jdbc.query("select id_number, receipt_no, year, scheme, paid_date from payment where id_number = any(?::char(18)[])",
                rs -> {
                    payments.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(
                            new PaymentHistory.Payment(rs.getString(2), rs.getInt(3), rs.getString(4),
                                    rs.getDate(5).toLocalDate()));
                }, ids);
        return counties.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> new PaymentHistory(e.getKey(), e.getValue(), groups.getOrDefault(e.getKey(), Set.of()),
                        enrollments.getOrDefault(e.getKey(), List.of()), payments.getOrDefault(e.getKey(), List.of())),
                (a, b) -> a, LinkedHashMap::new));
    }

    /** County (6-digit prefix) → the enrollment year whose collection period includes the day. */
    Map<String, Integer> collectingYears(LocalDate day) {
        Map<String, Integer> years = new HashMap<>();
        jdbc.query("select substr(county_code, 1, 6), max(year) from campaign "
                + "where ? between collection_start and collection_end group by 1", rs -> {
            years.put(rs.getString(1), rs.getInt(2));
        }, day);
        return years;
    }
}
