/**
 * The policy rules of SPEC §7 (waiting period, serious-illness cap reward and penalty) as DMN tables a
 * clerk can read and replace per year, evaluated on the register's enrollment history.
 */
package cn.canbao.policy;
