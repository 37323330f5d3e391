/** Views and Vaadin components of SMS reminders; they call the module's services only. */
package cn.canbao.sms.ui;
