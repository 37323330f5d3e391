/** The notice settings page: one's own channel, opt-out and quiet hours; a leader's region channel. */
package cn.canbao.notify.ui;
