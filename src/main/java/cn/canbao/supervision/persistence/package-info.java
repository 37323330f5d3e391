/**
 * SQL of supervision teams and cadre assignments that the module's services use: its tables are read and written
 * here or in the services, by nobody else.
 */
package cn.canbao.supervision.persistence;
