package cn.canbao.cadence.process;

/** Names shared between processes/village-summary.bpmn and the Java code. */
public final class VillageSummaryProcess {

    public static final String KEY = "VillageSummary";
    public static final String TASK_CONFIRM = "Task_ConfirmVillageSummary";

    public static final String VAR_CAMPAIGN_ID = "campaignId";
    public static final String VAR_CAMPAIGN_NAME = "campaignName";
    public static final String VAR_REGION_CODE = "regionCode";
    public static final String VAR_REGION_NAME = "regionName";
    /** The reporting day, ISO yyyy-MM-dd (a string: Camunda has no date-only type). */
    public static final String VAR_REPORT_DATE = "reportDate";

    public static final String VAR_CANDIDATE_GROUP = "candidateGroup";
    public static final String VAR_DUE_AT = "dueAt";
    /** Set by the form on completion: the cadre's remarks (optional). */
    public static final String VAR_REMARKS = "remarks";

    private VillageSummaryProcess() {}
}
