/**
 * SMS payment reminders: processes write to an outbox in their own transaction, a dispatcher sends from it
 * through a {@link cn.canbao.sms.gateway.SmsGateway} (Alibaba Cloud, Twilio or local) within rate, quiet hours and caps, and
 * callbacks, replies (退订) and workers' opt-outs come back through webhooks and {@link cn.canbao.sms.SmsService}.
 */
package cn.canbao.sms;
