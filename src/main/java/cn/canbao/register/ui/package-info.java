/** Views and Vaadin components of the person register; they call the module's services only. */
package cn.canbao.register.ui;
