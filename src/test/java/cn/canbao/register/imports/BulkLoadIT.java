package cn.canbao.register.imports;

import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** A load that outnumbers a table runs without its secondary indexes and restores them exactly. */
@CanbaoIntegrationTest
class BulkLoadIT extends IntegrationTestBase {

    @Autowired
    TransactionTemplate tx;

    @Test
    void secondaryIndexesAreDroppedForABigLoadAndRebuiltTheSame() {
        jdbc.execute("create table bulk_probe (id int primary key, v text)");
        jdbc.execute("create index bulk_probe_v on bulk_probe (v varchar_pattern_ops) where v is not null");
        List<String> before = definitions();
        List<List<String>> during = new java.util.ArrayList<>();
        tx.executeWithoutResult(s -> BulkLoad.insert(jdbc, List.of("bulk_probe"), 60_000, () -> {
            during.add(definitions());
            jdbc.update("insert into bulk_probe select g, 'v' || g from generate_series(1, 60000) g");
        }));
        assertThat(during.get(0)).singleElement().asString().contains("bulk_probe_pkey");
        assertThat(definitions()).isEqualTo(before).hasSize(2);
        assertThat(jdbc.queryForObject("select count(*) from bulk_probe", Integer.class))
                .isEqualTo(60_000);

        // a small load keeps every index
        tx.executeWithoutResult(s -> BulkLoad.insert(jdbc, List.of("bulk_probe"), 10, () -> during.add(definitions())));
        assertThat(during.get(1)).hasSize(2);
        jdbc.execute("drop table bulk_probe");
    }

    private List<String> definitions() {
        return jdbc.queryForList(
                "select indexdef from pg_indexes where tablename = 'bulk_probe' order by indexname", String.class);
    }
}
