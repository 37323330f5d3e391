/** Views and Vaadin components of supervision teams and cadre assignments; they call the module's services only. */
package cn.canbao.supervision.ui;
