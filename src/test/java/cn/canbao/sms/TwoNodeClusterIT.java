package cn.canbao.sms;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.PackagedJar;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.FileSystemUtils;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
class TwoNodeClusterIT {

    private static final String COUNTY = "350486";
    private static final String PASSWORD = "Cluster-test-2026!";
    private static final int MESSAGES = 240;
    private static final int RATE = 8;
    private static final Pattern REFRESH = Pattern.compile("dashboard refresh for the trigger fired at (\\S+)");

    @Autowired
    Environment env;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theOtherNodeFinishesTheOutboxOfAKilledOneAndEveryTriggerFiresOnce() throws Exception {
        String url = PackagedJar.freshDatabase(env, jdbc, "_cluster");
        Path folder = Path.of("target", "cluster-run").toAbsolutePath();
        FileSystemUtils.deleteRecursively(folder);
        Files.createDirectories(folder);
        Path regions = folder.resolve("regions.csv");
        Files.writeString(regions, "code,name,level,parent_code,grid_kind,sector,household_population\n"
                + "350000000000,福建省,PROVINCE,,,,\n350400000000,三明市,CITY,350000000000,,,\n"
                + COUNTY + "000000,双机县,COUNTY,350400000000,,,1000\n", StandardCharsets.UTF_8);
        JdbcTemplate db = new JdbcTemplate(new SingleConnectionDataSource(url,
                env.getRequiredProperty("spring.datasource.username"), env.getProperty("spring.datasource.password", ""),
                true));
        List<Process> nodes = new ArrayList<>();
        try (TwilioStub stub = new TwilioStub(Instant::now)) {
            stub.latency(Duration.ofMillis(300));
            nodes.add(start(folder, url, "node-a", regions, stub));
            nodes.add(start(folder, url, "node-b", regions, stub));
            timersAndAsyncJobsRunOnceSpreadOverBothNodes(url, db);
            // the processes would write these; here straight into the outbox both nodes dispatch from
            for (int i = 0; i < MESSAGES; i++) {
                db.update("insert into sms_message (dedup_key, id_number, mobile, region_code, template_key, body, segments, "
                        + "status) values (?, ?, ?, ?, 'REMINDER_FIRST', ?, 1, 'QUEUED')", "cluster-" + i,
                        String.format("35048619600101%04d", i), String.format("1390003%04d", i), COUNTY + "000000",
                        "【医保缴费提醒】集群测试 " + i);
            }

            // the node holding the dispatcher's lock, once it is well into the outbox
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> stub.creates().size() >= MESSAGES / 4 && dispatching(db) != null);
            String victim = dispatching(db);
            int before = stub.creates().size();
            Process killed = nodes.get(victim.equals("node-a") ? 0 : 1);
            killed.destroyForcibly(); // SIGKILL: no shutdown hook, sends in flight cut off
            assertThat(killed.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(db.queryForObject("select count(*) from sms_message where status <> 'ACCEPTED'", Integer.class))
                    .as("the kill left work").isPositive();

            // the survivor takes over: what the dead node left SENDING is looked up after reconcile-after, then
            // recorded as taken or sent once
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    db.queryForObject("select count(*) from sms_message where status = 'ACCEPTED'", Integer.class)
                            == MESSAGES);
            Map<String, Long> perNumber = stub.acceptedPerNumber();
            assertThat(perNumber).as("0 lost").hasSize(MESSAGES);
            assertThat(perNumber.values()).as("0 sent twice").containsOnly(1L);
            assertThat(stub.creates()).hasSize(MESSAGES);
            assertThat(stub.creates().size()).isGreaterThan(before);
            assertThat(stub.busiestSecond()).as("the rate across both nodes and the hand-over").isLessThanOrEqualTo(RATE);
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
            client.getRepositoryService().createDeployment().name("cluster-timers").addModelInstance("cluster-timers.bpmn",
                    org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("ClusterTimers").camundaHistoryTimeToLive(1)
                            .startEvent().intermediateCatchEvent("wait").timerWithDuration("PT2S")
                            .serviceTask("count").camundaAsyncBefore()
                            .camundaExpression("${execution.setVariable('hits', hits + 1)}")
                            // which node ran it: its JDBC URL carries its ApplicationName
                            .serviceTask("where")
                            .camundaExpression("${execution.setVariable('node', environment.getProperty('spring.datasource.url'))}")
                            .endEvent().done()).deploy();
            int instances = 100;
            for (int i = 0; i < instances; i++) {
                client.getRuntimeService().startProcessInstanceByKey("ClusterTimers", Map.of("hits", 0));
            }
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> client.getHistoryService()
                    .createHistoricProcessInstanceQuery().processDefinitionKey("ClusterTimers").finished().count() == instances);
            assertThat(client.getHistoryService().createHistoricVariableInstanceQuery().variableName("hits").list())
                    .hasSize(instances).allSatisfy(v -> assertThat(v.getValue().toString()).as("each step ran once")
                            .isEqualTo("1"));
            java.util.Set<String> owners = new java.util.HashSet<>();
            client.getHistoryService().createHistoricVariableInstanceQuery().variableName("node").list()
                    .forEach(v -> owners.add(String.valueOf(v.getValue()).replaceAll(".*ApplicationName=", "")));
            assertThat(client.getHistoryService().createHistoricActivityInstanceQuery().activityId("wait").count())
                    .as("each timer fired once").isEqualTo(instances);
            assertThat(owners).as("both nodes' job executors took jobs").containsExactlyInAnyOrder("node-a", "node-b");
        } finally {
            client.close();
        }
    }

    /** The node whose session holds the dispatcher's advisory lock (its JDBC ApplicationName), or null. */
    private static String dispatching(JdbcTemplate db) {
        return db.query("select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid "
                + "where l.locktype = 'advisory' and l.classid = 0 and l.objid::text::bigint = ? and l.granted", (rs, n) -> rs.getString(1),
                SmsDispatcher.LOCK_KEY).stream().findFirst().orElse(null);
    }

    private Process start(Path folder, String url, String node, Path regions, TwilioStub stub) throws IOException {
        String json = "{\"canbao\":{\"sms\":{\"gateway\":\"twilio\",\"rate-per-second\":" + RATE + ","
                + "\"reconcile-after\":\"51s\",\"backoff\":\"5s\",\"quiet-start\":\"00:00\",\"quiet-end\":\"00:00\","
                + "\"dispatcher\":{\"idle-poll\":\"1s\"},"
                + "\"twilio\":{\"account-sid\":\"" + TwilioStub.ACCOUNT + "\",\"auth-token\":\"stub-token\","
                + "\"messaging-service-sid\":\"MG00000000000000000000000000000001\",\"api-base-url\":\"" + stub.baseUrl()
                + "\"}},\"dashboard\":{\"refresh-cron\":\"0/5 * * * * ?\"}},"
                // short waits of an idle job executor (default up to 60 s), as a test needs them
                + "\"camunda\":{\"bpm\":{\"job-execution\":{\"max-wait\":1000,\"wait-time-in-millis\":500}}}}";
        return PackagedJar.start(env, folder, url + "?ApplicationName=" + node, PackagedJar.freePort(), Map.of(
                "CANBAO_SETUP_REGIONS_FILE", regions.toString(), "CANBAO_SETUP_ADMIN_REGION", COUNTY + "000000",
                "CANBAO_SETUP_ADMIN_PASSWORD", PASSWORD, "SPRING_APPLICATION_JSON", json), folder.resolve(node + ".log"));
    }
}
