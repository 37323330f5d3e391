package cn.canbao.security.camunda;

import cn.canbao.security.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.SystemPermissions;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each role's Camunda group may do engine-wide, and the start-up step that makes the database say
 * exactly that. Operators run the engine: deployments, definitions, every instance (Cockpit's deletes,
 * modifications, suspensions, variables), jobs and incidents (retries are UPDATE or RETRY_JOB on instance or
 * definition), batches, decisions, history, and all three webapps. Everyone else only reads definitions
 * and opens Tasklist (admins also Cockpit); which instances they see comes from
 * {@link ProcessInstanceGrants}, which tasks from the tasks' candidate groups.
 */
public final class CamundaStandingGrants {

    private static final Logger log = LoggerFactory.getLogger(CamundaStandingGrants.class);

    static final List<Role> WORKING_ROLES =
            List.of(Role.COUNTY_LEADER, Role.TOWNSHIP_LEADER, Role.VILLAGE_CADRE, Role.GRID_WORKER, Role.CLERK);

    /** One authorization: a group may do {@code permissions} on one resource id (or any: {@code *}). */
    public record Grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        boolean sameTarget(Authorization existing) {
            return existing.getResourceType() == resource.resourceType() && resourceId.equals(existing.getResourceId());
        }

        int bits() {
            return Arrays.stream(permissions).mapToInt(Permission::getValue).reduce(0, (a, b) -> a | b);
        }
    }

    private CamundaStandingGrants() {}

    public static List<Grant> wanted(String taskFilterId) {
        List<Grant> grants = new ArrayList<>();
        String operator = Role.OPERATOR.groupId();
        for (Resources resource : List.of(
                Resources.APPLICATION,
                Resources.DEPLOYMENT,
                Resources.PROCESS_DEFINITION,
                Resources.PROCESS_INSTANCE,
                Resources.DECISION_DEFINITION,
                Resources.DECISION_REQUIREMENTS_DEFINITION,
                Resources.BATCH)) {
            grants.add(new Grant(operator, resource, Authorization.ANY, Permissions.ALL));
        }
        grants.add(new Grant(
                operator,
                Resources.HISTORIC_PROCESS_INSTANCE,
                Authorization.ANY,
                HistoricProcessInstancePermissions.ALL));
        grants.add(new Grant(operator, Resources.HISTORIC_TASK, Authorization.ANY, HistoricTaskPermissions.ALL));
        grants.add(new Grant(
                operator,
                Resources.OPERATION_LOG_CATEGORY,
                Authorization.ANY,
                UserOperationLogCategoryPermissions.READ));
        grants.add(new Grant(operator, Resources.SYSTEM, Authorization.ANY, SystemPermissions.READ));
        for (Resources resource : List.of(Resources.AUTHORIZATION, Resources.USER, Resources.GROUP)) {
            grants.add(new Grant(operator, resource, Authorization.ANY, Permissions.READ));
        }
        grants.add(new Grant(operator, Resources.FILTER, taskFilterId, Permissions.READ));

        String admin = Role.ADMIN.groupId();
        grants.add(new Grant(admin, Resources.APPLICATION, "cockpit", Permissions.ACCESS));
        grants.add(new Grant(admin, Resources.APPLICATION, "tasklist", Permissions.ACCESS));
        for (Resources resource : List.of(
                Resources.PROCESS_DEFINITION,
                Resources.DECISION_DEFINITION,
                Resources.DECISION_REQUIREMENTS_DEFINITION)) {
            grants.add(new Grant(admin, resource, Authorization.ANY, Permissions.READ));
        }
        grants.add(new Grant(admin, Resources.FILTER, taskFilterId, Permissions.READ));

        for (Role role : WORKING_ROLES) {
            grants.add(new Grant(role.groupId(), Resources.APPLICATION, "tasklist", Permissions.ACCESS));
            grants.add(new Grant(role.groupId(), Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ));
            grants.add(new Grant(role.groupId(), Resources.FILTER, taskFilterId, Permissions.READ));
        }
        return grants;
    }

    /**
     * Creates the wanted grants and revokes every other standing authorization of a role group, and all of
     * {@code camunda-admin} (admins' group before, whose ALL grants an older start left): idempotent. Per-task
     * authorizations the engine keeps for candidate groups are left alone.
     */
    static void reconcile(AuthorizationService service, List<Grant> wanted) {
        Set<String> groups = new LinkedHashSet<>();
        groups.add(Groups.CAMUNDA_ADMIN);
        Arrays.stream(Role.values()).forEach(r -> groups.add(r.groupId()));
        List<Grant> missing = new ArrayList<>(wanted);
        for (String group : groups) {
            for (Authorization existing :
                    service.createAuthorizationQuery().groupIdIn(group).list()) {
                if (perTask(existing)) {
                    continue;
                }
                Grant match = missing.stream()
                        .filter(g -> g.groupId().equals(group) && g.sameTarget(existing))
                        .findFirst()
                        .orElse(null);
                if (match == null || existing.getAuthorizationType() != Authorization.AUTH_TYPE_GRANT) {
                    service.deleteAuthorization(existing.getId());
                    log.info(
                            "Camunda grant revoked: {} on resource type {} {}",
                            group,
                            existing.getResourceType(),
                            existing.getResourceId());
                    continue;
                }
                missing.remove(match);
                if (((AuthorizationEntity) existing).getPermissions() != match.bits()) {
                    existing.setPermissions(match.permissions());
                    service.saveAuthorization(existing);
                    log.info(
                            "Camunda grant changed: {} {} on {} {}",
                            group,
                            names(match),
                            match.resource().resourceName(),
                            match.resourceId());
                }
            }
        }
        for (Grant grant : missing) {
            Authorization auth = service.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            auth.setGroupId(grant.groupId());
            auth.setResource(grant.resource());
            auth.setResourceId(grant.resourceId());
            auth.setPermissions(grant.permissions());
            service.saveAuthorization(auth);
            log.info(
                    "Camunda grant: {} {} on {} {}",
                    grant.groupId(),
                    names(grant),
                    grant.resource().resourceName(),
                    grant.resourceId());
        }
    }

    /** What the engine grants a task's candidate group on that one task (never ours to revoke). */
    private static boolean perTask(Authorization existing) {
        return (existing.getResourceType() == Resources.TASK.resourceType()
                        || existing.getResourceType() == Resources.HISTORIC_TASK.resourceType())
                && !Authorization.ANY.equals(existing.getResourceId());
    }

    private static String names(Grant grant) {
        return Arrays.stream(grant.permissions())
                .map(Permission::getName)
                .toList()
                .toString();
    }
}
