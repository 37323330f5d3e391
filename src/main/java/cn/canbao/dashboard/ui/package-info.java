/** Views and Vaadin components of the dashboard; they call the module's services only. */
package cn.canbao.dashboard.ui;
