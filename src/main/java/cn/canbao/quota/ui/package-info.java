/** Views and Vaadin components of the enrollment targets and baselines; they call the module's services only. */
package cn.canbao.quota.ui;
