/** REST endpoints of the person register; each calls the module's services, which check the caller. */
package cn.canbao.register.web;
