package cn.canbao.base.database;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManagerFactory;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.stereotype.Component;

import javax.xml.datatype.DatatypeFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Two costs the engine pays on every process instance that do no work, found by profiling an outreach start (JFR
 * during bench/outreach.sh: 31,581 instances, each with a timer and about 40 rows) and removed before the engine is
 * built. Neither changes what the engine does.
 * <ul>
 * <li>Every timer's duration is parsed by a new {@link DatatypeFactory}, whose lookup scans every jar on the class path
 * for a service provider (none of ours has one, so the JDK's own implementation is always the one found): 11 % of the
 * start's CPU. Naming the JDK's implementation in the standard system property skips the scan; a property set by the
 * operator is left alone.</li>
 * <li>Every insert validates the entity's id with a message built first, {@code "Entity " + entity + " has an invalid
 * id"}: the entity's {@code toString} of all its fields, thrown away unless the id is missing or {@code *}: 7 % of the
 * start's CPU. The entity manager here builds that message only when it throws.</li>
 * </ul>
 */
@Component
class CamundaHotPath extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
            System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY,
                    DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        }
        List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomSessionFactories());
        // custom session factories are registered after the engine's own: this one replaces DbEntityManagerFactory
        factories.add(new LeanEntityManagerFactory(configuration));
        configuration.setCustomSessionFactories(factories);
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
        protected void validateId(DbEntity entity) {
            String id = entity.getId();
            if (id == null || "*".equals(id)) {
                super.validateId(entity);
            }
        }
    }
}
