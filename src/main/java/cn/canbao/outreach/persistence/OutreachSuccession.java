package cn.canbao.outreach.persistence;

import cn.canbao.outreach.process.OutreachProcess;
import cn.canbao.region.RegionSuccession;
import cn.canbao.security.Role;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Outreach's part of a merge of villages or grids (issue 17, point 10): the open cases of the merged region are the
 * successor's; their processes send later visits to the successor's workers ({@code visitGroup}) and are readable by
 * the successor's users. The open visit tasks themselves move with every other task of the region (task module).
 */
@Component
class OutreachSuccession implements RegionSuccession {

    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;
    private final AuthorizationService authorizations;

    OutreachSuccession(JdbcTemplate jdbc, RuntimeService runtime, AuthorizationService authorizations) {
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.authorizations = authorizations;
    }

    @Override
    public String what() {
        return "cases";
    }

    @Override
    public int occupants(String code) {
        return jdbc.queryForObject(
                "select count(*) from outreach_case where ended_at is null and (village_code = ? "
                        + "or grid_code = ?)",
                Integer.class,
                code,
                code);
    }

    @Override
    public int carryOver(String source, String target, String by) {
        List<String> instances = jdbc.queryForList(
                "select process_instance_id from outreach_case where ended_at is null "
                        + "and process_instance_id is not null and (village_code = ? or grid_code = ?)",
                String.class,
                source,
                source);
        int moved = jdbc.update(
                "update outreach_case set village_code = case when village_code = ? then ? "
                        + "else village_code end, grid_code = case when grid_code = ? then ? else grid_code end "
                        + "where ended_at is null and (village_code = ? or grid_code = ?)",
                source,
                target,
                source,
                target,
                source,
                source);
        String from = Role.regionGroup(source);
        for (String instance : instances) {
            if (runtime.createProcessInstanceQuery().processInstanceId(instance).count() == 0) {
                continue;
            }
            if (from.equals(runtime.getVariable(instance, OutreachProcess.VAR_VISIT_GROUP))) {
                runtime.setVariable(instance, OutreachProcess.VAR_VISIT_GROUP, Role.regionGroup(target));
            }
            grant(instance, target);
        }
        return moved;
    }

    /** The successor's users read the instance (and its history) as its own region's users did. */
    private void grant(String instance, String region) {
        Map<Resources, Permission> reads = Map.of(
                Resources.PROCESS_INSTANCE,
                ProcessInstancePermissions.READ,
                Resources.HISTORIC_PROCESS_INSTANCE,
                HistoricProcessInstancePermissions.READ);
        reads.forEach((resource, permission) -> {
            Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            read.setGroupId(Role.withinGroup(region));
            read.setResource(resource);
            read.setResourceId(instance);
            read.addPermission(permission);
            authorizations.saveAuthorization(read);
        });
    }
}
