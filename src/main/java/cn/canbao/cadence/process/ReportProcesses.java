package cn.canbao.cadence.process;

import cn.canbao.campaign.Campaign;
import cn.canbao.region.Region;
import cn.canbao.security.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Starts the day's report processes: one instance per village summary or township dispatch (about 300 a
 * day for a county; see processes/README.md why not one multi-instance). Business key: the campaign.
 */
@Component
public class ReportProcesses {

    private final RuntimeService runtime;

    ReportProcesses(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** Whether the campaign's own process still runs (it is gone when deleted rather than ended). */
    public boolean running(Campaign campaign) {
        return campaign.processInstanceId() != null
                && runtime.createProcessInstanceQuery()
                                .processInstanceId(campaign.processInstanceId())
                                .count()
                        > 0;
    }

    /** Starts a VillageSummary per village; returns village code → process instance id. */
    public Map<String, String> startSummaries(Campaign campaign, List<Region> villages, LocalDate day, Instant dueAt) {
        return start(VillageSummaryProcess.KEY, Role.VILLAGE_CADRE, campaign, villages, day, dueAt);
    }

    /** Starts a TownshipDispatch per township; returns township code → process instance id. */
    public Map<String, String> startDispatches(
            Campaign campaign, List<Region> townships, LocalDate day, Instant dueAt) {
        return start(TownshipDispatchProcess.KEY, Role.TOWNSHIP_LEADER, campaign, townships, day, dueAt);
    }

    private Map<String, String> start(
            String key, Role role, Campaign campaign, List<Region> regions, LocalDate day, Instant dueAt) {
        Map<String, String> started = new LinkedHashMap<>();
        for (Region region : regions) {
            Map<String, Object> variables = new HashMap<>();
            variables.put(VillageSummaryProcess.VAR_CAMPAIGN_ID, campaign.id());
            variables.put(VillageSummaryProcess.VAR_CAMPAIGN_NAME, campaign.name());
            variables.put(VillageSummaryProcess.VAR_REGION_CODE, region.code());
            variables.put(VillageSummaryProcess.VAR_REGION_NAME, region.name());
            variables.put(VillageSummaryProcess.VAR_REPORT_DATE, day.toString());
            variables.put(VillageSummaryProcess.VAR_CANDIDATE_GROUP, role.groupAt(region.code()));
            variables.put(VillageSummaryProcess.VAR_DUE_AT, Date.from(dueAt));
            started.put(
                    region.code(),
                    runtime.startProcessInstanceByKey(key, Long.toString(campaign.id()), variables)
                            .getId());
        }
        return started;
    }
}
