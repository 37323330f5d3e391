package cn.canbao.escalation.process;

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

    /** Set by the summons proposal form: CONFIRM, WAIVE or POSTPONE, the waiver's reason, the postponement's day. */
    public static final String VAR_DECISION = "decision";

    public static final String VAR_WAIVE_REASON = "waiveReason";
    public static final String VAR_POSTPONE_UNTIL = "postponeUntil";
    /** Set by the proposal's listener from the decision it recorded (the gateway and the timer read these). */
    public static final String VAR_PROPOSAL_DECISION = "proposalDecision";

    public static final String VAR_POSTPONED_UNTIL = "postponedUntil";
    /** Set when the case escalates: whether there is a level above the county to report to, and its names. */
    public static final String VAR_REPORT_ABOVE = "reportAbove";

    public static final String VAR_REPORT_LEVEL_NAMES = "reportLevelNames";

    public static final String TASK_PROPOSE_SUMMONS = "Task_ProposeSummons";
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
    public static final String IN_BELOW_LINE_POINTS = "belowLinePoints";
    public static final String IN_COVERAGE = "coverage";
    public static final String IN_COVERAGE_BELOW = "coverageBelow";
    public static final String OUT_CRITERION = "criterion";
    public static final String OUT_REASON = "reason";

    private EscalationProcess() {}
}
