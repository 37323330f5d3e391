/**
 * Views and Vaadin components of fast-track enrolment of newborns and hardship residents; they call the module's
 * services only.
 */
package cn.canbao.fasttrack.ui;
