package cn.canbao.base.database;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Planner settings for the statements of one piece of work, inside the caller's transaction ({@code set_config(…,
 * true)}): set before, restored after. A failure aborts the transaction, which ends the settings with it, so they are
 * restored after success only (a restore there would fail too and hide the statement's own error). Outside a
 * transaction {@code set_config(…, true)} would end with its own statement and the work would run unplanned-for, so
 * there it refuses to run.
 */
public final class PlannerSettings {

    private static final String CUSTOM_PLANS = "plan_cache_mode";

    private PlannerSettings() {}

    /**
     * A county's part of a province's register read through the indexes: its files by their region indexes, each
     * file's enrollments and groups by key, never by reading (or hashing) every file and enrollment of the province
     * (issue 18: those reads made every county's statements grow with the counties loaded before it). Nor compiled:
     * with the scans priced out the planner's costs start the JIT, which does nothing for index lookups but take its
     * 0.2 s (the payments' lookup of 557,000 persons' live cases, docs/scale.md).
     */
    public static <T> T byIndex(JdbcClient jdbc, Supplier<T> work) {
        return with(
                jdbc,
                Map.of("enable_seqscan", "off", "enable_hashjoin", "off", "enable_mergejoin", "off", "jit", "off"),
                work);
    }

    /**
     * Plans made for each execution's values, nothing else changed (see {@link #with}): for a statement of one
     * county's part of the register that a generic plan would read for the whole province.
     */
    public static <T> T customPlans(JdbcClient jdbc, Supplier<T> work) {
        return with(jdbc, Map.of(), work);
    }

    /**
     * Runs {@code work} with each setting of {@code settings} (name to value), restoring what they were afterwards;
     * and with plans made for each execution's values ({@code plan_cache_mode}, unless {@code settings} name it). The
     * driver prepares a statement on the server from its fifth execution, and PostgreSQL may then keep one generic
     * plan for every value: for a {@code like ? || '%'} of one county that plan cannot know the prefix, and read
     * every file of the province through the primary key, filtering (a county's baseline at the province bench's
     * 10th county: 4.2 s generic, 2.2 s planned for the county; docs/scale.md). The work these settings serve runs
     * for seconds, so planning each execution costs nothing by comparison.
     */
    public static <T> T with(JdbcClient jdbc, Map<String, String> settings, Supplier<T> work) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("planner settings " + settings.keySet() + " need a transaction");
        }
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.putIfAbsent(CUSTOM_PLANS, "force_custom_plan");
        Map<String, String> before = new LinkedHashMap<>();
        all.forEach((name, value) -> {
            before.put(
                    name,
                    jdbc.sql("select current_setting(?)")
                            .param(name)
                            .query(String.class)
                            .single());
            set(jdbc, name, value);
        });
        T result = work.get();
        before.forEach((name, value) -> set(jdbc, name, value));
        return result;
    }

    private static void set(JdbcClient jdbc, String name, String value) {
        jdbc.sql("select set_config(?, ?, true)")
                .params(name, value)
                .query(String.class)
                .single();
    }
}
