/**
 * REST endpoints of the enrollment targets and baselines; each calls the module's services, which check the
 * caller.
 */
package cn.canbao.quota.web;
