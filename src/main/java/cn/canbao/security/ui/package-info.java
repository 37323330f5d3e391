/** Views and Vaadin components of users, roles and login; they call the module's services only. */
package cn.canbao.security.ui;
