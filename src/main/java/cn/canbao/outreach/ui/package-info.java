/** Views and Vaadin components of outreach to residents not yet enrolled; they call the module's services only. */
package cn.canbao.outreach.ui;
