/**
 * Shared foundations every capability uses: the one clock, the database bootstrap, the application shell and
 * UI helpers, translated domain errors.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package cn.canbao.base;
