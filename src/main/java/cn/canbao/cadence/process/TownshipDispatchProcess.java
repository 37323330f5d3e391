package cn.canbao.cadence.process;

/** Names shared between processes/township-dispatch.bpmn and the Java code (variables as the village summary's). */
public final class TownshipDispatchProcess {

    public static final String KEY = "TownshipDispatch";
    public static final String TASK_DISPATCH = "Task_DispatchTownship";

    public static final String VAR_CAMPAIGN_ID = VillageSummaryProcess.VAR_CAMPAIGN_ID;
    public static final String VAR_CAMPAIGN_NAME = VillageSummaryProcess.VAR_CAMPAIGN_NAME;
    public static final String VAR_REGION_CODE = VillageSummaryProcess.VAR_REGION_CODE;
    public static final String VAR_REGION_NAME = VillageSummaryProcess.VAR_REGION_NAME;
    public static final String VAR_REPORT_DATE = VillageSummaryProcess.VAR_REPORT_DATE;
    public static final String VAR_CANDIDATE_GROUP = VillageSummaryProcess.VAR_CANDIDATE_GROUP;
    public static final String VAR_DUE_AT = VillageSummaryProcess.VAR_DUE_AT;
    /** Set by the form on completion: the instructions given (required). */
    public static final String VAR_INSTRUCTIONS = "instructions";

    private TownshipDispatchProcess() {}
}
