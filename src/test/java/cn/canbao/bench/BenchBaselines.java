package cn.canbao.bench;

import static cn.canbao.bench.BenchImports.seconds;

import java.io.BufferedReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The baselines the benchmarks measure in their own run, on the same database: what a step would cost if it did
 * nothing but the least its result needs (a bare COPY of the file, a bare scan of the register, instances of a process
 * that does nothing).
 */
public final class BenchBaselines {

    private static final String NOOP_KEY = "BenchNoop";

    private BenchBaselines() {}

    /** Seconds of a bare {@code COPY … (format csv, header)} of the file into an unindexed table of text columns. */
    public static double bareCopy(DataSource dataSource, JdbcTemplate jdbc, Path file) throws Exception {
        int columns;
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            columns = reader.readLine().split(",", -1).length;
        }
        StringBuilder ddl = new StringBuilder("create table bare_copy (");
        for (int i = 0; i < columns; i++) {
            ddl.append(i == 0 ? "" : ", ").append("c").append(i).append(" text");
        }
        jdbc.execute("drop table if exists bare_copy");
        jdbc.execute(ddl.append(")").toString());
        long t0 = System.nanoTime();
        try (var connection = dataSource.getConnection();
                InputStream in = Files.newInputStream(file)) {
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy bare_copy from stdin (format csv, header)", in, 1 << 16);
        }
        double took = seconds(t0);
        jdbc.execute("drop table bare_copy");
        return took;
    }

    /** Seconds of a bare scan counting the register's persons per village, of the regions whose codes start so. */
    public static double bareScan(JdbcTemplate jdbc, String codePrefix) {
        long t0 = System.nanoTime();
        jdbc.queryForList(
                "select household_region, count(*) from person where household_region like ? "
                        + "group by household_region",
                codePrefix + "%");
        return seconds(t0);
    }

    /**
     * Seconds to start n instances of a start→end process, in transactions of {@code batch} instances as the outreach
     * starter batches its own, on {@code threads} threads (the starter's calling thread and the job executor's pool).
     */
    public static double noopStarts(
            RepositoryService repository, RuntimeService runtime, TransactionTemplate tx, int n, int batch, int threads)
            throws Exception {
        if (repository
                        .createProcessDefinitionQuery()
                        .processDefinitionKey(NOOP_KEY)
                        .count()
                == 0) {
            repository
                    .createDeployment()
                    .name("bench-noop")
                    .addModelInstance(
                            "bench-noop.bpmn",
                            Bpmn.createExecutableProcess(NOOP_KEY)
                                    .camundaHistoryTimeToLive(1)
                                    .startEvent()
                                    .endEvent()
                                    .done())
                    .deploy();
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t0 = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(pool.submit(() -> {
                    int first;
                    while ((first = next.getAndAdd(batch)) < n) {
                        int from = first;
                        int count = Math.min(batch, n - from);
                        tx.executeWithoutResult(s -> {
                            for (int i = 0; i < count; i++) {
                                runtime.startProcessInstanceByKey(NOOP_KEY, "noop-" + (from + i));
                            }
                        });
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            return seconds(t0);
        } finally {
            pool.shutdown();
        }
    }
}
