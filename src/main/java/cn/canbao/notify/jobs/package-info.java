/**
 * The notify module's background work: the delivery worker (every node runs one; rows are claimed with FOR UPDATE
 * SKIP LOCKED), the new-task scan with its hourly batching, and the morning digest (Quartz, clustered: one node).
 */
package cn.canbao.notify.jobs;
