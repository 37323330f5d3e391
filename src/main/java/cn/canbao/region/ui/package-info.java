/** Views and Vaadin components of the region tree; they call the module's services only. */
package cn.canbao.region.ui;
