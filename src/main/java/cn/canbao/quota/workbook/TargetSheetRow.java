package cn.canbao.quota.workbook;

import java.util.Objects;

/**
 * One child region of a target table as it travels through Excel: the region, the proposed target
 * and the assigned target leaders edit, with an optional note.
 */
public record TargetSheetRow(String regionCode, String regionName, int proposed, int target, String note) {

    public TargetSheetRow {
        Objects.requireNonNull(regionCode, "regionCode");
    }
}
