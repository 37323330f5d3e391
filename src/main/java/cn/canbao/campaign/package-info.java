/**
 * Campaigns (扩面行动): a county's yearly enrollment drive with its collection period, coverage goal and
 * phases, run as the BPMN process {@code Campaign}.
 */
package cn.canbao.campaign;
