/** REST endpoints of the subsidy policy; each calls the module's services, which check the caller. */
package cn.canbao.policy.web;
