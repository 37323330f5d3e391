package cn.canbao.dashboard.web;

import cn.canbao.dashboard.Dashboard;
import cn.canbao.dashboard.DashboardService;
import cn.canbao.dashboard.RegionFigures;
import java.time.LocalDate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A region's progress in a campaign as the dashboard shows it ({@code GET /api/campaigns/{campaign}/progress/{code}}):
 * its figures (registered, insured, target, enrolled, the outreach funnel) and its children's, as of the last refresh
 * ({@code asOf} null before the first). Scoped like the dashboard: the caller's subtree, or what an assignment grants
 * (a cadre's villages, the county for a supervisor) — 403 beyond it.
 */
@RestController
class DashboardController {

    private final DashboardService dashboards;

    DashboardController(DashboardService dashboards) {
        this.dashboards = dashboards;
    }

    record Progress(
            long campaignId,
            String regionCode,
            String regionName,
            LocalDate asOf,
            RegionFigures total,
            List<RegionFigures> children) {}

    @GetMapping("/api/campaigns/{campaign}/progress/{code}")
    Progress progress(@PathVariable long campaign, @PathVariable String code) {
        Dashboard d = dashboards.dashboard(campaign, code);
        return new Progress(campaign, d.region().code(), d.region().name(), d.asOf(), d.total(), d.children());
    }
}
