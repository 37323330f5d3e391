package cn.canbao.dashboard;

import java.util.List;

/**
 * Dashboards granted to the current user beyond their own region's subtree, by an assignment another module keeps
 * (a cadre's villages, a campaign's supervision team): implemented there, asked by {@link DashboardService}, which
 * reads a granted region's figures as the system after asking. Implementations answer for the current user only,
 * nothing for system work or nobody, and only what is in force now (a dissolved team, an ended campaign grant nothing).
 */
public interface DashboardGrants {

    /** The codes of the regions whose subtrees the current user may read in the campaign by an assignment. */
    List<String> grantedRegions(long campaignId);

    /** The campaigns in which the current user holds such a grant. */
    List<Long> grantedCampaigns();
}
