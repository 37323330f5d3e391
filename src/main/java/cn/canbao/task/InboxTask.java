package cn.canbao.task;

import java.time.Instant;

/**
 * An open process task as the current user sees it.
 *
 * @param formKey      the app path of the task's form, e.g. {@code /tasks/split-target}; may be null
 * @param assignee     username of whoever claimed it, null when unclaimed
 * @param assigneeName that user's display name (the username if unknown), null when unclaimed
 * @param due          null when the task has no due date
 * @param regionName   process variable {@code regionName}, null when absent
 * @param campaignName process variable {@code campaignName}, null when absent
 * @param mine         claimed by the current user
 * @param claimable    unclaimed, so the current user may claim it
 * @param reminded     when the task was last reminded as overdue, null if never
 */
public record InboxTask(
        String id,
        String name,
        String processDefinitionKey,
        String processInstanceId,
        String businessKey,
        String taskDefinitionKey,
        String formKey,
        String assignee,
        String assigneeName,
        Instant created,
        Instant due,
        int priority,
        boolean overdue,
        String regionName,
        String campaignName,
        boolean mine,
        boolean claimable,
        Instant reminded) {}
