package cn.canbao.region;

/** A region as listed in the browser: the region and how many direct children it has. */
public record RegionSummary(Region region, int childCount) {}
