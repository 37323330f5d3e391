/**
 * SQL of the enrollment targets and baselines that the module's services use: its tables are read and written here
 * or in the services, by nobody else.
 */
package cn.canbao.quota.persistence;
