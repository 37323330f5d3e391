/** Chooses the PostgreSQL server: configured, local (tests) or embedded with durable data in ./data/pg. */
package cn.canbao.base.database;
