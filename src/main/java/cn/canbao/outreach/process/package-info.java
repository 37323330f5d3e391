/**
 * Camunda side of outreach to residents not yet enrolled: process variable constants, and the delegates and
 * listeners the BPMN names by bean ({@code ${...}}).
 */
package cn.canbao.outreach.process;
