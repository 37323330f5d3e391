/** Quartz jobs of the person register; each calls one service method as the system. */
package cn.canbao.register.jobs;
