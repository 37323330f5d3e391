package cn.canbao.task;

import cn.canbao.base.database.Timestamps;
import cn.canbao.task.process.TaskVariables;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Turns engine tasks into {@link InboxTask}s with what the list shows beside them: process key,
 * business key, region and campaign, reminder, assignee's name — each fetched once for all tasks,
 * never per task.
 */
@Component
class InboxAssembler {

    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final IdentityService identity;

    InboxAssembler(RuntimeService runtime, RepositoryService repository, IdentityService identity) {
        this.runtime = runtime;
        this.repository = repository;
        this.identity = identity;
    }

    List<InboxTask> assemble(List<Task> tasks, String username, Date now) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        Set<String> instanceIds = distinct(tasks, Task::getProcessInstanceId);
        Map<String, String> definitionKeys = definitionKeys(distinct(tasks, Task::getProcessDefinitionId));
        Map<String, String> businessKeys = businessKeys(instanceIds);
        Variables variables = variables(instanceIds);
        Map<String, String> names = displayNames(distinct(tasks, Task::getAssignee));
        return tasks.stream()
                .map(t -> new InboxTask(
                        t.getId(),
                        t.getName(),
                        definitionKeys.get(t.getProcessDefinitionId()),
                        t.getProcessInstanceId(),
                        businessKeys.get(t.getProcessInstanceId()),
                        t.getTaskDefinitionKey(),
                        t.getFormKey(),
                        t.getAssignee(),
                        t.getAssignee() == null ? null : names.getOrDefault(t.getAssignee(), t.getAssignee()),
                        Timestamps.instant(t.getCreateTime()),
                        Timestamps.instant(t.getDueDate()),
                        t.getPriority(),
                        t.getDueDate() != null && t.getDueDate().before(now),
                        variables.text(t, TaskVariables.REGION_NAME),
                        variables.text(t, TaskVariables.CAMPAIGN_NAME),
                        username.equals(t.getAssignee()),
                        t.getAssignee() == null,
                        Timestamps.instant(variables.remindedAt.get(t.getId()))))
                .toList();
    }

    private static Set<String> distinct(List<Task> tasks, Function<Task, String> property) {
        return tasks.stream().map(property).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    private Map<String, String> definitionKeys(Set<String> definitionIds) {
        if (definitionIds.isEmpty()) {
            return Map.of();
        }
        return repository
                .createProcessDefinitionQuery()
                .processDefinitionIdIn(definitionIds.toArray(String[]::new))
                .list()
                .stream()
                .collect(Collectors.toMap(ProcessDefinition::getId, ProcessDefinition::getKey));
    }

    private Map<String, String> businessKeys(Set<String> instanceIds) {
        if (instanceIds.isEmpty()) {
            return Map.of();
        }
        Map<String, String> keys = new HashMap<>();
        runtime.createProcessInstanceQuery().processInstanceIds(instanceIds).list().stream()
                .filter(p -> p.getBusinessKey() != null)
                .forEach(p -> keys.put(p.getId(), p.getBusinessKey()));
        return keys;
    }

    /** The user's display name, or the username when unknown. */
    String displayName(String username) {
        return username == null ? null : displayNames(Set.of(username)).getOrDefault(username, username);
    }

    private Map<String, String> displayNames(Set<String> usernames) {
        if (usernames.isEmpty()) {
            return Map.of();
        }
        // Camunda's users are ours (see security's identity provider): first name = display name
        return identity.createUserQuery().userIdIn(usernames.toArray(String[]::new)).list().stream()
                .filter(u -> u.getFirstName() != null)
                .collect(Collectors.toMap(User::getId, User::getFirstName, (a, b) -> a));
    }

    /** Region, campaign and reminder variables of all listed tasks, in one query. */
    private Variables variables(Set<String> instanceIds) {
        Variables variables = new Variables();
        if (instanceIds.isEmpty()) {
            return variables;
        }
        runtime.createVariableInstanceQuery()
                .processInstanceIdIn(instanceIds.toArray(String[]::new))
                .variableNameIn(TaskVariables.REGION_NAME, TaskVariables.CAMPAIGN_NAME, TaskVariables.REMINDED_AT)
                .disableBinaryFetching()
                .disableCustomObjectDeserialization()
                .list()
                .forEach(variables::add);
        return variables;
    }

    /**
     * Variables by where they live. A task shows the value of its own execution's scope if there is
     * one (e.g. one township's branch of a multi-instance), else the process instance's, else any
     * other scope's of its instance: close enough without walking the execution tree per task.
     */
    private static final class Variables {
        private final Map<String, Date> remindedAt = new HashMap<>();
        private final Map<String, Object> byExecution = new HashMap<>();
        private final Map<String, Object> byInstance = new HashMap<>();

        void add(VariableInstance v) {
            if (v.getTaskId() != null) {
                if (TaskVariables.REMINDED_AT.equals(v.getName()) && v.getValue() instanceof Date date) {
                    remindedAt.put(v.getTaskId(), date);
                }
                return;
            }
            byExecution.put(v.getExecutionId() + "/" + v.getName(), v.getValue());
            String instanceKey = v.getProcessInstanceId() + "/" + v.getName();
            if (v.getExecutionId().equals(v.getProcessInstanceId()) || !byInstance.containsKey(instanceKey)) {
                byInstance.put(instanceKey, v.getValue());
            }
        }

        String text(Task task, String name) {
            Object value = byExecution.get(task.getExecutionId() + "/" + name);
            if (value == null) {
                value = byInstance.get(task.getProcessInstanceId() + "/" + name);
            }
            return value == null ? null : value.toString();
        }
    }
}
