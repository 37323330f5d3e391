package cn.canbao.base.database;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Planner settings for the statements of one piece of work, inside the caller's transaction ({@code set_config(…,
 * true)}): set before, restored after. A failure aborts the transaction, which ends the settings with it, so they are
 * restored after success only (a restore there would fail too and hide the statement's own error). Outside a
 * transaction they do nothing.
 */
public final class PlannerSettings {

    private PlannerSettings() {}

    /**
     * A county's part of a province's register read through the indexes: its files by their region indexes, each
     * file's enrollments and groups by key, never by reading (or hashing) every file and enrollment of the province
     * (issue 18: those reads made every county's statements grow with the counties loaded before it).
     */
    public static <T> T byIndex(JdbcClient jdbc, Supplier<T> work) {
        return with(jdbc, List.of("enable_seqscan", "enable_hashjoin", "enable_mergejoin"), "off", work);
    }

    /** Runs {@code work} with each of {@code names} set to {@code value}, restoring what they were afterwards. */
    public static <T> T with(JdbcClient jdbc, List<String> names, String value, Supplier<T> work) {
        List<String> before = new ArrayList<>();
        for (String name : names) {
            before.add(jdbc.sql("select current_setting(?)")
                    .param(name)
                    .query(String.class)
                    .single());
            jdbc.sql("select set_config(?, ?, true)")
                    .params(name, value)
                    .query(String.class)
                    .single();
        }
        T result = work.get();
        for (int i = 0; i < names.size(); i++) {
            jdbc.sql("select set_config(?, ?, true)")
                    .params(names.get(i), before.get(i))
                    .query(String.class)
                    .single();
        }
        return result;
    }
}
