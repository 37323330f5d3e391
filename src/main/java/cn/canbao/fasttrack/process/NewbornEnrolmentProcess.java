package cn.canbao.fasttrack.process;

/** Names shared between processes/newborn-enrolment.bpmn and the Java code. */
public final class NewbornEnrolmentProcess {

    public static final String KEY = "NewbornEnrolment";
    public static final String TASK_ENROL = "Task_EnrolNewborn";
    /** Correlated when an extract (insurance, tax) shows the newborn enrolled for the track's year. */
    public static final String MESSAGE_ENROLLED = "NewbornEnrolled";

    /** The fast_track row (Long); also the business key. */
    public static final String VAR_TRACK_ID = "trackId";
    /** The child's name, in the task's name. */
    public static final String VAR_PERSON_NAME = "personName";
    /** The grid (or village) the task is for, shown by task lists. */
    public static final String VAR_REGION_NAME = "regionName";
    /** {@code grid-worker:<grid>}; {@code village-cadre:<village>} or {@code clerk:<county>} without a grid. */
    public static final String VAR_CANDIDATE_GROUP = "candidateGroup";

    public static final String VAR_DUE_AT = "dueAt";
    /** Set by the form on completion: 出生医学证明编号. */
    public static final String VAR_BIRTH_CERTIFICATE = "birthCertificate";
    /** Set by the form: EMPLOYEE or RESIDENT. */
    public static final String VAR_SCHEME = "scheme";
    /** Set by the form: the day of enrolment, ISO yyyy-MM-dd. */
    public static final String VAR_ENROLLED_ON = "enrolledOn";

    private NewbornEnrolmentProcess() {}
}
