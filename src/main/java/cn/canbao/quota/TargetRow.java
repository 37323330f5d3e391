package cn.canbao.quota;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One region's target in a campaign. {@code uninsured} (not insured last year nor this year) and
 * {@code lapsed} (paid last year, not yet this year) come from the register when the row was proposed;
 * their sum is the proposal. {@code target} is what the level above assigned; {@code childrenTotal} is
 * the sum its own children were given (null before it split), {@code splitComment} its justification
 * when that sum differs.
 */
public record TargetRow(
        String regionCode,
        String regionName,
        TargetLevel level,
        String parentCode,
        int uninsured,
        int lapsed,
        int target,
        boolean assigned,
        String splitComment,
        String confirmedBy,
        Instant confirmedAt,
        Integer childrenTotal) {

    /** The same row with its region's name. */
    public TargetRow named(String name) {
        return new TargetRow(
                regionCode,
                name,
                level,
                parentCode,
                uninsured,
                lapsed,
                target,
                assigned,
                splitComment,
                confirmedBy,
                confirmedAt,
                childrenTotal);
    }

    @JsonProperty
    public int proposed() {
        return uninsured + lapsed;
    }

    @JsonProperty
    public boolean confirmed() {
        return confirmedAt != null;
    }

    /** Children's total minus own target (0 when they add up, null before the split). */
    @JsonProperty
    public Integer splitDifference() {
        return childrenTotal == null ? null : childrenTotal - target;
    }
}
