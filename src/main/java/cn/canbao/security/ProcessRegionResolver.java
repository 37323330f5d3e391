package cn.canbao.security;

import cn.canbao.security.camunda.ProcessInstanceGrants;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Says which region a starting process instance belongs to, for processes whose starter passes no
 * {@code regionCode} variable. A Spring bean in the capability that owns the process (and its tables);
 * {@link ProcessInstanceGrants} asks it once per started instance, inside the engine's transaction, so rows
 * the starter inserted just before are visible. Only the starter's values are seen: users cannot start
 * instances nor set their variables through Camunda's API (only operators can).
 */
public interface ProcessRegionResolver {

    /** A business key that is a row id. */
    java.util.regex.Pattern ROW_ID = java.util.regex.Pattern.compile("[0-9]{1,18}");

    /** The keys of the process definitions this resolver knows. */
    Set<String> processKeys();

    /** The region (or grid) code of the instance; empty when it has none, then only operators see it. */
    Optional<String> regionOf(String businessKey, Map<String, Object> startVariables);

    /** A business key that is a row id (our starters use the record's id), or empty. */
    static Optional<Long> rowId(String businessKey) {
        return businessKey != null && ROW_ID.matcher(businessKey).matches()
                ? Optional.of(Long.parseLong(businessKey))
                : Optional.empty();
    }

    /**
     * The region the row of a row-id business key names: {@code sql} selects one code with the id as its one
     * parameter; empty for another business key or no row.
     */
    static Optional<String> ofRow(JdbcClient jdbc, String businessKey, String sql) {
        return rowId(businessKey)
                .flatMap(id -> jdbc.sql(sql).param(id).query(String.class).optional());
    }

    /** A start variable that is a string, or empty. */
    static Optional<String> text(Map<String, Object> variables, String name) {
        return variables.get(name) instanceof String value ? Optional.of(value) : Optional.empty();
    }

    /**
     * The resolver of a capability whose instances' business key is the id of a row of its own table: {@code sql}
     * selects that row's region with the id as its one parameter ({@link #ofRow}).
     */
    static ProcessRegionResolver byRow(JdbcClient jdbc, String sql, String... processKeys) {
        return new Resolver(Set.of(processKeys), (businessKey, variables) -> ofRow(jdbc, businessKey, sql));
    }

    /** The resolver of a capability whose starter passes the region as the string start variable {@code name}. */
    static ProcessRegionResolver byStartVariable(String name, String... processKeys) {
        return new Resolver(Set.of(processKeys), (businessKey, variables) -> text(variables, name));
    }

    /** A resolver made of its process keys and a lookup. */
    record Resolver(Set<String> processKeys, Lookup lookup) implements ProcessRegionResolver {
        @Override
        public Optional<String> regionOf(String businessKey, Map<String, Object> startVariables) {
            return lookup.regionOf(businessKey, startVariables);
        }
    }

    /** How a {@link Resolver} finds an instance's region. */
    @FunctionalInterface
    interface Lookup {
        Optional<String> regionOf(String businessKey, Map<String, Object> startVariables);
    }
}
