package cn.canbao.quota;

import java.util.List;

/** A region's target row and its children's, for one campaign: what the target pages and exports show. */
public record TargetTable(long campaignId, String campaignName, int year, TargetRow region, List<TargetRow> children) {

    public int childrenProposed() {
        return children.stream().mapToInt(TargetRow::proposed).sum();
    }

    public int childrenTarget() {
        return children.stream().mapToInt(TargetRow::target).sum();
    }
}
