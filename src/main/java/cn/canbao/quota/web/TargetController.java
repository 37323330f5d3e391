package cn.canbao.quota.web;

import cn.canbao.campaign.CampaignService;
import cn.canbao.quota.TargetHistoryEntry;
import cn.canbao.quota.TargetRow;
import cn.canbao.quota.TargetService;
import cn.canbao.quota.TargetTable;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/campaigns/{id}/targets?region=} — a region's target and its children's as JSON
 * (the county's when no region is given), with the history of their changes. HTTP Basic; scoped: a
 * region outside the caller's subtree answers 403.
 */
@RestController
@RequestMapping("/api/campaigns/{id}/targets")
class TargetController {

    private final TargetService targets;
    private final CampaignService campaigns;

    TargetController(TargetService targets, CampaignService campaigns) {
        this.targets = targets;
        this.campaigns = campaigns;
    }

    record TargetTableResponse(
            long campaignId,
            String campaignName,
            int year,
            TargetRow region,
            List<TargetRow> children,
            int childrenProposed,
            int childrenTarget,
            List<TargetHistoryEntry> history) {}

    @GetMapping
    TargetTableResponse table(@PathVariable long id, @RequestParam(required = false) String region) {
        String code = region == null || region.isBlank() ? campaigns.get(id).countyCode() : region;
        TargetTable t = targets.table(id, code);
        return new TargetTableResponse(
                t.campaignId(),
                t.campaignName(),
                t.year(),
                t.region(),
                t.children(),
                t.childrenProposed(),
                t.childrenTarget(),
                targets.history(id, code));
    }
}
