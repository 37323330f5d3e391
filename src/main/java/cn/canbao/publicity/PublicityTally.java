package cn.canbao.publicity;

/** The counts of a region's activities (its subtree's), for one drive. */
public record PublicityTally(
        String regionCode,
        String regionName,
        int activities,
        int events,
        int audience,
        int letters,
        int notices,
        int volunteers,
        boolean confirmed) {}
