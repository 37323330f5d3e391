package cn.canbao.task.process;

/**
 * Process variables the task list reads. Processes whose tasks should show their region and campaign
 * set {@link #REGION_NAME} and {@link #CAMPAIGN_NAME} (strings) on the instance or the task's scope.
 */
public final class TaskVariables {

    /** Name of the region the task is about, e.g. 桃城镇. */
    public static final String REGION_NAME = "regionName";
    /** Name of the campaign the task belongs to. */
    public static final String CAMPAIGN_NAME = "campaignName";
    /** Task-local: when the task was last reminded as overdue (a Date). */
    public static final String REMINDED_AT = "remindedAt";
    /** Input variable of the reminder service task: the task definition key to remind. */
    public static final String TASK_KEY = "taskKey";

    private TaskVariables() {}
}
