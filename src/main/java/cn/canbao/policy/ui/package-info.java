/** Views and Vaadin components of the subsidy policy; they call the module's services only. */
package cn.canbao.policy.ui;
