package cn.canbao.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.PackagedJar;
import cn.canbao.sms.dispatch.SmsDispatcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * Issue 18's cluster, for real: two packaged jars (prod profile) on one PostgreSQL database, each with its Camunda job
 * executor, clustered Quartz scheduler and SMS dispatch worker running as in production, sending through the real
 * Twilio SDK to a stub in this JVM that answers after 300 ms. The node that is dispatching is killed with SIGKILL in
 * the middle of the outbox; the other one finishes it: every message reaches the stub exactly once (0 lost, 0 twice),
 * no second at the stub sees more than the rate, and the dashboard's Quartz trigger, set to every 5 s, fired exactly
 * once per scheduled time across both nodes. Before that, BPMN timers and asynchronous steps started in the shared job
 * table run once each, on both nodes' job executors. Also run alone by {@code ./mvnw verify -Pcluster}.
 */
@CanbaoIntegrationTest
class TwoNodeClusterIT extends IntegrationTestBase {

    private static final String COUNTY = "350486";
    private static final String OUTREACH_COUNTY = "350487";
    private static final int RESIDENTS = 2000;
    private static final String PASSWORD = "Cluster-test-2026!";
    private static final int MESSAGES = 240;
    private static final int RATE = 8;
    private static final Pattern REFRESH = Pattern.compile("dashboard refresh for the trigger fired at (\\S+)");

    @Autowired
    Environment env;

    @Test
    void theOtherNodeFinishesTheOutboxOfAKilledOneAndEveryTriggerFiresOnce() throws Exception {
        String url = PackagedJar.freshDatabase(env, jdbc, "_cluster");
        Path folder = freshFolder("cluster-run");
        Path regions = regions(folder, COUNTY + "000000,双机县,COUNTY,350400000000,,,1000\n");
        JdbcTemplate db = direct(url);
        List<Process> nodes = new ArrayList<>();
        try (TwilioStub stub = new TwilioStub(Instant::now)) {
            stub.latency(Duration.ofMillis(300));
            nodes.add(start(folder, url, "node-a", regions, stub));
            nodes.add(start(folder, url, "node-b", regions, stub));
            timersAndAsyncJobsRunOnceSpreadOverBothNodes(url, db);
            // the processes would write these; here straight into the outbox both nodes dispatch from
            for (int i = 0; i < MESSAGES; i++) {
                db.update(
                        "insert into sms_message (dedup_key, id_number, mobile, region_code, template_key, body, segments, "
                                + "status) values (?, ?, ?, ?, 'REMINDER_FIRST', ?, 1, 'QUEUED')",
                        "cluster-" + i,
                        String.format("35048619600101%04d", i),
                        String.format("1390003%04d", i),
                        COUNTY + "000000",
                        "【医保缴费提醒】集群测试 " + i);
            }

            // the node holding the dispatcher's lock, once it is well into the outbox
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> stub.creates().size() >= MESSAGES / 4 && dispatching(db) != null);
            String victim = dispatching(db);
            int before = stub.creates().size();
            Process killed = nodes.get(victim.equals("node-a") ? 0 : 1);
            killed.destroyForcibly(); // SIGKILL: no shutdown hook, sends in flight cut off
            assertThat(killed.waitFor(60, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(db.queryForObject("select count(*) from sms_message where status <> 'ACCEPTED'", Integer.class))
                    .as("the kill left work")
                    .isPositive();

            // the survivor takes over: what the dead node left SENDING is looked up after reconcile-after, then
            // recorded as taken or sent once
            await().atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> db.queryForObject(
                                    "select count(*) from sms_message where status = 'ACCEPTED'", Integer.class)
                            == MESSAGES);
            Map<String, Long> perNumber = stub.acceptedPerNumber();
            assertThat(perNumber).as("0 lost").hasSize(MESSAGES);
            assertThat(perNumber.values()).as("0 sent twice").containsOnly(1L);
            assertThat(stub.creates()).hasSize(MESSAGES);
            assertThat(stub.creates().size()).isGreaterThan(before);
            assertThat(stub.busiestSecond())
                    .as("the rate across both nodes and the hand-over")
                    .isLessThanOrEqualTo(RATE);
            assertThat(db.queryForList("select distinct node from sms_dispatch_state", String.class))
                    .doesNotContain(victim);

            // each 5-s fire of the dashboard trigger ran on exactly one node
            List<String> fires = new ArrayList<>();
            for (String node : List.of("node-a", "node-b")) {
                Matcher m = REFRESH.matcher(Files.readString(folder.resolve(node + ".log")));
                while (m.find()) {
                    fires.add(m.group(1));
                }
            }
            assertThat(fires).as("the trigger fired during the run").hasSizeGreaterThan(10);
            assertThat(fires).as("no scheduled time ran twice").doesNotHaveDuplicates();
        } finally {
            for (Process node : nodes) {
                PackagedJar.stop(node);
            }
            PackagedJar.dropDatabase(env, jdbc, "_cluster");
        }
    }

    /**
     * Issue 18: "after kill -9 of one node ... in the middle of an outreach start, the other node finishes the work: 0
     * lost, 0 duplicated". A county of 2,000 residents without insurance (and without a mobile: each process goes
     * straight to its visit task, and the outbox stays out of it), a campaign collecting today, and the morning
     * outreach job set to fire every 15 s. One node runs the job and starts ranges itself while both nodes' job
     * executors start the ranges it queued; that node is killed with SIGKILL once some are started. The survivor
     * recovers the job (Quartz) and the dead node's jobs (their locks expire), and in the end every resident has exactly
     * one process.
     */
    @Test
    void theOtherNodeFinishesTheOutreachStartOfAKilledOneAndStartsNobodyTwice() throws Exception {
        String url = PackagedJar.freshDatabase(env, jdbc, "_cluster_outreach");
        Path folder = freshFolder("cluster-outreach-run");
        String county = OUTREACH_COUNTY + "000000";
        String township = OUTREACH_COUNTY + "101000";
        String village = OUTREACH_COUNTY + "101001";
        String grid = village + "001";
        Path regions = regions(
                folder,
                county + ",双机催缴县,COUNTY,350400000000,,,3000\n" + township + ",双机镇,TOWNSHIP,"
                        + county + ",,,\n" + village + ",双机村,VILLAGE," + township + ",,,\n" + grid + ",双机村第一网格,GRID,"
                        + village + ",COMMUNITY,,\n");
        JdbcTemplate db = direct(url);
        List<Process> nodes = new ArrayList<>();
        String outreach = ",\"outreach\":{\"start-cron\":\"0/15 * * * * ?\",\"batch-size\":50}";
        // a dead node's jobs go to the survivor 20 s after it took them, not the production 10 minutes
        String locks = ",\"lock-time-in-millis\":20000";
        try (TwilioStub stub = new TwilioStub(Instant::now)) {
            nodes.add(start(folder, url, "node-a", regions, county, stub, outreach, locks));
            nodes.add(start(folder, url, "node-b", regions, county, stub, outreach, locks));
            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
            List<Object[]> people = new ArrayList<>();
            for (int i = 0; i < RESIDENTS; i++) {
                people.add(new Object[] {
                    cn.canbao.register.TestIds.id(
                            OUTREACH_COUNTY, java.time.LocalDate.of(1960, 1, 1).plusDays(i / 500), i % 500 + 1),
                    "居民" + i,
                    village,
                    village,
                    grid
                });
            }
            db.batchUpdate(
                    "insert into person (id_number, name, birth_date, sex, household_region, residence_region, "
                            + "grid_code) values (?, ?, to_date(substr(?, 7, 8), 'YYYYMMDD'), 'M', ?, ?, ?)",
                    people.stream()
                            .map(p -> new Object[] {p[0], p[1], p[0], p[2], p[3], p[4]})
                            .toList());
            long campaign = db.queryForObject(
                    "insert into campaign (name, year, county_code, collection_start, "
                            + "collection_end, coverage_goal, phase, created_by) values ('双机催缴行动', ?, ?, ?, ?, 95, 'IMPLEMENT', "
                            + "'cluster-test') returning id",
                    Long.class,
                    today.getYear() + 1,
                    county,
                    java.sql.Date.valueOf(today.minusDays(30)),
                    java.sql.Date.valueOf(today.plusDays(180)));

            // the node running the morning job, once some processes are started and the other node's job executor
            // has started ranges of its own: the work is spread
            String[] victim = new String[1];
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        victim[0] = runningOutreachJob(db);
                        return victim[0] != null
                                && started(db, campaign) >= RESIDENTS / 10
                                && Files.readString(folder.resolve(
                                                (victim[0].equals("node-a") ? "node-b" : "node-a") + ".log"))
                                        .contains("Outreach start job for campaign " + campaign);
                    });
            Process killed = nodes.get(victim[0].equals("node-a") ? 0 : 1);
            killed.destroyForcibly();
            assertThat(killed.waitFor(60, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(started(db, campaign)).as("the kill left work").isLessThan(RESIDENTS);

            await().atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> started(db, campaign) == RESIDENTS);
            assertThat(db.queryForObject(
                            "select count(*) from outreach_case where campaign_id = ?", Integer.class, campaign))
                    .as("one case per resident")
                    .isEqualTo(RESIDENTS);
            assertThat(db.queryForObject(
                            "select count(*) from act_hi_procinst where proc_def_key_ = 'LapsedOutreach'",
                            Integer.class))
                    .as("0 started twice")
                    .isEqualTo(RESIDENTS);
            assertThat(db.queryForObject(
                            "select count(*) from outreach_case c join act_ru_execution e "
                                    + "on e.id_ = c.process_instance_id and e.business_key_ = c.id::text where c.campaign_id = ?",
                            Integer.class,
                            campaign))
                    .as("every case's process is the running one it names")
                    .isEqualTo(RESIDENTS);
            assertThat(db.queryForObject(
                            "select count(*) from act_ru_task where task_def_key_ = 'Task_VisitResident'",
                            Integer.class))
                    .as("each waits for its visit")
                    .isEqualTo(RESIDENTS);
        } finally {
            for (Process node : nodes) {
                PackagedJar.stop(node);
            }
            PackagedJar.dropDatabase(env, jdbc, "_cluster_outreach");
        }
    }

    /** An empty folder under target/ for the nodes' working directories and logs. */
    private static Path freshFolder(String name) throws IOException {
        Path folder = Path.of("target", name).toAbsolutePath();
        FileSystemUtils.deleteRecursively(folder);
        Files.createDirectories(folder);
        return folder;
    }

    /** The region list the first node loads: Fujian and Sanming, then the given rows (CSV, one per line). */
    private static Path regions(Path folder, String rows) throws IOException {
        Path regions = folder.resolve("regions.csv");
        Files.writeString(
                regions,
                "code,name,level,parent_code,grid_kind,sector,household_population\n"
                        + "350000000000,福建省,PROVINCE,,,,\n350400000000,三明市,CITY,350000000000,,,\n" + rows,
                StandardCharsets.UTF_8);
        return regions;
    }

    /** A connection of this test's own to the cluster's database. */
    private JdbcTemplate direct(String url) {
        return new JdbcTemplate(new SingleConnectionDataSource(
                url,
                env.getRequiredProperty("spring.datasource.username"),
                env.getProperty("spring.datasource.password", ""),
                true));
    }

    private static int started(JdbcTemplate db, long campaign) {
        return db.queryForObject(
                "select count(*) from outreach_case where campaign_id = ? " + "and process_instance_id is not null",
                Integer.class,
                campaign);
    }

    /** The node (its Quartz instance id) running the morning outreach job right now, or null. */
    private static String runningOutreachJob(JdbcTemplate db) {
        return db
                .queryForList(
                        "select instance_name from qrtz_fired_triggers where trigger_name = 'outreach-start' "
                                + "and state = 'EXECUTING'",
                        String.class)
                .stream()
                .findFirst()
                .orElse(null);
    }

    /**
     * BPMN timers and asynchronous steps in the shared job table: 60 instances of a process waiting 2 s on a timer
     * and then counting, in an asynchronous step, how often that step ran. Deployed and started from this JVM through
     * an engine of its own on the cluster's database (its job executor off), run by the two nodes' job executors:
     * every instance ends, every step ran once, and both nodes took jobs.
     */
    private void timersAndAsyncJobsRunOnceSpreadOverBothNodes(String url, JdbcTemplate db) {
        org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration config =
                new org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration();
        config.setProcessEngineName("cluster-test-client");
        config.setJdbcDriver("org.postgresql.Driver");
        config.setJdbcUrl(url);
        config.setJdbcUsername(env.getRequiredProperty("spring.datasource.username"));
        config.setJdbcPassword(env.getProperty("spring.datasource.password", ""));
        config.setDatabaseSchemaUpdate("false");
        config.setJobExecutorActivate(false);
        config.setHistory("audit");
        config.setMetricsEnabled(false);
        org.camunda.bpm.engine.ProcessEngine client = config.buildProcessEngine();
        try {
            client.getRepositoryService()
                    .createDeployment()
                    .name("cluster-timers")
                    .addModelInstance(
                            "cluster-timers.bpmn",
                            org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("ClusterTimers")
                                    .camundaHistoryTimeToLive(1)
                                    .startEvent()
                                    .intermediateCatchEvent("wait")
                                    .timerWithDuration("PT2S")
                                    .serviceTask("count")
                                    .camundaAsyncBefore()
                                    .camundaExpression("${execution.setVariable('hits', hits + 1)}")
                                    // which node ran it: its JDBC URL carries its ApplicationName
                                    .serviceTask("where")
                                    .camundaExpression(
                                            "${execution.setVariable('node', environment.getProperty('spring.datasource.url'))}")
                                    .endEvent()
                                    .done())
                    .deploy();
            int instances = 100;
            for (int i = 0; i < instances; i++) {
                client.getRuntimeService().startProcessInstanceByKey("ClusterTimers", Map.of("hits", 0));
            }
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> client.getHistoryService()
                                    .createHistoricProcessInstanceQuery()
                                    .processDefinitionKey("ClusterTimers")
                                    .finished()
                                    .count()
                            == instances);
            assertThat(client.getHistoryService()
                            .createHistoricVariableInstanceQuery()
                            .variableName("hits")
                            .list())
                    .hasSize(instances)
                    .allSatisfy(v -> assertThat(v.getValue().toString())
                            .as("each step ran once")
                            .isEqualTo("1"));
            java.util.Set<String> owners = new java.util.HashSet<>();
            client.getHistoryService()
                    .createHistoricVariableInstanceQuery()
                    .variableName("node")
                    .list()
                    .forEach(v -> owners.add(String.valueOf(v.getValue()).replaceAll(".*ApplicationName=", "")));
            assertThat(client.getHistoryService()
                            .createHistoricActivityInstanceQuery()
                            .activityId("wait")
                            .count())
                    .as("each timer fired once")
                    .isEqualTo(instances);
            assertThat(owners).as("both nodes' job executors took jobs").containsExactlyInAnyOrder("node-a", "node-b");
        } finally {
            client.close();
        }
    }

    /** The node whose session holds the dispatcher's advisory lock (its JDBC ApplicationName), or null. */
    private static String dispatching(JdbcTemplate db) {
        return db
                .query(
                        "select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid "
                                + "where l.locktype = 'advisory' and l.classid = 0 and l.objid::text::bigint = ? and l.granted",
                        (rs, n) -> rs.getString(1),
                        SmsDispatcher.LOCK_KEY)
                .stream()
                .findFirst()
                .orElse(null);
    }

    private Process start(Path folder, String url, String node, Path regions, TwilioStub stub) throws IOException {
        return start(folder, url, node, regions, COUNTY + "000000", stub, "", "");
    }

    /**
     * A node of the cluster; {@code canbao} and {@code jobExecution} add settings (JSON members, each with a leading
     * comma) to the {@code canbao} and {@code camunda.bpm.job-execution} objects.
     */
    private Process start(
            Path folder,
            String url,
            String node,
            Path regions,
            String adminRegion,
            TwilioStub stub,
            String canbao,
            String jobExecution)
            throws IOException {
        String json = "{\"canbao\":{\"sms\":{\"gateway\":\"twilio\",\"rate-per-second\":" + RATE + ","
                + "\"reconcile-after\":\"51s\",\"backoff\":\"5s\",\"quiet-start\":\"00:00\",\"quiet-end\":\"00:00\","
                + "\"dispatcher\":{\"idle-poll\":\"1s\"},"
                + "\"twilio\":{\"account-sid\":\"" + TwilioStub.ACCOUNT + "\",\"auth-token\":\"stub-token\","
                + "\"messaging-service-sid\":\"MG00000000000000000000000000000001\",\"api-base-url\":\""
                + stub.baseUrl()
                + "\"}},\"dashboard\":{\"refresh-cron\":\"0/5 * * * * ?\"}" + canbao + "},"
                // short waits of an idle job executor (default up to 60 s), as a test needs them
                + "\"camunda\":{\"bpm\":{\"job-execution\":{\"max-wait\":1000,\"wait-time-in-millis\":500"
                + jobExecution + "}}},"
                // the node's name as its Quartz instance id, to tell which node runs a trigger
                + "\"spring\":{\"quartz\":{\"properties\":{\"org.quartz.scheduler.instanceId\":\"" + node + "\"}}}}";
        return PackagedJar.start(
                env,
                folder,
                url + "?ApplicationName=" + node,
                PackagedJar.freePort(),
                Map.of(
                        "CANBAO_SETUP_REGIONS_FILE",
                        regions.toString(),
                        "CANBAO_SETUP_ADMIN_REGION",
                        adminRegion,
                        "CANBAO_SETUP_ADMIN_PASSWORD",
                        PASSWORD,
                        "SPRING_APPLICATION_JSON",
                        json),
                folder.resolve(node + ".log"));
    }
}
