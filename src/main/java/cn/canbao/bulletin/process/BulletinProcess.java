package cn.canbao.bulletin.process;

/** Names shared between processes/county-bulletin.bpmn and the Java code. */
public final class BulletinProcess {

    public static final String KEY = "CountyBulletin";

    public static final String VAR_CAMPAIGN_ID = "campaignId";
    public static final String VAR_CAMPAIGN_NAME = "campaignName";
    /** The county's name, so task lists show where the bulletin is from. */
    public static final String VAR_REGION_NAME = "regionName";

    public static final String VAR_COUNTY_CODE = "countyCode";
    public static final String VAR_COUNTY_LEADER_GROUP = "countyLeaderGroup";
    public static final String VAR_BULLETIN_ID = "bulletinId";
    public static final String VAR_BULLETIN_NUMBER = "bulletinNumber";
    public static final String VAR_REVIEW_DUE = "reviewDue";
    /** Set by the review form on completion: the county leader's remarks printed above the table. */
    public static final String VAR_REMARKS = "remarks";

    public static final String TASK_REVIEW = "Task_ReviewBulletin";

    private BulletinProcess() {}
}
