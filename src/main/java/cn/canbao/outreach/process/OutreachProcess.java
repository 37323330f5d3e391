package cn.canbao.outreach.process;

/** Names shared between processes/lapsed-outreach.bpmn, processes/data-correction.bpmn and the Java code. */
public final class OutreachProcess {

    public static final String KEY = "LapsedOutreach";
    /** Not set by the starter any more (the business key is the case); still compared when present (ProcessRecord). */
    public static final String VAR_CASE_ID = "caseId";

    public static final String VAR_CAMPAIGN_ID = "campaignId";
    /** Shown on task cards as the campaign a task belongs to. */
    public static final String VAR_CAMPAIGN_NAME = "campaignName";

    public static final String VAR_REGION_NAME = "regionName";
    /** Whether the resident can be texted at all (valid mobile, not opted out) when the case starts. */
    public static final String VAR_CAN_TEXT = "canText";
    /** Candidate group of the visit task: the grid worker of the resident's grid (the village cadre without one). */
    public static final String VAR_VISIT_GROUP = "visitGroup";
    /** Input of the reminder task: which template (REMINDER_FIRST, REMINDER_SECOND). */
    public static final String VAR_TEMPLATE = "template";
    /** Input of the close task: why the case ends (PAID or a visit outcome). */
    public static final String VAR_END_REASON = "endReason";

    // the visit form's variables (also what a completion through Tasklist or REST must carry)
    public static final String VAR_OUTCOME = "outcome";
    public static final String VAR_METHOD = "method";
    public static final String VAR_REASON = "reason";
    public static final String VAR_PROMISED_DATE = "promisedDate";
    /** The moment the promised date ends (the timer waits for it), set by the visit task's listener. */
    public static final String VAR_PROMISED_BY = "promisedBy";

    public static final String VAR_CORRECTED_MOBILE = "correctedMobile";
    public static final String VAR_CORRECTED_ADDRESS = "correctedAddress";
    public static final String VAR_NOTE = "note";
    public static final String VAR_EVIDENCE = "evidence";
    public static final String VAR_MOVED_TO = "movedTo";
    public static final String VAR_EVENT_DATE = "eventDate";
    public static final String VAR_INSURED_SCHEME = "insuredScheme";
    public static final String VAR_INSURED_WHERE = "insuredWhere";
    /** A household visit's own outcome per member case, "caseId:OUTCOME;…" (members not named take {@code outcome}). */
    public static final String VAR_MEMBER_OUTCOMES = "memberOutcomes";

    public static final String MESSAGE_PAYMENT = "PaymentReceived";
    /** The grid worker visits before the wait is over (after a reminder, or before a promised day). */
    public static final String MESSAGE_VISIT = "VisitRequested";

    public static final String TASK_VISIT = "Task_VisitResident";
    public static final String TEMPLATE_FIRST = cn.canbao.sms.SmsTemplates.REMINDER_FIRST;
    public static final String TEMPLATE_SECOND = cn.canbao.sms.SmsTemplates.REMINDER_SECOND;

    public static final String CORRECTION_KEY = "DataCorrection";
    public static final String VAR_REQUEST_ID = "requestId";
    public static final String VAR_CLERK_GROUP = "clerkGroup";
    public static final String VAR_APPROVED = "approved";
    public static final String VAR_DECISION_NOTE = "decisionNote";
    public static final String TASK_REVIEW_CORRECTION = "Task_ReviewCorrection";

    private OutreachProcess() {}

    /**
     * The open visit task of each of these process instances that has one, by instance id (one read of the engine;
     * callers check who may see the instances before they ask).
     */
    public static java.util.Map<String, org.camunda.bpm.engine.task.Task> openVisits(
            org.camunda.bpm.engine.TaskService tasks, String[] instances) {
        return instances.length == 0
                ? java.util.Map.of()
                : tasks.createTaskQuery().processInstanceIdIn(instances).taskDefinitionKey(TASK_VISIT).list().stream()
                        .collect(java.util.stream.Collectors.toMap(
                                org.camunda.bpm.engine.task.Task::getProcessInstanceId, t -> t, (a, b) -> a));
    }
}
