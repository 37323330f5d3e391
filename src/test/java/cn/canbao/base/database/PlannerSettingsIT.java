package cn.canbao.base.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The planner settings of a piece of work hold for its statements only: a county's register read through the
 * indexes plans no scan of every file, and the transaction's next statements plan as before.
 */
@CanbaoIntegrationTest
class PlannerSettingsIT extends IntegrationTestBase {

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient client;

    private static final String SETTINGS = "select current_setting(name) from unnest(array['enable_seqscan', "
            + "'enable_hashjoin', 'enable_mergejoin', 'jit', 'plan_cache_mode']) name";

    @Test
    void aCountysReadThroughTheIndexesPlansWithoutScansOrHashesAndTheSettingsEndWithIt() {
        tx.executeWithoutResult(s -> {
            List<String> before = jdbc.queryForList(SETTINGS, String.class);
            assertThat(before.subList(0, 3)).containsExactly("on", "on", "on");
            List<String> during = PlannerSettings.byIndex(client, () -> jdbc.queryForList(SETTINGS, String.class));
            assertThat(during).containsExactly("off", "off", "off", "off", "force_custom_plan");
            assertThat(jdbc.queryForList(SETTINGS, String.class)).isEqualTo(before);
        });
    }

    @Test
    void aFailedStatementEndsTheSettingsWithItsTransaction() {
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> PlannerSettings.with(
                        client,
                        Map.of("enable_seqscan", "off"),
                        () -> jdbc.queryForObject("select 1 / 0", Integer.class))))
                .hasMessageContaining("division by zero");
        String after = tx.execute(s -> jdbc.queryForObject("select current_setting('enable_seqscan')", String.class));
        assertThat(after).isEqualTo("on");
    }

    @Test
    void withoutATransactionTheWorkIsRefusedAndNothingIsSet() {
        assertThatThrownBy(() -> PlannerSettings.byIndex(client, () -> jdbc.queryForList(SETTINGS, String.class)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("need a transaction");
        assertThat(jdbc.queryForList(SETTINGS, String.class).subList(0, 3)).containsExactly("on", "on", "on");
    }

    @Test
    void aStatementPreparedOnTheServerIsPlannedForTheCountyItNamesNotForEveryValue() {
        List<String> plan = tx.execute(s -> {
            // as a server that has settled on one generic plan for a statement the driver prepared
            jdbc.execute("set local plan_cache_mode = force_generic_plan");
            jdbc.execute("prepare county_files(text) as "
                    + "select count(*) from person where household_region like $1 || '%'");
            try {
                return PlannerSettings.with(client, Map.of("enable_seqscan", "off"), () -> {
                    for (int i = 0; i < 6; i++) {
                        jdbc.queryForObject("execute county_files('350525')", Long.class);
                    }
                    return jdbc.queryForList("explain execute county_files('350525')", String.class);
                });
            } finally {
                jdbc.execute("deallocate county_files");
            }
        });
        // a plan for the value reads the county's range of the index; a generic one filters every file by "$1 || '%'"
        assertThat(String.join("\n", plan)).contains("'350525'").doesNotContain("$1");
    }
}
