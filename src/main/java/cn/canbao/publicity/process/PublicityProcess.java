package cn.canbao.publicity.process;

/** Names shared between processes/publicity-drive.bpmn and the Java code. */
public final class PublicityProcess {

    public static final String KEY = "PublicityDrive";
    public static final String VAR_DRIVE_ID = "driveId";
    /** Shown on task cards as the campaign a task belongs to. */
    public static final String VAR_CAMPAIGN_NAME = "campaignName";

    public static final String VAR_TOWNSHIPS = "townships";
    public static final String VAR_TOWNSHIP = "township";
    public static final String VAR_REGION_NAME = "regionName";
    public static final String VAR_CONFIRM_DUE = "confirmDue";
    public static final String VAR_REMARKS = "remarks";
    public static final String TASK_CONFIRM = "Task_ConfirmTownshipPublicity";

    private PublicityProcess() {}
}
