/** REST endpoints of the bulletin; each calls the module's services, which check the caller. */
package cn.canbao.bulletin.web;
