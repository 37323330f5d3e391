/** Quartz jobs of the dashboard; each calls one service method as the system. */
package cn.canbao.dashboard.jobs;
