package cn.canbao.security.camunda;

import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Task;

/**
 * Camunda's default grants on tasks (a candidate group or user may work on the task, and read its history), without
 * the database lookup for a task created in the same command.
 * <p>
 * For every candidate group or user added to a task, the default provider first asks the database for a grant on that
 * task to extend ({@code selectAuthorizationByParameters}), once for the task and once for its history. A task that
 * has not been flushed yet has an id the database has never seen, so no such grant can be there; grants made earlier
 * in the same command are still found and extended (the provider's search of the command's cache, kept). At an
 * outreach start every instance creates its visit task in the same command: profiled during a province's first county
 * (bench/province.sh, JFR and {@code pg_stat_activity} samples, 2026-12-06), that lookup was 63 of 111 samples of the
 * database's active backends. Tasks that exist already (a candidate group added later) take the default path.
 */
final class NewTaskGrants extends DefaultAuthorizationProvider {

    @Override
    protected AuthorizationEntity createOrUpdateAuthorization(
            Task task,
            String userId,
            String groupId,
            Resource resource,
            boolean isHistoric,
            Permission... permissions) {
        if (!createdInThisCommand(task)) {
            return super.createOrUpdateAuthorization(task, userId, groupId, resource, isHistoric, permissions);
        }
        AuthorizationEntity grant = createAuthorization(userId, groupId, resource, task.getId(), permissions);
        if (isHistoric) {
            provideRemovalTime(grant, task);
        }
        return grant;
    }

    private static boolean createdInThisCommand(Task task) {
        CommandContext command = Context.getCommandContext();
        return command != null
                && task instanceof TaskEntity entity
                && command.getDbEntityManager().getDbEntityCache().isTransient(entity);
    }
}
