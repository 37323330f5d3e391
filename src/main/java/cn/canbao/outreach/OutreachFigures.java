package cn.canbao.outreach;

import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignService;
import cn.canbao.region.RegionService;
import cn.canbao.register.RegisterFigures;
import cn.canbao.sms.SmsCounts;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outreach records counted for other modules' figures (the dashboard's funnel), set-based: the cases and
 * visits here, whom the campaign texted from the SMS module and who is enrolled from the register.
 */
// the service is the door: nobody unauthenticated passes (system work runs in SystemAccess); methods narrow it
@PreAuthorize("isAuthenticated()")
@Service
@Transactional(readOnly = true)
public class OutreachFigures {

    private final JdbcClient jdbc;
    private final CampaignService campaigns;
    private final RegionService regions;
    private final RegisterFigures register;
    private final SmsCounts sms;

    OutreachFigures(
            JdbcClient jdbc,
            CampaignService campaigns,
            RegionService regions,
            RegisterFigures register,
            SmsCounts sms) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.regions = regions;
        this.register = register;
        this.sms = sms;
    }

    /**
     * A village's (and grid's) residents in a campaign's outreach: all of them, those texted, visited, who
     * promised, who paid (the case ended by a payment or a visit that found one, or the resident is enrolled for
     * the campaign's year, whichever the import's listeners recorded first).
     */
    public record Funnel(
            String villageCode, String gridCode, int outreach, int reminded, int visited, int promised, int paid) {}

    /** The campaign's funnel per village and grid of the cases; the caller must see the campaign's whole county. */
    public List<Funnel> funnel(long campaignId) {
        Campaign c = campaigns.get(campaignId);
        regions.get(c.countyCode());
        List<String> residents = jdbc.sql("select id_number from outreach_case where campaign_id = ?")
                .param(campaignId)
                .query(String.class)
                .list();
        if (residents.isEmpty()) {
            return List.of();
        }
        String[] paid = register.enrolledAmong(c.year(), residents).toArray(String[]::new);
        String[] texted = sms.textedIn(campaignId).toArray(String[]::new);
        return jdbc.sql("""
                        with texted as (select distinct unnest(?::char(18)[]) id_number),
                             enrolled as (select distinct unnest(?::char(18)[]) id_number),
                             visits as (select case_id, bool_or(outcome = 'PROMISED') promised from visit
                                        where campaign_id = ? group by case_id)
                        select oc.village_code, oc.grid_code, count(*),
                               count(*) filter (where t.id_number is not null),
                               count(*) filter (where v.case_id is not null),
                               count(*) filter (where v.promised),
                               count(*) filter (where oc.end_reason in ('PAYMENT_RECEIVED', 'PAID') or e.id_number is not null)
                        from outreach_case oc left join texted t on t.id_number = oc.id_number
                        left join enrolled e on e.id_number = oc.id_number
                        left join visits v on v.case_id = oc.id
                        where oc.campaign_id = ? group by oc.village_code, oc.grid_code
                        """)
                .params(texted, paid, campaignId, campaignId)
                .query((rs, n) -> new Funnel(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getInt(4),
                        rs.getInt(5),
                        rs.getInt(6),
                        rs.getInt(7)))
                .list();
    }
}
