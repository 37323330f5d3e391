/** REST endpoints of SMS reminders; each calls the module's services, which check the caller. */
package cn.canbao.sms.web;
