package cn.canbao.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * The engine's standing grants, created once and idempotently at start-up: admins may do everything;
 * the working roles may open Tasklist, read process definitions and use the shared task filter. Task
 * visibility itself comes from candidate groups, for which the engine grants read access per task.
 */
@Component
class CamundaAccessSetup extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(CamundaAccessSetup.class);
    static final String TASK_FILTER_NAME = "我的任务";
    private static final List<Role> WORKING_ROLES =
            List.of(Role.COUNTY_LEADER, Role.TOWNSHIP_LEADER, Role.VILLAGE_CADRE, Role.GRID_WORKER, Role.CLERK);

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        AuthorizationService authorizations = engine.getAuthorizationService();
        for (Resources resource : Resources.values()) {
            grant(authorizations, Role.ADMIN.groupId(), resource, Authorization.ANY, Permissions.ALL);
        }
        String filterId = taskFilter(engine.getFilterService(), engine.getTaskService());
        for (Role role : WORKING_ROLES) {
            grant(authorizations, role.groupId(), Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(authorizations, role.groupId(), Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ);
            grant(authorizations, role.groupId(), Resources.FILTER, filterId, Permissions.READ);
        }
    }

    private static void grant(AuthorizationService service, String groupId, Resource resource, String resourceId,
                              Permission permission) {
        boolean present = service.createAuthorizationQuery().groupIdIn(groupId).resourceType(resource)
                .resourceId(resourceId).count() > 0;
        if (!present) {
            Authorization auth = service.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            auth.setGroupId(groupId);
            auth.setResource(resource);
            auth.setResourceId(resourceId);
            auth.addPermission(permission);
            service.saveAuthorization(auth);
            log.info("Camunda grant: {} {} on {} {}", groupId, permission.getName(), resource.resourceName(),
                    resourceId);
        }
    }

    /** One shared Tasklist filter: every task the user may see (authorizations do the narrowing). */
    private static String taskFilter(FilterService filters, TaskService tasks) {
        Filter existing = filters.createFilterQuery().filterName(TASK_FILTER_NAME).singleResult();
        if (existing != null) {
            return existing.getId();
        }
        Filter filter = filters.newTaskFilter(TASK_FILTER_NAME)
                .setQuery(tasks.createTaskQuery())
                .setProperties(Map.of("description", "我能处理的全部任务", "priority", -10, "refresh", true));
        return filters.saveFilter(filter).getId();
    }
}
