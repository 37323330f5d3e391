package cn.canbao.attack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What "nothing changed" means in an attack test: a digest of every row of the named tables (Canbao's
 * and Camunda's), taken before the attack and compared after it. A table that gained, lost or changed a
 * single row gives a different digest, and the assertion names the table.
 */
@Component
public class RowFingerprint {

    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*");

    private final JdbcTemplate jdbc;

    RowFingerprint(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Table name → row count and md5 of all rows in a stable order. */
    public Map<String, String> of(String... tables) {
        return of(List.of(tables));
    }

    public Map<String, String> of(List<String> tables) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (String table : tables) {
            if (!TABLE.matcher(table).matches()) {
                throw new IllegalArgumentException(table);
            }
            digests.put(
                    table,
                    jdbc.queryForObject(
                            "select count(*) || ':' || coalesce(md5(string_agg(t::text, "
                                    + "'|' order by t::text)), '-') from " + table + " t",
                            String.class));
        }
        return digests;
    }
}
