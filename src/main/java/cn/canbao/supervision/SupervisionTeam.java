package cn.canbao.supervision;

import java.time.Instant;
import java.util.List;

/**
 * A campaign's joint supervision team (联合督导组) with its live members; a dissolved team keeps who dissolved it
 * and when, and grants nothing any more.
 */
public record SupervisionTeam(
        long id,
        long campaignId,
        String campaignName,
        String name,
        String setUpBy,
        Instant setUpAt,
        String dissolvedBy,
        Instant dissolvedAt,
        List<Member> members) {

    public boolean live() {
        return dissolvedAt == null;
    }

    /** A member: who, from which department (县医保局, 县税务局 …), added by whom and when. */
    public record Member(String username, String displayName, String department, String addedBy, Instant addedAt) {}
}
