/** Views and Vaadin components of the task list; they call the module's services only. */
package cn.canbao.task.ui;
