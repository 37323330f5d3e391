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
            + "'enable_hashjoin', 'enable_mergejoin', 'jit']) name";

    @Test
    void aCountysReadThroughTheIndexesPlansWithoutScansOrHashesAndTheSettingsEndWithIt() {
        tx.executeWithoutResult(s -> {
            List<String> before = jdbc.queryForList(SETTINGS, String.class);
            assertThat(before.subList(0, 3)).containsExactly("on", "on", "on");
            List<String> during = PlannerSettings.byIndex(client, () -> jdbc.queryForList(SETTINGS, String.class));
            assertThat(during).containsExactly("off", "off", "off", "off");
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
}
