/** Views and Vaadin components of the reporting cadence; they call the module's services only. */
package cn.canbao.cadence.ui;
