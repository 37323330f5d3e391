package cn.canbao.security.camunda;

import cn.canbao.security.ProcessRegionResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How Camunda's authorizations are set up. Before the engine is built: per-instance read grants on every
 * process ({@link ProcessInstanceGrants}); history checked per instance (READ on a historic instance also
 * covers its tasks, activities and variables), not per definition; candidate groups may work on their
 * tasks (claim, complete) but not reassign them — granted without a database lookup for a task created in
 * the same command ({@link NewTaskGrants}) —, rewrite their variables alone or change their candidates;
 * and code the engine runs (delegates, listeners, expressions) runs without authorization checks even inside
 * a user's REST call, so a grid worker completing a visit still starts the correction process — those calls
 * go to our services, which check the user themselves. After it is built: the standing grants
 * ({@link CamundaStandingGrants}) and the shared task filter. No Canbao group is in the engine's
 * {@code adminGroups} (only Camunda's {@code camunda-admin}, which no Canbao user belongs to).
 */
@Component
public class CamundaAccessSetup extends AbstractProcessEnginePlugin {

    static final String TASK_FILTER_NAME = "我的任务";

    private final ObjectProvider<ProcessRegionResolver> resolvers;

    CamundaAccessSetup(ObjectProvider<ProcessRegionResolver> resolvers) {
        this.resolvers = resolvers;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setAuthorizationEnabledForCustomCode(false);
        configuration.setEnableHistoricInstancePermissions(true);
        configuration.setDefaultUserPermissionNameForTask(Permissions.TASK_WORK.getName());
        configuration.setResourceAuthorizationProvider(new NewTaskGrants());
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new ProcessInstanceGrants(() -> resolvers.orderedStream().toList()));
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        String filterId = taskFilter(engine.getFilterService(), engine.getTaskService());
        CamundaStandingGrants.reconcile(engine.getAuthorizationService(), CamundaStandingGrants.wanted(filterId));
    }

    /** One shared Tasklist filter: every task the user may see (authorizations do the narrowing). */
    private static String taskFilter(FilterService filters, TaskService tasks) {
        Filter existing =
                filters.createFilterQuery().filterName(TASK_FILTER_NAME).singleResult();
        if (existing != null) {
            return existing.getId();
        }
        Filter filter = filters.newTaskFilter(TASK_FILTER_NAME)
                .setQuery(tasks.createTaskQuery())
                .setProperties(Map.of("description", "我能处理的全部任务", "priority", -10, "refresh", true));
        return filters.saveFilter(filter).getId();
    }
}
