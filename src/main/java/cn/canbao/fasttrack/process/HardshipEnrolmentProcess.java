package cn.canbao.fasttrack.process;

/** Names shared between processes/hardship-enrolment.bpmn and the Java code. */
public final class HardshipEnrolmentProcess {

    public static final String KEY = "HardshipEnrolment";
    public static final String TASK_ENROL = "Task_EnrolHardshipMember";
    /** Correlated when an extract shows the member enrolled for the track's year. */
    public static final String MESSAGE_ENROLLED = "HardshipMemberEnrolled";

    /** The fast_track row (Long); also the business key. */
    public static final String VAR_TRACK_ID = NewbornEnrolmentProcess.VAR_TRACK_ID;

    public static final String VAR_PERSON_NAME = NewbornEnrolmentProcess.VAR_PERSON_NAME;
    /** The member's household village, shown by task lists. */
    public static final String VAR_REGION_NAME = NewbornEnrolmentProcess.VAR_REGION_NAME;
    /** {@code clerk:<county>}. */
    public static final String VAR_CANDIDATE_GROUP = NewbornEnrolmentProcess.VAR_CANDIDATE_GROUP;

    public static final String VAR_DUE_AT = NewbornEnrolmentProcess.VAR_DUE_AT;
    /** Set by the form on completion: the day of the subsidised enrolment, ISO yyyy-MM-dd. */
    public static final String VAR_ENROLLED_ON = NewbornEnrolmentProcess.VAR_ENROLLED_ON;

    private HardshipEnrolmentProcess() {}
}
