/** The notify module's SQL: the staff outbox, preferences, region channels and the new-task tallies. */
package cn.canbao.notify.persistence;
