/**
 * Notices to staff (issue 20): grid workers, cadres and leaders hear of new tasks, their morning digest and leaders'
 * matters where they are — by SMS to their own phone (through the {@code sms} outbox, marked as staff) or in the
 * county's work group chat (WeCom or DingTalk robots) — instead of only when they open Canbao. Other modules' events
 * and the engine's tasks become rows of an outbox ({@link cn.canbao.notify.StaffNotifications}); a worker delivers them
 * at most once, with backoff, within each user's quiet hours and opt-out ({@link cn.canbao.notify.NotifyPreferences}).
 */
package cn.canbao.notify;
