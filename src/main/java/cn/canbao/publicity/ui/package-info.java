/** Views and Vaadin components of the publicity drives; they call the module's services only. */
package cn.canbao.publicity.ui;
