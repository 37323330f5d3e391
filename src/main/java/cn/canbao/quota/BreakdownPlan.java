package cn.canbao.quota;

import java.util.Date;
import java.util.List;

/**
 * What one breakdown task needs: who confirms it (candidate group), who is told when it is overdue
 * (the level above), its deadlines, and the children that get breakdown tasks of their own (a
 * township's villages; a village's grids get rows, not tasks).
 */
public record BreakdownPlan(
        String campaignName,
        String regionName,
        TargetLevel level,
        String candidateGroup,
        String parentGroup,
        Date splitDue,
        Date escalateAt,
        List<String> childRegions) {

    public boolean hasChildTasks() {
        return !childRegions.isEmpty();
    }
}
