/**
 * Camunda side of the bulletin: process variable constants, and the delegates and listeners the BPMN names by bean
 * ({@code ${...}}).
 */
package cn.canbao.bulletin.process;
