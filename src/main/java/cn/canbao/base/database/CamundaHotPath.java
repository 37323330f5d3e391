package cn.canbao.base.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import javax.sql.DataSource;
import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManagerFactory;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbEntityOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperationManager;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperationType;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Costs the engine pays on every process instance that do no work, each found by measuring, and removed around the
 * engine's build. None changes what the engine does.
 * <p>
 * Two found by profiling an outreach start (JFR during bench/outreach.sh: 31,581 instances, each with a timer and
 * about 40 rows), removed before the engine is built:
 * <ul>
 * <li>Every timer's duration is parsed by a new {@link DatatypeFactory}, whose lookup scans every jar on the class path
 * for a service provider (none of ours has one, so the JDK's own implementation is always the one found): 11 % of the
 * start's CPU. Naming the JDK's implementation in the standard system property skips the scan; a property set by the
 * operator is left alone.</li>
 * <li>Every insert validates the entity's id with a message built first, {@code "Entity " + entity + " has an invalid
 * id"}: the entity's {@code toString} of all its fields, thrown away unless the id is missing or {@code *}: 7 % of the
 * start's CPU. The entity manager here builds that message only when it throws.</li>
 * <li>Every command and every activity pushes the process's ids (activity, definition, instance, business key …)
 * into the logging MDC and pops them again, with stacks and maps per command: 3 % of the start's CPU. Canbao's log
 * pattern (Spring Boot's default, through logback-spring.xml) prints none of these keys, so the engine's logging context is switched off; an operator who
 * wants it back sets {@code canbao.engine.logging-context=true} (the engine's default keys then return).</li>
 * </ul>
 * One found with {@code pg_stat_statements} during a province's day of payments (bench/province.sh), added after the
 * engine has created or upgraded its schema: deleting a task (every process that ends with an open task: a payment
 * ends the household's visit) looks for its subtasks, {@code select * from ACT_RU_TASK where PARENT_TASK_ID_ = ?}, and
 * Camunda's schema has no index on that column — a scan of every open task per ended process (6 ms with a county's
 * 32,000 tasks, about 60 ms with a province's 322,000). The index {@value #TASK_PARENT_INDEX} is ours, named so that an
 * index Camunda might add in an upgrade cannot clash with it.
 */
@Component
class CamundaHotPath extends AbstractProcessEnginePlugin {

    static final String TASK_PARENT_INDEX = "canbao_act_task_parent";

    private final boolean loggingContext;

    CamundaHotPath(@Value("${canbao.engine.logging-context:false}") boolean loggingContext) {
        this.loggingContext = loggingContext;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (!loggingContext) {
            // with every key null the engine's ProcessDataContext neither pushes nor pops anything
            configuration
                    .setLoggingContextActivityId(null)
                    .setLoggingContextActivityName(null)
                    .setLoggingContextApplicationName(null)
                    .setLoggingContextBusinessKey(null)
                    .setLoggingContextProcessDefinitionId(null)
                    .setLoggingContextProcessDefinitionKey(null)
                    .setLoggingContextProcessInstanceId(null)
                    .setLoggingContextTenantId(null)
                    .setLoggingContextEngineName(null);
        }
        if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
            System.setProperty(
                    DatatypeFactory.DATATYPEFACTORY_PROPERTY, DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        }
        List<SessionFactory> factories = configuration.getCustomSessionFactories() == null
                ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomSessionFactories());
        // custom session factories are registered after the engine's own: this one replaces DbEntityManagerFactory
        factories.add(new LeanEntityManagerFactory(configuration));
        configuration.setCustomSessionFactories(factories);
    }

    /** Nodes starting together take turns (one creates the index, the others find it). */
    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        DataSource dataSource =
                ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(hashtext('canbao-engine-indexes'))");
                statement.execute(
                        "create index if not exists " + TASK_PARENT_INDEX + " on act_ru_task (parent_task_id_)");
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not index the engine's subtasks", e);
        }
    }

    /** The engine's entity manager factory, opening {@link LeanEntityManager}s. */
    static final class LeanEntityManagerFactory extends DbEntityManagerFactory {

        private final ProcessEngineConfigurationImpl configuration;

        LeanEntityManagerFactory(ProcessEngineConfigurationImpl configuration) {
            super(null);
            this.configuration = configuration;
        }

        @Override
        public DbEntityManager openSession() {
            PersistenceSession persistence = Context.getCommandContext().getSession(PersistenceSession.class);
            // the id generator is built during init, after the plugins' preInit: read it when a session opens
            return new LeanEntityManager(configuration.getIdGenerator(), persistence);
        }
    }

    /** The engine's entity manager, validating ids as it does but building the message only on failure. */
    static final class LeanEntityManager extends DbEntityManager {

        LeanEntityManager(IdGenerator ids, PersistenceSession persistence) {
            super(ids, persistence);
        }

        @Override
        protected void initializeOperationManager() {
            dbOperationManager = new ReferenceOrderedOperations();
        }

        @Override
        protected void validateId(DbEntity entity) {
            String id = entity.getId();
            if (id == null || "*".equals(id)) {
                super.validateId(entity);
            }
        }
    }

    /**
     * The engine's flush order, with the self-references of a type (a child execution and its parent, a task and its
     * parent task) resolved in linear time. The engine's own {@code sortByReferences} compares every operation of a
     * type with every later one, and moves one operation at a time: quadratic in the operations of one flush — an
     * outreach start's batch of 100 processes flushes several hundred executions at once, 7 % of the start's CPU in
     * its job threads (JFR, bench/outreach.sh, 2026-12-05). Here the same rules, as a stable topological order: an
     * insert comes after the insert of every entity it references; an update or delete comes after the update or
     * delete of every entity that references it; otherwise the engine's pre-sorted order is kept. Should the
     * references ever form a cycle or an id appear twice, the engine's own sort decides, as before.
     */
    static final class ReferenceOrderedOperations extends DbOperationManager {

        @Override
        protected List<DbEntityOperation> sortByReferences(SortedSet<DbEntityOperation> preSorted) {
            List<DbEntityOperation> ops = new ArrayList<>(preSorted);
            int n = ops.size();
            if (n < 2) {
                return ops;
            }
            Map<String, Integer> index = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                if (index.put(ops.get(i).getEntity().getId(), i) != null) {
                    return super.sortByReferences(preSorted);
                }
            }
            List<List<Integer>> next = new ArrayList<>(java.util.Collections.nCopies(n, null));
            int[] waitingFor = new int[n];
            for (int i = 0; i < n; i++) {
                DbEntityOperation op = ops.get(i);
                Set<String> references = op.getFlushRelevantEntityReferences();
                if (references == null) {
                    continue;
                }
                for (String reference : references) {
                    Integer j = index.get(reference);
                    if (j == null || j == i) {
                        continue;
                    }
                    // an insert waits for what it references; an update or delete is waited for by what it references
                    int first = op.getOperationType() == DbOperationType.INSERT ? j : i;
                    int then = first == j ? i : j;
                    if (next.get(first) == null) {
                        next.set(first, new ArrayList<>(2));
                    }
                    next.get(first).add(then);
                    waitingFor[then]++;
                }
            }
            java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
            for (int i = 0; i < n; i++) {
                if (waitingFor[i] == 0) {
                    ready.add(i);
                }
            }
            List<DbEntityOperation> sorted = new ArrayList<>(n);
            while (!ready.isEmpty()) {
                int i = ready.poll();
                sorted.add(ops.get(i));
                if (next.get(i) != null) {
                    for (int then : next.get(i)) {
                        if (--waitingFor[then] == 0) {
                            ready.add(then);
                        }
                    }
                }
            }
            return sorted.size() == n ? sorted : super.sortByReferences(preSorted);
        }
    }
}
