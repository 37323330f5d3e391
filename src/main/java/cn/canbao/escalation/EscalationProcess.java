package cn.canbao.escalation;

/** Names shared between processes/escalation-case.bpmn, processes/lagging-township.dmn and the Java code. */
public final class EscalationProcess {

    public static final String KEY = "EscalationCase";
    public static final String DECISION = "LaggingTownship";

    public static final String VAR_CASE_ID = "caseId";
    public static final String VAR_CAMPAIGN_ID = "campaignId";
    public static final String VAR_CAMPAIGN_NAME = "campaignName";
    public static final String VAR_REGION_CODE = "regionCode";
    public static final String VAR_REGION_NAME = "regionName";
    public static final String VAR_COUNTY_LEADER_GROUP = "countyLeaderGroup";
    public static final String VAR_TOWNSHIP_LEADER_GROUP = "townshipLeaderGroup";
    /** Set by the summons form: the date of the summons (ISO yyyy-MM-dd), who attended, the minutes. */
    public static final String VAR_SUMMONS_DATE = "summonsDate";
    public static final String VAR_ATTENDEES = "attendees";
    public static final String VAR_MINUTES = "minutes";
    /** Set when the summons is recorded: the plan is due by then, the rectification is re-checked then. */
    public static final String VAR_PLAN_DUE = "planDue";
    public static final String VAR_RECTIFICATION_DEADLINE = "rectificationDeadline";
    /** Set by the rectification plan form. */
    public static final String VAR_PLAN = "plan";
    /** Set by the re-check at the deadline. */
    public static final String VAR_STILL_LAGGING = "stillLagging";
    /** Set by the report-to-city form: what was reported, and to whom. */
    public static final String VAR_REPORT = "report";
    public static final String VAR_REPORTED_TO = "reportedTo";

    public static final String TASK_SUMMONS = "Task_Summons";
    public static final String TASK_RECTIFICATION_PLAN = "Task_RectificationPlan";
    public static final String TASK_RECHECK = "Task_RecheckTownship";
    public static final String TASK_REPORT_TO_CITY = "Task_ReportToCity";

    /** Decision inputs and outputs. */
    public static final String IN_RANK = "rank";
    public static final String IN_TOWNSHIP_COUNT = "townshipCount";
    public static final String IN_BOTTOM_N = "bottomN";
    public static final String IN_COMPLETION = "completion";
    public static final String IN_EXPECTED_COMPLETION = "expectedCompletion";
    public static final String IN_TOLERANCE_POINTS = "tolerancePoints";
    public static final String OUT_LAGGING = "lagging";
    public static final String OUT_REASON = "reason";

    private EscalationProcess() {
    }
}
