/** Quartz jobs of the enrollment targets and baselines; each calls one service method as the system. */
package cn.canbao.quota.jobs;
