package cn.canbao.security.camunda;

import cn.canbao.region.RegionLevel;
import cn.canbao.security.LogSafe;
import cn.canbao.security.ProcessRegionResolver;
import cn.canbao.security.Role;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the users of a process instance's region and of every region above it read that instance, and its
 * history, in Cockpit, Tasklist and the REST API. Added to every process by parsing (a built-in start
 * listener, so it also runs when custom listeners are skipped): when an instance starts, its region is the
 * start variable {@code regionCode} or what the process's {@link ProcessRegionResolver} says, and READ on
 * the instance and on its historic instance is granted to {@code within:<code>} of that region and each
 * ancestor (derived from the code's digits: grid → village → township → county → city → province).
 * <p>
 * Cost: two rows per level, at most twelve per instance (a grid's), inserted in the engine's one flush
 * (one JDBC batch). The runtime rows go when the instance ends (the engine deletes a process instance's
 * authorizations with it); the history rows carry the root instance, so they get the history's removal
 * time and go with it (history cleanup, or deleting the historic instance).
 */
public final class ProcessInstanceGrants extends AbstractBpmnParseListener implements ExecutionListener {

    public static final String REGION_VARIABLE = "regionCode";
    private static final Logger log = LoggerFactory.getLogger(ProcessInstanceGrants.class);

    private final Supplier<List<ProcessRegionResolver>> resolverBeans;
    private volatile Map<String, ProcessRegionResolver> resolvers;

    /** The resolvers are looked up on first use: they are Spring beans the engine must not wait for. */
    ProcessInstanceGrants(Supplier<List<ProcessRegionResolver>> resolverBeans) {
        this.resolverBeans = resolverBeans;
    }

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, this);
    }

    @Override
    public void notify(DelegateExecution execution) {
        ProcessEngineConfigurationImpl configuration = Context.getProcessEngineConfiguration();
        if (!configuration.isAuthorizationEnabled() || !execution.getId().equals(execution.getProcessInstanceId())) {
            return;
        }
        ExecutionEntity instance = (ExecutionEntity) execution;
        String key = instance.getProcessDefinition().getKey();
        Optional<String> region = regionOf(key, instance);
        if (region.isEmpty()) {
            log.warn(
                    "Process instance {} of {} has no region: only operators see it",
                    instance.getId(),
                    LogSafe.of(key));
            return;
        }
        List<AuthorizationEntity> grants = new ArrayList<>();
        Date removalTime = historyRemovalTimeAtStart(configuration, instance.getRootProcessInstanceId());
        for (String code : scopeChain(region.get())) {
            grants.add(grant(code, Resources.PROCESS_INSTANCE, instance.getId(), ProcessInstancePermissions.READ));
            AuthorizationEntity history = grant(
                    code,
                    Resources.HISTORIC_PROCESS_INSTANCE,
                    instance.getId(),
                    HistoricProcessInstancePermissions.READ);
            history.setRootProcessInstanceId(instance.getRootProcessInstanceId());
            history.setRemovalTime(removalTime);
            grants.add(history);
        }
        CommandContext command = Context.getCommandContext();
        command.getAuthorizationManager().saveDefaultAuthorizations(grants.toArray(AuthorizationEntity[]::new));
    }

    private Optional<String> regionOf(String processKey, ExecutionEntity instance) {
        if (instance.getVariable(REGION_VARIABLE) instanceof String code) {
            return wellFormed(code);
        }
        ProcessRegionResolver resolver = resolvers().get(processKey);
        if (resolver == null) {
            return Optional.empty();
        }
        return resolver.regionOf(instance.getProcessBusinessKey(), instance.getVariables())
                .flatMap(ProcessInstanceGrants::wellFormed);
    }

    private Map<String, ProcessRegionResolver> resolvers() {
        Map<String, ProcessRegionResolver> known = resolvers;
        if (known == null) {
            known = new HashMap<>();
            for (ProcessRegionResolver resolver : resolverBeans.get()) {
                for (String key : resolver.processKeys()) {
                    if (known.put(key, resolver) != null) {
                        throw new IllegalStateException("Two region resolvers for process " + key);
                    }
                }
            }
            resolvers = known;
        }
        return known;
    }

    private static Optional<String> wellFormed(String code) {
        return RegionLevel.ofCode(code).isPresent() ? Optional.of(code) : Optional.empty();
    }

    /** The code itself and the codes of all its ancestors, top first, derived from the digits. */
    public static List<String> scopeChain(String code) {
        RegionLevel level =
                RegionLevel.ofCode(code).orElseThrow(() -> new IllegalArgumentException("not a region code: " + code));
        List<String> chain = new ArrayList<>();
        for (RegionLevel l : RegionLevel.values()) {
            if (l == level) {
                chain.add(code);
                break;
            }
            String prefix = l.prefixOf(code);
            chain.add(prefix + "0".repeat(12 - prefix.length()));
        }
        return chain;
    }

    private static AuthorizationEntity grant(
            String regionCode, Resource resource, String resourceId, Permission permission) {
        AuthorizationEntity grant = new AuthorizationEntity(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId(Role.withinGroup(regionCode));
        grant.setResource(resource);
        grant.setResourceId(resourceId);
        grant.addPermission(permission);
        return grant;
    }

    /** With the "start" removal-time strategy the history's removal time is known now; with "end" it comes later. */
    private static Date historyRemovalTimeAtStart(ProcessEngineConfigurationImpl configuration, String rootInstanceId) {
        if (!ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_START.equals(
                configuration.getHistoryRemovalTimeStrategy())) {
            return null;
        }
        HistoricProcessInstanceEventEntity root = Context.getCommandContext()
                .getDbEntityManager()
                .selectById(HistoricProcessInstanceEventEntity.class, rootInstanceId);
        return root == null ? null : root.getRemovalTime();
    }
}
