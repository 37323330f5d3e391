/**
 * The leaders' dashboard (数据看板): progress against target, coverage and ranking of the child regions,
 * reasons for non-enrolment, the outreach funnel and SMS delivery of a region's subtree, read from figures
 * pre-aggregated per campaign, region and day, with drill-down from the county to the grids.
 */
package cn.canbao.dashboard;
