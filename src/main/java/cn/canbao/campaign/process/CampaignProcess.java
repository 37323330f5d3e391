package cn.canbao.campaign.process;

/** Names shared between processes/campaign.bpmn and the Java code: ids, variables, messages. */
public final class CampaignProcess {

    public static final String KEY = "Campaign";
    public static final String MESSAGE_EXTENDED = "CollectionPeriodExtended";

    public static final String VAR_CAMPAIGN_ID = "campaignId";
    public static final String VAR_CAMPAIGN_NAME = "campaignName";
    public static final String VAR_COUNTY_CODE = "countyCode";
    public static final String VAR_COUNTY_LEADER_GROUP = "countyLeaderGroup";
    public static final String VAR_PUBLISH_DUE = "publishDue";
    public static final String VAR_COLLECTION_END = "collectionEnd";
    public static final String VAR_TOWNSHIPS = "townships";
    public static final String VAR_SUMMARY = "summary";

    public static final String TASK_PUBLISH = "Task_PublishTownshipTargets";
    public static final String TASK_SUMMARISE = "Task_SummariseCampaign";

    private CampaignProcess() {}
}
