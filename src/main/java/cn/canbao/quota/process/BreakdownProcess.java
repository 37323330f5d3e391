package cn.canbao.quota.process;

/** Names shared between processes/target-breakdown.bpmn, the campaign's publish task and the Java code. */
public final class BreakdownProcess {

    public static final String KEY = "TargetBreakdown";

    public static final String VAR_CAMPAIGN_ID = "campaignId";
    public static final String VAR_REGION_CODE = "regionCode";
    public static final String VAR_REGION_NAME = "regionName";
    /** Copied from the campaign so task lists show which campaign a breakdown task belongs to. */
    public static final String VAR_CAMPAIGN_NAME = "campaignName";

    public static final String VAR_LEVEL = "level";
    public static final String VAR_CANDIDATE_GROUP = "candidateGroup";
    public static final String VAR_PARENT_GROUP = "parentGroup";
    public static final String VAR_SPLIT_DUE = "splitDue";
    public static final String VAR_ESCALATE_AT = "escalateAt";
    public static final String VAR_CHILD_REGIONS = "childRegions";
    public static final String VAR_HAS_CHILD_TASKS = "hasChildTasks";
    public static final String VAR_TOWNSHIPS = "townships";
    /** Set by the task forms on completion: the children's targets as JSON {"code": n}, and the justification. */
    public static final String VAR_TARGETS = "targets";

    public static final String VAR_COMMENT = "comment";
    public static final String VAR_CHASE_NOTE = "chaseNote";

    public static final String TASK_SPLIT = "Task_SplitTarget";
    public static final String TASK_CHASE = "Task_ChaseOverdueSplit";
    public static final String TASK_PUBLISH = "Task_PublishTownshipTargets";

    private BreakdownProcess() {}
}
