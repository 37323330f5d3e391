package cn.canbao.supervision;

import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.CampaignPhase;
import cn.canbao.campaign.CampaignService;
import cn.canbao.dashboard.DashboardGrants;
import cn.canbao.region.Region;
import cn.canbao.region.RegionLevel;
import cn.canbao.region.RegionService;
import cn.canbao.security.CanbaoUser;
import cn.canbao.security.CurrentUser;
import cn.canbao.security.Role;
import cn.canbao.security.SystemAccess;
import cn.canbao.supervision.persistence.SupervisionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the assignments of this module let the current user read on the dashboard, decided now, from the rows and
 * the user's session (whose roles are those of the login: new roles end the session):
 * <ul>
 * <li>a township cadre ({@link Role#TOWNSHIP_CADRE}): the villages they answer for now that are live and lie in the
 * campaign's county — nothing else of the township;</li>
 * <li>a supervisor ({@link Role#SUPERVISOR}): the campaign's county while a live team of the campaign counts them as a
 * live member and the campaign is not closed — lost when the campaign closes, the team is dissolved or they leave it.</li>
 * </ul>
 * Nobody else, and no system work, gets anything here (they see what their region shows them).
 */
@Component
class SupervisionGrants implements DashboardGrants {

    private final SupervisionStore store;
    private final CampaignService campaigns;
    private final RegionService regions;

    SupervisionGrants(SupervisionStore store, CampaignService campaigns, RegionService regions) {
        this.store = store;
        this.campaigns = campaigns;
        this.regions = regions;
    }

    @Override
    public List<String> grantedRegions(long campaignId) {
        Optional<CanbaoUser> user = person();
        if (user.isEmpty()) {
            return List.of();
        }
        Optional<Campaign> campaign = Optional.empty();
        List<String> granted = new ArrayList<>();
        if (user.get().hasRole(Role.TOWNSHIP_CADRE)) {
            campaign = campaign(campaignId);
            List<String> villages = liveVillages(user.get());
            String county = campaign.map(c -> RegionLevel.COUNTY.prefixOf(c.countyCode()))
                    .orElse(null);
            villages.stream()
                    .filter(v -> county != null && v.startsWith(county))
                    .forEach(granted::add);
        }
        if (user.get().hasRole(Role.SUPERVISOR)
                && store.campaignsSupervisedBy(user.get().getUsername()).contains(campaignId)) {
            campaign = campaign.isPresent() ? campaign : campaign(campaignId);
            campaign.filter(c -> c.phase() != CampaignPhase.CLOSED).ifPresent(c -> granted.add(c.countyCode()));
        }
        return granted;
    }

    @Override
    public List<Long> grantedCampaigns() {
        Optional<CanbaoUser> user = person();
        if (user.isEmpty()) {
            return List.of();
        }
        List<Long> granted = new ArrayList<>();
        if (user.get().hasRole(Role.TOWNSHIP_CADRE)) {
            List<String> counties = liveVillages(user.get()).stream()
                    .map(RegionLevel.COUNTY::prefixOf)
                    .distinct()
                    .toList();
            if (!counties.isEmpty()) {
                SystemAccess.call(campaigns::list).stream()
                        .filter(c -> counties.contains(RegionLevel.COUNTY.prefixOf(c.countyCode())))
                        .forEach(c -> granted.add(c.id()));
            }
        }
        if (user.get().hasRole(Role.SUPERVISOR)) {
            store.campaignsSupervisedBy(user.get().getUsername()).stream()
                    .filter(id -> campaign(id)
                            .filter(c -> c.phase() != CampaignPhase.CLOSED)
                            .isPresent())
                    .forEach(granted::add);
        }
        return granted;
    }

    /** A person logged in (system work and nobody hold no assignment). */
    private static Optional<CanbaoUser> person() {
        return CurrentUser.isSystem() ? Optional.empty() : CurrentUser.get();
    }

    private Optional<Campaign> campaign(long id) {
        // a cadre's or supervisor's binding shows them no campaign: the assignment does, so it is read as the system
        return SystemAccess.call(() -> campaigns.find(id));
    }

    /** The cadre's villages now: live regions of the cadre's own township (a region revoked since grants nothing). */
    private List<String> liveVillages(CanbaoUser cadre) {
        List<String> codes = store.liveAssignmentsOf(cadre.getUsername()).stream()
                .map(SupervisionStore.Assignment::villageCode)
                .filter(code -> CadreAssignmentService.within(code, cadre.regionCode()))
                .toList();
        if (codes.isEmpty()) {
            return List.of();
        }
        Map<String, Region> live = regions.findAllUnscoped(codes);
        return codes.stream()
                .filter(code -> live.containsKey(code) && !live.get(code).deleted())
                .toList();
    }
}
