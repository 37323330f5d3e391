/**
 * Camunda's view of Canbao's users: identity provider, groups per role and region, standing and per-instance
 * grants, and the job executor running as the system.
 */
package cn.canbao.security.camunda;
