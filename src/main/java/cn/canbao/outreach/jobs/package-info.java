/** Quartz jobs of outreach to residents not yet enrolled; each calls one service method as the system. */
package cn.canbao.outreach.jobs;
