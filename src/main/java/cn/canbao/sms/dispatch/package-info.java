/**
 * Sending the outbox: the dispatcher, its worker and rate limit, the outbox store and provider statuses, and the
 * gateway wiring.
 */
package cn.canbao.sms.dispatch;
