/**
 * Camunda side of escalation of lagging townships: process variable constants, and the delegates and listeners the
 * BPMN names by bean ({@code ${...}}).
 */
package cn.canbao.escalation.process;
