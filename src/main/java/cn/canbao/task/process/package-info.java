/**
 * Camunda side of the task list: process variable constants, and the delegates and listeners the BPMN names by
 * bean ({@code ${...}}).
 */
package cn.canbao.task.process;
