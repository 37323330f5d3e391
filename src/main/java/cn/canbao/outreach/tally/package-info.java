/** The work tally: visits and enrolments per worker and tier, on screen and as a workbook. */
package cn.canbao.outreach.tally;
