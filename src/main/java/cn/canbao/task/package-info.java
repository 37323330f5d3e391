/**
 * Every user's open process tasks and the task list.
 */
package cn.canbao.task;
