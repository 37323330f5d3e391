package cn.canbao.base;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityTestSupport;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

@CanbaoIntegrationTest
class ApplicationStartsIT extends IntegrationTestBase {

    @Autowired
    ProcessEngine engine;

    @Autowired
    Scheduler scheduler;

    @Autowired
    TestRestTemplate http;

    @Test
    void runsOnRealPostgresWithFlywayCamundaAndQuartzTablesInOneDatabase() throws Exception {
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
        List<String> tables = jdbc.queryForList(
                "select table_name from information_schema.tables where table_schema = 'public'", String.class);
        assertThat(tables)
                .contains(
                        "flyway_schema_history",
                        "region",
                        "app_user",
                        "app_user_role",
                        "act_ru_task",
                        "act_ru_job",
                        "act_hi_procinst",
                        "act_ru_authorization",
                        "qrtz_job_details",
                        "qrtz_triggers",
                        "qrtz_locks",
                        "qrtz_scheduler_state");
        assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class))
                .isGreaterThanOrEqualTo(3);
        assertThat(engine.getName()).isEqualTo("default");
        assertThat(engine.getProcessEngineConfiguration().getHistory()).isEqualTo("audit");
        assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
        assertThat(scheduler.getMetaData().isJobStoreSupportsPersistence()).isTrue();
    }

    @Test
    void healthIsOpenAndReportsDatabaseAndEngineOnlyToAdmins() {
        var anonymous = http.getForEntity("/actuator/health", String.class);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(200);
        assertThat(anonymous.getBody()).contains("\"status\":\"UP\"").doesNotContain("processEngine");
        var metrics = http.getForEntity("/actuator/metrics", String.class);
        assertThat(metrics.getStatusCode().value()).isEqualTo(401);

        security.ensureUser("admin.health", "350525000000", Role.ADMIN);
        var admin = http.withBasicAuth("admin.health", SecurityTestSupport.PASSWORD);
        var detailed = admin.getForEntity("/actuator/health", String.class);
        assertThat(detailed.getStatusCode().value()).isEqualTo(200);
        assertThat(detailed.getBody()).contains("\"db\"", "PostgreSQL", "\"processEngine\"");
        assertThat(admin.getForEntity("/actuator/metrics/jvm.memory.used", String.class)
                        .getBody())
                .contains("\"name\":\"jvm.memory.used\"");
    }
}
