/** REST endpoints of the dashboard; each calls the module's services, which check the caller. */
package cn.canbao.dashboard.web;
