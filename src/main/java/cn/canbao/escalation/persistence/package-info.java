/**
 * SQL of escalation of lagging townships that the module's services use: its tables are read and written here or
 * in the services, by nobody else.
 */
package cn.canbao.escalation.persistence;
