/**
 * Camunda side of the reporting cadence: process variable constants, and the delegates and listeners the BPMN
 * names by bean ({@code ${...}}).
 */
package cn.canbao.cadence.process;
