package cn.canbao.base.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.canbao.CanbaoIntegrationTest;
import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyEntity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The engine with {@link CamundaHotPath}: the same engine behaviour without the two per-instance costs. */
@CanbaoIntegrationTest
class CamundaHotPathIT {

    @Autowired
    ProcessEngine engine;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    /** An ended process's task is deleted with a look for its subtasks: by index, not a scan of every open task. */
    @Test
    void subtasksAreFoundByIndex() {
        assertThat(jdbc.queryForList(
                        "select indexdef from pg_indexes where tablename = 'act_ru_task' and indexname = ?",
                        String.class,
                        CamundaHotPath.TASK_PARENT_INDEX))
                .singleElement()
                .asString()
                .contains("(parent_task_id_)");
        // the engine's own statement, planned as PostgreSQL would on a table too large to scan
        String plan = new org.springframework.transaction.support.TransactionTemplate(
                        new org.springframework.jdbc.datasource.DataSourceTransactionManager(jdbc.getDataSource()))
                .execute(s -> {
                    jdbc.execute("set local enable_seqscan = off");
                    return String.join(
                            "\n",
                            jdbc.queryForList(
                                    "explain select * from ACT_RU_TASK where PARENT_TASK_ID_ = 'x'", String.class));
                });
        assertThat(plan).contains(CamundaHotPath.TASK_PARENT_INDEX);
    }

    @Test
    void timersParseDurationsWithTheJdksFactoryNamedNotLookedUp() throws Exception {
        assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY))
                .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        assertThat(DatatypeFactory.newInstance().newDuration("P7D").getDays()).isEqualTo(7);
        assertThat(DatatypeFactory.newInstance().getClass().getName())
                .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    }

    @Test
    void theEngineInsertsThroughTheLeanEntityManagerWhichStillRefusesTheIdsTheEngineRefuses() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        DbEntityManager manager =
                configuration.getCommandExecutorTxRequired().execute(context -> context.getDbEntityManager());
        assertThat(manager).isInstanceOf(CamundaHotPath.LeanEntityManager.class);
        // and flushes in the order ReferenceOrderedOperationsTest checks (the processes of the other ITs run through
        // it)
        assertThat(manager.getDbOperationManager()).isInstanceOf(CamundaHotPath.ReferenceOrderedOperations.class);

        // the engine's own message, built when it throws: the reserved id * (a missing id is generated before the
        // check)
        PropertyEntity reserved = new PropertyEntity("*", "value");
        assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired().execute(context -> {
                    context.getDbEntityManager().insert(reserved);
                    return null;
                }))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Entity PropertyEntity[name=*")
                .hasMessageContaining("has an invalid id")
                .hasMessageContaining("cannot be *");
        assertThat(engine.getManagementService().getProperties()).doesNotContainKey("*");

        // a valid id goes in as before
        PropertyEntity property = new PropertyEntity("canbao.hot-path-it", "1");
        configuration.getCommandExecutorTxRequired().execute(context -> {
            context.getDbEntityManager().insert(property);
            return null;
        });
        assertThat(engine.getManagementService().getProperties()).containsEntry("canbao.hot-path-it", "1");
        engine.getManagementService().deleteProperty("canbao.hot-path-it");
    }

    /** What the engine put in the logging MDC while a delegate of a process ran. */
    public static class MdcProbe implements org.camunda.bpm.engine.delegate.JavaDelegate {
        static volatile java.util.Map<String, String> seen;
        static volatile String activity;

        @Override
        public void execute(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
            java.util.Map<String, String> mdc = org.slf4j.MDC.getCopyOfContextMap();
            seen = mdc == null ? java.util.Map.of() : mdc;
            activity = execution.getCurrentActivityId();
        }
    }

    /** The engine's logging context is off (Canbao's log pattern prints none of its keys): nothing pushed per step. */
    @Test
    void theEngineKeepsItsIdsOutOfTheLoggingContext() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getLoggingContextActivityId()).isNull();
        assertThat(configuration.getLoggingContextProcessInstanceId()).isNull();
        assertThat(configuration.getLoggingContextBusinessKey()).isNull();

        String deployment = deployProbe(
                "mdc-probe",
                probe("MdcProbe")
                        .serviceTask("Probe")
                        .camundaClass(MdcProbe.class.getName())
                        .endEvent()
                        .done());
        try {
            MdcProbe.seen = null;
            engine.getRuntimeService().startProcessInstanceByKey("MdcProbe", "probe-business-key");
            assertThat(MdcProbe.activity).isEqualTo("Probe");
            // the engine's default keys (activityId, processInstanceId, businessKey, …) would be here if it were on
            assertThat(MdcProbe.seen)
                    .doesNotContainKeys(
                            "activityId",
                            "activityName",
                            "processDefinitionId",
                            "processDefinitionKey",
                            "processInstanceId",
                            "businessKey",
                            "tenantId",
                            "engineName",
                            "applicationName");
            assertThat(MdcProbe.seen.values()).doesNotContain("probe-business-key", "Probe");
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment, true);
        }
    }

    @Autowired
    org.springframework.context.ConfigurableApplicationContext context;

    /** The engine's events stay in the engine: none republished as a Spring event (nothing of ours listens). */
    @Test
    void theEnginesEventsAreNotRepublishedToSpring() {
        java.util.List<Object> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.springframework.context.ApplicationListener<org.springframework.context.PayloadApplicationEvent<?>> probe =
                event -> seen.add(event.getPayload());
        context.addApplicationListener(probe);
        String deployment = deployProbe(
                "event-probe", probe("EventProbe").userTask("Wait").endEvent().done());
        try {
            String instance = engine.getRuntimeService()
                    .startProcessInstanceByKey("EventProbe")
                    .getId();
            String task = engine.getTaskService()
                    .createTaskQuery()
                    .processInstanceId(instance)
                    .singleResult()
                    .getId();
            engine.getTaskService().complete(task);
            assertThat(engine.getHistoryService()
                            .createHistoricProcessInstanceQuery()
                            .processInstanceId(instance)
                            .singleResult()
                            .getEndTime())
                    .isNotNull();
            assertThat(seen)
                    .noneMatch(p -> p instanceof org.camunda.bpm.engine.delegate.DelegateExecution
                            || p instanceof org.camunda.bpm.engine.delegate.DelegateTask
                            || p instanceof org.camunda.bpm.engine.impl.history.event.HistoryEvent
                            || p.getClass().getName().startsWith("org.camunda.bpm.spring.boot.starter.event"));
        } finally {
            context.removeApplicationListener(probe);
            engine.getRepositoryService().deleteDeployment(deployment, true);
        }
    }

    /** An executable process of that key, kept one day in history, from its start event on. */
    private static org.camunda.bpm.model.bpmn.builder.StartEventBuilder probe(String key) {
        return org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(key)
                .camundaHistoryTimeToLive(1)
                .startEvent();
    }

    /** Deploys the model as its own deployment of that name; the caller deletes it (cascading) when done. */
    private String deployProbe(String name, org.camunda.bpm.model.bpmn.BpmnModelInstance model) {
        return engine.getRepositoryService()
                .createDeployment()
                .name(name)
                .addModelInstance(name + ".bpmn", model)
                .deploy()
                .getId();
    }
}
