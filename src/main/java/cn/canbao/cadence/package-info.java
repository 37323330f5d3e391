/**
 * The reporting cadence of a campaign (村每日一汇总, 乡镇三天一调度, 县级五天一通报): schedules owned by
 * Quartz that start the village summary and township dispatch processes and call for the bulletin.
 */
package cn.canbao.cadence;
