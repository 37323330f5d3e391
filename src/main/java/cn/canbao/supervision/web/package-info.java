/**
 * REST endpoints of supervision teams and cadre assignments; each calls the module's services, which check the
 * caller.
 */
package cn.canbao.supervision.web;
