/**
 * The channels a notice goes out by, behind {@link cn.canbao.notify.channel.StaffChannel}: staff SMS (handed to the
 * {@code sms} outbox), WeCom group robots and DingTalk robots (one signed JSON POST each, with the JDK's HTTP client).
 */
package cn.canbao.notify.channel;
