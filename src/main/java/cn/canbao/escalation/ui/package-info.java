/** Views and Vaadin components of escalation of lagging townships; they call the module's services only. */
package cn.canbao.escalation.ui;
