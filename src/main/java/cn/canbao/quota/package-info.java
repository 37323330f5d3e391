/**
 * Targets (目标任务): the baseline table per region and enrollment year, from which targets are
 * proposed and broken down county → township → village → grid.
 */
package cn.canbao.quota;
