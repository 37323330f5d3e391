/** Views and Vaadin components of the bulletin; they call the module's services only. */
package cn.canbao.bulletin.ui;
