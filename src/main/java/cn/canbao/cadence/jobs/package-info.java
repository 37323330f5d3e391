/** Quartz jobs of the reporting cadence; each calls one service method as the system. */
package cn.canbao.cadence.jobs;
