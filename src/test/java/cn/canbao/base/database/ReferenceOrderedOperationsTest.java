package cn.canbao.base.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbEntityOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperationManager;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperationType;
import org.junit.jupiter.api.Test;

/** The flush order of self-referencing entities: the engine's rules, in linear time. */
class ReferenceOrderedOperationsTest {

    /** The engine's own sort, for comparison. */
    static final class EngineOrder extends DbOperationManager {
        List<DbEntityOperation> sort(SortedSet<DbEntityOperation> ops) {
            return sortByReferences(ops);
        }
    }

    /** An entity of the engine's kind: an id and nothing else. */
    static final class Entity implements DbEntity {
        private String id;

        Entity(String id) {
            this.id = id;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public void setId(String id) {
            this.id = id;
        }

        @Override
        public Object getPersistentState() {
            return id;
        }
    }

    /** Operations in the pre-sorted order of their ids; parent.get(id) is the id it references, if any. */
    private static SortedSet<DbEntityOperation> operations(
            DbOperationType type, List<String> ids, Map<String, String> parent) {
        SortedSet<DbEntityOperation> ops =
                new TreeSet<>(Comparator.comparing(o -> o.getEntity().getId()));
        for (String id : ids) {
            DbEntityOperation op = new DbEntityOperation();
            op.setEntity(new Entity(id));
            op.setOperationType(type);
            op.setFlushRelevantEntityReferences(parent.containsKey(id) ? Set.of(parent.get(id)) : null);
            ops.add(op);
        }
        return ops;
    }

    private static List<String> ids(List<DbEntityOperation> ops) {
        return ops.stream().map(o -> o.getEntity().getId()).toList();
    }

    /** A forest of 600 entities (executions and their parents) whose ids are in no relation to the tree. */
    private static Map<String, String> forest(List<String> ids, Random random) {
        List<String> creation = new ArrayList<>(ids);
        Collections.shuffle(creation, random);
        Map<String, String> parent = new HashMap<>();
        for (int i = 1; i < creation.size(); i++) {
            if (random.nextInt(4) > 0) {
                parent.put(creation.get(i), creation.get(random.nextInt(i)));
            }
        }
        return parent;
    }

    @Test
    void insertsComeAfterWhatTheyReferenceAndDeletesBeforeIt() {
        Random random = new Random(18);
        for (int round = 0; round < 20; round++) {
            List<String> all = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                all.add(String.format("%05d", i));
            }
            Map<String, String> parent = forest(all, random);

            List<String> inserts = ids(new CamundaHotPath.ReferenceOrderedOperations()
                    .sortByReferences(operations(DbOperationType.INSERT, all, parent)));
            List<String> deletes = ids(new CamundaHotPath.ReferenceOrderedOperations()
                    .sortByReferences(operations(DbOperationType.DELETE, all, parent)));
            assertThat(inserts).containsExactlyInAnyOrderElementsOf(all);
            assertThat(deletes).containsExactlyInAnyOrderElementsOf(all);
            parent.forEach((child, of) -> {
                assertThat(inserts.indexOf(of))
                        .as("insert %s before its child %s", of, child)
                        .isLessThan(inserts.indexOf(child));
                assertThat(deletes.indexOf(child))
                        .as("delete %s before its parent %s", child, of)
                        .isLessThan(deletes.indexOf(of));
            });
            // the engine's own order obeys the same rule: both are valid orders of the same operations
            List<String> engine = ids(new EngineOrder().sort(operations(DbOperationType.INSERT, all, parent)));
            parent.forEach((child, of) -> assertThat(engine.indexOf(of)).isLessThan(engine.indexOf(child)));
        }
    }

    @Test
    void withoutReferencesThePreSortedOrderStands() {
        List<String> all = List.of("a", "b", "c", "d", "e");
        assertThat(ids(new CamundaHotPath.ReferenceOrderedOperations()
                        .sortByReferences(operations(DbOperationType.INSERT, all, Map.of()))))
                .containsExactlyElementsOf(all);
        // one reference moves only what it must: e (referenced by b) first, the rest in their order
        assertThat(ids(new CamundaHotPath.ReferenceOrderedOperations()
                        .sortByReferences(operations(DbOperationType.INSERT, all, Map.of("b", "e")))))
                .containsExactly("a", "c", "d", "e", "b");
    }
}
