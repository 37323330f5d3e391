/**
 * Camunda side of the enrollment targets and baselines: process variable constants, and the delegates and
 * listeners the BPMN names by bean ({@code ${...}}).
 */
package cn.canbao.quota.process;
