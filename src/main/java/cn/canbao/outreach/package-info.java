/**
 * Lapsed-resident outreach (催缴): SMS reminders, the grid worker's visits and their outcomes, and the data
 * corrections a visit raises — one {@code LapsedOutreach} process per resident and campaign, ended by a payment.
 */
package cn.canbao.outreach;
