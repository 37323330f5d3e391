/** Views and Vaadin components of the enrollment campaign; they call the module's services only. */
package cn.canbao.campaign.ui;
